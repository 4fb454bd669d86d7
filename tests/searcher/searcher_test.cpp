// Tests for searcher/src/searcher.cpp and query_builder.cpp: ranking, query syntax, fields,
// stemming, fallback, paging, snippets and errors, on real on-disk databases.
#include <gazette/error.hpp>
#include <gazette/searcher.hpp>

#include "searcher/src/facets.hpp"
#include "searcher/src/filters.hpp"
#include "searcher/src/query_builder.hpp"
#include "tests/searcher/filter_fixture.hpp"
#include "tests/support/index_fixture.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

using namespace gazette;
using gazette::test::make_article;

namespace {

std::vector<Article> newsroom() {
  std::vector<Article> v;
  v.push_back(make_article("oil-title", "Oil prices surge",
                           "Traders reacted on Monday as supplies tightened in the gulf."));
  v.push_back(make_article("oil-body", "Markets wrap",
                           "Stocks were mixed. Oil prices rose slightly while bonds fell."));
  v.push_back(make_article("strike", "Dock workers strike",
                           "A wire strike by dock workers halted shipping at the port."));
  v.push_back(make_article("rising", "Economy notes",
                           "Unemployment is rising and economists expect a slowdown."));
  Article bylined = make_article("byline", "Election night", "Voters went to the polls.");
  bylined.authors = {"Jane Doe"};
  bylined.source = "The Daily Planet";
  v.push_back(bylined);
  return v;
}

std::vector<std::string> ids(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits)
    out.push_back(h.article.id);
  return out;
}

SearchResult search(Searcher& s, std::string query, MatchMode match = MatchMode::all) {
  SearchRequest r;
  r.query = std::move(query);
  r.match = match;
  return s.search(r);
}

}  // namespace

TEST_CASE("searcher: query syntax and fields") {
  test::IndexFixture fixture(newsroom());
  Searcher s(fixture.db_path());
  struct Case {
    std::string query;
    std::vector<std::string> expected;  // In rank order.
  };
  const Case cases[] = {
      {"oil prices", {"oil-title", "oil-body"}},  // Title match ranks first.
      {"\"prices rose\"", {"oil-body"}},
      {"\"rose prices\"", {}},
      {"oil NOT markets", {"oil-title"}},
      {"oil -markets", {"oil-title"}},
      {"strike OR election", {"strike", "byline"}},
      {"econom*", {"rising"}},
      {"title:strike", {"strike"}},
      {"title:oil", {"oil-title"}},
      {"author:doe", {"byline"}},
      {"publication:planet", {"byline"}},
      {"source:\"The Daily Planet\"", {"byline"}},
      {"source:planet", {}},             // source: is the exact slug.
      {"rise", {"oil-body", "rising"}},  // Stemming: rise ~ rose? no; rising ~ rise.
      {"zanzibar", {}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    auto got = ids(search(s, c.query));
    if (c.query == "rise" || c.query == "strike OR election") {
      std::sort(got.begin(), got.end());
      auto want = c.expected;
      std::sort(want.begin(), want.end());
      // "rose" is not a stem of "rise": only the stemmed "rising" must match.
      if (c.query == "rise") want = {"rising"};
      CHECK(got == want);
    } else {
      CHECK(got == c.expected);
    }
  }
}

TEST_CASE("searcher: all vs any") {
  test::IndexFixture fixture(newsroom());
  Searcher s(fixture.db_path());
  CHECK(search(s, "oil strike").hits.empty());
  CHECK(search(s, "oil strike", MatchMode::any).hits.size() == 3);
}

TEST_CASE("searcher: an unparseable query falls back to plain words with a warning") {
  test::IndexFixture fixture(newsroom());
  Searcher s(fixture.db_path());
  const SearchResult r = search(s, "strike AND");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].find("could not parse") != std::string::npos);
  CHECK(searcher::plain_words("a(b) \"c\" +d:e*") == "a b c d e");
  CHECK(searcher::plain_words("oil AND") == "oil");
  CHECK(searcher::plain_words("NOT or AND") == "or");
  CHECK(searcher::plain_words("AND") == "AND");
  CHECK(searcher::plain_words("((") == "");
}

TEST_CASE("searcher: lower-case initialisms find the capitals the index read as one word") {
  std::vector<Article> v;
  v.push_back(make_article("caps", "Trade talks", "U.S. policy on tariffs changed again."));
  v.push_back(make_article("lower", "Schedule", "The vote is at 10 a.m. on Tuesday."));
  v.push_back(make_article("un", "Assembly", "The U.N team arrived in the capital."));
  test::IndexFixture fixture(v);
  Searcher s(fixture.db_path());
  CHECK(ids(search(s, "u.s. policy")) == std::vector<std::string>{"caps"});
  CHECK(ids(search(s, "U.S. policy")) == std::vector<std::string>{"caps"});
  CHECK(ids(search(s, "a.m. vote")) == std::vector<std::string>{"lower"});  // still a phrase
  CHECK(ids(search(s, "u.n team")) == std::vector<std::string>{"un"});
  CHECK(ids(search(s, "(u.s. OR u.n) -tariffs")) == std::vector<std::string>{"un"});
  const SearchResult r = search(s, "u.s.");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].snippet.to_html().find("<mark>U.S") != std::string::npos);

  using searcher::with_initialism_readings;
  CHECK(with_initialism_readings("u.s. policy") == "(u.s. OR U.S.) policy");
  CHECK(with_initialism_readings("(u.n team)") == "((u.n OR U.N) team)");
  CHECK(with_initialism_readings("U.S. policy") == "U.S. policy");          // already capitals
  CHECK(with_initialism_readings("\"u.s. policy\"") == "\"u.s. policy\"");  // a phrase
  CHECK(with_initialism_readings("+u.s. -e.g. site:u.k") == "+u.s. -e.g. site:u.k");
  CHECK(with_initialism_readings("u.s. NEAR policy") == "u.s. NEAR policy");
  CHECK(with_initialism_readings("u.s. ADJ/3 policy") == "u.s. ADJ/3 policy");
  CHECK(ids(search(s, "u.s. NEAR/3 tariffs")).empty());  // the letters: no warning, no hit
  CHECK(search(s, "u.s. NEAR/3 tariffs").warnings.empty());
  CHECK(with_initialism_readings("u.sa x.1 a. www.u.k") == "u.sa x.1 a. www.u.k");
  CHECK(with_initialism_readings("") == "");
}

TEST_CASE("searcher: hits carry fields, ranks, scores and highlighted snippets") {
  test::IndexFixture fixture(newsroom());
  Searcher s(fixture.db_path());
  const SearchResult r = search(s, "oil");
  REQUIRE(r.hits.size() == 2);
  CHECK(r.total_estimate == 2);
  CHECK(r.hits[0].rank == 1);
  CHECK(r.hits[1].rank == 2);
  CHECK(r.hits[0].score >= r.hits[1].score);
  CHECK(r.hits[0].article.body.empty());
  CHECK(r.hits[0].article.origin.path == "/archive/oil-title");
  const Snippet& snippet = r.hits[1].snippet;
  REQUIRE_FALSE(snippet.highlights.empty());
  const TextSpan first = snippet.highlights.front();
  CHECK(snippet.text.substr(first.begin, first.end - first.begin) == "Oil");
  CHECK(snippet.to_html().find("<mark>Oil</mark>") != std::string::npos);
}

TEST_CASE("searcher: stemmed forms are highlighted too") {
  test::IndexFixture fixture(newsroom());
  Searcher s(fixture.db_path());
  const SearchResult r = search(s, "rise");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].snippet.to_html().find("<mark>rising</mark>") != std::string::npos);
}

TEST_CASE("searcher: paging with offset and limit") {
  std::vector<Article> many;
  for (int i = 0; i < 25; ++i) {
    many.push_back(make_article("k" + std::to_string(i), "Report " + std::to_string(i),
                                "The harvest report number " + std::to_string(i)));
  }
  test::IndexFixture fixture(many);
  Searcher s(fixture.db_path());
  SearchRequest r;
  r.query = "harvest";
  r.limit = 10;
  r.offset = 20;
  const SearchResult page = s.search(r);
  CHECK(page.total_estimate == 25);
  REQUIRE(page.hits.size() == 5);
  CHECK(page.hits.front().rank == 21);
  CHECK(page.hits.back().rank == 25);
}

TEST_CASE("searcher: errors") {
  test::TempDir dir;
  try {
    Searcher s((dir.path() / "missing").string());
    FAIL("opened a missing database");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::not_found);
    CHECK(std::string(e.what()).find("missing") != std::string::npos);
  }
  test::IndexFixture fixture(newsroom());
  Searcher s(fixture.db_path());
  SearchRequest empty;
  CHECK_THROWS_AS(s.search(empty), Error);
  SearchRequest zero;
  zero.query = "oil";
  zero.limit = 0;
  CHECK_THROWS_AS(s.search(zero), Error);
}

TEST_CASE("searcher: get_article returns the whole stored article") {
  test::IndexFixture fixture(newsroom());
  Searcher s(fixture.db_path());
  const auto a = s.get_article("byline");
  REQUIRE(a.has_value());
  CHECK(a->title == "Election night");
  CHECK(a->body == "Voters went to the polls.");
  CHECK(a->authors == std::vector<std::string>{"Jane Doe"});
  CHECK_FALSE(s.get_article("nope").has_value());
  CHECK(s.article_count() == 5);
}

TEST_CASE("searcher: the story headlined by the query outranks one that repeats its words") {
  std::string repetitive = "Winter came early.";
  for (int i = 0; i < 8; ++i)
    repetitive += " Oil prices moved again as traders watched oil prices.";
  test::IndexFixture fixture({make_article("body", "Winter freeze grips markets", repetitive),
                              make_article("title", "Oil prices fall back from highs",
                                           "Crude fell on Tuesday after a long rally in oil prices "
                                           "that had worried airlines and manufacturers alike.")});
  Searcher s(fixture.db_path());
  CHECK(ids(search(s, "oil prices")) == std::vector<std::string>{"title", "body"});
}

TEST_CASE("searcher: refuses unknown schema versions and foreign databases") {
  test::TempDir dir;
  struct Case {
    std::string name, version;
    bool with_document;
    ErrorCode expected;
  };
  const Case cases[] = {{"future", "999", false, ErrorCode::database_version},
                        {"foreign", "", true, ErrorCode::database_corrupt},
                        {"bare", "", false, ErrorCode::database_corrupt}};
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const std::string path = (dir.path() / c.name).string();
    {
      Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
      if (!c.version.empty()) db.set_metadata("gazette.schema", c.version);
      if (c.with_document) db.add_document(Xapian::Document());
      db.commit();
    }
    try {
      Searcher s(path);
      FAIL("opened");
    } catch (const Error& e) {
      CHECK(e.code() == c.expected);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Filters, sorting and collapsing, on test::varied_articles().

namespace {

std::set<std::string> id_set(const SearchResult& r) {
  const auto v = ids(r);
  return {v.begin(), v.end()};
}

// Every article the request keeps (the fixture is smaller than the limit).
SearchResult all_hits(Searcher& s, SearchRequest r) {
  r.limit = 1000;
  return s.search(r);
}

using Keep = std::function<bool(const Article&)>;

std::set<std::string> brute_force(const std::vector<Article>& articles, const Keep& keep) {
  std::set<std::string> out;
  for (const auto& a : articles)
    if (keep(a)) out.insert(a.id);
  return out;
}

bool has(const std::vector<std::string>& values, const std::string& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

Keep dated(std::string first, std::string last) {
  return [first, last](const Article& a) {
    const std::string d = test::ymd_of(a);
    return !d.empty() && (first.empty() || d >= first) && (last.empty() || d <= last);
  };
}

}  // namespace

TEST_CASE("searcher: partial dates are read as the first or last day of their period") {
  using searcher::DateEnd;
  struct Case {
    std::string text, first, last;  // Empty: not a date.
  };
  const Case cases[] = {
      {"1987", "19870101", "19871231"},
      {"1987-03", "19870301", "19870331"},
      {"1987-02", "19870201", "19870228"},
      {"1988-02", "19880201", "19880229"},
      {"1987-03-09", "19870309", "19870309"},
      {"2000-02-29", "20000229", "20000229"},
      {"1900-02-29", "", ""},
      {"1987-13", "", ""},
      {"1987-00", "", ""},
      {"1987-02-30", "", ""},
      {"1987-3", "", ""},
      {"1987-03-9", "", ""},
      {"87", "", ""},
      {"yesterday", "", ""},
      {"1987-03-09T10", "", ""},
      {"", "", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(searcher::date_bound(c.text, DateEnd::first_day).value_or("") == c.first);
    CHECK(searcher::date_bound(c.text, DateEnd::last_day).value_or("") == c.last);
  }
}

TEST_CASE("searcher: filters keep exactly what a scan of the articles keeps") {
  const auto articles = test::varied_articles();
  test::IndexFixture fixture(articles);
  Searcher s(fixture.db_path());
  struct Case {
    std::string name;
    std::function<void(SearchRequest&)> set;
    Keep keep;
  };
  const Case cases[] = {
      {"since year", [](auto& r) { r.since = "1987"; }, dated("19870101", "")},
      {"until month", [](auto& r) { r.until = "1987-03"; }, dated("", "19870331")},
      {"until leap February", [](auto& r) { r.until = "1988-02"; }, dated("", "19880229")},
      {"one day", [](auto& r) { r.since = r.until = "1986-01-24"; }, dated("19860124", "19860124")},
      {"months",
       [](auto& r) {
         r.since = "1986-06";
         r.until = "1987-06";
       },
       dated("19860601", "19870630")},
      {"source by name", [](auto& r) { r.sources = {"Reuters"}; },
       [](const Article& a) { return a.source == "Reuters"; }},
      {"sources OR, slug or name",
       [](auto& r) {
         r.sources = {"bbc-news", "The New York Times"};
       },
       [](const Article& a) { return a.source != "Reuters"; }},
      {"langs OR",
       [](auto& r) {
         r.langs = {"fr", "DE"};
       },
       [](const Article& a) { return a.lang == "fr" || a.lang == "de"; }},
      {"tag, any case", [](auto& r) { r.tags = {"CRUDE"}; },
       [](const Article& a) { return has(a.tags, "crude"); }},
      {"tags OR",
       [](auto& r) {
         r.tags = {"crude", "grain"};
       },
       [](const Article& a) { return has(a.tags, "crude") || has(a.tags, "Grain"); }},
      {"author phrase", [](auto& r) { r.authors = {"jane doe"}; },
       [](const Article& a) {
         return has(a.authors, "Jane Doe") || has(a.authors, "Jane Doe Smith");
       }},
      {"author words out of order", [](auto& r) { r.authors = {"Doe Jane"}; },
       [](const Article&) { return false; }},
      {"authors OR",
       [](auto& r) {
         r.authors = {"John Smith", "Jane Doe Smith"};
       },
       [](const Article& a) {
         return has(a.authors, "John Smith") || has(a.authors, "Jane Doe Smith");
       }},
      {"fields AND",
       [](auto& r) {
         r.sources = {"reuters", "bbc news"};
         r.langs = {"en"};
         r.since = "1987";
         r.tags = {"grain"};
       },
       [](const Article& a) {
         return a.source != "The New York Times" && a.lang == "en" && dated("19870101", "")(a) &&
                has(a.tags, "Grain");
       }},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    SearchRequest r;  // Empty query: every article the filters keep.
    c.set(r);
    const auto want = brute_force(articles, c.keep);
    CHECK(id_set(all_hits(s, r)) == want);
    // With words, the filters narrow the same way (a phrase: its words are not stemmed,
    // which the French and German articles would stem differently).
    r.query = "\"harvest report\"";
    CHECK(id_set(all_hits(s, r)) == want);
    CHECK(s.count(r) == want.size());
  }
}

TEST_CASE("searcher: date filters by day, month and year terms keep what value ranges keep") {
  const auto articles = test::varied_articles();
  test::IndexFixture fixture(articles);
  const std::vector<std::string> bounds = {"",           "1985",       "1986",       "1986-01-24",
                                           "1986-02",    "1986-12-31", "1987-01-01", "1987-03-15",
                                           "1988-02-29", "1988-03",    "1988-12",    "1990"};
  {  // The fewest terms: two whole years, then a month and two days.
    const Xapian::Database db(fixture.db_path());
    CHECK(searcher::date_range("19860101", "19871231", db).get_length() == 2);
    CHECK(searcher::date_range("19860101", "19880202", db).get_length() == 5);
  }
  // Once with the date terms (a database made now), once as a database made before them.
  for (const bool old_database : {false, true}) {
    CAPTURE(old_database);
    if (old_database) {
      Xapian::WritableDatabase db(fixture.db_path(), Xapian::DB_OPEN);
      db.set_metadata(std::string(schema::kDateTermsKey), "");
      db.commit();
    }
    Searcher s(fixture.db_path());
    for (const auto& since : bounds) {
      for (const auto& until : bounds) {
        if (since.empty() && until.empty()) continue;
        const std::string first =
            since.empty() ? "" : *searcher::date_bound(since, searcher::DateEnd::first_day);
        const std::string last =
            until.empty() ? "" : *searcher::date_bound(until, searcher::DateEnd::last_day);
        CAPTURE(since);
        CAPTURE(until);
        SearchRequest r;
        r.since = since;
        r.until = until;
        if (!first.empty() && !last.empty() && first > last) {
          CHECK_THROWS_AS(s.search(r), InvalidInputError);
          continue;
        }
        CHECK(id_set(all_hits(s, r)) == brute_force(articles, dated(first, last)));
      }
    }
  }
}

TEST_CASE("searcher: filter fields of the query language match the request filters") {
  const auto articles = test::varied_articles();
  test::IndexFixture fixture(articles);
  Searcher s(fixture.db_path());
  struct Case {
    std::string query;
    Keep keep;
  };
  const Case cases[] = {
      {"date:1987-03..1987-04", dated("19870301", "19870430")},
      {"date:1987-03-09..1987", dated("19870309", "19871231")},
      {"date:1987-03-09", dated("19870309", "19870309")},
      {"date:1986-01-24", dated("19860124", "19860124")},
      {"date:1987..", dated("19870101", "")},
      {"date:..1986-06", dated("", "19860630")},
      {"year:1987", dated("19870101", "19871231")},
      {"year:1986..1987", dated("19860101", "19871231")},
      {"source:reuters", [](const Article& a) { return a.source == "Reuters"; }},
      {"source:\"new york times\"", [](const Article&) { return false; }},
      {"source:the-new-york-times lang:en",
       [](const Article& a) { return a.source == "The New York Times" && a.lang == "en"; }},
      {"lang:fr", [](const Article& a) { return a.lang == "fr"; }},
      {"lang:fr lang:de", [](const Article& a) { return a.lang == "fr" || a.lang == "de"; }},
      {"tag:Crude", [](const Article& a) { return has(a.tags, "crude"); }},
      {"site:bbc.co.uk", [](const Article& a) { return a.source == "BBC News"; }},
      {"\"harvest report\" year:1987 tag:crude",
       [](const Article& a) { return dated("19870101", "19871231")(a) && has(a.tags, "crude"); }},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    SearchRequest r;
    r.query = c.query;
    const SearchResult got = all_hits(s, r);
    CHECK(got.warnings.empty());
    CHECK(id_set(got) == brute_force(articles, c.keep));
  }
}

TEST_CASE("searcher: filters never change scores") {
  test::IndexFixture fixture(test::varied_articles());
  Searcher s(fixture.db_path());
  SearchRequest plain;
  plain.query = "harvest report 7";
  plain.match = MatchMode::any;
  SearchRequest filtered = plain;
  filtered.sources = {"reuters", "bbc-news", "the-new-york-times"};  // Keeps everything.
  const SearchResult a = all_hits(s, plain);
  const SearchResult b = all_hits(s, filtered);
  REQUIRE(a.hits.size() == static_cast<std::size_t>(test::kVariedCount));
  REQUIRE(b.hits.size() == a.hits.size());
  for (std::size_t i = 0; i < a.hits.size(); ++i) {
    CAPTURE(i);
    CHECK(a.hits[i].article.id == b.hits[i].article.id);
    CHECK(a.hits[i].score == doctest::Approx(b.hits[i].score).epsilon(1e-12));
  }
}

TEST_CASE("searcher: sorting by date puts undated articles last") {
  const auto articles = test::varied_articles();
  test::IndexFixture fixture(articles);
  Searcher s(fixture.db_path());
  for (const SortOrder order : {SortOrder::newest, SortOrder::oldest}) {
    CAPTURE(static_cast<int>(order));
    SearchRequest r;
    r.query = "\"harvest report\"";
    r.sort = order;
    const SearchResult got = all_hits(s, r);
    REQUIRE(got.hits.size() == articles.size());
    std::vector<std::string> dated_part;
    std::vector<std::string> undated_part;
    for (const auto& hit : got.hits) {
      (hit.article.published ? dated_part : undated_part).push_back(hit.article.id);
      // Once undated hits begin, no dated one follows.
      CHECK((hit.article.published.has_value() || dated_part.size() == 45));
    }
    // Undated hits keep relevance order among themselves (the fixture's bylines make
    // their lengths, hence scores, differ), so compare them as a set.
    std::sort(undated_part.begin(), undated_part.end());
    CHECK(undated_part == std::vector<std::string>{"a19", "a29", "a39", "a49", "a9"});
    std::vector<std::string> want;  // The fixture's dates rise with the index.
    for (int i = 0; i < test::kVariedCount; ++i)
      if (i % 10 != 9) want.push_back("a" + std::to_string(i));
    if (order == SortOrder::newest) std::reverse(want.begin(), want.end());
    CHECK(dated_part == want);
  }
}

TEST_CASE("searcher: an empty query needs a filter and then matches every article it keeps") {
  test::IndexFixture fixture(test::varied_articles());
  Searcher s(fixture.db_path());
  SearchRequest r;
  r.langs = {"en"};
  const SearchResult got = all_hits(s, r);
  CHECK(got.hits.size() == 26);
  CHECK(got.total_estimate == 26);
  CHECK(s.count(r) == 26);
  r.langs.clear();
  CHECK_THROWS_AS(s.search(r), Error);
}

TEST_CASE("searcher: bad filter values are invalid input naming the value") {
  test::IndexFixture fixture(test::varied_articles());
  Searcher s(fixture.db_path());
  struct Case {
    std::string name;
    std::function<void(SearchRequest&)> set;
    std::string named;
  };
  const Case cases[] = {
      {"month 13", [](auto& r) { r.since = "1987-13"; }, "1987-13"},
      {"30 February", [](auto& r) { r.until = "1987-02-30"; }, "1987-02-30"},
      {"a word", [](auto& r) { r.since = "yesterday"; }, "yesterday"},
      {"since after until",
       [](auto& r) {
         r.since = "1988";
         r.until = "1987-12";
       },
       "1988"},
      {"empty source", [](auto& r) { r.sources = {" "}; }, "source"},
      {"wordless author", [](auto& r) { r.authors = {"--"}; }, "--"},
      {"date in the query", [](auto& r) { r.query = "harvest date:1987-13"; }, "1987-13"},
      {"range in the query", [](auto& r) { r.query = "date:1987..1987-02-30"; }, "1987-02-30"},
      {"year in the query", [](auto& r) { r.query = "year:87"; }, "87"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    SearchRequest r;
    r.query = "harvest";
    c.set(r);
    try {
      s.search(r);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::invalid_input);
      CHECK(std::string(e.what()).find(c.named) != std::string::npos);
    }
  }
}

TEST_CASE("searcher: duplicate clusters collapse into one hit that counts the others") {
  std::vector<Article> wire;
  for (const char* id : {"x1", "x2", "x3", "y1", "y2", "lone", "plain1", "plain2"})
    wire.push_back(make_article(id, "Wheat exports", std::string("Wheat shipments, copy ") + id));
  test::IndexFixture fixture(wire);
  // plain1/plain2 get no cluster value; "lone" is alone in its cluster.
  test::set_clusters(
      fixture.db_path(),
      {{"x1", "x"}, {"x2", "x"}, {"x3", "x"}, {"y1", "y"}, {"y2", "y"}, {"lone", "z"}});
  Searcher s(fixture.db_path());
  SearchRequest r;
  r.query = "wheat";
  const SearchResult collapsed = all_hits(s, r);
  std::map<std::string, std::size_t> duplicates_of_first;  // Cluster letter -> duplicates.
  for (const auto& hit : collapsed.hits)
    duplicates_of_first[hit.article.id.substr(0, 1)] += hit.duplicates;
  CHECK(collapsed.hits.size() == 5);
  CHECK(duplicates_of_first ==
        std::map<std::string, std::size_t>{{"x", 2}, {"y", 1}, {"l", 0}, {"p", 0}});
  CHECK(s.count(r) == 5);

  r.collapse = false;
  const SearchResult all = all_hits(s, r);
  CHECK(all.hits.size() == wire.size());
  CHECK(std::all_of(all.hits.begin(), all.hits.end(),
                    [](const Hit& h) { return h.duplicates == 0; }));
  CHECK(s.count(r) == wire.size());
}

TEST_CASE("searcher: equal keys fall back to index order, so results are deterministic") {
  test::IndexFixture fixture(test::varied_articles());
  Searcher s(fixture.db_path());
  SearchRequest r;
  r.langs = {"en"};  // An empty query: every score is 0, and undated hits share a key.
  for (const SortOrder order : {SortOrder::relevance, SortOrder::oldest}) {
    CAPTURE(static_cast<int>(order));
    r.sort = order;
    const auto got = ids(all_hits(s, r));
    std::vector<std::string> want;  // English: i % 4 is 0 or 1; docids rise with i.
    std::vector<std::string> undated;
    for (int i = 0; i < test::kVariedCount; ++i) {
      if (i % 4 > 1) continue;
      const bool last = order == SortOrder::oldest && i % 10 == 9;
      (last ? undated : want).push_back("a" + std::to_string(i));
    }
    want.insert(want.end(), undated.begin(), undated.end());  // a9 a29 a49, in index order.
    CHECK(got == want);
  }
}

// ---------------------------------------------------------------------------------------
// Facets and timeline, on test::varied_articles(), against counts made by scanning them.

namespace {

using Tally = std::map<std::string, std::size_t>;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The values one facet (or timeline granularity) gives an article.
std::vector<std::string> values_of(const Article& a, const std::string& name) {
  const std::string d = test::ymd_of(a);
  if (name == "source") return {schema::source_slug(a.source)};
  if (name == "lang") return {a.lang};
  if (name == "tag") {
    std::vector<std::string> tags;
    for (const auto& t : a.tags)
      tags.push_back(lower(t));
    return tags;
  }
  if (d.empty()) return {};
  if (name == "year") return {d.substr(0, 4)};
  if (name == "month") return {d.substr(0, 4) + "-" + d.substr(4, 2)};
  if (name == "week") return {searcher::iso_week(d)};
  return {d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2)};  // day
}

Tally scan(const std::vector<Article>& articles, const Keep& keep, const std::string& name) {
  Tally out;
  for (const auto& a : articles)
    if (keep(a))
      for (const auto& v : values_of(a, name))
        ++out[v];
  return out;
}

Tally tally(const std::vector<FacetValue>& values) {
  Tally out;
  for (const auto& v : values)
    out[v.value] = v.count;
  return out;
}

Tally tally(const std::vector<TimelinePoint>& points) {
  Tally out;
  for (const auto& p : points)
    out[p.period] = p.count;
  return out;
}

const Keep kEvery = [](const Article&) { return true; };
const Keep kGrain = [](const Article& a) { return has(a.tags, "Grain"); };

}  // namespace

TEST_CASE("searcher: facets count every match exactly, like a scan of the articles") {
  const auto articles = test::varied_articles();
  test::IndexFixture fixture(articles);
  Searcher s(fixture.db_path());
  const std::vector<std::string> names = {"source", "year", "month", "lang", "tag"};
  for (const bool filtered : {false, true}) {
    CAPTURE(filtered);
    SearchRequest r;
    r.query = "\"harvest report\"";
    if (filtered) r.tags = {"grain"};
    r.limit = 1;  // Facets are over all matches, not over the hits shown.
    r.facets = names;
    r.facet_limit = 100;
    const SearchResult result = s.search(r);
    REQUIRE(result.facets.size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      CAPTURE(names[i]);
      CHECK(result.facets[i].name == names[i]);
      CHECK(tally(result.facets[i].values) == scan(articles, filtered ? kGrain : kEvery, names[i]));
    }
  }
}

TEST_CASE("searcher: facet values are sorted by count, then value, and cut at the limit") {
  const auto articles = test::varied_articles();
  test::IndexFixture fixture(articles);
  Searcher s(fixture.db_path());
  SearchRequest r;
  r.query = "\"harvest report\"";
  r.facets = {"month", "lang"};
  r.facet_limit = 3;
  const SearchResult result = s.search(r);
  REQUIRE(result.facets.size() == 2);
  const auto& months = result.facets[0].values;
  CHECK(months.size() == 3);
  const Tally all = scan(articles, kEvery, "month");
  std::vector<FacetValue> want;
  for (const auto& [value, n] : all)
    want.push_back({value, n});
  std::stable_sort(want.begin(), want.end(),
                   [](const auto& a, const auto& b) { return a.count > b.count; });
  want.resize(3);
  CHECK(months == want);
  // en 26 (i % 4 is 0 or 1), fr 12, de 12: the tie broken by value.
  CHECK(result.facets[1].values == std::vector<FacetValue>{{"en", 26}, {"de", 12}, {"fr", 12}});
}

TEST_CASE("searcher: an unknown facet is invalid input naming it and the known ones") {
  test::IndexFixture fixture(test::varied_articles());
  Searcher s(fixture.db_path());
  SearchRequest r;
  r.query = "harvest";
  r.facets = {"source", "colour"};
  try {
    s.search(r);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK(std::string(e.what()).find("unknown facet 'colour' (known: source, year, month, lang, "
                                     "tag)") != std::string::npos);
  }
}

TEST_CASE("searcher: the timeline counts matches per period like a scan of the articles") {
  const auto articles = test::varied_articles();
  test::IndexFixture fixture(articles);
  Searcher s(fixture.db_path());
  const std::pair<TimelineGranularity, std::string> grains[] = {
      {TimelineGranularity::day, "day"},
      {TimelineGranularity::week, "week"},
      {TimelineGranularity::month, "month"},
      {TimelineGranularity::year, "year"}};
  for (const auto& [grain, name] : grains) {
    CAPTURE(name);
    SearchRequest r;
    r.tags = {"grain"};
    r.timeline = grain;
    const SearchResult result = s.search(r);
    CHECK(tally(result.timeline) == scan(articles, kGrain, name));
    CHECK(std::is_sorted(result.timeline.begin(), result.timeline.end(),
                         [](const auto& a, const auto& b) { return a.period < b.period; }));
    for (const auto& p : result.timeline)
      CHECK_FALSE(p.share.has_value());
  }
}

TEST_CASE("searcher: a normalised timeline gives each period's share of the archive") {
  const auto articles = test::varied_articles();
  test::IndexFixture fixture(articles);
  Searcher s(fixture.db_path());
  SearchRequest r;
  r.tags = {"crude"};
  r.timeline = TimelineGranularity::year;
  r.normalise = true;
  const SearchResult result = s.search(r);
  const Tally totals = scan(articles, kEvery, "year");
  const Tally matches = scan(
      articles, [](const Article& a) { return has(a.tags, "crude"); }, "year");
  REQUIRE(result.timeline.size() == matches.size());
  for (const auto& p : result.timeline) {
    CAPTURE(p.period);
    REQUIRE(p.share.has_value());
    CHECK(*p.share == doctest::Approx(double(matches.at(p.period)) / double(totals.at(p.period))));
    CHECK(*p.share > 0);
    CHECK(*p.share <= 1);
  }
}

TEST_CASE("searcher: ISO weeks belong to the year of their Thursday") {
  CHECK(searcher::iso_week("19860101") == "1986-W01");  // a Wednesday
  CHECK(searcher::iso_week("19870101") == "1987-W01");  // a Thursday
  CHECK(searcher::iso_week("19880101") == "1987-W53");  // a Friday: 1987 has 53 weeks
  CHECK(searcher::iso_week("19881231") == "1988-W52");
  CHECK(searcher::iso_week("20081229") == "2009-W01");  // a Monday, in 2009's first week
  CHECK(searcher::iso_week("19880229") == "1988-W09");
  CHECK(searcher::iso_week("19870229").empty());
  CHECK(searcher::iso_week("1987").empty());
}

TEST_CASE("searcher: English stopwords are left out of queries, except in phrases or alone") {
  test::IndexFixture fixture(newsroom());
  Searcher s(fixture.db_path());
  // "of" and "the" occur in none of these articles: with every word required they would
  // match nothing, yet they are dropped, and the scores are those of the other words.
  CHECK(ids(search(s, "strike of the dock workers")) == ids(search(s, "strike dock workers")));
  CHECK(search(s, "strike of the dock workers").hits.at(0).score ==
        doctest::Approx(search(s, "strike dock workers").hits.at(0).score));
  // Kept inside a phrase ("of the" must then be there) and when nothing else is left.
  CHECK(search(s, "\"strike of the dock\"").hits.empty());
  CHECK(ids(search(s, "\"wire strike by dock workers\"")) == std::vector<std::string>{"strike"});
  CHECK(search(s, "the").hits.size() == 3);  // "the gulf", "the port", "the polls"
}

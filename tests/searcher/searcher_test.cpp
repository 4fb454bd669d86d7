// Tests for searcher/src/searcher.cpp and query_builder.cpp: ranking, query syntax, fields,
// stemming, fallback, paging, snippets and errors, on real on-disk databases.
#include <gazette/error.hpp>
#include <gazette/searcher.hpp>

#include "searcher/src/query_builder.hpp"
#include "tests/support/index_fixture.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>

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
      {"source:planet", {"byline"}},
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

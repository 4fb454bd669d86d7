// Tests for the Searcher's recency boost, streaming (stream()), related articles (like),
// multi-passage snippets and explanations, on real on-disk databases.
#include <gazette/error.hpp>
#include <gazette/indexer.hpp>
#include <gazette/schema.hpp>
#include <gazette/searcher.hpp>

#include "searcher/src/passages.hpp"
#include "tests/searcher/filter_fixture.hpp"
#include "tests/support/index_fixture.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace gazette;
using gazette::test::make_article;

namespace {

std::vector<std::string> ids(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits)
    out.push_back(h.article.id);
  return out;
}

std::map<std::string, double> scores(const SearchResult& r) {
  std::map<std::string, double> out;
  for (const auto& h : r.hits)
    out[h.article.id] = h.score;
  return out;
}

SearchRequest every(std::string query) {
  SearchRequest r;
  r.query = std::move(query);
  r.limit = 1000;
  r.collapse = false;
  return r;
}

// Varied articles whose bodies differ in how often they say "harvest", so BM25 scores
// differ, with dates spread over three years (every tenth undated). All in English, so the
// query's English stems match every one.
std::vector<Article> dated_harvests() {
  std::vector<Article> v = test::varied_articles();
  for (std::size_t i = 0; i < v.size(); ++i) {
    v[i].lang = "en";
    for (std::size_t k = 0; k < i % 7; ++k)
      v[i].body += " The harvest was late.";
  }
  return v;
}

std::vector<Article> stories() {
  std::vector<Article> v;
  v.push_back(make_article("wheat1", "Wheat harvest falls",
                           "Drought cut the wheat harvest in Kansas. Farmers said wheat prices "
                           "rose as grain elevators emptied and exporters scrambled."));
  v.push_back(make_article("wheat2", "Grain exporters worry",
                           "Exporters of wheat and other grain fear the drought in Kansas will "
                           "cut shipments; elevators report low stocks of wheat."));
  v.push_back(make_article("wheat1-copy", "Wheat harvest falls",
                           "Drought cut the wheat harvest in Kansas. Farmers said wheat prices "
                           "rose as grain elevators emptied and exporters scrambled."));
  v.push_back(make_article("oil", "Oil output steady",
                           "OPEC ministers kept crude output steady; oil prices held."));
  v.push_back(make_article("football", "Cup final tonight",
                           "The football cup final kicks off tonight at the national stadium."));
  // Everyday stories, so that "the" is as common as in any archive.
  for (int i = 0; i < 10; ++i) {
    v.push_back(make_article("council" + std::to_string(i), "Council meeting",
                             "The council met and the mayor spoke about the budget."));
  }
  return v;
}

}  // namespace

TEST_CASE("search features: recency 0 gives exactly the BM25 order and scores") {
  test::IndexFixture fixture(dated_harvests());
  Searcher s(fixture.db_path());
  SearchRequest plain = every("harvest");
  SearchRequest zero = plain;
  zero.recency_half_life = std::chrono::seconds{0};
  const SearchResult a = s.search(plain);
  const SearchResult b = s.search(zero);
  REQUIRE(a.hits.size() == test::kVariedCount);
  CHECK(ids(a) == ids(b));
  CHECK(scores(a) == scores(b));
  // And that order is BM25's: scores never rise down the list.
  for (std::size_t i = 1; i < a.hits.size(); ++i)
    CHECK(a.hits[i - 1].score >= a.hits[i].score);
}

TEST_CASE("search features: recency adds a decaying boost and keeps undated articles") {
  const std::vector<Article> articles = dated_harvests();
  test::IndexFixture fixture(articles);
  Searcher s(fixture.db_path());
  SearchRequest r = every("harvest");
  r.explain = true;
  const std::map<std::string, double> bm25 = scores(s.search(r));
  r.recency_half_life = std::chrono::days{30};
  const SearchResult boosted = s.search(r);
  REQUIRE(boosted.hits.size() == articles.size());  // Same matches, undated ones included.

  // The newest dated article is a[48] (every 23 days from 1986); its boost is the largest.
  CHECK(boosted.hits.front().article.id == "a48");
  std::map<std::string, const Hit*> by_id;
  for (const auto& h : boosted.hits)
    by_id[h.article.id] = &h;
  for (const auto& a : articles) {
    CAPTURE(a.id);
    const Hit& hit = *by_id.at(a.id);
    REQUIRE(hit.explanation);
    CHECK(hit.explanation->bm25 == doctest::Approx(bm25.at(a.id)));
    CHECK(hit.explanation->bm25 + hit.explanation->recency == doctest::Approx(hit.score));
    if (!a.published) CHECK(hit.explanation->recency == 0);
    if (a.published) CHECK(hit.explanation->recency > 0);
  }
  // The boost halves every 30 days: a46 is 46 days less 22 hours older than a48.
  const double newest = by_id.at("a48")->explanation->recency;
  const double older = by_id.at("a46")->explanation->recency;
  CHECK(older / newest == doctest::Approx(std::exp2(-(46.0 - 22.0 / 24) / 30)));
  // The largest boost equals the best BM25 score, so text still matters.
  const double best_bm25 = std::max_element(bm25.begin(), bm25.end(), [](auto& x, auto& y) {
                             return x.second < y.second;
                           })->second;
  CHECK(newest == doctest::Approx(best_bm25));
}

TEST_CASE("search features: a negative half-life or too many passages is invalid input") {
  test::IndexFixture fixture(stories());
  Searcher s(fixture.db_path());
  SearchRequest r = every("wheat");
  r.recency_half_life = std::chrono::seconds{-5};
  CHECK_THROWS_AS(s.search(r), Error);
  r.recency_half_life = std::chrono::seconds{0};
  r.passages = 101;
  try {
    s.search(r);
    FAIL("expected invalid_input");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK(std::string(e.what()).find("passages") != std::string::npos);
  }
}

TEST_CASE("search features: stream() passes every match exactly once, in index order") {
  test::IndexFixture fixture(test::varied_articles());
  Searcher s(fixture.db_path());
  SearchRequest r;
  r.tags = {"grain"};  // Empty query with a filter: the even ones.
  std::vector<std::string> streamed;
  std::vector<std::size_t> ranks;
  const std::size_t n = s.stream(r, [&](const Hit& hit) {
    streamed.push_back(hit.article.id);
    ranks.push_back(hit.rank);
    CHECK(hit.article.body.empty());
    return true;
  });
  std::vector<std::string> want;
  for (int i = 0; i < test::kVariedCount; i += 2)
    want.push_back("a" + std::to_string(i));
  CHECK(n == want.size());
  CHECK(streamed == want);  // Index order = the order they were added.
  for (std::size_t i = 0; i < ranks.size(); ++i)
    CHECK(ranks[i] == i + 1);
  r.collapse = false;
  CHECK(n == s.count(r));
}

TEST_CASE("search features: stream() stops when asked and crosses id windows") {
  test::IndexFixture fixture(dated_harvests());
  {
    // Move two articles to far document ids, beyond the first windows of the stream.
    Xapian::WritableDatabase db(fixture.db_path(), Xapian::DB_OPEN);
    for (const auto& [key, id] : {std::pair{"a3", 25'000u}, std::pair{"a7", 40'001u}}) {
      const Xapian::docid old = *db.postlist_begin(schema::key_term(key));
      db.replace_document(id, db.get_document(old));
      db.delete_document(old);
    }
    db.commit();
  }
  Searcher s(fixture.db_path());
  SearchRequest r;
  r.query = "harvest";
  std::vector<std::string> streamed;
  CHECK(s.stream(r, [&](const Hit& hit) {
    streamed.push_back(hit.article.id);
    return true;
  }) == test::kVariedCount);
  REQUIRE(streamed.size() == test::kVariedCount);
  CHECK(streamed[streamed.size() - 2] == "a3");
  CHECK(streamed.back() == "a7");
  CHECK(std::set<std::string>(streamed.begin(), streamed.end()).size() == streamed.size());

  std::size_t seen = 0;
  CHECK(s.stream(r, [&](const Hit&) { return ++seen < 5; }) == 5);
}

TEST_CASE("search features: stream() follows commits made while it runs, never repeating") {
  test::IndexFixture fixture(dated_harvests());
  Searcher s(fixture.db_path());
  SearchRequest r;
  r.query = "harvest";
  std::vector<std::string> streamed;
  s.stream(r, [&](const Hit& hit) {
    streamed.push_back(hit.article.id);
    if (streamed.size() == 10) {
      // Three commits discard the revision the stream reads: it must reopen and go on.
      Indexer writer(fixture.db_path());
      for (int k = 0; k < 3; ++k) {
        writer.add_article(make_article("late" + std::to_string(k), "Late harvest", "harvest"));
        writer.commit();
      }
    }
    return true;
  });
  CHECK(std::set<std::string>(streamed.begin(), streamed.end()).size() == streamed.size());
  for (int i = 0; i < test::kVariedCount; ++i)
    CHECK(std::count(streamed.begin(), streamed.end(), "a" + std::to_string(i)) == 1);
}

// Stories that say "volcano": five about an eruption that say it twice (the best hits, whose
// other words lava, ash and crater are what feedback adds), then a short one about stamps
// and a longer one about the eruption's aftermath that says it once. "lava-only" never says
// "volcano". Filler stories keep each word in at most half the archive, as in a real one.
std::vector<Article> volcano_stories() {
  std::vector<Article> v = {
      make_article("eruption1", "Eruption",
                   "The volcano erupted at dawn and the volcano is still active. Lava and ash "
                   "buried the crater road."),
      make_article("eruption2", "Villages evacuated",
                   "Lava from the volcano reached two villages. Ash fell on the crater rim, and "
                   "the volcano observatory was closed."),
      make_article("eruption3", "Airport shut",
                   "Ash from the volcano shut the airport. Lava flows from the crater, "
                   "scientists said, and the volcano may erupt again."),
      make_article("eruption4", "Flights resume",
                   "Flights resumed as the volcano calmed. Ash had closed the sky for days, lava "
                   "cooled in the crater, and the volcano was watched."),
      make_article("stamps", "New stamps", "A stamp shows a volcano at sunset over a harbour."),
      make_article("eruption5", "Ash cloud",
                   "An ash cloud rose over the volcano as lava filled the crater; the volcano "
                   "shook the town."),
      make_article("eruption-late", "Farmers count losses",
                   "Farmers counted their losses. Lava had destroyed orchards, ash covered the "
                   "fields, and the crater road was gone. The volcano was quiet."),
      make_article("lava-only", "Lava lamps", "Lava lamps and ash grey crater bowls are back."),
  };
  const char* filler[] = {"Parliament passed the budget after a long debate.",
                          "The football club signed a new striker for the season.",
                          "Bond markets rallied as inflation eased in the spring.",
                          "The orchestra opened its season with a new symphony.",
                          "Farmers expect a record wheat harvest this summer.",
                          "The city council approved a new tram line.",
                          "A new museum of photography opened downtown."};
  for (std::size_t i = 0; i < std::size(filler); ++i)
    v.push_back(make_article("filler" + std::to_string(i), "News", filler[i]));
  for (auto& a : v)
    a.lang = "en";
  return v;
}

TEST_CASE("search features: expand re-ranks the matches by the words of the best hits") {
  test::IndexFixture fixture(volcano_stories());
  Searcher s(fixture.db_path());
  SearchRequest r = every("volcano");
  const SearchResult plain = s.search(r);
  const auto before = ids(plain);
  const auto rank = [](const std::vector<std::string>& order, const std::string& id) {
    return std::find(order.begin(), order.end(), id) - order.begin();
  };
  // BM25 alone puts the short story about stamps above the longer one about the eruption.
  REQUIRE(rank(before, "stamps") < rank(before, "eruption-late"));

  r.expand = true;
  const SearchResult expanded = s.search(r);
  const auto after = ids(expanded);
  CHECK(rank(after, "eruption-late") < rank(after, "stamps"));

  SUBCASE("the matches themselves do not change") {
    CHECK(std::set<std::string>(after.begin(), after.end()) ==
          std::set<std::string>(before.begin(), before.end()));
    CHECK(std::find(after.begin(), after.end(), "lava-only") == after.end());
    CHECK(expanded.total_lower_bound == plain.total_lower_bound);
  }
  SUBCASE("snippets highlight the query's words, not the added ones") {
    const auto hit = std::find_if(expanded.hits.begin(), expanded.hits.end(),
                                  [](const Hit& h) { return h.article.id == "eruption-late"; });
    REQUIRE(hit != expanded.hits.end());
    REQUIRE_FALSE(hit->snippet.highlights.empty());
    for (const auto& span : hit->snippet.highlights) {
      const std::string word = hit->snippet.text.substr(span.begin, span.end - span.begin);
      CHECK((word == "volcano" || word == "Volcano"));
    }
  }
  SUBCASE("sorting by date ignores it") {
    r.sort = SortOrder::newest;
    const auto by_date = ids(s.search(r));
    r.expand = false;
    CHECK(by_date == ids(s.search(r)));
  }
  SUBCASE("filters still apply") {
    r.until = "1900";  // No article has a date: nothing passes a date filter.
    CHECK(s.search(r).hits.empty());
  }
  SUBCASE("the same request gives the same order every time") {
    CHECK(ids(s.search(r)) == after);
  }
}

TEST_CASE("search features: like finds related stories, never the article or its copies") {
  test::IndexFixture fixture(stories());
  test::set_clusters(fixture.db_path(), {{"wheat1", "w"}, {"wheat1-copy", "w"}});
  Searcher s(fixture.db_path());
  SearchRequest r;
  r.like = "wheat1";
  r.collapse = false;
  const SearchResult related = s.search(r);
  REQUIRE_FALSE(related.hits.empty());
  CHECK(related.hits.front().article.id == "wheat2");
  const auto got = ids(related);
  CHECK(std::find(got.begin(), got.end(), "wheat1") == got.end());
  CHECK(std::find(got.begin(), got.end(), "wheat1-copy") == got.end());
  CHECK(std::find(got.begin(), got.end(), "football") == got.end());

  SUBCASE("with a query, hits must match it too") {
    r.query = "kansas";
    CHECK(ids(s.search(r)) == std::vector<std::string>{"wheat2"});
  }
  SUBCASE("an unknown key is not_found") {
    r.like = "no-such-article";
    try {
      s.search(r);
      FAIL("expected not_found");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::not_found);
      CHECK(std::string(e.what()).find("no-such-article") != std::string::npos);
    }
  }
}

TEST_CASE("search features: passages are exact, ordered, non-overlapping fragments") {
  std::string body;
  for (int i = 0; i < 40; ++i) {
    body += "Paragraph " + std::to_string(i) + " is about the weather and nothing else. ";
    if (i == 5) body += "Wheat farmers in Kansas watched prices. ";
    if (i == 30) body += "Café owners said wheat was scarce — élan gone.\n\n";
  }
  test::IndexFixture fixture({make_article("long", "Long story", body)});
  Searcher s(fixture.db_path());
  SearchRequest r;
  r.query = "wheat";
  r.passages = 3;
  r.snippet_chars = 120;
  const SearchResult result = s.search(r);
  REQUIRE(result.hits.size() == 1);
  const auto& passages = result.hits[0].passages;
  REQUIRE(passages.size() == 2);  // Only two places mention wheat.
  const std::string stored = s.get_article("long").value().body;
  std::size_t previous_end = 0;
  for (const auto& p : passages) {
    CHECK(p.begin >= previous_end);
    CHECK(p.end > p.begin);
    CHECK(p.end - p.begin <= 120);
    CHECK(p.snippet.text == stored.substr(p.begin, p.end - p.begin));
    REQUIRE(p.snippet.highlights.size() == 1);
    const auto& span = p.snippet.highlights[0];
    const std::string word = p.snippet.text.substr(span.begin, span.end - span.begin);
    CHECK((word == "wheat" || word == "Wheat"));
    // Character offsets count code points: the accents before the second passage shift them.
    const auto points = [](std::string_view t) {
      return std::count_if(t.begin(), t.end(), [](char c) { return (c & 0xC0) != 0x80; });
    };
    CHECK(p.char_begin == static_cast<std::size_t>(points(stored.substr(0, p.begin))));
    CHECK(p.char_end - p.char_begin ==
          static_cast<std::size_t>(points(stored.substr(p.begin, p.end - p.begin))));
    previous_end = p.end;
  }
  CHECK(passages[0].snippet.text.find("Wheat farmers") != std::string::npos);
  CHECK(passages[1].snippet.text.find("Café owners") != std::string::npos);

  r.passages = 0;
  CHECK(s.search(r).hits[0].passages.empty());
}

TEST_CASE("search features: passages highlight stemmed forms and prefer distinct words") {
  const Xapian::Stem english("english");
  searcher::QueryWords words;
  words.stems = {english("strike"), english("port")};
  const std::string body =
      "Strikes again. Striking workers marched. Nothing here for a while, nothing at all, "
      "nothing. The port was closed by the strike.";
  const auto passages = searcher::find_passages(body, words, english, 1, 50);
  REQUIRE(passages.size() == 1);
  // The window with both words wins over the one with two forms of one word.
  CHECK(passages[0].snippet.text.find("port") != std::string::npos);
  for (const auto& span : passages[0].snippet.highlights) {
    const std::string hit = passages[0].snippet.text.substr(span.begin, span.end - span.begin);
    CHECK((hit == "port" || hit == "strike"));
  }
  // No match: the opening of the body; no body: nothing.
  searcher::QueryWords none;
  none.words = {"zebra"};
  const auto opening = searcher::find_passages(body, none, english, 3, 20);
  REQUIRE(opening.size() == 1);
  CHECK(opening[0].begin == 0);
  CHECK(opening[0].snippet.highlights.empty());
  CHECK(searcher::find_passages("", words, english, 3, 20).empty());
}

TEST_CASE("search features: explain names the matched terms by field") {
  Article a = make_article("e1", "Wheat harvest", "The harvest of wheat and more wheat.");
  a.authors = {"Jane Doe"};
  test::IndexFixture fixture({a});
  Searcher s(fixture.db_path());
  SearchRequest r;
  r.query = "title:wheat author:doe harvest";
  r.explain = true;
  const SearchResult result = s.search(r);
  REQUIRE(result.hits.size() == 1);
  const Hit& hit = result.hits[0];
  REQUIRE(hit.explanation);
  std::set<std::string> seen;
  for (const auto& t : hit.explanation->terms) {
    seen.insert(t.field + ":" + t.term);
    CHECK(t.frequency > 0);
  }
  CHECK(seen.contains("title:wheat"));
  CHECK(seen.contains("author:doe"));
  CHECK(seen.contains("text:harvest"));
  CHECK(hit.explanation->recency == 0);
  CHECK(hit.explanation->bm25 == doctest::Approx(hit.score));
  CHECK(hit.cluster.size() == 16);
}

TEST_CASE("search features: the tag facet reads the tag slot, or tag terms in older indexes") {
  std::vector<Article> articles = test::varied_articles();
  articles[0].tags = {"Grain", "grain", "Wheat"};  // Duplicates count once per article.
  test::IndexFixture fixture(articles);
  SearchRequest r;
  r.langs = {"en", "fr", "de"};  // Every article, as a filter.
  r.facets = {"tag"};
  r.facet_limit = 100;
  r.collapse = false;
  auto tag_counts = [&] {
    Searcher s(fixture.db_path());
    std::map<std::string, std::size_t> out;
    const SearchResult result = s.search(r);
    for (const auto& v : result.facets.at(0).values)
      out[v.value] = v.count;
    return out;
  };
  const auto from_slot = tag_counts();
  CHECK(from_slot.at("wheat") == 1);
  // Brute force: each article's distinct lower-cased tags, for the articles that match.
  std::map<std::string, std::size_t> want;
  for (const auto& a : articles) {
    if (a.lang == "en" || a.lang == "fr" || a.lang == "de") {
      std::set<std::string> distinct;
      for (auto t : a.tags) {
        std::transform(t.begin(), t.end(), t.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        distinct.insert(t);
      }
      for (const auto& t : distinct)
        ++want[t];
    }
  }
  SUBCASE("from the slot") {
    CHECK(from_slot == want);
  }
  SUBCASE("an index made before the slot existed counts its K terms alike") {
    {
      Xapian::WritableDatabase db(fixture.db_path(), Xapian::DB_OPEN);
      const std::vector<Xapian::docid> ids(db.postlist_begin(""), db.postlist_end(""));
      for (const Xapian::docid id : ids) {
        Xapian::Document doc = db.get_document(id);
        if (doc.get_value(schema::kTags).empty()) continue;
        doc.remove_value(schema::kTags);
        db.replace_document(id, doc);
      }
      db.commit();
      REQUIRE(db.get_value_freq(schema::kTags) == 0);
    }
    CHECK(tag_counts() == want);
  }
}

// Thread safety of the documented model, one Searcher per thread: many threads searching
// one index at once get exactly the single-threaded results (hits, scores, snippets,
// passages, explanations, facets, timelines, counts, streams), also while opening and
// closing Searchers as they go; and readers stay sane while a writer commits.
#include <gazette/date.hpp>
#include <gazette/error.hpp>
#include <gazette/indexer.hpp>
#include <gazette/searcher.hpp>

#include "tests/support/index_fixture.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <latch>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace gazette;

namespace {

constexpr int kThreads = 6;

std::string sample_archive() {
  return (std::filesystem::path(GAZETTE_EXAMPLES_DIR) / "archive").string();
}

// The sample archive indexed into a temporary database.
class SampleIndex {
 public:
  SampleIndex() {
    Indexer indexer(db_path());
    const IndexReport report = indexer.add_paths({sample_archive()});
    REQUIRE(report.articles_indexed >= 50);
  }
  std::string db_path() const { return (dir_.path() / "db").string(); }

 private:
  test::TempDir dir_;
};

// Everything a result holds, doubles bit for bit, so equal text means equal results.
void describe(std::ostream& out, const Snippet& s) {
  out << "  snippet " << s.text << " |";
  for (const auto& h : s.highlights)
    out << ' ' << h.begin << '-' << h.end;
  out << '\n';
}

void describe(std::ostream& out, const Article& a) {
  out << "  article " << a.id << " | " << a.title << " | " << a.body.size() << " | "
      << (a.published ? format_iso8601(*a.published) : "-") << " | " << a.source << " | " << a.url
      << " | " << a.lang << " | " << a.format << " | " << a.origin.path << " | "
      << a.origin.position << " |";
  for (const auto& author : a.authors)
    out << " a:" << author;
  for (const auto& tag : a.tags)
    out << " t:" << tag;
  out << '\n';
}

void describe(std::ostream& out, const Hit& hit) {
  out << "hit " << hit.rank << ' ' << hit.score << ' ' << hit.duplicates << ' ' << hit.cluster
      << '\n';
  describe(out, hit.article);
  describe(out, hit.snippet);
  for (const auto& p : hit.passages) {
    out << "  passage " << p.begin << '-' << p.end << ' ' << p.char_begin << '-' << p.char_end
        << '\n';
    describe(out, p.snippet);
  }
  if (hit.explanation) {
    out << "  explain " << hit.explanation->bm25 << ' ' << hit.explanation->recency;
    for (const auto& t : hit.explanation->terms)
      out << ' ' << t.term << '/' << t.field << '/' << t.stemmed << '/' << t.frequency;
    out << '\n';
  }
}

std::string describe(const SearchResult& r) {
  std::ostringstream out;
  out << std::hexfloat;
  out << "query " << r.query << " | " << r.total_estimate << ' ' << r.total_lower_bound << ' '
      << r.total_upper_bound << " | " << r.suggestion.value_or("-") << '\n';
  for (const auto& w : r.warnings)
    out << "warning " << w << '\n';
  for (const auto& f : r.facets) {
    out << "facet " << f.name;
    for (const auto& v : f.values)
      out << ' ' << v.value << '=' << v.count;
    out << '\n';
  }
  for (const auto& p : r.timeline)
    out << "period " << p.period << ' ' << p.count << ' ' << p.share.value_or(-1) << '\n';
  for (const auto& hit : r.hits)
    describe(out, hit);
  return out.str();
}

// What one request gives: the search, the exact count, and (for some) the whole stream;
// or the gazette::Error it throws.
std::string run(Searcher& searcher, const SearchRequest& request, bool stream) {
  std::ostringstream out;
  try {
    out << describe(searcher.search(request));
    out << "count " << searcher.count(request) << '\n';
    if (stream) {
      std::ostringstream streamed;
      streamed << std::hexfloat;
      const std::size_t n = searcher.stream(request, [&](const Hit& hit) {
        describe(streamed, hit);
        return true;
      });
      out << "stream " << n << '\n' << streamed.str();
    }
  } catch (const Error& e) {
    out << "error " << to_string(e.code()) << ' ' << e.what() << '\n';
  }
  return out.str();
}

struct Case {
  SearchRequest request;
  bool stream = false;
};

SearchRequest query(std::string text) {
  SearchRequest r;
  r.query = std::move(text);
  return r;
}

// About thirty varied requests over the sample archive: plain, phrase, boolean, wildcard
// and field queries, filters, sorting, paging, facets, timelines, recency, passages,
// explanations, "more like this", a misspelling and an unparsable query.
std::vector<Case> varied_cases(Searcher& searcher) {
  std::vector<Case> cases;
  const auto add = [&](SearchRequest r, bool stream = false) { cases.push_back({r, stream}); };
  add(query("oil prices"));
  add(query("election"), true);
  add(query("\"six nations\""));
  add(query("oscar*"));
  add(query("title:oil"));
  add(query("economy NOT oil"));
  add(query("oil NEAR prices"));
  add(query("romney OR obama"));
  add(query("AND OR ("));  // Unparsable: searched as plain words with a warning.
  {
    SearchRequest r = query("elecion resuts");  // Misspelt: a suggestion.
    r.match = MatchMode::any;
    add(r);
  }
  {
    SearchRequest r = query("broadband internet speed");
    r.match = MatchMode::any;
    r.limit = 20;
    add(r);
  }
  {
    SearchRequest r = query("oil");
    r.sort = SortOrder::newest;
    add(r);
  }
  {
    SearchRequest r = query("polls voters");
    r.match = MatchMode::any;
    r.sort = SortOrder::oldest;
    add(r);
  }
  {
    SearchRequest r = query("oil");
    r.offset = 2;
    r.limit = 3;
    add(r);
  }
  {
    SearchRequest r = query("election");
    r.facets = {"source", "year", "month", "lang", "tag"};
    r.timeline = TimelineGranularity::month;
    r.normalise = true;
    add(r);
  }
  {
    SearchRequest r = query("internet");
    r.timeline = TimelineGranularity::year;
    r.facets = {"year"};
    r.facet_limit = 3;
    add(r);
  }
  {
    SearchRequest r = query("vote");
    r.timeline = TimelineGranularity::day;
    add(r);
  }
  {
    SearchRequest r = query("election");
    r.recency_half_life = std::chrono::days(30);
    r.explain = true;
    add(r);
  }
  {
    SearchRequest r = query("broadband");
    r.passages = 3;
    r.snippet_chars = 120;
    add(r, true);
  }
  {
    SearchRequest r = query("film awards");
    r.match = MatchMode::any;
    r.explain = true;
    r.passages = 2;
    r.recency_half_life = std::chrono::days(365);
    add(r);
  }
  {
    SearchRequest r = query("phone OR phones");
    r.langs = {"en"};
    add(r);
  }
  {
    SearchRequest r = query("year:2012");
    r.limit = 50;
    r.collapse = false;
    add(r);
  }
  {
    SearchRequest r = query("wales rugby");
    r.match = MatchMode::any;
    r.collapse = false;
    r.snippet_chars = 0;
    add(r);
  }
  {
    SearchRequest r;
    r.like = "bbc/business/144-oil-prices-fall-back-from-highs.txt";
    add(r);
  }
  {
    SearchRequest r = query("\"net neutrality\" OR comcast");
    r.until = "2030";
    add(r);
  }
  // Filters on values the archive really has: its most frequent source, tag and year.
  SearchRequest facets;
  facets.since = "1900";
  facets.facets = {"source", "tag", "year"};
  const SearchResult all = searcher.search(facets);
  REQUIRE(all.facets.size() == 3);
  REQUIRE_FALSE(all.facets[0].values.empty());
  REQUIRE_FALSE(all.facets[2].values.empty());
  {
    SearchRequest r;  // Filters only: the year with most articles.
    r.since = all.facets[2].values.front().value;
    r.until = r.since + "-12";
    r.limit = 100;
    r.facets = {"source", "month"};
    r.timeline = TimelineGranularity::week;
    add(r, true);
  }
  {
    SearchRequest r = query("election OR oil");
    r.sources = {all.facets[0].values.front().value};
    r.facets = {"source", "lang"};
    add(r);
  }
  if (!all.facets[1].values.empty()) {
    SearchRequest r;
    r.tags = {all.facets[1].values.front().value};
    r.limit = 30;
    add(r, true);
  }
  {
    SearchRequest r = query("space");
    r.limit = 1;
    add(r);
  }
  {
    SearchRequest r = query("connected cars cloud");
    r.match = MatchMode::any;
    r.sort = SortOrder::newest;
    r.facets = {"lang", "year"};
    add(r);
  }
  {
    SearchRequest r = query("rugby OR nations");
    r.authors = {"x"};  // No such byline: no hits, still counted and faceted.
    r.facets = {"source"};
    add(r);
  }
  return cases;
}

// Mismatches and exceptions seen by worker threads, checked on the main thread (doctest
// assertions are best kept to the thread running the test).
class Failures {
 public:
  void add(std::string what) {
    const std::lock_guard lock(mutex_);
    if (list_.size() < 20) list_.push_back(std::move(what));
    ++count_;
  }
  std::size_t count() const { return count_; }
  std::string first() const { return list_.empty() ? "" : list_.front(); }

 private:
  std::mutex mutex_;
  std::vector<std::string> list_;
  std::atomic<std::size_t> count_ = 0;
};

Article new_article(int n) {
  return test::make_article(
      "live-" + std::to_string(n), "Zephyr bulletin " + std::to_string(n),
      "The zephyr quintet played bulletin number " + std::to_string(n) +
          " to a quiet hall. Xylophones and zephyr breezes filled the evening.");
}

}  // namespace

TEST_CASE("threads: many Searchers searching one index at once match single-threaded results") {
  const SampleIndex index;
  Searcher single(index.db_path());
  const std::vector<Case> cases = varied_cases(single);
  REQUIRE(cases.size() >= 30);
  std::vector<std::string> expected;
  for (const auto& c : cases)
    expected.push_back(run(single, c.request, c.stream));
  {  // The cases exercise what they should: hits, passages, explanations, facets, timelines
     // and a warning. (Two are meant to find nothing: the misspelling and the unknown byline.)
    std::string without_hits;
    std::size_t empty = 0;
    for (const auto& e : expected) {
      if (e.find("\nhit ") != std::string::npos) continue;
      without_hits += e.substr(0, 300) + "\n";
      ++empty;
    }
    INFO(without_hits);
    CHECK(empty <= 2);
    CHECK(std::count_if(expected.begin(), expected.end(), [](const std::string& e) {
            return e.find("\n  passage ") != std::string::npos;
          }) >= 2);
    CHECK(std::count_if(expected.begin(), expected.end(), [](const std::string& e) {
            return e.find("\n  explain ") != std::string::npos;
          }) >= 2);
    CHECK(std::count_if(expected.begin(), expected.end(), [](const std::string& e) {
            return e.find("\nfacet ") != std::string::npos;
          }) >= 4);
    CHECK(std::count_if(expected.begin(), expected.end(), [](const std::string& e) {
            return e.find("\nperiod ") != std::string::npos;
          }) >= 3);
    CHECK(std::count_if(expected.begin(), expected.end(), [](const std::string& e) {
            return e.find("\nwarning ") != std::string::npos;
          }) >= 1);
  }

  constexpr int kRounds = 3;
  Failures failures;
  std::atomic<std::size_t> searches = 0;
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        std::optional<Searcher> searcher(std::in_place, index.db_path());
        start.arrive_and_wait();
        for (int round = 0; round < kRounds; ++round) {
          // Even threads keep one Searcher; odd ones open a new one each round, so opening
          // and closing also overlaps with searching.
          if (t % 2 == 1 && round > 0) searcher.emplace(index.db_path());
          for (std::size_t i = 0; i < cases.size(); ++i) {
            const std::size_t k = (i + static_cast<std::size_t>(t) * 5) % cases.size();
            const std::string got = run(*searcher, cases[k].request, cases[k].stream);
            ++searches;
            if (got != expected[k]) {
              failures.add("thread " + std::to_string(t) + ", case " + std::to_string(k) +
                           ":\nexpected:\n" + expected[k].substr(0, 2000) + "\ngot:\n" +
                           got.substr(0, 2000));
            }
          }
        }
      } catch (const std::exception& e) {
        failures.add("thread " + std::to_string(t) + " threw: " + e.what());
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  INFO(failures.first());
  CHECK(failures.count() == 0);
  CHECK(searches.load() == kThreads * kRounds * cases.size());
}

TEST_CASE("threads: readers stay consistent while a writer commits new articles") {
  const SampleIndex index;
  SearchRequest oil = query("oil prices");
  oil.limit = 1000;
  oil.collapse = false;
  SearchRequest zephyr = query("zephyr");
  zephyr.limit = 1000;
  zephyr.collapse = false;
  std::set<std::string> oil_ids;
  std::size_t initial_count = 0;
  {
    Searcher searcher(index.db_path());
    for (const auto& hit : searcher.search(oil).hits)
      oil_ids.insert(hit.article.id);
    initial_count = searcher.article_count();
    REQUIRE_FALSE(oil_ids.empty());
    REQUIRE(searcher.count(zephyr) == 0);
  }

  constexpr int kCommits = 25;
  constexpr int kPerCommit = 4;
  std::atomic<bool> writing = true;
  Failures failures;
  std::atomic<std::size_t> reads = 0;
  std::latch start(kThreads + 1);
  std::vector<std::thread> readers;
  for (int t = 0; t < kThreads; ++t) {
    readers.emplace_back([&, t] {
      try {
        Searcher searcher(index.db_path());
        std::size_t last_count = 0, last_articles = 0;
        start.arrive_and_wait();
        const auto fail = [&](const std::string& what) {
          failures.add("reader " + std::to_string(t) + ": " + what);
        };
        for (bool more = true; more;) {
          more = writing.load();              // One more pass after the writer is done.
          if (t % 3 != 0) searcher.reopen();  // Some readers only follow commits they meet.
          const std::size_t articles = searcher.article_count();
          if (articles < last_articles || articles < initial_count) fail("article count fell");
          last_articles = articles;
          const SearchResult found = searcher.search(zephyr);
          const std::size_t count = searcher.count(zephyr);
          // Each search sees one committed state: whole commits of kPerCommit articles.
          if (found.total_lower_bound % kPerCommit != 0) {
            fail("a partial commit is visible: " + std::to_string(found.total_lower_bound));
          }
          if (count < last_count || found.total_lower_bound < last_count) {
            fail("zephyr count fell");
          }
          last_count = std::max(count, found.total_lower_bound);
          for (const auto& hit : found.hits) {
            if (!hit.article.id.starts_with("live-") || hit.snippet.highlights.empty()) {
              fail("odd zephyr hit " + hit.article.id);
            }
          }
          std::set<std::string> ids;
          for (const auto& hit : searcher.search(oil).hits)
            ids.insert(hit.article.id);
          if (ids != oil_ids) fail("the oil prices hits changed");
          ++reads;
        }
        searcher.reopen();
        if (searcher.count(zephyr) != kCommits * kPerCommit) fail("final count wrong");
      } catch (const std::exception& e) {
        failures.add("reader " + std::to_string(t) + " threw: " + e.what());
      }
    });
  }
  std::thread writer([&] {
    try {
      Indexer indexer(index.db_path());
      start.arrive_and_wait();
      for (int c = 0; c < kCommits; ++c) {
        for (int i = 0; i < kPerCommit; ++i)
          indexer.add_article(new_article(c * kPerCommit + i));
        indexer.commit();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    } catch (const std::exception& e) {
      failures.add(std::string("writer threw: ") + e.what());
    }
    writing = false;
  });
  writer.join();
  for (auto& reader : readers)
    reader.join();
  INFO(failures.first());
  CHECK(failures.count() == 0);
  CHECK(reads.load() >= kThreads);
  Searcher after(index.db_path());
  CHECK(after.article_count() == initial_count + kCommits * kPerCommit);
}

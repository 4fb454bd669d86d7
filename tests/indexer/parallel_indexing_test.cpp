// Tests for parallel indexing (IndexerOptions::threads, indexer/src/ordered_parallel.hpp):
// the database must hold exactly the same documents whatever the number of threads.
#include <gazette/indexer.hpp>
#include <gazette/schema.hpp>

#include "indexer/src/ordered_parallel.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

using namespace gazette;

namespace {

// Everything a document holds, in one comparable string: data, values, and each term with
// its wdf and positions.
std::string describe(const Xapian::Document& doc) {
  std::string out = doc.get_data();
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
    out += "\nvalue " + std::to_string(v.get_valueno()) + "=" + *v;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out += "\nterm " + *t + " wdf " + std::to_string(t.get_wdf()) + " at";
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
      out += " " + std::to_string(*p);
  }
  return out;
}

struct Indexed {
  IndexReport report;
  std::string db;
};

Indexed index_with(const test::TempDir& dir, const std::string& name, std::size_t threads,
                   const std::vector<std::string>& paths) {
  IndexerOptions options;
  options.threads = threads;
  options.batch_articles = 7;  // Several commits, so batching cannot hide an ordering bug.
  const std::string db = (dir.path() / name).string();
  Indexed out{Indexer(db, options).add_paths(paths), db};
  return out;
}

}  // namespace

TEST_CASE("parallel indexing: every thread count gives the same database") {
  test::TempDir dir;
  const std::vector<std::string> paths = {test::fixture("").string(),
                                          std::string(GAZETTE_EXAMPLES_DIR) + "/archive"};
  const Indexed one = index_with(dir, "one", 1, paths);
  REQUIRE(one.report.articles_indexed > 100);
  for (const std::size_t threads : {2, 3, 8}) {
    CAPTURE(threads);
    const Indexed many = index_with(dir, "many" + std::to_string(threads), threads, paths);
    CHECK(many.report.articles_indexed == one.report.articles_indexed);
    CHECK(many.report.files_failed == one.report.files_failed);
    REQUIRE(many.report.problems.size() == one.report.problems.size());
    for (std::size_t i = 0; i < one.report.problems.size(); ++i)
      CHECK(many.report.problems[i].path == one.report.problems[i].path);

    Xapian::Database a(one.db), b(many.db);
    REQUIRE(a.get_doccount() == b.get_doccount());
    REQUIRE(a.get_lastdocid() == b.get_lastdocid());
    for (Xapian::docid id = 1; id <= a.get_lastdocid(); ++id) {
      CAPTURE(id);
      CHECK(describe(a.get_document(id)) == describe(b.get_document(id)));
    }
    // The spelling table, too.
    auto spellings = [](const Xapian::Database& db) {
      std::vector<std::pair<std::string, Xapian::doccount>> out;
      for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it)
        out.emplace_back(*it, it.get_termfreq());
      return out;
    };
    CHECK(spellings(a) == spellings(b));
  }
}

TEST_CASE("parallel indexing: an update with threads finds exactly what changed") {
  test::TempDir dir;
  dir.write("a.txt", "Harvest report\n\nThe wheat harvest was late this year.");
  dir.write("b.txt", "Oil report\n\nCrude oil prices rose on Monday.");
  IndexerOptions options;
  options.threads = 4;
  const std::string db = (dir.path() / "db").string();
  Indexer(db, options).add_paths({(dir.path()).string()});
  dir.write("b.txt", "Oil report\n\nCrude oil prices fell on Tuesday.");
  dir.write("c.txt", "Gold report\n\nGold held steady.");
  const IndexReport again = Indexer(db, options).update();
  CHECK(again.files_added == 1);
  CHECK(again.files_replaced == 1);
  CHECK(again.files_unchanged == 1);
}

TEST_CASE("ordered_parallel: results arrive in order, bounded, and errors surface") {
  const std::size_t n = 500;
  for (const unsigned threads : {1u, 2u, 7u}) {
    CAPTURE(threads);
    std::atomic<std::size_t> working{0}, most{0};
    std::vector<std::size_t> seen;
    indexer::ordered_parallel<std::size_t>(
        n, threads, 3,
        [&](std::size_t i, unsigned worker) {
          CHECK(worker < std::max(threads, 1u));
          const std::size_t now = ++working;
          for (std::size_t m = most; now > m && !most.compare_exchange_weak(m, now);) {
          }
          --working;
          return i * i;
        },
        [&](std::size_t i, std::size_t&& square) {
          CHECK(square == i * i);
          seen.push_back(i);
          return true;
        });
    REQUIRE(seen.size() == n);
    for (std::size_t i = 0; i < n; ++i)
      CHECK(seen[i] == i);
    CHECK(most <= std::max(threads, 1u));
  }

  std::size_t consumed = 0;
  CHECK_THROWS_AS(indexer::ordered_parallel<int>(
                      100, 3, 4,
                      [](std::size_t i, unsigned) -> int {
                        if (i == 42) throw std::runtime_error("item 42");
                        return 0;
                      },
                      [&](std::size_t, int&&) {
                        ++consumed;
                        return true;
                      }),
                  std::runtime_error);
  CHECK(consumed == 42);

  consumed = 0;
  indexer::ordered_parallel<int>(
      100, 3, 4, [](std::size_t, unsigned) { return 1; },
      [&](std::size_t, int&&) { return ++consumed < 10; });
  CHECK(consumed == 10);
}

// Tests for parallel indexing (IndexerOptions::threads, indexer/src/ordered_parallel.hpp):
// the database must hold exactly the same documents whatever the number of threads.
#include <gazette/indexer.hpp>
#include <gazette/schema.hpp>

#include "indexer/src/ordered_parallel.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
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

std::vector<std::pair<std::string, Xapian::doccount>> spellings(const Xapian::Database& db) {
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it)
    out.emplace_back(*it, it.get_termfreq());
  return out;
}

// The user metadata (file states, roots, schema), but for the time of the last update.
std::vector<std::pair<std::string, std::string>> metadata(const Xapian::Database& db) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto it = db.metadata_keys_begin(); it != db.metadata_keys_end(); ++it) {
    if (*it != schema::kLastUpdateKey) out.emplace_back(*it, db.get_metadata(*it));
  }
  return out;
}

// Checks that two databases hold the same documents under the same docids, the same
// spelling table and the same metadata.
void check_same_database(const std::string& a_path, const std::string& b_path) {
  Xapian::Database a(a_path), b(b_path);
  REQUIRE(a.get_doccount() == b.get_doccount());
  REQUIRE(a.get_lastdocid() == b.get_lastdocid());
  for (Xapian::docid id = 1; id <= a.get_lastdocid(); ++id) {
    CAPTURE(id);
    CHECK(describe(a.get_document(id)) == describe(b.get_document(id)));
  }
  CHECK(spellings(a) == spellings(b));
  CHECK(metadata(a) == metadata(b));
}

struct Indexed {
  IndexReport report;
  std::string db;
};

Indexed index_with(const test::TempDir& dir, const std::string& name, std::size_t threads,
                   const std::vector<std::string>& paths, bool segmented = true,
                   std::size_t batch = 7) {
  IndexerOptions options;
  options.threads = threads;
  options.segmented_first_build = segmented;
  options.batch_articles = batch;  // Several commits, so batching cannot hide an ordering bug.
  const std::string db = (dir.path() / name).string();
  Indexed out{Indexer(db, options).add_paths(paths), db};
  return out;
}

// `count` JSON Lines wire reports, numbered from `first`, dated in March 1987.
std::string wire_reports(int first, int count) {
  std::string lines;
  for (int i = first; i < first + count; ++i) {
    lines += "{\"title\": \"Report " + std::to_string(i) + "\", \"body\": \"Wire report " +
             std::to_string(i) + " on grain prices, shipping and the weather at port " +
             std::to_string(i % 7) + ".\", \"date\": \"1987-03-" + std::to_string(10 + i % 18) +
             "\"}\n";
  }
  return lines;
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

    check_same_database(one.db, many.db);
  }
}

TEST_CASE("segmented first build: the database written one by one, compacted") {
  test::TempDir dir;
  const std::vector<std::string> paths = {test::fixture("").string(),
                                          std::string(GAZETTE_EXAMPLES_DIR) + "/archive"};
  const Indexed resumable = index_with(dir, "resumable", 1, paths, false);
  REQUIRE(resumable.report.articles_indexed > 100);
  for (const std::size_t threads : {1, 2, 5}) {
    CAPTURE(threads);
    const Indexed segmented =
        index_with(dir, "segmented" + std::to_string(threads), threads, paths);
    CHECK(segmented.report.articles_indexed == resumable.report.articles_indexed);
    check_same_database(resumable.db, segmented.db);
    // One generation beside the stub: no segment or empty generation left behind.
    std::vector<std::string> entries;
    for (const auto& entry : std::filesystem::directory_iterator(segmented.db))
      entries.push_back(entry.path().filename().string());
    std::sort(entries.begin(), entries.end());
    CHECK(entries == std::vector<std::string>{"XAPIANDB", "db-000002"});
  }
}

TEST_CASE("segmented first build: an article replaced after its segment was written") {
  // Keys are paths below the root, so two roots holding "a.txt" give one key: the later
  // file replaces the earlier article, which keeps its docid (and its words leave the
  // spelling table). With one article per batch, the earlier one is already written.
  test::TempDir dir;
  const std::string story =
      "The central bank raised its benchmark interest rate by half a point on Tuesday, "
      "citing inflation that has run above its target for most of the past two years.";
  dir.write("first/a.txt", "Rates rise\n\n" + story);
  dir.write("first/b.txt", "Harvest late\n\nThe wheat harvest was late this year in Kansas.");
  dir.write("first/c.txt", "Rates rise again\n\n" + story + " Markets fell.");
  // Enough files for runs of 32 segments to be merged before the replacements come.
  for (int i = 0; i < 70; ++i) {
    dir.write("first/filler-" + std::to_string(100 + i) + ".txt",
              "Market note " + std::to_string(i) + "\n\nShares traded in a narrow range, day " +
                  std::to_string(i) + ".");
  }
  dir.write("second/a.txt", "Storm warning\n\nA hurricane warning covers the gulf coast.");
  dir.write("second/c.txt", "Rates up\n\n" + story + " Markets fell sharply.");
  const std::vector<std::string> roots = {(dir.path() / "first").string(),
                                          (dir.path() / "second").string()};
  for (const std::size_t batch : {1, 100}) {
    CAPTURE(batch);
    const std::string suffix = std::to_string(batch);
    const Indexed resumable = index_with(dir, "resumable" + suffix, 1, roots, false, batch);
    const Indexed segmented = index_with(dir, "segmented" + suffix, 2, roots, true, batch);
    CHECK(segmented.report.articles_indexed == 75);
    check_same_database(resumable.db, segmented.db);
    Xapian::Database db(segmented.db);
    CHECK(db.get_doccount() == 73);
    const auto words = spellings(db);
    const auto frequency = [&](const std::string& word) {
      const auto it = std::find_if(words.begin(), words.end(),
                                   [&](const auto& entry) { return entry.first == word; });
      return it == words.end() ? 0 : it->second;
    };
    CHECK(frequency("storm") == 1);
    CHECK(frequency("harvest") == 1);
    CHECK(frequency("rates") == 1);  // Only second/c.txt's title has it.
    CHECK(frequency("rise") == 0);   // Both titles with it were replaced.
  }
}

TEST_CASE("segmented first build: segments end inside one big file") {
  test::TempDir dir;
  dir.write("dump/all.jsonl", wire_reports(0, 40));
  const std::vector<std::string> roots = {(dir.path() / "dump").string()};
  const Indexed resumable = index_with(dir, "resumable", 1, roots, false, 7);
  const Indexed segmented = index_with(dir, "segmented", 2, roots, true, 7);
  CHECK(segmented.report.articles_indexed == 40);
  check_same_database(resumable.db, segmented.db);
}

TEST_CASE("parallel indexing: a file too big to analyse whole is analysed in chunks, alike") {
  // More articles than kArticlesAnalysedWhole (2,000) in one file: built in chunks of 256
  // as they are written.
  test::TempDir dir;
  dir.write("dump/all.jsonl", wire_reports(0, 2100));
  dir.write("dump/part.jsonl", wire_reports(2100, 300));  // Analysed whole, but > 256.
  dir.write("dump/small.txt", "Harbour notes\n\nA small file after the big one.\n");
  const std::vector<std::string> roots = {(dir.path() / "dump").string()};
  const Indexed resumable = index_with(dir, "resumable", 1, roots, false, 500);
  CHECK(resumable.report.articles_indexed == 2401);
  for (const std::size_t threads : {1, 2, 3}) {
    CAPTURE(threads);
    const Indexed segmented =
        index_with(dir, "segmented" + std::to_string(threads), threads, roots, true, 500);
    CHECK(segmented.report.articles_indexed == 2401);
    check_same_database(resumable.db, segmented.db);
  }
  const Indexed resumable_threads = index_with(dir, "resumable3", 3, roots, false, 500);
  check_same_database(resumable.db, resumable_threads.db);
}

TEST_CASE("parallel indexing: cancelled inside a big file, the next run indexes it whole") {
  test::TempDir dir;
  // The bad line is reported before the first chunk is stored, and the report cancels.
  const std::string big = wire_reports(0, 2100) + "{not json\n" + wire_reports(2100, 10);
  dir.write("dump/all.jsonl", big);
  const std::vector<std::string> roots = {(dir.path() / "dump").string()};
  const std::string db = (dir.path() / "db").string();
  auto index = [&](bool cancel) {
    std::atomic<bool> stop{false};
    IndexerOptions options;
    options.threads = 2;
    options.cancel = &stop;
    options.on_problem = [&](const FileProblem&) { stop = cancel; };
    return Indexer(db, options).add_paths(roots);
  };
  for (const bool first_build : {true, false}) {
    CAPTURE(first_build);
    if (!first_build) {  // The file changes, so that the update reads it again.
      std::string changed = big;
      changed.replace(changed.find("grain"), 5, "wheat");
      dir.write("dump/all.jsonl", changed);
    }
    const IndexReport cancelled = index(true);
    CHECK(cancelled.interrupted);
    CHECK(cancelled.articles_indexed == 0);
    CHECK(Xapian::Database(db).get_doccount() == (first_build ? 0 : 2110));  // old ones kept
    const IndexReport next = index(false);
    CHECK_FALSE(next.interrupted);
    CHECK(next.articles_indexed == 2110);
    CHECK(Xapian::Database(db).get_doccount() == 2110);
  }
  CHECK(Xapian::Database(db).get_termfreq("wheat") == 1);
}

TEST_CASE("segmented first build: later runs update it in place, rebuild segments again") {
  test::TempDir dir;
  dir.write("news/a.txt", "Harvest report\n\nThe wheat harvest was late this year.");
  dir.write("news/b.txt", "Oil report\n\nCrude oil prices rose on Monday.");
  const std::string db = (dir.path() / "db").string();
  Indexer(db).add_paths({(dir.path() / "news").string()});
  dir.write("news/c.txt", "Gold report\n\nGold held steady.");
  const IndexReport update = Indexer(db).update();
  CHECK(update.files_added == 1);
  CHECK(update.files_unchanged == 2);
  CHECK(Xapian::Database(db).get_doccount() == 3);

  const IndexReport rebuilt = Indexer::rebuild(db);
  CHECK(rebuilt.articles_indexed == 3);
  const Indexed fresh = index_with(dir, "fresh", 2, {(dir.path() / "news").string()}, false);
  check_same_database(fresh.db, db);
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

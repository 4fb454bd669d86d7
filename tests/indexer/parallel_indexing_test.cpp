// Tests for parallel indexing (IndexerOptions::threads, indexer/src/ordered_parallel.hpp):
// the database must hold exactly the same documents whatever the number of threads.
#include <gazette/indexer.hpp>
#include <gazette/schema.hpp>

#include "indexer/src/document_builder.hpp"
#include "indexer/src/file_reader.hpp"
#include "indexer/src/incremental.hpp"
#include "indexer/src/ordered_parallel.hpp"
#include "indexer/src/segmented_build.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
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

// One pass over `roots` as gazette::Indexer makes it (a first build in segments when
// `segmented`, else in place), but with the files over `stream_over` bytes streamed: read
// by the writer as it stores their articles (RunTarget::stream_files_over).
IndexReport index_streaming(const std::string& db_path, const std::vector<std::string>& roots,
                            const IndexerOptions& options, std::uint64_t stream_over,
                            bool segmented = false) {
  std::vector<std::filesystem::path> paths;
  for (const auto& root : roots)
    paths.push_back(std::filesystem::absolute(root).lexically_normal());
  indexer::DocumentBuilder builder;
  const indexer::FileReadOptions read;
  if (!segmented) {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OPEN);
    return indexer::run_update({db, builder, options, read, db_path, nullptr, stream_over}, paths);
  }
  const std::string base = db_path + "-base";
  Xapian::WritableDatabase db(base, Xapian::DB_CREATE_OR_OPEN);
  db.commit();
  indexer::SegmentedBuild segments(db_path + "-segments", options.spelling,
                                   indexer::worker_threads(options.threads));
  IndexReport report =
      indexer::run_update({db, builder, options, read, db_path, &segments, stream_over}, paths);
  segments.finish(base, db_path, 0);
  return report;
}

IndexerOptions with_threads(std::size_t threads, std::size_t batch = 500) {
  IndexerOptions options;
  options.threads = threads;
  options.batch_articles = batch;
  return options;
}

// A JSON Lines dump of 2,110 articles with a bad line after the 2,100th: its report comes
// after the first chunks of 256 were analysed.
std::string dump_with_bad_line() {
  return wire_reports(0, 2100) + "{not json\n" + wire_reports(2100, 10);
}

// A directory with the dump as dump/all.jsonl, its root, and where the database goes.
struct DumpWithBadLine {
  test::TempDir dir;
  std::vector<std::string> roots{(dir.path() / "dump").string()};
  std::string db = (dir.path() / "db").string();
  std::string file = (dir.path() / "dump/all.jsonl").string();

  DumpWithBadLine() { dir.write("dump/all.jsonl", dump_with_bad_line()); }

  // Rewrites the dump with its first "grain" replaced by `word`, so that it changed.
  void change_to(const std::string& word) {
    std::string text = dump_with_bad_line();
    text.replace(text.find("grain"), 5, word);
    dir.write("dump/all.jsonl", text);
  }
};

// Options on `threads` threads whose problem reports cancel the run when `cancel` is true,
// after `check` has seen each one.
IndexerOptions cancelled_by_problems(std::atomic<bool>& stop, bool cancel, std::size_t threads,
                                     std::function<void(const FileProblem&)> check = {}) {
  IndexerOptions options = with_threads(threads);
  options.cancel = &stop;
  options.on_problem = [&stop, cancel, check](const FileProblem& problem) {
    if (check) check(problem);
    stop = cancel;
  };
  return options;
}

// Streams every file.
constexpr std::uint64_t kStreamAll = 0;
constexpr std::uint64_t kStreamNone = std::uint64_t{1} << 40;

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
  // The bad line is reported before the first chunk is stored, and the report cancels.
  DumpWithBadLine dump;
  const std::string& db = dump.db;
  auto index = [&](bool cancel) {
    std::atomic<bool> stop{false};
    return Indexer(db, cancelled_by_problems(stop, cancel, 2)).add_paths(dump.roots);
  };
  for (const bool first_build : {true, false}) {
    CAPTURE(first_build);
    if (!first_build) dump.change_to("wheat");  // So that the update reads it again.
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

TEST_CASE("streamed files: read while written, the database is the same") {
  // Big files are read by the writer and their articles analysed in chunks as they are
  // read: the database must be the one of reading every file whole, whatever the threads,
  // for a first build in segments and for one in place. Repeated ids keep their "~ordinal".
  test::TempDir dir;
  dir.write("dump/all.jsonl", wire_reports(0, 2100) + "{not json\n" +
                                  "{\"id\": \"7\", \"title\": \"Seven\"}\n"
                                  "{\"id\": \"7\", \"title\": \"Seven again\"}\n" +
                                  wire_reports(2100, 20));
  dir.write("dump/array.json", "[\n" + std::string("{\"title\": \"First\"},\n") +
                                   "{\"title\": \"Second\", \"body\": \"Grain.\"}\n]\n");
  dir.write("dump/part.jsonl", wire_reports(3000, 300));
  dir.write("dump/small.txt", "Harbour notes\n\nA small file after the big one.\n");
  dir.write("dump/bad.jsonl", "this is not JSON\n");
  const std::vector<std::string> roots = {(dir.path() / "dump").string()};
  for (const bool segmented : {false, true}) {
    CAPTURE(segmented);
    const std::string suffix = segmented ? "-segmented" : "-in-place";
    const std::string whole_db = (dir.path() / ("whole" + suffix)).string();
    const IndexReport whole =
        index_streaming(whole_db, roots, with_threads(1), kStreamNone, segmented);
    CHECK(whole.articles_indexed == 2425);
    CHECK(whole.files_failed == 1);
    for (const std::size_t threads : {1, 2, 3}) {
      CAPTURE(threads);
      const std::string db =
          (dir.path() / ("streamed" + suffix + std::to_string(threads))).string();
      const IndexReport streamed =
          index_streaming(db, roots, with_threads(threads), kStreamAll, segmented);
      CHECK(streamed.articles_indexed == whole.articles_indexed);
      CHECK(streamed.files_added == whole.files_added);
      CHECK(streamed.files_failed == whole.files_failed);
      CHECK(streamed.parts_failed == whole.parts_failed);
      CHECK(streamed.bytes_read == whole.bytes_read);
      CHECK(streamed.dates_unreadable == whole.dates_unreadable);
      REQUIRE(streamed.problems.size() == whole.problems.size());
      for (std::size_t i = 0; i < whole.problems.size(); ++i) {
        CHECK(streamed.problems[i].path == whole.problems[i].path);
        CHECK(streamed.problems[i].reason == whole.problems[i].reason);
      }
      check_same_database(whole_db, db);
    }
  }
  Xapian::Database db((dir.path() / "streamed-in-place2").string());
  CHECK(db.get_termfreq(schema::key_term("all.jsonl#7~2102")) == 1);
}

TEST_CASE("streamed files: an update replaces, keeps or fails a big file as when read whole") {
  test::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  const std::vector<std::string> roots = {(dir.path() / "dump").string()};
  dir.write("dump/all.jsonl", wire_reports(0, 600));
  CHECK(index_streaming(db, roots, with_threads(2), kStreamAll).articles_indexed == 600);

  // Fewer articles: the ones gone are deleted once the file is stored.
  dir.write("dump/all.jsonl", wire_reports(0, 500));
  IndexReport update = index_streaming(db, roots, with_threads(2), kStreamAll);
  CHECK(update.files_replaced == 1);
  CHECK(update.articles_indexed == 500);
  CHECK(update.articles_deleted == 100);
  CHECK(Xapian::Database(db).get_doccount() == 500);

  // Unreadable as a whole: reported failed, nothing read, the old articles kept.
  dir.write("dump/all.jsonl", "no JSON here at all\n");
  update = index_streaming(db, roots, with_threads(2), kStreamAll);
  CHECK(update.files_failed == 1);
  CHECK(update.articles_indexed == 0);
  CHECK(update.bytes_read == 0);
  REQUIRE(update.problems.size() == 1);
  CHECK(update.problems[0].path == (dir.path() / "dump/all.jsonl").string());
  CHECK(Xapian::Database(db).get_doccount() == 500);

  // The content recorded again (only touched), then unchanged: not read; a dry run reads
  // nothing.
  dir.write("dump/all.jsonl", wire_reports(0, 500));
  update = index_streaming(db, roots, with_threads(2), kStreamAll);
  CHECK(update.files_unchanged == 1);
  CHECK(update.bytes_read == 0);
  CHECK(index_streaming(db, roots, with_threads(2), kStreamAll).files_unchanged == 1);
  dir.write("dump/all.jsonl", wire_reports(0, 300));
  IndexerOptions dry = with_threads(2);
  dry.dry_run = true;
  const IndexReport dry_run = index_streaming(db, roots, dry, kStreamAll);
  CHECK(dry_run.files_replaced == 1);
  CHECK(dry_run.bytes_read == 0);
  CHECK(Xapian::Database(db).get_doccount() == 500);
}

TEST_CASE("streamed files: an update commits between the chunks of a big file") {
  test::TempDir dir;
  const std::vector<std::string> roots = {(dir.path() / "dump").string()};
  // Batches of 256 articles, one chunk each: a big file commits after every full batch, so
  // Xapian's write buffer never holds more; a file read whole shares one commit with its
  // state.
  for (const bool streamed : {true, false}) {
    CAPTURE(streamed);
    const std::string db = (dir.path() / (streamed ? "streamed" : "whole")).string();
    const std::uint64_t stream_over = streamed ? kStreamAll : kStreamNone;
    dir.write("dump/all.jsonl", wire_reports(0, 100));
    const IndexReport first = index_streaming(db, roots, with_threads(2, 256), stream_over);
    dir.write("dump/all.jsonl", wire_reports(0, 1100));
    const IndexReport update = index_streaming(db, roots, with_threads(2, 256), stream_over);
    CHECK(update.articles_indexed == 1100);
    CHECK(Xapian::Database(db).get_doccount() == 1100);
    if (streamed) {
      CHECK(update.revision - first.revision >= 4);
    } else {
      CHECK(update.revision - first.revision == 1);
    }
  }
}

TEST_CASE("streamed files: cancelled inside a big file, the next run indexes it whole") {
  // The bad line comes after several chunks were stored: it is reported then, and the
  // report cancels. No file state is recorded, so the next run reads the file again; an
  // update keeps the old articles not yet replaced.
  DumpWithBadLine dump;
  const std::string& db = dump.db;
  auto index = [&](bool cancel) {
    std::atomic<bool> stop{false};
    std::size_t reported = 0;
    const IndexerOptions options =
        cancelled_by_problems(stop, cancel, 2, [&](const FileProblem& problem) {
          CHECK(problem.path == dump.file + ":2101");
          ++reported;
        });
    const IndexReport report = index_streaming(db, dump.roots, options, kStreamAll);
    CHECK(reported == 1);
    return report;
  };
  index_streaming(db, dump.roots, with_threads(1), kStreamNone);
  for (const bool changed : {false, true}) {
    CAPTURE(changed);
    dump.change_to(changed ? "wheat" : "maize");
    const IndexReport cancelled = index(true);
    CHECK(cancelled.interrupted);
    CHECK(cancelled.articles_indexed == 0);
    CHECK(cancelled.files_replaced == 0);
    CHECK(Xapian::Database(db).get_doccount() == 2110);
    // Chunks stored before the report replaced their old versions.
    CHECK(Xapian::Database(db).get_termfreq(changed ? "wheat" : "maize") == 1);
    const IndexReport next = index(false);
    CHECK_FALSE(next.interrupted);
    CHECK(next.files_replaced == 1);
    CHECK(next.articles_indexed == 2110);
    CHECK(Xapian::Database(db).get_doccount() == 2110);
  }
  CHECK(Xapian::Database(db).get_termfreq("wheat") == 1);
  CHECK(Xapian::Database(db).get_termfreq("maize") == 0);
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

TEST_CASE("ordered pipeline: pushed items come back in order, bounded, with back pressure") {
  for (const unsigned threads : {1u, 2u, 5u}) {
    CAPTURE(threads);
    std::atomic<std::size_t> in_flight{0}, most{0};
    std::vector<int> seen;
    indexer::OrderedPipeline<int, int> pipeline(
        threads, 2 * threads,
        [&](int&& item, unsigned) {
          const std::size_t now = ++in_flight;
          for (std::size_t m = most; now > m && !most.compare_exchange_weak(m, now);) {
          }
          --in_flight;
          return -item;
        },
        [&](int&& result) {
          seen.push_back(-result);
          return true;
        });
    for (int i = 0; i < 300; ++i) {
      REQUIRE(pipeline.push(int(i)));
      // Never more than the window pushed and not consumed.
      CHECK(static_cast<std::size_t>(i + 1) - seen.size() <= std::max(2 * threads, 1u));
    }
    CHECK(pipeline.finish());
    REQUIRE(seen.size() == 300);
    for (int i = 0; i < 300; ++i)
      CHECK(seen[i] == i);
    CHECK(most <= std::max(threads, 1u));
  }

  std::size_t consumed = 0;
  indexer::OrderedPipeline<int, int> stopping(
      3, 6, [](int&& item, unsigned) { return item; }, [&](int&&) { return ++consumed < 5; });
  bool accepted = true;
  for (int i = 0; i < 100 && accepted; ++i)
    accepted = stopping.push(int(i));
  CHECK_FALSE(accepted);
  CHECK_FALSE(stopping.finish());
  CHECK(consumed == 5);
}

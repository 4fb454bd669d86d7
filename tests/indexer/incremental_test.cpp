// Tests for indexer/src/incremental.cpp and the Indexer's update, remove, rebuild and
// compact: what changes between runs is exactly what gets done, on real databases.
#include <gazette/error.hpp>
#include <gazette/indexer.hpp>
#include <gazette/schema.hpp>
#include <gazette/searcher.hpp>

#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <thread>

namespace fs = std::filesystem;
using namespace gazette;

namespace {

std::string story(const std::string& title, const std::string& words) {
  return title + "\n\n" + words + " The harbour authority said ships were moving again.\n";
}

// An archive of `n` stories under dir/archive, and a database at dir/db.
struct Archive {
  test::TempDir dir;
  fs::path root = dir.path() / "archive";
  std::string db = (dir.path() / "db").string();

  explicit Archive(int n) {
    for (int i = 0; i < n; ++i) {
      dir.write("archive/" + std::to_string(100 + i) + ".txt",
                story("Story " + std::to_string(i), "Report number " + std::to_string(i) + "."));
    }
  }
  std::size_t count() const { return Xapian::Database(db).get_doccount(); }
  std::uint64_t revision() const { return Xapian::Database(db).get_revision(); }
};

// The mtime granularity of some filesystems is coarse: make a rewrite visibly newer.
void bump_mtime(const fs::path& file) {
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(2));
}

}  // namespace

TEST_CASE("incremental: add, modify, delete and move files between runs") {
  Archive a(5);
  Indexer indexer(a.db);
  const IndexReport first = indexer.add_paths({a.root.string()});
  CHECK(first.files_added == 5);
  CHECK(first.articles_indexed == 5);
  CHECK(indexer.roots() == std::vector<std::string>{a.root.string()});

  SUBCASE("a second run changes nothing and commits nothing") {
    const auto revision = a.revision();
    const IndexReport again = indexer.update();
    CHECK(again.files_unchanged == 5);
    CHECK(again.articles_indexed == 0);
    CHECK(again.changes.empty());
    CHECK(a.revision() == revision);
    CHECK(again.revision == revision);
  }
  SUBCASE("a modified file is replaced; the others are not read") {
    a.dir.write("archive/101.txt", story("Story 1 updated", "Fresh words about a strike."));
    bump_mtime(a.root / "101.txt");
    const IndexReport r = indexer.update();
    CHECK(r.files_replaced == 1);
    CHECK(r.files_unchanged == 4);
    CHECK(r.articles_indexed == 1);
    CHECK(indexer.article_count() == 5);
    Searcher s(a.db);
    CHECK(s.get_article("101.txt")->title == "Story 1 updated");
  }
  SUBCASE("a touched but identical file is recognised by its hash and not re-indexed") {
    bump_mtime(a.root / "102.txt");
    const IndexReport r = indexer.update();
    CHECK(r.files_unchanged == 5);
    CHECK(r.articles_indexed == 0);
  }
  SUBCASE("a deleted file's article is deleted, unless pruning is off") {
    fs::remove(a.root / "103.txt");
    const IndexReport r = indexer.update();
    CHECK(r.files_deleted == 1);
    CHECK(r.articles_deleted == 1);
    CHECK(indexer.article_count() == 4);
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].action == FileAction::deleted);
  }
  SUBCASE("a moved file is re-keyed, not re-analysed") {
    fs::create_directories(a.root / "2005");
    fs::rename(a.root / "104.txt", a.root / "2005/104.txt");
    const IndexReport r = indexer.update();
    CHECK(r.files_moved == 1);
    CHECK(r.files_added == 0);
    CHECK(r.files_deleted == 0);
    CHECK(r.articles_indexed == 0);
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].detail == (a.root / "104.txt").string());
    Searcher s(a.db);
    CHECK_FALSE(s.get_article("104.txt").has_value());
    const auto moved = s.get_article("2005/104.txt");
    REQUIRE(moved.has_value());
    CHECK(moved->origin.path == (a.root / "2005/104.txt").string());
    SearchRequest q;
    q.query = "\"report number 4\"";
    const auto hits = s.search(q).hits;
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].article.id == "2005/104.txt");
  }
  SUBCASE("a new file is added") {
    a.dir.write("archive/200.txt", story("New story", "Brand new words."));
    const IndexReport r = indexer.update();
    CHECK(r.files_added == 1);
    CHECK(indexer.article_count() == 6);
  }
}

TEST_CASE("incremental: pruning can be turned off, and a vanished root is never pruned") {
  Archive a(3);
  {
    Indexer indexer(a.db);
    indexer.add_paths({a.root.string()});
  }
  fs::remove(a.root / "100.txt");
  {
    IndexerOptions keep;
    keep.prune = false;
    Indexer indexer(a.db, keep);
    CHECK(indexer.update().files_deleted == 0);
    CHECK(indexer.article_count() == 3);
  }
  fs::remove_all(a.root);
  Indexer indexer(a.db);
  const IndexReport r = indexer.update();
  CHECK(r.files_deleted == 0);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].reason.find("root not found") != std::string::npos);
  CHECK(indexer.article_count() == 3);
}

TEST_CASE("incremental: a dry run reports the changes and writes nothing") {
  Archive a(4);
  {
    Indexer indexer(a.db);
    indexer.add_paths({a.root.string()});
  }
  a.dir.write("archive/100.txt", story("Changed", "Different words."));
  bump_mtime(a.root / "100.txt");
  fs::remove(a.root / "101.txt");
  a.dir.write("archive/300.txt", story("Added", "More words."));
  const auto revision = a.revision();
  IndexerOptions dry;
  dry.dry_run = true;
  Indexer indexer(a.db, dry);
  const IndexReport r = indexer.update();
  CHECK(r.dry_run);
  CHECK(r.files_replaced == 1);
  CHECK(r.files_deleted == 1);
  CHECK(r.files_added == 1);
  CHECK(r.changes.size() == 3);
  CHECK(a.revision() == revision);
  CHECK(indexer.article_count() == 4);
}

TEST_CASE("incremental: remove by key, by file and by root") {
  Archive a(3);
  Indexer indexer(a.db);
  indexer.add_paths({a.root.string()});
  RemoveReport r = indexer.remove({"100.txt", (a.root / "101.txt").string(), "no-such-key"});
  CHECK(r.articles_deleted == 2);
  CHECK(r.files_forgotten == 1);
  CHECK(r.not_found == std::vector<std::string>{"no-such-key"});
  CHECK(indexer.article_count() == 1);
  r = indexer.remove({a.root.string()});
  CHECK(r.roots_forgotten == 1);
  CHECK(indexer.article_count() == 0);
  CHECK(indexer.roots().empty());
}

TEST_CASE("incremental: rebuild and compact swap in a new generation under a live searcher") {
  Archive a(30);
  {
    Indexer indexer(a.db);
    indexer.add_paths({a.root.string()});
  }
  Searcher searcher(a.db);
  SearchRequest q;
  q.query = "harbour";
  q.limit = 100;
  CHECK(searcher.search(q).hits.size() == 30);
  a.dir.write("archive/999.txt", story("Late story", "Late words."));

  const IndexReport rebuilt = Indexer::rebuild(a.db);
  CHECK(rebuilt.files_added == 31);
  CHECK(searcher.search(q).hits.size() >= 30);  // The old view, or the new one: never broken.
  searcher.reopen();
  CHECK(searcher.search(q).hits.size() == 31);
  CHECK(Indexer(a.db).roots() == std::vector<std::string>{a.root.string()});

  const auto [before, after] = Indexer::compact(a.db);
  CHECK(before > 0);
  CHECK(after > 0);
  searcher.reopen();
  CHECK(searcher.search(q).hits.size() == 31);
  std::size_t generations = 0;
  for (const auto& e : fs::directory_iterator(a.db))
    generations += e.is_directory();
  CHECK(generations == 1);  // Old generations are deleted after the swap.
}

TEST_CASE("incremental: a second writer waits for the lock when asked") {
  Archive a(2);
  auto first = std::make_unique<Indexer>(a.db);
  IndexerOptions impatient;
  CHECK_THROWS_AS(Indexer(a.db, impatient), Error);
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    first.reset();
  });
  IndexerOptions patient;
  patient.wait_for_lock = std::chrono::seconds(10);
  Indexer second(a.db, patient);  // Opens once the first lets go.
  release.join();
  CHECK(second.article_count() == 0);
}

namespace {

// Indexes a 400-article archive in batches of 5 while another thread searches and
// reopens: no search may fail.
void check_searches_during_indexing(bool segmented) {
  Archive a(400);
  std::atomic<bool> done{false};
  std::atomic<int> searches{0}, failures{0};
  std::string first_failure;
  {
    Indexer seed(a.db);  // The searcher needs a database to open.
  }
  std::thread reader([&] {
    Searcher s(a.db);
    SearchRequest q;
    q.query = "harbour report";
    while (!done) {
      try {
        s.search(q);
        s.reopen();
        ++searches;
      } catch (const std::exception& e) {
        if (++failures == 1) first_failure = e.what();
      }
    }
  });
  IndexerOptions small_batches;
  small_batches.batch_articles = 5;  // 80 commits while the reader runs.
  small_batches.segmented_first_build = segmented;
  Indexer(a.db, small_batches).add_paths({a.root.string()});
  done = true;
  reader.join();
  CAPTURE(first_failure);
  CHECK(failures == 0);
  CHECK(searches > 0);
  CHECK(a.count() == 400);
}

}  // namespace

TEST_CASE("incremental: searches never fail while an update commits repeatedly") {
  // Batch by batch (80 commits), and as a segmented first build swapped in at the end.
  for (const bool segmented : {false, true}) {
    CAPTURE(segmented);
    check_searches_during_indexing(segmented);
  }
}

TEST_CASE("incremental: rebuilding twice keeps one plain generation behind the stub") {
  Archive a(3);
  {
    Indexer indexer(a.db);
    indexer.add_paths({a.root.string()});
  }
  Indexer::rebuild(a.db);
  Indexer::rebuild(a.db);
  std::vector<fs::path> generations;
  for (const auto& e : fs::directory_iterator(a.db)) {
    if (e.is_directory()) generations.push_back(e.path());
  }
  REQUIRE(generations.size() == 1);
  CHECK_FALSE(fs::exists(generations[0] / "XAPIANDB"));  // Glass tables, not another stub.
  CHECK(fs::exists(generations[0] / "iamglass"));
  CHECK(a.count() == 3);
}

TEST_CASE("incremental: searches in a loop never fail while rebuild and compact swap") {
  Archive a(200);
  {
    Indexer indexer(a.db);
    indexer.add_paths({a.root.string()});
  }
  std::atomic<bool> done{false};
  std::atomic<int> searches{0}, failures{0}, short_results{0};
  std::thread reader([&] {
    Searcher s(a.db);
    SearchRequest q;
    q.query = "harbour";
    q.limit = 500;
    while (!done) {
      try {
        if (s.search(q).hits.size() != 200) ++short_results;
        s.reopen();
        ++searches;
      } catch (const std::exception&) {
        ++failures;
      }
    }
  });
  IndexerOptions small_batches;
  small_batches.batch_articles = 10;
  Indexer::rebuild(a.db, small_batches);
  Indexer::compact(a.db);
  done = true;
  reader.join();
  CHECK(failures == 0);
  CHECK(short_results == 0);  // Never a half-built index.
  CHECK(searches > 0);
}

TEST_CASE("incremental: a dry run reports the plan the run that follows carries out") {
  Archive a(6);
  {
    Indexer indexer(a.db);
    indexer.add_paths({a.root.string()});
  }
  a.dir.write("archive/100.txt", story("Changed", "Different words."));
  bump_mtime(a.root / "100.txt");
  bump_mtime(a.root / "102.txt");  // Touched: same content.
  fs::create_directories(a.root / "moved");
  fs::rename(a.root / "103.txt", a.root / "moved" / "103.txt");
  fs::remove(a.root / "104.txt");
  a.dir.write("archive/300.txt", story("Added", "More words."));
  // A moved file whose articles are not all in the database as recorded (lost outside
  // Gazette) is indexed afresh, and the vanished one's state deleted.
  fs::rename(a.root / "105.txt", a.root / "moved" / "105.txt");
  {
    Xapian::WritableDatabase db(a.db);
    db.delete_document(schema::key_term("105.txt"));
    db.commit();
  }

  IndexerOptions dry;
  dry.dry_run = true;
  const IndexReport planned = Indexer(a.db, dry).update();
  const IndexReport done = Indexer(a.db).update();
  auto lines = [](const IndexReport& r) {
    std::vector<std::string> out;
    for (const FileChange& c : r.changes)
      out.push_back(std::string(to_string(c.action)) + " " + c.path + " " + c.detail);
    return out;
  };
  CHECK(lines(planned) == lines(done));
  CHECK(planned.files_unchanged == done.files_unchanged);
  CHECK(done.files_unchanged == 2);  // 101 kept, 102 touched.
  CHECK(done.files_replaced == 1);
  CHECK(done.files_moved == 1);
  CHECK(done.files_added == 2);    // 300 and moved/105.
  CHECK(done.files_deleted == 2);  // 104 and the old 105.
  CHECK(a.count() == 6);           // 104 is gone; 105 is back, under moved/.
  CHECK(check_database(a.db).ok());
}

// Crash safety of gazette-index: killed with SIGKILL at random moments, the database still
// opens and passes xapian-check, and the next run finishes with exact counts and no
// duplicates; SIGINT commits what is done and exits 130.
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

namespace fs = std::filesystem;
using gazette::test::run;

namespace {

constexpr int kFiles = 1500;

// kFiles distinct little articles.
fs::path make_archive(const gazette::test::TempDir& dir) {
  for (int i = 0; i < kFiles; ++i) {
    dir.write("archive/" + std::to_string(i / 100) + "/" + std::to_string(10000 + i) + ".txt",
              "Dispatch " + std::to_string(i) + "\n\nThe wire carried report " + std::to_string(i) +
                  " about grain, shipping and the weather at the port.\n");
  }
  return dir.path() / "archive";
}

// The live generation of a database directory (xapian-check reads glass, not stubs).
fs::path generation(const std::string& db) {
  std::ifstream stub(fs::path(db) / "XAPIANDB");
  std::string backend, name;
  stub >> backend >> name;
  return fs::path(db) / name;
}

void check_intact(const std::string& db) {
  if (!fs::exists(fs::path(db) / "XAPIANDB")) return;  // Killed before it was created.
  CHECK_NOTHROW(Xapian::Database{db});
  if (fs::exists("/usr/bin/xapian-check")) {
    const auto check = run({"/usr/bin/xapian-check", generation(db).string()});
    CHECK(check.exit_code == 0);
  }
}

// Every article is there exactly once.
void check_complete(const std::string& db) {
  Xapian::Database d(db);
  CHECK(d.get_doccount() == kFiles);
  std::size_t keys = 0;
  for (auto t = d.allterms_begin("Q"); t != d.allterms_end("Q"); ++t) {
    CHECK(t.get_termfreq() == 1);
    ++keys;
  }
  CHECK(keys == kFiles);
}

// What the database directory holds besides its live generation: nothing a killed run
// left behind survives the next one.
std::vector<std::string> other_entries(const std::string& db) {
  std::vector<std::string> out;
  const fs::path live = generation(db);
  for (const auto& entry : fs::directory_iterator(db)) {
    if (entry.path() != live && entry.path().filename() != "XAPIANDB") {
      out.push_back(entry.path().filename().string());
    }
  }
  return out;
}

// Kills a first build 5 times at random moments, then lets it finish.
void check_kills(bool resumable) {
  gazette::test::TempDir dir;
  const fs::path archive = make_archive(dir);
  const std::string db = (dir.path() / "db").string();
  std::vector<std::string> index = {
      gazette::test::index_bin(), "--db", db, "--batch", "40", archive.string()};
  if (resumable) index.push_back("--resumable");
  std::mt19937 random(std::random_device{}());
  for (int kill = 0; kill < 5; ++kill) {
    const int delay_ms = std::uniform_int_distribution<int>(10, 600)(random);
    CAPTURE(delay_ms);
    const auto process = gazette::test::start(index);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(process.pid, SIGKILL);
    const int status = gazette::test::wait_for(process);
    CHECK((status == 128 + SIGKILL || status == 0));  // It may have finished first.
    check_intact(db);
  }
  const auto finish = run(index);
  CHECK(finish.exit_code == 0);
  check_intact(db);
  check_complete(db);
  CHECK(other_entries(db).empty());
  const auto again = run(index);  // And then there is nothing left to do.
  CHECK(again.err.find("indexed 0 articles") != std::string::npos);
}

}  // namespace

TEST_CASE("crash: SIGKILL at random moments never corrupts, and the next run completes exactly") {
  // A first build writes segments and merges them; --resumable commits batch by batch.
  for (const bool resumable : {false, true}) {
    CAPTURE(resumable);
    check_kills(resumable);
  }
}

TEST_CASE("crash: SIGINT commits what is done and exits 130") {
  gazette::test::TempDir dir;
  const fs::path archive = make_archive(dir);
  const std::string db = (dir.path() / "db").string();
  const std::vector<std::string> index = {
      gazette::test::index_bin(), "--db", db, "--batch", "40", archive.string()};
  const auto process = gazette::test::start(index);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::kill(process.pid, SIGINT);
  const int status = gazette::test::wait_for(process);
  CHECK((status == 130 || status == 0));
  check_intact(db);
  CHECK(run(index).exit_code == 0);
  check_complete(db);
}

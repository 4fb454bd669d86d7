// CLI tests of the gazette-index commands: add, update, rebuild, compact, remove, stats and
// check through the real binary; option checking, --dry-run lines, --json reports, exit
// codes, and no progress line when stderr is not a terminal.
#include <gazette/schema.hpp>

#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using gazette::test::ProcessResult;
using gazette::test::TempDir;
using nlohmann::json;

namespace {

ProcessResult index_cmd(std::vector<std::string> args) {
  args.insert(args.begin(), gazette::test::index_bin());
  return gazette::test::run(args, {"GAZETTE_DB="});
}

// Runs a command with --json, expecting success, and returns the parsed report.
json index_json(std::vector<std::string> args, int expected_exit = 0) {
  args.push_back("--json");
  const ProcessResult r = index_cmd(args);
  CAPTURE(r.err);
  CHECK(r.exit_code == expected_exit);
  return json::parse(r.out);
}

std::size_t line_count(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

// A small archive of text files under `root` and a database path beside it.
struct Archive {
  TempDir dir;
  fs::path root = fs::absolute(dir.path() / "archive");
  std::string db = (dir.path() / "db").string();

  explicit Archive(std::initializer_list<std::string> names = {"a.txt"}) {
    for (const auto& name : names)
      write(name, "Headline of " + name + "\nBody of " + name + ".\n");
    fs::create_directories(root);
  }
  fs::path write(const std::string& name, const std::string& content) const {
    return dir.write("archive/" + name, content);
  }
  std::string path(const std::string& name) const { return (root / name).string(); }
  std::size_t articles() const { return Xapian::Database(db).get_doccount(); }
  json add() const { return index_json({"--db", db, "add", root.string()}); }
  json update(std::vector<std::string> extra = {}) const {
    extra.insert(extra.begin(), {"--db", db, "update"});
    return index_json(extra);
  }
};

// The glass tables of a database, whatever its layout (stub file or plain directory).
fs::path glass_directory(const std::string& db) {
  for (const auto& entry : fs::recursive_directory_iterator(db)) {
    if (entry.path().filename() == "iamglass") return entry.path().parent_path();
  }
  return db;
}

std::string fixture_archive() {
  return gazette::test::fixture("archive").string();
}

}  // namespace

TEST_CASE("cli index: bad options and arguments exit 2 with one line") {
  Archive a;
  REQUIRE(index_cmd({"--db", a.db, a.root.string()}).exit_code == 0);
  const std::string missing = (a.dir.path() / "missing").string();
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  const Case cases[] = {
      {{"--batch", "0", a.root.string()}, "--batch must be a whole number from 1"},
      {{"--batch", "-5", a.root.string()}, "--batch must be"},
      {{"--batch", "many", a.root.string()}, "--batch must be"},
      {{"--batch", "10x", a.root.string()}, "--batch must be"},
      {{"--batch-mb", "0", a.root.string()}, "--batch-mb must be"},
      {{"--batch-mb", "1.5", a.root.string()}, "--batch-mb must be"},
      {{"update", "--wait", "-1"}, "--wait must be a number of seconds"},
      {{"--wait", "soon", a.root.string()}, "--wait must be"},
      {{"update", "--wait", "1e9"}, "--wait must be"},
      {{"--map", "title", a.root.string()}, "--map takes FIELD=KEY"},
      {{"update", "extra"}, "update takes no arguments"},
      {{"remove"}, "give at least one KEY or PATH"},
      {{"add"}, "give at least one PATH"},
      {{"stats", "--dry-run"}, "unrecognised option '--dry-run'"},
      {{"check", "--batch", "5"}, "unrecognised option '--batch'"},
      {{"compact", "--no-prune"}, "unrecognised option"},
      {{"help", "frobnicate"}, "no command 'frobnicate'"},
      {{"--bogus", a.root.string()}, "unrecognised option"},
      {{"--resumable=yes", a.root.string()}, "'--resumable' does not take any arguments"},
      {{"stats", "--resumable"}, "unrecognised option '--resumable'"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"--db", a.db};
    args.insert(args.end(), c.args.begin(), c.args.end());
    CAPTURE(args);
    const ProcessResult r = index_cmd(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(line_count(r.err) == 1);
    CHECK(r.err.find(c.expected) != std::string::npos);
  }
  SUBCASE("maintenance commands need an existing database") {
    for (const char* command : {"update", "rebuild", "compact", "stats", "check"}) {
      CAPTURE(command);
      const ProcessResult r = index_cmd({"--db", missing, command});
      CHECK(r.exit_code == 2);
      CHECK(line_count(r.err) == 1);
      CHECK(r.err.find("no Gazette database here") != std::string::npos);
      CHECK_FALSE(fs::exists(missing));
    }
  }
}

TEST_CASE("cli index: every command has a help, and the overview lists them all") {
  const ProcessResult overview = index_cmd({"--help"});
  CHECK(overview.exit_code == 0);
  for (const char* command : {"add", "update", "rebuild", "compact", "remove", "stats", "check"}) {
    CAPTURE(command);
    CHECK(overview.out.find(std::string("\n  ") + command + " ") != std::string::npos);
    for (const auto& args :
         {std::vector<std::string>{command, "--help"}, std::vector<std::string>{"help", command}}) {
      const ProcessResult r = index_cmd(args);
      CHECK(r.exit_code == 0);
      CHECK(r.out.find(std::string("Usage: gazette-index [--db DIR] ") + command) !=
            std::string::npos);
    }
  }
}

TEST_CASE("cli index: on a pipe there is no progress line, only the summary") {
  Archive a({"a.txt", "b.txt"});
  const ProcessResult r = index_cmd({"--db", a.db, a.root.string()});
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(line_count(r.err) == 1);
  CHECK(r.err.starts_with("gazette-index: indexed 2 articles from 2 files, 0 files skipped"));
  CHECK(r.err.find('\r') == std::string::npos);
  CHECK(r.err.find("\x1b[") == std::string::npos);
  SUBCASE("-q prints nothing at all when all goes well") {
    const ProcessResult quiet = index_cmd({"--db", a.db, "-q", "update"});
    CHECK(quiet.exit_code == 0);
    CHECK(quiet.err.empty());
    CHECK(quiet.out.empty());
  }
}

TEST_CASE("cli index: --json reports every documented field") {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  const json report = index_json({"--db", db, fixture_archive()}, 1);  // empty.txt fails.
  for (const char* field :
       {"schema", "command", "added", "replaced", "moved", "deleted", "unchanged", "failed",
        "failures", "changes", "articles_indexed", "articles_deleted", "articles_per_second",
        "elapsed_seconds", "revision", "dry_run", "interrupted"}) {
    CAPTURE(field);
    CHECK(report.contains(field));
  }
  CHECK(report["schema"] == 1);
  CHECK(report["command"] == "add");
  CHECK(report["added"] == 10);
  CHECK(report["failed"] == 1);
  CHECK(report["articles_indexed"] == 10);
  CHECK(report["dry_run"] == false);
  CHECK(report["interrupted"] == false);
  CHECK(report["revision"].get<int>() > 0);
  REQUIRE(report["failures"].size() == 1);
  CHECK(report["failures"][0]["path"].get<std::string>().ends_with("empty.txt"));
  CHECK(report["failures"][0]["reason"] == "empty file");
  std::size_t added = 0;
  for (const auto& change : report["changes"]) {
    CHECK(change.contains("detail"));
    if (change["action"] == "added") {
      ++added;
      CHECK(change["articles"] == 1);
      CHECK(fs::path(change["path"].get<std::string>()).is_absolute());
    }
  }
  CHECK(added == 10);
}

TEST_CASE("cli index: update indexes what changed and nothing else") {
  Archive a;
  const json first = a.add();
  CHECK(first["added"] == 1);
  struct Step {
    std::string what;
    std::function<void()> change;
    int added, replaced, moved, deleted, unchanged;
    std::size_t articles;
  };
  const Step steps[] = {
      {"nothing changed", [] {}, 0, 0, 0, 0, 1, 1},
      {"a file is added", [&] { a.write("b.txt", "Dock strike\nWorkers walked out.\n"); }, 1, 0, 0,
       0, 1, 2},
      {"a file is modified",
       [&] {
         const fs::path p = a.write("a.txt", "Headline of a.txt\nA longer, rewritten body.\n");
         fs::last_write_time(p, fs::last_write_time(p) + std::chrono::seconds(10));
       },
       0, 1, 0, 0, 1, 2},
      {"a file is moved", [&] { fs::rename(a.root / "b.txt", a.root / "c.txt"); }, 0, 0, 1, 0, 1,
       2},
      {"a file is deleted", [&] { fs::remove(a.root / "a.txt"); }, 0, 0, 0, 1, 1, 1},
  };
  auto revision = first["revision"].get<std::uint64_t>();
  for (const Step& step : steps) {
    CAPTURE(step.what);
    step.change();
    const json r = a.update();
    CHECK(r["command"] == "update");
    CHECK(r["added"] == step.added);
    CHECK(r["replaced"] == step.replaced);
    CHECK(r["moved"] == step.moved);
    CHECK(r["deleted"] == step.deleted);
    CHECK(r["unchanged"] == step.unchanged);
    CHECK(a.articles() == step.articles);
    const auto now = r["revision"].get<std::uint64_t>();
    CHECK((now == revision) == (step.added + step.replaced + step.moved + step.deleted == 0));
    revision = now;
  }
  CHECK(index_cmd({"--db", a.db, "check"}).exit_code == 0);
}

TEST_CASE("cli index: --dry-run prints what would change and writes nothing") {
  Archive a({"a.txt", "b.txt"});
  a.add();
  a.write("d.txt", "New story\nJust in.\n");
  fs::rename(a.root / "a.txt", a.root / "e.txt");
  fs::remove(a.root / "b.txt");
  const auto revision = Xapian::Database(a.db).get_revision();
  const ProcessResult r = index_cmd({"--db", a.db, "update", "--dry-run"});
  CHECK(r.exit_code == 0);
  CHECK(sorted_lines(r.out) ==
        std::vector<std::string>{"add " + a.path("d.txt"), "delete " + a.path("b.txt"),
                                 "move " + a.path("a.txt") + " -> " + a.path("e.txt")});
  CHECK(r.err.find("dry run") != std::string::npos);
  CHECK(line_count(r.err) == 1);
  CHECK(Xapian::Database(a.db).get_revision() == revision);
  CHECK(a.articles() == 2);

  const json report = a.update({"--dry-run"});
  CHECK(report["dry_run"] == true);
  CHECK(report["added"] == 1);
  CHECK(report["moved"] == 1);
  CHECK(report["deleted"] == 1);
  CHECK(report["changes"].size() == 3);
  CHECK(Xapian::Database(a.db).get_revision() == revision);
}

TEST_CASE("cli index: --no-prune keeps the articles of vanished files") {
  Archive a({"a.txt", "b.txt"});
  a.add();
  fs::remove(a.root / "b.txt");
  CHECK(a.update({"--no-prune"})["deleted"] == 0);
  CHECK(a.articles() == 2);
  CHECK(a.update()["deleted"] == 1);
  CHECK(a.articles() == 1);
}

TEST_CASE("cli index: a first build is merged into a new generation unless --resumable") {
  // Segmented: the empty first generation is replaced by the merged one. --resumable
  // commits batch by batch into the first generation, as later runs do.
  for (const bool resumable : {false, true}) {
    CAPTURE(resumable);
    Archive a({"a.txt", "b.txt", "sub/c.txt"});
    std::vector<std::string> args = {"--db", a.db, "--batch", "1"};
    if (resumable) args.push_back("--resumable");
    args.push_back(a.root.string());
    REQUIRE(index_cmd(args).exit_code == 0);
    CHECK(a.articles() == 3);
    CHECK(glass_directory(a.db).filename() == (resumable ? "db-000001" : "db-000002"));
    CHECK(index_cmd({"--db", a.db, "check"}).exit_code == 0);
  }
}

TEST_CASE("cli index: rebuild and compact keep every article") {
  Archive a({"a.txt", "b.txt", "sub/c.txt"});
  a.add();
  const json rebuilt = index_json({"--db", a.db, "rebuild"});
  CHECK(rebuilt["command"] == "rebuild");
  CHECK(rebuilt["articles_indexed"] == 3);
  CHECK(a.articles() == 3);
  CHECK(index_cmd({"--db", a.db, "check"}).exit_code == 0);
  const json compacted = index_json({"--db", a.db, "compact"});
  CHECK(compacted["command"] == "compact");
  CHECK(compacted["size_before"].get<std::uint64_t>() > 0);
  CHECK(compacted["size_after"].get<std::uint64_t>() > 0);
  CHECK(a.articles() == 3);
  const ProcessResult text = index_cmd({"--db", a.db, "compact"});
  CHECK(text.exit_code == 0);
  CHECK(text.err.find("compacted ") != std::string::npos);
  CHECK(index_cmd({"--db", a.db, "check"}).exit_code == 0);
}

TEST_CASE("cli index: remove deletes by key, by file and by root") {
  struct Case {
    std::string what;
    std::function<std::string(const Archive&)> argument;
    std::size_t deleted, left;
  };
  const Case cases[] = {
      {"an article key", [](const Archive&) { return std::string("a.txt"); }, 1, 2},
      {"a file", [](const Archive& a) { return a.path("b.txt"); }, 1, 2},
      {"a root", [](const Archive& a) { return a.root.string(); }, 3, 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    Archive a({"a.txt", "b.txt", "c.txt"});
    a.add();
    const json r = index_json({"--db", a.db, "remove", c.argument(a)});
    CHECK(r["command"] == "remove");
    CHECK(r["articles_deleted"] == c.deleted);
    CHECK(r["not_found"].empty());
    CHECK(a.articles() == c.left);
  }
  SUBCASE("an argument that matches nothing is named and exits 1") {
    Archive a;
    a.add();
    const ProcessResult r = index_cmd({"--db", a.db, "remove", "no-such-key"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("gazette-index: no-such-key: no such root, file or article key") !=
          std::string::npos);
    CHECK(a.articles() == 1);
  }
}

TEST_CASE("cli index: stats as a table and as JSON") {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  REQUIRE(index_cmd({"--db", db, fixture_archive()}).exit_code == 1);
  const ProcessResult text = index_cmd({"--db", db, "stats"});
  CHECK(text.exit_code == 0);
  CHECK(text.err.empty());
  for (const std::string& row :
       std::vector<std::string>{"articles     10\n", "files        10\n",
                                "roots        " + fixture_archive() + "\n", "languages    en  10\n",
                                "date span    2012-07-20 .. 2012-10-29\n", "schema       1\n"}) {
    CAPTURE(row);
    CHECK(text.out.find(row) != std::string::npos);
  }
  const json s = index_json({"--db", db, "stats"});
  CHECK(s["schema"] == 1);
  CHECK(s["command"] == "stats");
  CHECK(s["articles"] == 10);
  CHECK(s["files"] == 10);
  CHECK(s["roots"] == json::array({fixture_archive()}));
  CHECK(s["languages"] == json::parse(R"([{"language": "en", "count": 10}])"));
  CHECK(s["sources"].size() == 2);
  CHECK(s["earliest"] == "2012-07-20T08:28:56Z");
  CHECK(s["latest"] == "2012-10-29T17:29:22Z");
  CHECK(s["size_bytes"].get<std::uint64_t>() > 0);
  CHECK(s["last_update"].is_string());
  CHECK(s["schema_version"] == 1);
  CHECK(s["revision"].get<std::uint64_t>() > 0);
}

TEST_CASE("cli index: check exits 0 when sound and 1 with each problem on a line") {
  Archive a({"a.txt", "b.txt"});
  a.add();
  const ProcessResult ok = index_cmd({"--db", a.db, "check"});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == a.db + ": no problems found\n");
  const json clean = index_json({"--db", a.db, "check"});
  CHECK(clean == json{{"schema", 1},
                      {"command", "check"},
                      {"database", a.db},
                      {"ok", true},
                      {"errors", 0},
                      {"problems", json::array()}});
  {
    Xapian::WritableDatabase db(glass_directory(a.db).string());
    db.delete_document(gazette::schema::key_term("a.txt"));
    db.commit();
  }
  const ProcessResult bad = index_cmd({"--db", a.db, "check"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("article a.txt is recorded but missing from the index\n") !=
        std::string::npos);
  CHECK(bad.out.find("1 problem found") != std::string::npos);
  const json report = index_json({"--db", a.db, "check"}, 1);
  CHECK(report["ok"] == false);
  CHECK(report["problems"].size() == 1);
}

TEST_CASE("cli index: a locked database exits 75, and --wait waits for the lock") {
  Archive a;
  a.add();
  {
    Xapian::WritableDatabase holder(glass_directory(a.db).string());
    const ProcessResult r = index_cmd({"--db", a.db, "update"});
    CHECK(r.exit_code == 75);
    CHECK(line_count(r.err) == 1);
    CHECK(r.err.find("being updated by another process") != std::string::npos);
  }
  std::thread holder([&] {
    Xapian::WritableDatabase db(glass_directory(a.db).string());
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // Let it take the lock.
  const ProcessResult waited = index_cmd({"--db", a.db, "update", "--wait", "10"});
  holder.join();
  CHECK(waited.exit_code == 0);
}

TEST_CASE("cli index: the command may follow --db, as in a crontab") {
  Archive a;
  a.add();
  const ProcessResult r = index_cmd({"--db=" + a.db, "stats"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("articles     1\n") != std::string::npos);
}

TEST_CASE("cli index: on a terminal a progress line is drawn, then erased before the summary") {
  const std::string script = "/usr/bin/script";
  if (!std::filesystem::exists(script)) {
    std::cout << "SKIPPED: " << script
              << " (util-linux) is needed to give the program a terminal\n";
    return;
  }
  gazette::test::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  // script(1) runs the command on a pseudo-terminal and copies what it shows to stdout.
  const std::string command = gazette::test::index_bin() + " --db " + db + " " +
                              (std::filesystem::path(GAZETTE_EXAMPLES_DIR) / "archive").string();
  const auto r = gazette::test::run({script, "-qfec", command, "/dev/null"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("/62 files, ") != std::string::npos);  // The live line…
  CHECK(r.out.find("\r\x1b[K") != std::string::npos);     // …redrawn in place…
  CHECK(r.out.find("\x1b[Kgazette-index: indexed 61 articles") != std::string::npos);  // …erased.
}

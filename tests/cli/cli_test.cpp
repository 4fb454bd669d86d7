// CLI tests: run the real gazette-index and gazette-search binaries on the fixture archive
// and check exit codes, JSON fields, diagnostics and idempotent re-indexing.
#include <gazette/searcher.hpp>

#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

using gazette::test::run;
using nlohmann::json;

namespace {

std::string archive() {
  return gazette::test::fixture("archive").string();
}

// A database of the fixture archive, indexed once per test through the real CLI.
struct IndexedArchive {
  gazette::test::TempDir dir;
  std::string db = (dir.path() / "db").string();
  gazette::test::ProcessResult indexing = run({gazette::test::index_bin(), "--db", db, archive()});
};

gazette::test::ProcessResult search(const std::string& db, std::vector<std::string> args) {
  std::vector<std::string> argv = {gazette::test::search_bin(), "--db", db};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, {"NO_COLOR="});
}

std::size_t line_count(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

}  // namespace

TEST_CASE("cli: indexing the fixture archive reports the empty file and exits 1") {
  IndexedArchive idx;
  CHECK(idx.indexing.exit_code == 1);
  CHECK(idx.indexing.out.empty());  // stdout carries data only.
  CHECK(idx.indexing.err.find("empty.txt: empty file") != std::string::npos);
  CHECK(idx.indexing.err.find("indexed 10 articles from 10 files, 1 file skipped") !=
        std::string::npos);
  CHECK(Xapian::Database(idx.db).get_doccount() == 10);

  SUBCASE("indexing again leaves the same article count") {
    const auto again = run({gazette::test::index_bin(), "--db", idx.db, archive()});
    CHECK(again.exit_code == 1);
    CHECK(Xapian::Database(idx.db).get_doccount() == 10);
  }
  SUBCASE("GAZETTE_DB names the database") {
    const auto r =
        run({gazette::test::search_bin(), "Dibaba", "--format", "ids"}, {"GAZETTE_DB=" + idx.db});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "bbc-dibaba-breaks-5000m-world-record.txt\n");
  }
}

TEST_CASE("cli: JSON output has every documented field and marked snippets") {
  IndexedArchive idx;
  const auto r = search(idx.db, {"Rosneft", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["query"] == "Rosneft");
  CHECK(doc["total_estimate"] == 2);
  REQUIRE(doc["hits"].size() == 2);
  for (const auto& hit : doc["hits"]) {
    for (const char* field :
         {"rank", "id", "title", "date", "source", "authors", "url", "path", "score", "snippet"}) {
      CAPTURE(field);
      CHECK(hit.contains(field));
    }
    CHECK(hit["snippet"].get<std::string>().find("<mark>Rosneft</mark>") != std::string::npos);
    CHECK(hit["title"].get<std::string>().starts_with("Yukos"));
    CHECK(hit["date"].is_null());  // BBC files carry no date.
  }
  CHECK(doc["hits"][0]["rank"] == 1);
  CHECK(doc["hits"][1]["rank"] == 2);
}

TEST_CASE("cli: header metadata reaches the JSON output") {
  IndexedArchive idx;
  const auto r = search(idx.db, {"Nadir", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const json hit = json::parse(r.out)["hits"][0];
  CHECK(hit["id"] == "header-sfo-tory-donations.txt");
  CHECK(hit["date"] == "2012-10-29T17:29:22Z");
  CHECK(hit["source"] == "The Guardian");
  CHECK(hit["authors"] == json::array({"Simon Bowers"}));
}

TEST_CASE("cli: TSV prints a header row and one tab-separated hit per line") {
  IndexedArchive idx;
  const auto r = search(idx.db, {"Rosneft", "--format", "tsv"});
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  CHECK(line == "rank\tid\tdate\tsource\ttitle\tscore\tpath");
  int rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    CHECK(std::count(line.begin(), line.end(), '\t') == 6);
    CHECK(line.starts_with(std::to_string(rows) + "\tbbc-yukos-"));
  }
  CHECK(rows == 2);
}

TEST_CASE("cli: JSON Lines prints one hit object per line, then a summary") {
  IndexedArchive idx;
  const auto r = search(idx.db, {"Yukos", "--format", "jsonl"});
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::vector<json> records;
  for (std::string line; std::getline(lines, line);)
    records.push_back(json::parse(line));
  REQUIRE(records.size() == 3);
  for (int n = 0; n < 2; ++n) {
    CHECK(records[n]["type"] == "hit");
    CHECK(records[n]["rank"] == n + 1);
  }
  CHECK(records[2]["type"] == "summary");
  CHECK(records[2]["schema"] == 2);
  CHECK(records[2]["hits"] == 2);
  CHECK(records[2]["query"] == "Yukos");
}

TEST_CASE("cli: what must not be found is not found (exit 1)") {
  IndexedArchive idx;
  // walrus/lighthouse appear only in "Related Articles" blocks; PSP only in a hidden file.
  for (const char* word : {"walrus", "lighthouse", "PSP", "zanzibarian"}) {
    CAPTURE(word);
    const auto r = search(idx.db, {word, "--format", "json"});
    CHECK(r.exit_code == 1);
    CHECK(json::parse(r.out)["hits"].empty());
  }
}

TEST_CASE("cli: phrases, fields and encodings") {
  IndexedArchive idx;
  struct Case {
    std::vector<std::string> query;
    std::string expected_id;
  };
  const Case cases[] = {
      {{"\"state gas monopoly Gazprom\""}, "bbc-yukos-drops-banks-from-court-bid.txt"},
      {{"title:Dibaba"}, "bbc-dibaba-breaks-5000m-world-record.txt"},
      {{"Mutu", "£15.8m"}, "cp1252-chelsea-sack-mutu.txt"},
      {{"Versace"}, "bbc-2005-versace-art-portfolio.html"},
      {{"author:stewart"}, "bbc-future-connected-cars.html"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query.front());
    std::vector<std::string> args = c.query;
    args.insert(args.end(), {"--format", "json"});
    const auto r = search(idx.db, args);
    REQUIRE(r.exit_code == 0);
    const json doc = json::parse(r.out);
    REQUIRE(doc["hits"].size() >= 1);
    CHECK(doc["hits"][0]["id"] == c.expected_id);
  }
}

TEST_CASE("cli: text output, colour only when asked or on a terminal") {
  IndexedArchive idx;
  const auto plain = search(idx.db, {"Dibaba"});
  REQUIRE(plain.exit_code == 0);
  CHECK(plain.out.find("Dibaba breaks 5,000m world record") != std::string::npos);
  CHECK(plain.out.find("bbc-dibaba-breaks-5000m-world-record.txt") != std::string::npos);
  CHECK(plain.out.find("\x1b[") == std::string::npos);  // Not a terminal: no colour.
  const auto always = search(idx.db, {"Dibaba", "--color", "always"});
  CHECK(always.out.find("\x1b[1;31mDibaba\x1b[0m") != std::string::npos);
  const auto never = search(idx.db, {"Dibaba", "--color", "never"});
  CHECK(never.out.find("\x1b[") == std::string::npos);
}

TEST_CASE("cli: a query that does not parse is searched as words, with a warning") {
  IndexedArchive idx;
  const auto r = search(idx.db, {"Rosneft AND"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("could not parse the query") != std::string::npos);
  CHECK(line_count(r.err) == 1);
}

TEST_CASE("cli: errors exit 2 with one clear line") {
  IndexedArchive idx;
  gazette::test::TempDir dir;
  const std::string missing = (dir.path() / "no-such-db").string();
  struct Case {
    std::vector<std::string> argv;
    std::string expected;  // In the one line on stderr.
  };
  const std::string s = gazette::test::search_bin();
  const std::string i = gazette::test::index_bin();
  const Case cases[] = {
      {{s, "--db", missing, "oil"}, "no Gazette database"},
      {{s, "--db", idx.db, "--bogus", "oil"}, "unrecognised option"},
      {{s, "--db", idx.db}, "give a QUERY"},
      {{s, "oil"}, "gazette/index: no Gazette database here"},
      {{s, "--db", idx.db, "-n", "-1", "oil"}, "--limit must be between 1 and"},
      {{s, "--db", idx.db, "-n", "abc", "oil"}, "invalid"},
      {{s, "--db", idx.db, "--offset", "-3", "oil"}, "--offset must be between"},
      {{s, "--db", idx.db, "--format", "xml", "oil"}, "--format must be"},
      {{s, "--db", idx.db, "--color", "rainbow", "oil"}, "--color must be"},
      {{s, "--db", idx.db, "--match", "most", "oil"}, "--match must be"},
      {{s, "--db", idx.db, "--snippet-chars", "99999999", "oil"}, "--snippet-chars must be"},
      {{i, "--db", idx.db}, "give at least one PATH"},
      {{i, "--db", idx.db, (dir.path() / "nope").string()}, "no such file or directory"},
      {{i, "--db", idx.db, "--batch", "0", archive()}, "--batch must be"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.argv);
    const auto r = run(c.argv, {"GAZETTE_DB=", "XDG_DATA_HOME=" + dir.path().string()});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(line_count(r.err) == 1);
    CHECK(r.err.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("cli: a database locked by another writer exits 75") {
  gazette::test::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  REQUIRE(run({gazette::test::index_bin(), "--db", db, archive()}).exit_code == 1);
  Xapian::WritableDatabase holder(db);  // Holds the write lock.
  const auto r = run({gazette::test::index_bin(), "--db", db, archive()});
  CHECK(r.exit_code == 75);
  CHECK(r.err.find("being updated by another process") != std::string::npos);
  CHECK(line_count(r.err) == 1);
  // Searching works while the writer holds the lock.
  CHECK(search(db, {"Dibaba"}).exit_code == 0);
}

TEST_CASE("cli: --help and --version exit 0") {
  for (const auto& bin : {gazette::test::index_bin(), gazette::test::search_bin()}) {
    const auto help = run({bin, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("Usage:") != std::string::npos);
    const auto version = run({bin, "--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.find("0.1.0") != std::string::npos);
  }
}

TEST_CASE("cli: the database passes xapian-check and records the schema version") {
  const std::string checker = "/usr/bin/xapian-check";
  if (!std::filesystem::exists(checker)) {
    std::cout << "SKIPPED: " << checker << " not installed (apt-get install xapian-tools)\n";
    return;
  }
  IndexedArchive idx;
  // xapian-check reads a glass directory, not a stub: check the live generation it names.
  std::istringstream stub(gazette::test::read_file(std::filesystem::path(idx.db) / "XAPIANDB"));
  std::string backend, generation;
  stub >> backend >> generation;
  CHECK(backend == "auto");
  const auto check = run({checker, (std::filesystem::path(idx.db) / generation).string()});
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("No errors found") != std::string::npos);
  CHECK(Xapian::Database(idx.db).get_metadata("gazette.schema") == "1");
}

TEST_CASE("cli: without --db both programs use the per-user default database") {
  gazette::test::TempDir home;
  const std::vector<std::string> env = {"GAZETTE_DB=", "XDG_DATA_HOME=" + home.path().string()};
  CHECK(run({gazette::test::index_bin(), archive()}, env).exit_code == 1);  // empty.txt
  CHECK(std::filesystem::exists(home.path() / "gazette/index"));
  const auto r = run({gazette::test::search_bin(), "Dibaba", "--format", "json"}, env);
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out)["hits"].size() == 1);
}

TEST_CASE("cli: a bad record is reported as file:line and the rest of the file is indexed") {
  gazette::test::TempDir dir;
  dir.write("feed/wire.jsonl",
            "{\"id\": \"a1\", \"title\": \"Dock strike ends\", \"body\": \"Workers returned.\"}\n"
            "{\"id\": \"a2\", \"title\": \"Broken\", \"body\": \n"
            "{\"id\": \"a3\", \"title\": \"Port reopens\", \"body\": \"Ships moved again.\"}\n");
  const std::string db = (dir.path() / "db").string();
  const auto r = run({gazette::test::index_bin(), "--db", db, (dir.path() / "feed").string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("wire.jsonl:2: invalid JSON") != std::string::npos);
  CHECK(r.err.find("indexed 2 articles from 1 file") != std::string::npos);
  CHECK(r.err.find("1 unreadable record") != std::string::npos);
  const auto hit = search(db, {"port", "--format", "json"});
  REQUIRE(hit.exit_code == 0);
  CHECK(json::parse(hit.out)["hits"][0]["id"] == "wire.jsonl#a3");
}

TEST_CASE("cli: --format forces a reader and --map renames JSON fields") {
  gazette::test::TempDir dir;
  dir.write("in/export.data",
            "{\"uid\": 7, \"meta\": {\"headline\": \"Grain prices climb\"}, \"story\": \"Wheat "
            "rose on Tuesday.\", \"when\": \"1987-03-09\"}\n");
  const std::string db = (dir.path() / "db").string();
  const auto r = run({gazette::test::index_bin(), "--db", db, "--format", "json", "--map",
                      "title=meta.headline", "--map", "body=story", "--map", "id=uid", "--map",
                      "date=when", (dir.path() / "in").string()});
  CHECK(r.exit_code == 0);
  const auto hit = search(db, {"wheat", "--format", "json"});
  REQUIRE(hit.exit_code == 0);
  const json first = json::parse(hit.out)["hits"][0];
  CHECK(first["id"] == "export.data#7");
  CHECK(first["title"] == "Grain prices climb");
  CHECK(first["date"] == "1987-03-09T00:00:00Z");
  const auto bad = run({gazette::test::index_bin(), "--db", db, "--map", "headline=x",
                        (dir.path() / "in").string()});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("unknown article field 'headline'") != std::string::npos);
}

TEST_CASE("cli: compressed files and archives are read as the files they hold") {
  gazette::test::TempDir dir;
  for (const char* name : {"news.tar.gz", "story.txt.gz"}) {
    std::filesystem::create_directories(dir.path() / "in");
    std::filesystem::copy_file(gazette::test::fixture(std::string("containers/") + name),
                               dir.path() / "in" / name);
  }
  const std::string db = (dir.path() / "db").string();
  const auto r = run({gazette::test::index_bin(), "--db", db, (dir.path() / "in").string()});
  CHECK(r.exit_code == 0);
  // Both copies of the same story: shown apart, not collapsed into one hit.
  const auto hit = search(db, {"storm", "--format", "json", "--no-collapse"});
  REQUIRE(hit.exit_code == 0);
  const json doc = json::parse(hit.out);  // Kept alive: the loop below reads into it.
  std::vector<std::string> ids;
  for (const auto& h : doc["hits"])
    ids.push_back(h["id"].get<std::string>());
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"news.tar.gz!2005/a.txt", "story.txt.gz"});
}

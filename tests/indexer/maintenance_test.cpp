// Tests for indexer/src/maintenance.cpp: database_stats() and check_database() on good,
// damaged, inconsistent and foreign databases.
#include <gazette/date.hpp>
#include <gazette/error.hpp>
#include <gazette/indexer.hpp>
#include <gazette/schema.hpp>

#include "tests/support/index_fixture.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace gazette;
using gazette::test::make_article;
using gazette::test::TempDir;

namespace {

Article dated(std::string id, std::string source, std::string lang, std::string date) {
  Article a = make_article(std::move(id), "Title", "Some body text.");
  a.source = std::move(source);
  a.lang = std::move(lang);
  a.published = parse_date(date);
  return a;
}

// The directory holding the live glass tables, whatever the layout.
fs::path glass_directory(const fs::path& db) {
  for (const auto& entry : fs::recursive_directory_iterator(db)) {
    if (entry.path().filename() == "iamglass") return entry.path().parent_path();
  }
  FAIL("no glass database under " << db);
  return {};
}

// A database built from files: three text articles in two directories.
struct FileDatabase {
  TempDir dir;
  fs::path archive = dir.path() / "archive";
  std::string db = (dir.path() / "db").string();
  FileDatabase() {
    dir.write("archive/a.txt", "Grain prices\nWheat rose.\n");
    dir.write("archive/b.txt", "Dock strike\nWorkers walked out.\n");
    dir.write("archive/sub/c.txt", "Port reopens\nShips moved.\n");
    Indexer indexer(db);
    indexer.add_paths({archive.string()});
  }
};

bool mentions(const CheckReport& report, std::string_view text) {
  for (const auto& p : report.problems) {
    if (p.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("maintenance: stats count articles, sources, languages and the date span") {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  {
    Indexer indexer(db);
    for (const Article& a :
         {dated("r1", "Reuters", "en", "1987-03-09"),
          dated("r2", "Reuters", "en", "1987-02-26T15:01:01Z"),
          dated("a1", "AP", "fr", "1989-12-12"), dated("b1", "BBC", "en", "1988-01-01"),
          dated("b2", "BBC", "de", "1988-06-01")}) {
      indexer.add_article(a);
    }
    indexer.commit();
  }
  const DatabaseStats s = database_stats(db);
  CHECK(s.path == db);
  CHECK(s.schema_version == schema::kVersion);
  CHECK(s.articles == 5);
  CHECK(s.files == 0);  // Added by a program, not from files.
  CHECK(s.roots.empty());
  using Counts = std::vector<std::pair<std::string, std::size_t>>;
  CHECK(s.sources == Counts{{"bbc", 2}, {"reuters", 2}, {"ap", 1}});  // Ties by name.
  CHECK(s.languages == Counts{{"en", 3}, {"de", 1}, {"fr", 1}});
  REQUIRE(s.earliest);
  REQUIRE(s.latest);
  CHECK(format_iso8601(*s.earliest) == "1987-02-26T15:01:01Z");
  CHECK(format_iso8601(*s.latest) == "1989-12-12T00:00:00Z");
  CHECK(s.size_bytes > 0);
  CHECK(s.revision > 0);
}

TEST_CASE("maintenance: stats of a database built from files list files and roots") {
  FileDatabase f;
  const DatabaseStats s = database_stats(f.db);
  CHECK(s.articles == 3);
  CHECK(s.files == 3);
  CHECK(s.roots == std::vector<std::string>{fs::absolute(f.archive).string()});
  CHECK_FALSE(s.earliest);  // No dates in these files.
  CHECK(s.last_update);
}

TEST_CASE("maintenance: stats and check refuse what is not a Gazette database") {
  TempDir dir;
  const std::string foreign = (dir.path() / "foreign").string();
  {
    Xapian::WritableDatabase db(foreign, Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("hello");
    db.add_document(doc);
  }
  struct Case {
    std::string path;
    ErrorCode code;
  };
  for (const Case& c : {Case{foreign, ErrorCode::database_corrupt},
                        Case{(dir.path() / "missing").string(), ErrorCode::not_found}}) {
    CAPTURE(c.path);
    try {
      database_stats(c.path);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == c.code);
    }
  }
  CHECK_THROWS_AS(check_database((dir.path() / "missing").string()), Error);
  const CheckReport report = check_database(foreign);
  CHECK_FALSE(report.ok());
  CHECK(mentions(report, "not a Gazette database"));
}

TEST_CASE("maintenance: a sound database passes the check") {
  SUBCASE("built from files") {
    FileDatabase f;
    const CheckReport report = check_database(f.db);
    CHECK(report.errors == 0);
    CHECK(report.problems.empty());
    CHECK(report.ok());
  }
  SUBCASE("built by a program (articles tied to no file state)") {
    test::IndexFixture fixture({make_article("a", "One", "Body."), make_article("b", "Two", "B.")});
    CHECK(check_database(fixture.db_path()).ok());
  }
}

TEST_CASE("maintenance: check finds file states and articles that disagree") {
  FileDatabase f;
  const fs::path tables = glass_directory(f.db);
  SUBCASE("a recorded article is missing") {
    {
      Xapian::WritableDatabase db(tables.string());
      db.delete_document(schema::key_term("b.txt"));
      db.commit();
    }
    const CheckReport report = check_database(f.db);
    CHECK(report.errors == 0);
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].find("article b.txt is recorded but missing") != std::string::npos);
  }
  SUBCASE("an article under a root has no file state") {
    const std::string path = fs::absolute(f.archive / "sub/c.txt").string();
    {
      Xapian::WritableDatabase db(tables.string());
      db.set_metadata(schema::boolean_term(schema::kFileStatePrefix, path), "");
      db.commit();
    }
    const CheckReport report = check_database(f.db);
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0] == path + ": article sub/c.txt has no file state");
  }
}

TEST_CASE("maintenance: removing an article keeps the file states truthful") {
  FileDatabase f;
  // A container file too: its articles share one state, keyed "path#docno".
  f.dir.write("archive/wire.jsonl",
              "{\"id\": \"w1\", \"title\": \"Wire one\", \"body\": \"Text.\"}\n"
              "{\"id\": \"w2\", \"title\": \"Wire two\", \"body\": \"Text.\"}\n");
  Indexer(f.db).update();
  REQUIRE(check_database(f.db).ok());
  {
    Indexer indexer(f.db);
    CHECK(indexer.remove_article("b.txt"));
    CHECK(indexer.remove_article("wire.jsonl#w1"));
    CHECK_FALSE(indexer.remove_article("wire.jsonl#w1"));
    indexer.commit();
  }
  const CheckReport report = check_database(f.db);
  CHECK(report.problems.empty());
  CHECK(report.ok());
  // The rest of the file's articles stay listed: an update finds nothing to do, and a
  // change to the file brings back the article removed from it.
  Indexer indexer(f.db);
  const auto update = indexer.update();
  CHECK(update.files_unchanged == 4);
  CHECK(indexer.article_count() == 3);
  f.dir.write("archive/wire.jsonl",
              "{\"id\": \"w1\", \"title\": \"Wire one\", \"body\": \"Text again.\"}\n"
              "{\"id\": \"w2\", \"title\": \"Wire two\", \"body\": \"Text.\"}\n");
  indexer.update();
  CHECK(indexer.article_count() == 4);
  CHECK(check_database(f.db).ok());
}

TEST_CASE("maintenance: check reports a damaged table") {
  FileDatabase f;
  const fs::path tables = glass_directory(f.db);
  const fs::path postlist = tables / "postlist.glass";
  {
    // Overwrite the postlist table with junk of the same size, as a bad disk might.
    std::fstream file(postlist, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(0, std::ios::end);
    const auto size = static_cast<std::streamoff>(file.tellp());
    REQUIRE(size > 0);
    file.seekp(0);
    const std::string junk(static_cast<std::size_t>(size), '\xA5');
    file.write(junk.data(), size);
  }
  const CheckReport report = check_database(f.db);
  CHECK_FALSE(report.ok());
  CHECK(report.errors > 0);
  CHECK_FALSE(report.problems.empty());
}

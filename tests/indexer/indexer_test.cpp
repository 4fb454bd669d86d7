// Tests for indexer/src/indexer.cpp and document_builder.cpp: the schema on disk, replacing
// by key, schema-version checks, locking, scanning rules and problem reporting.
#include <gazette/error.hpp>
#include <gazette/indexer.hpp>
#include <gazette/schema.hpp>

#include "indexer/src/document_builder.hpp"
#include "tests/support/index_fixture.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace gazette;
using gazette::test::make_article;
using gazette::test::TempDir;

namespace {

bool has_term(const Xapian::Database& db, const std::string& term) {
  return db.get_termfreq(term) > 0;
}

Article full_article() {
  Article a = make_article("wire/oil.txt", "Oil prices surge", "Crude oil rose sharply.");
  a.published = parse_date("1987-03-09T15:01:01Z");
  a.source = "Reuters";
  a.authors = {"Jane Doe"};
  a.url = "https://www.Reuters.com/article/oil?id=1";
  a.lang = "en";
  a.tags = {"Energy", "crude"};
  return a;
}

}  // namespace

TEST_CASE("indexer: documents follow the schema") {
  TempDir dir;
  const std::string db_path = (dir.path() / "db").string();
  {
    Indexer indexer(db_path);
    indexer.add_article(full_article());
    indexer.commit();
  }
  Xapian::Database db(db_path);
  CHECK(db.get_metadata(std::string(schema::kVersionKey)) == std::to_string(schema::kVersion));
  CHECK(db.get_doccount() == 1);
  for (const char* term : {"Qwire/oil.txt", "Len", "Kenergy", "Kcrude", "Hwww.reuters.com",
                           "Uhttps://www.Reuters.com/article/oil?id=1", "XSRCreuters", "XFMTtext",
                           "XPATH/archive/wire/oil.txt", "Soil", "ZSoil", "oil", "Zoil", "crude",
                           "Zrose", "Ajane", "ZAdoe", "XSreuters", "Zsurg"}) {
    CAPTURE(term);
    CHECK(has_term(db, term));
  }
  const Xapian::Document doc = db.get_document(1);
  CHECK(doc.get_value(schema::kDateYmd) == "19870309");
  CHECK(doc.get_value(schema::kYear) == "1987");
  CHECK(doc.get_value(schema::kYearMonth) == "198703");
  CHECK(doc.get_value(schema::kSource) == "reuters");
  CHECK(doc.get_value(schema::kLanguage) == "en");
  CHECK(Xapian::sortable_unserialise(doc.get_value(schema::kPublishedTime)) ==
        doctest::Approx(542300461.0));
  CHECK(doc.get_data().find("body=Crude oil rose sharply.") != std::string::npos);
}

TEST_CASE("indexer: title words weigh more than body words") {
  TempDir dir;
  const std::string db_path = (dir.path() / "db").string();
  {
    Indexer indexer(db_path);
    indexer.add_article(make_article("a", "Oil prices", "Markets moved."));
    indexer.commit();
  }
  Xapian::Database db(db_path);
  Xapian::TermIterator t = db.termlist_begin(1);
  t.skip_to("oil");
  REQUIRE(*t == "oil");
  CHECK(t.get_wdf() == schema::kTitleWdfBoost);
}

TEST_CASE("indexer: adding the same key twice replaces the article") {
  TempDir dir;
  Indexer indexer((dir.path() / "db").string());
  indexer.add_article(make_article("k", "First", "one"));
  indexer.add_article(make_article("k", "Second", "two"));
  indexer.add_article(make_article("other", "Third", "three"));
  CHECK(indexer.article_count() == 2);
  CHECK(indexer.remove_article("k"));
  CHECK_FALSE(indexer.remove_article("k"));
  CHECK(indexer.article_count() == 1);
  CHECK_THROWS_AS(indexer.add_article(make_article("", "No key", "x")), Error);
}

TEST_CASE("indexer: a second writer fails with database_locked") {
  TempDir dir;
  const std::string db_path = (dir.path() / "db").string();
  Indexer first(db_path);
  try {
    Indexer second(db_path);
    FAIL("second writer opened a locked database");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::database_locked);
    CHECK(std::string(e.what()).find("another process") != std::string::npos);
  }
}

TEST_CASE("indexer: refuses unknown schema versions and foreign databases") {
  TempDir dir;
  const std::string future = (dir.path() / "future").string();
  {
    Xapian::WritableDatabase db(future, Xapian::DB_CREATE);
    db.set_metadata(std::string(schema::kVersionKey), "999");
    db.commit();
  }
  try {
    Indexer indexer(future);
    FAIL("opened a future schema");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::database_version);
    CHECK(std::string(e.what()).find("999") != std::string::npos);
  }
  const std::string foreign = (dir.path() / "foreign").string();
  {
    Xapian::WritableDatabase db(foreign, Xapian::DB_CREATE);
    db.add_document(Xapian::Document());
    db.commit();
  }
  try {
    Indexer indexer(foreign);
    FAIL("opened a foreign database");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::database_corrupt);
  }
}

TEST_CASE("indexer: add_paths walks directories, keys files by relative path, reports problems") {
  TempDir dir;
  dir.write("archive/one.txt", "Storm hits coast\n\nA storm hit the coast on Monday.\n");
  dir.write("archive/sub/two.txt", "Markets rally\n\nShares rose for a third day.\n");
  dir.write(
      "archive/sub/page.html",
      "<html><head><title>Page title</title></head><body><article><p>Some article text "
      "that is long enough to be an article body for the reader.</p></article></body></html>");
  dir.write("archive/.hidden.txt", "Hidden\n\nNever indexed.\n");
  dir.write("archive/.git/config.txt", "Hidden dir\n\nNever indexed.\n");
  dir.write("archive/photo.jpg", "\xFF\xD8\xFF\xE0 not an article");
  dir.write("archive/empty.txt", "");
  fs::create_directory_symlink(dir.path() / "archive", dir.path() / "archive/sub/loop");

  std::vector<FileProblem> seen_problems;
  IndexerOptions options;
  options.on_problem = [&](const FileProblem& p) { seen_problems.push_back(p); };
  Indexer indexer((dir.path() / "db").string(), options);
  const IndexReport report = indexer.add_paths({(dir.path() / "archive").string()});

  CHECK(report.files_indexed == 3);
  CHECK(report.articles_indexed == 3);
  CHECK(report.files_failed == 1);
  CHECK(report.files_ignored == 1);
  REQUIRE(report.problems.size() == 1);
  CHECK(report.problems[0].path.ends_with("empty.txt"));
  CHECK_FALSE(report.problems[0].reason.empty());
  CHECK(seen_problems.size() == 1);
  CHECK(indexer.article_count() == 3);

  Xapian::Database db((dir.path() / "db").string());
  CHECK(has_term(db, "Qone.txt"));
  CHECK(has_term(db, "Qsub/two.txt"));
  CHECK(has_term(db, "Qsub/page.html"));
  CHECK(has_term(db, "XFMThtml"));
  CHECK_FALSE(has_term(db, "hidden"));

  SUBCASE("indexing again skips unchanged files and changed ones replace, not duplicate") {
    const IndexReport again = indexer.add_paths({(dir.path() / "archive").string()});
    CHECK(again.articles_indexed == 0);
    CHECK(again.files_unchanged == 3);
    CHECK(indexer.article_count() == 3);
    dir.write("archive/one.txt", "Storm hits coast\n\nA second storm hit the coast on Tuesday.\n");
    const IndexReport changed = indexer.add_paths({(dir.path() / "archive").string()});
    CHECK(changed.files_replaced == 1);
    CHECK(changed.articles_indexed == 1);
    CHECK(indexer.article_count() == 3);
  }
  SUBCASE("a file given directly is keyed by its name and read whatever its extension") {
    const auto odd = dir.write("notes.article", "Odd name\n\nText.\n");
    const IndexReport direct = indexer.add_paths({odd.string()});
    CHECK(direct.files_failed == 1);  // Unknown type given explicitly: reported, not ignored.
    const IndexReport file = indexer.add_paths({(dir.path() / "archive/one.txt").string()});
    CHECK(file.files_unchanged == 1);  // Same file, same state: nothing to do.
    // Keyed "one.txt" both ways (relative to the root, or its name): replaced, not added.
    CHECK(indexer.article_count() == 3);
  }
}

TEST_CASE("indexer: a missing path fails before anything is written") {
  TempDir dir;
  Indexer indexer((dir.path() / "db").string());
  try {
    indexer.add_paths({(dir.path() / "nope").string()});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::not_found);
    CHECK(std::string(e.what()).find("nope") != std::string::npos);
  }
}

TEST_CASE("indexer: cancellation commits what is done and says so") {
  TempDir dir;
  for (int i = 0; i < 20; ++i) {
    dir.write("a/" + std::to_string(100 + i) + ".txt",
              "Title " + std::to_string(i) + "\n\nBody.\n");
  }
  std::atomic<bool> stop{false};
  IndexerOptions options;
  options.cancel = &stop;
  options.on_progress = [&](const IndexProgress& p) {
    if (p.files_done == 5) stop = true;
  };
  const std::string db_path = (dir.path() / "db").string();
  {
    Indexer indexer(db_path, options);
    const IndexReport report = indexer.add_paths({(dir.path() / "a").string()});
    CHECK(report.interrupted);
    CHECK(report.articles_indexed == 5);
  }
  CHECK(Xapian::Database(db_path).get_doccount() == 5);
}

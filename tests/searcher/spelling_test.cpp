// Tests for "did you mean": the spelling table the indexer keeps (indexer/src/spelling.cpp)
// and the corrected queries built from it (searcher/src/spelling.cpp), on databases indexed
// from the real articles of the sample archive.
#include <gazette/indexer.hpp>

#include "searcher/src/spelling.hpp"
#include "tests/support/index_fixture.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <optional>
#include <string>

namespace fs = std::filesystem;
using namespace gazette;

namespace {

const fs::path kArchive = fs::path(GAZETTE_EXAMPLES_DIR) / "archive";
const fs::path kClippings = kArchive / "clippings";
// The only clipping that says "parliament" (the Guardian's column on the EU budget).
const std::string kParliamentClipping = "guardian-labour-eu-make-the-case.txt";

// The whole sample archive (61 articles), indexed once for every test that only reads it.
const std::string& archive_db() {
  static const test::TempDir dir;
  static const std::string path = [] {
    const std::string db = (dir.path() / "db").string();
    Indexer(db).add_paths({kArchive.string()});
    return db;
  }();
  return path;
}

// The query as gazette-search's Searcher would correct it, or "<none>".
std::string suggest(const std::string& db_path, std::string_view query) {
  const Xapian::Database db(db_path);
  return searcher::suggest_query(db, query, searcher::ArchiveLanguages(db)).value_or("<none>");
}

// Articles the spelling table counts `word` in (0 when absent).
Xapian::termcount spelling_frequency(const std::string& db_path, const std::string& word) {
  const Xapian::Database db(db_path);
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    if (*it == word) return it.get_termfreq();
  }
  return 0;
}

bool has_spelling_data(const std::string& db_path) {
  const Xapian::Database db(db_path);
  return db.spellings_begin() != db.spellings_end();
}

std::string spelling_metadata(const std::string& db_path) {
  return Xapian::Database(db_path).get_metadata("gazette.spelling");
}

// A copy of the four real clippings under dir/archive (so tests may change them), and a
// database at dir/db.
struct Clippings {
  test::TempDir dir;
  fs::path root = dir.path() / "archive";
  std::string db = (dir.path() / "db").string();

  Clippings() {
    fs::create_directories(root);
    fs::copy(kClippings, root, fs::copy_options::recursive);
  }
  fs::path file(const std::string& name) const { return root / name; }
};

IndexerOptions without_spelling() {
  IndexerOptions options;
  options.spelling = false;
  return options;
}

}  // namespace

TEST_CASE("spelling: misspelt words of the sample archive get the real word") {
  const std::string& db = archive_db();
  CHECK(suggest(db, "parliment") == "parliament");
  CHECK(suggest(db, "goverment") == "government");
  CHECK(suggest(db, "electon") == "election");
  CHECK(suggest(db, "tournment") == "tournament");
  CHECK(suggest(db, "brodband") == "broadband");
  SUBCASE("only the misspelt words change, and a capital stays") {
    CHECK(suggest(db, "goverment electon") == "government election");
    CHECK(suggest(db, "oil goverment") == "oil government");
    CHECK(suggest(db, "Parliment") == "Parliament");
  }
}

TEST_CASE("spelling: a correctly spelled query gets no suggestion") {
  const std::string& db = archive_db();
  CHECK(suggest(db, "oil prices") == "<none>");
  CHECK(suggest(db, "\"six nations\" wales") == "<none>");
  CHECK(suggest(db, "government election") == "<none>");
  // Not in any text as such, but its stem is: the search finds it, so nothing to correct.
  CHECK(suggest(db, "parliaments") == "<none>");
  // Misspelt, but stemmed as the real word is ("unemploy", "rugbi"): they find it already.
  CHECK(suggest(db, "unemployement") == "<none>");
  CHECK(suggest(db, "rugbi") == "<none>");
  // Unknown, and nothing in the archive is spelt like it.
  CHECK(suggest(db, "zanzibar") == "<none>");
  // Too short or numbers: never corrected.
  CHECK(suggest(db, "eu 2005") == "<none>");
}

TEST_CASE("spelling: fields, phrases and operators are kept around the corrected words") {
  const std::string& db = archive_db();
  CHECK(suggest(db, "\"six natoins\" AND walse") == "\"six nations\" AND wales");
  CHECK(suggest(db, "oil -goverment") == "oil -government");
  CHECK(suggest(db, "(electon OR parliment) NOT oil") == "(election OR parliament) NOT oil");
  CHECK(suggest(db, "title:electon") == "title:election");
  CHECK(suggest(db, "title:\"oil pirces\"") == "title:\"oil prices\"");
  // Filter values are keys and dates, not words; wildcards are left to expand.
  CHECK(suggest(db, "source:guardain parliment") == "source:guardain parliament");
  CHECK(suggest(db, "date:2012-11..2012-12 goverment") == "date:2012-11..2012-12 government");
  CHECK(suggest(db, "goverm*") == "<none>");
  CHECK(suggest(db, "parliment NEAR goverment") == "parliament NEAR government");
}

TEST_CASE("spelling: a word in one article is corrected only as a typo of a common word") {
  test::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  Indexer indexer(db);
  indexer.add_paths({kArchive.string()});
  // Archives hold typos too: one story says "goverment" (the archive says "government" in
  // 18 articles).
  indexer.add_article(test::make_article(
      "typo.txt", "Budget vote", "The goverment lost the budget vote in parliament tonight."));
  indexer.commit();
  REQUIRE(spelling_frequency(db, "goverment") == 1);
  CHECK(suggest(db, "goverment budget") == "government budget");
  // "rover" is in one article too, and "over" in 39: but a real word, not a typo of it.
  REQUIRE(Xapian::Database(db).get_termfreq("rover") == 1);
  CHECK(suggest(db, "rover") == "<none>");
}

TEST_CASE("spelling: each article counts a word once") {
  Clippings c;
  Indexer(c.db).add_paths({c.root.string()});
  // "Labour" is all over the Guardian column, yet that column counts once.
  CHECK(spelling_frequency(c.db, "labour") == Xapian::Database(c.db).get_termfreq("labour"));
  CHECK(spelling_frequency(c.db, "parliament") == 1);
  CHECK(spelling_metadata(c.db) == "on");
  // Prefixed and stemmed terms, numbers and two-letter words stay out.
  CHECK(spelling_frequency(c.db, "Zparliament") == 0);
  CHECK(spelling_frequency(c.db, "27") == 0);
  CHECK(spelling_frequency(c.db, "eu") == 0);
}

TEST_CASE("spelling: deleting or changing an article takes its words out of the table") {
  Clippings c;
  Indexer indexer(c.db);
  indexer.add_paths({c.root.string()});
  REQUIRE(suggest(c.db, "parliment") == "parliament");
  const auto labour = spelling_frequency(c.db, "labour");

  SUBCASE("the file vanishes") {
    fs::remove(c.file(kParliamentClipping));
    indexer.update();
  }
  SUBCASE("the file is removed") {
    indexer.remove({c.file(kParliamentClipping).string()});
  }
  SUBCASE("the article is removed by key") {
    CHECK(indexer.remove_article(kParliamentClipping));
    indexer.commit();
  }
  SUBCASE("the file is rewritten without the word") {
    const fs::path file = c.file(kParliamentClipping);
    std::string text = test::read_file(file);
    for (std::size_t at; (at = text.find("parliament")) != std::string::npos;)
      text.replace(at, 10, "assembly");
    c.dir.write("archive/" + kParliamentClipping, text);
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(2));
    CHECK(indexer.update().files_replaced == 1);
    CHECK(spelling_frequency(c.db, "labour") == labour);  // Still there: unchanged.
  }
  CHECK(spelling_frequency(c.db, "parliament") == 0);
  CHECK(suggest(c.db, "parliment") == "<none>");
}

TEST_CASE("spelling: re-indexing an unchanged article leaves the table as it was") {
  Clippings c;
  Indexer indexer(c.db);
  indexer.add_paths({c.root.string()});
  const auto before = spelling_frequency(c.db, "labour");
  for (const auto& entry : fs::directory_iterator(c.root))
    fs::last_write_time(entry.path(), fs::last_write_time(entry.path()) + std::chrono::seconds(2));
  indexer.add_paths({c.root.string()});
  CHECK(spelling_frequency(c.db, "labour") == before);
  CHECK(spelling_frequency(c.db, "parliament") == 1);
}

TEST_CASE("spelling: a database made without spelling data stays without it") {
  Clippings c;
  {
    Indexer indexer(c.db, without_spelling());
    indexer.add_paths({c.root.string()});
  }
  CHECK(spelling_metadata(c.db) == "off");
  CHECK_FALSE(has_spelling_data(c.db));
  CHECK(suggest(c.db, "parliment") == "<none>");

  SUBCASE("later runs with the default options honour the recorded choice") {
    c.dir.write("archive/new.txt", test::read_file(kArchive / "bbc/politics/" /
                                                   "159-howard-unveils-election-platform.txt"));
    Indexer indexer(c.db);
    CHECK(indexer.update().files_added == 1);
    indexer.add_article(test::make_article("extra", "Election", "The parliament election."));
    indexer.commit();
    CHECK_FALSE(has_spelling_data(c.db));
  }
  SUBCASE("so does a rebuild") {
    Indexer::rebuild(c.db);
    CHECK(Xapian::Database(c.db).get_doccount() == 4);
    CHECK(spelling_metadata(c.db) == "off");
    CHECK_FALSE(has_spelling_data(c.db));
  }
}

TEST_CASE("spelling: turning spelling off drops the data a database had") {
  Clippings c;
  Indexer(c.db).add_paths({c.root.string()});
  REQUIRE(has_spelling_data(c.db));
  SUBCASE("on an update") {
    Indexer(c.db, without_spelling()).update();
    CHECK(spelling_metadata(c.db) == "off");
    CHECK_FALSE(has_spelling_data(c.db));
  }
  SUBCASE("on a rebuild") {
    Indexer::rebuild(c.db, without_spelling());
    CHECK(spelling_metadata(c.db) == "off");
    CHECK_FALSE(has_spelling_data(c.db));
  }
  SUBCASE("but not on a dry run, which writes nothing") {
    IndexerOptions options = without_spelling();
    options.dry_run = true;
    Indexer(c.db, options).update();
    CHECK(spelling_metadata(c.db) == "on");
    CHECK(has_spelling_data(c.db));
  }
}

TEST_CASE("spelling cli: gazette-index --no-spelling is recorded and kept by update") {
  Clippings c;
  const auto first =
      test::run({test::index_bin(), "--db", c.db, "--no-spelling", "-q", c.root.string()});
  REQUIRE(first.exit_code == 0);
  CHECK(spelling_metadata(c.db) == "off");
  CHECK_FALSE(has_spelling_data(c.db));
  c.dir.write("archive/new.txt", test::read_file(kArchive / "bbc/politics/" /
                                                 "159-howard-unveils-election-platform.txt"));
  CHECK(test::run({test::index_bin(), "--db", c.db, "update", "-q"}).exit_code == 0);
  CHECK(Xapian::Database(c.db).get_doccount() == 5);
  CHECK_FALSE(has_spelling_data(c.db));
  const auto help = test::run({test::index_bin(), "add", "--help"});
  CHECK(help.out.find("--no-spelling") != std::string::npos);
  const auto compact = test::run({test::index_bin(), "--db", c.db, "compact", "--no-spelling"});
  CHECK(compact.exit_code == 2);
}

// A collection indexed as it is shipped yields its articles and nothing else: the READMEs,
// notes and category lists beside the data files are passed over as documentation, counted
// as ignored, and removed by `update` if an older version indexed them.
#include <gazette/indexer.hpp>

#include "indexer/src/file_scanner.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <iostream>
#include <regex>
#include <string>

namespace {

namespace fs = std::filesystem;
using gazette::test::TempDir;

// A Reuters-style collection: SGML data files (more of them than text files), the upstream
// README, notes and category lists.
void write_collection(const TempDir& dir) {
  fs::create_directories(dir.path() / "reuters");
  for (const char* name : {"reut2-000.sgm", "reut2-001.sgm", "reut2-002.sgm"})
    fs::copy_file(gazette::test::fixture("reuters/sample.sgm"), dir.path() / "reuters" / name);
  dir.write("reuters/README.txt", "Reuters-21578 text categorization test collection\n\nNotes.\n");
  dir.write("reuters/README.md", "# The collection\n\nWhat is where.\n");
  dir.write("reuters/all-topics-strings.lc.txt", "acq\nalum\nbarley\n");
  dir.write("reuters/cat-descriptions_120396.txt",
            "Some notes on the Reuters Categories\n\nText.\n");
  dir.write("reuters/SHA256SUMS", "0123  reut2-000.sgm\n");
  // Articles in a folder of their own are articles, whatever lies elsewhere.
  dir.write("reuters/stories/strike.txt", "Dock strike ends\n\nWorkers returned on Monday.\n");
}

// xapian-delve's document count of `db`, or -1 when it is not installed.
long delve_document_count(const std::string& db) {
  const std::string delve = "/usr/bin/xapian-delve";
  if (!fs::exists(delve)) return -1;
  const auto r = gazette::test::run({delve, db});
  std::smatch m;
  if (r.exit_code != 0 || !std::regex_search(r.out, m, std::regex("number of documents = (\\d+)")))
    return -2;
  return std::stol(m[1]);
}

}  // namespace

TEST_CASE("collection layout: which files are documentation") {
  using gazette::indexer::is_documentation;
  CHECK(is_documentation("README", false));
  CHECK(is_documentation("README.txt", false));
  CHECK(is_documentation("readme.md", false));
  CHECK(is_documentation("LICENSE", false));
  CHECK(is_documentation("COPYING.txt", false));
  CHECK(is_documentation("SHA256SUMS", false));
  CHECK(is_documentation("CHANGELOG.md", false));
  CHECK_FALSE(is_documentation("readme-of-the-week.txt", false));  // An article's own name.
  CHECK_FALSE(is_documentation("all-topics-strings.lc.txt", false));
  CHECK(is_documentation("all-topics-strings.lc.txt", true));
  CHECK(is_documentation("notes.TXT", true));
  CHECK_FALSE(is_documentation("reut2-000.sgm", true));
  CHECK_FALSE(is_documentation("page.html", true));
}

TEST_CASE("collection layout: which files hold a collection") {
  TempDir dir;
  using gazette::indexer::is_collection_file;
  CHECK(is_collection_file(gazette::test::fixture("reuters/sample.sgm")));
  CHECK(is_collection_file(gazette::test::fixture("trec/ap.trec")));
  CHECK(is_collection_file(dir.write("reut2-000.sgm.gz", "")));  // By its inner name.
  // Multi-article exports sit among stories as often as not: no collection of notes.
  CHECK_FALSE(is_collection_file(dir.write("wire.jsonl", "{\"title\": \"a\"}\n")));
  // A TREC file without an extension, as on the TREC disks, is recognised by its content.
  CHECK(is_collection_file(dir.write("la010189", "<DOC>\n<DOCNO> LA010189-0001 </DOCNO>\n")));
  CHECK_FALSE(is_collection_file(dir.write("story.txt", "Title\n\nBody.\n")));
  CHECK_FALSE(is_collection_file(dir.write("page.html", "<html><body>x</body></html>")));
  CHECK_FALSE(is_collection_file(dir.write("notes", "just some words\n")));
}

TEST_CASE("collection layout: a collection folder as shipped gives exactly its articles") {
  TempDir dir;
  write_collection(dir);
  const std::string db = (dir.path() / "db").string();
  gazette::IndexReport report;
  {
    gazette::Indexer indexer(db);
    report = indexer.add_paths({(dir.path() / "reuters").string()});
  }
  CHECK(report.problems.empty());
  CHECK(report.articles_indexed == 3 * 7 + 1);  // 7 stories per SGML file, stories/strike.txt.
  CHECK(report.files_added == 4);
  CHECK(report.files_ignored == 5);  // Two READMEs, the notes, the list, the checksums.
  const long count = delve_document_count(db);
  if (count == -1) {
    std::cout << "SKIPPED: xapian-delve not installed (apt-get install xapian-tools)\n";
  } else {
    CHECK(count == 22);
  }
  // A file given by name is read whatever it is called.
  gazette::Indexer indexer(db);
  const auto direct = indexer.add_paths({(dir.path() / "reuters/README.txt").string()});
  CHECK(direct.articles_indexed == 1);
}

TEST_CASE(
    "collection layout: stories beside a few SGML files are articles, notes beside data are not") {
  TempDir dir;
  dir.write("desk/a.txt", "Dock strike ends\n\nWorkers returned on Monday.\n");
  dir.write("desk/b.txt", "Port reopens\n\nShips moved again.\n");
  dir.write("desk/export.jsonl", "{\"id\": \"w1\", \"title\": \"Wire\", \"body\": \"Text.\"}\n");
  fs::copy_file(gazette::test::fixture("trec/ap.trec"), dir.path() / "desk/ap1.trec");
  const std::size_t trec_articles = 3;  // The <DOC>s of ap.trec.
  const std::string db = (dir.path() / "db").string();
  {
    gazette::Indexer indexer(db);
    const auto report = indexer.add_paths({(dir.path() / "desk").string()});
    // As many stories as collection files: all are read.
    CHECK(report.articles_indexed == 3 + trec_articles);
    CHECK(report.files_ignored == 0);
  }
  // The folder becomes a collection's: its data files now outnumber the text files, which
  // are its notes. An update drops the articles they gave.
  for (const char* name : {"ap2.trec", "ap3.trec"})
    fs::copy_file(gazette::test::fixture("trec/ap.trec"), dir.path() / "desk" / name);
  gazette::Indexer indexer(db);
  const auto update = indexer.update();
  CHECK(update.problems.empty());
  CHECK(update.files_deleted == 2);
  CHECK(update.articles_deleted == 2);
  CHECK(update.files_ignored == 2);
  CHECK(update.files_added == 2);
  CHECK(update.articles_indexed == 2 * trec_articles);
  const long count = delve_document_count(db);
  CHECK((count == 1 + 3 * trec_articles || count == -1));
}

TEST_CASE("corpus: Reuters-21578 indexed as shipped holds exactly its 21,578 NEWIDs") {
  const auto reuters = gazette::test::corpus_or_skip("reuters21578");
  if (reuters.empty()) return;
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  // The folder as shipped (README.md, README.txt, category lists, notes, DTD, checksums),
  // through the command a user types.
  const auto r = gazette::test::run({gazette::test::index_bin(), "--db", db, reuters.string()});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("indexed 21578 articles from 22 files") != std::string::npos);
  const long count = delve_document_count(db);
  if (count == -1) {
    std::cout << "SKIPPED: xapian-delve not installed (apt-get install xapian-tools)\n";
    return;
  }
  CHECK(count == 21578);
}

// Folders of news pages saved as *.html.gz, indexed with the real gazette-index: every
// readable page becomes an article, and every page that cannot be read is named on stderr
// with its reason and counted in the --json report (issue 14, point 2).
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using gazette::test::ProcessResult;
using gazette::test::TempDir;
using nlohmann::json;

namespace {

struct Indexed {
  ProcessResult process;
  json report;
  std::size_t documents = 0;  // In the database, as xapian-delve counts them.
};

Indexed index_pages(const fs::path& pages, const fs::path& db) {
  Indexed out;
  out.process = gazette::test::run(
      {gazette::test::index_bin(), "--db", db.string(), "--json", pages.string()}, {"GAZETTE_DB="});
  out.report = json::parse(out.process.out);
  out.documents = Xapian::Database(db.string()).get_doccount();
  return out;
}

std::string page(const std::string& headline, const std::string& text) {
  return "<html><head><title>" + headline + "</title></head><body><article><h1>" + headline +
         "</h1><p>" + text + "</p><p>" + text + "</p></article></body></html>";
}

}  // namespace

TEST_CASE("saved pages: each readable .html.gz page is an article, and each broken one is named") {
  TempDir dir;
  const fs::path pages = dir.path() / "pages";
  fs::create_directories(pages);
  const std::string body =
      "The council voted on Tuesday to reopen the harbour bridge after repairs.";
  for (int i = 0; i < 5; ++i)
    gazette::test::write_gzip(pages / ("story-" + std::to_string(i) + ".html.gz"),
                              page("Harbour bridge story " + std::to_string(i), body));
  gazette::test::write_gzip(pages / "cut.html.gz",
                            page("Cut short", body) + std::string(4000, ' '));
  fs::resize_file(pages / "cut.html.gz", fs::file_size(pages / "cut.html.gz") / 2);
  dir.write("pages/not-gzip.html.gz", "<html>plain HTML under a .gz name</html>");
  dir.write("pages/empty.html.gz", "");

  const Indexed run = index_pages(pages, dir.path() / "db");
  CHECK(run.process.exit_code == 1);  // Some files failed (DESIGN.md exit codes).
  CHECK(run.documents == 5);
  CHECK(run.report["articles_indexed"] == 5);
  CHECK(run.report["added"] == 5);
  CHECK(run.report["failed"] == 3);
  std::vector<std::string> named;
  for (const auto& failure : run.report["failures"])
    named.push_back(fs::path(failure["path"].get<std::string>()).filename().string() + ": " +
                    failure["reason"].get<std::string>());
  CHECK(named == std::vector<std::string>{"cut.html.gz: truncated gzip input",
                                          "empty.html.gz: empty file (no compressed data)",
                                          "not-gzip.html.gz: not gzip data"});
  // stderr: one line per failure, "gazette-index: PATH: REASON", the same reasons.
  const auto lines = gazette::test::lines_of(run.process.err);
  REQUIRE(lines.size() == 3);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CAPTURE(lines[i]);
    CHECK(lines[i].starts_with("gazette-index: " + (pages / "").string()));
    CHECK(lines[i].ends_with(named[i]));
  }
}

TEST_CASE("saved pages: all 600 real news pages of the extraction gold set become articles") {
  const fs::path pages = gazette::test::corpus_or_skip("html-extraction/pages");
  if (pages.empty()) return;
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(pages))
    files += entry.path().string().ends_with(".html.gz");
  REQUIRE(files == 600);
  TempDir dir;
  const Indexed run = index_pages(pages, dir.path() / "db");
  CAPTURE(run.process.err);
  CHECK(run.process.exit_code == 0);
  CHECK(run.report["failed"] == 0);
  CHECK(run.report["articles_indexed"] == 600);
  CHECK(run.documents == 600);
}

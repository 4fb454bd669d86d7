// The bundled sample archive (examples/archive) indexes completely, each file as one article
// whose title is the real headline listed in its MANIFEST.tsv.
#include <gazette/indexer.hpp>
#include <gazette/searcher.hpp>

#include "common/src/text.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace {

struct ManifestRow {
  std::string path, title;
};

std::vector<ManifestRow> read_manifest(const std::filesystem::path& file) {
  std::istringstream in(gazette::test::read_file(file));
  std::vector<ManifestRow> rows;
  std::string line;
  std::getline(in, line);  // Header.
  while (std::getline(in, line)) {
    const auto first = line.find('\t');
    const auto second = line.find('\t', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    rows.push_back({line.substr(0, first), line.substr(second + 1)});
  }
  return rows;
}

}  // namespace

TEST_CASE("examples: every sample article is indexed with its real headline") {
  const std::filesystem::path archive = std::filesystem::path(GAZETTE_EXAMPLES_DIR) / "archive";
  const auto rows = read_manifest(archive / "MANIFEST.tsv");
  REQUIRE(rows.size() >= 50);
  gazette::test::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  {
    gazette::Indexer indexer(db);
    const gazette::IndexReport report = indexer.add_paths({archive.string()});
    CHECK(report.problems.empty());
    CHECK(report.articles_indexed == rows.size());
  }
  gazette::Searcher searcher(db);
  CHECK(searcher.article_count() == rows.size());
  for (const auto& row : rows) {
    CAPTURE(row.path);
    const auto article = searcher.get_article(row.path);
    REQUIRE(article.has_value());
    CHECK(gazette::text::collapse_whitespace(article->title) ==
          gazette::text::collapse_whitespace(row.title));
    CHECK(gazette::text::count_words(article->body) >= 50);
  }
}

TEST_CASE("examples: one-hit pages of the sample archive count their matches exactly") {
  const std::filesystem::path archive = std::filesystem::path(GAZETTE_EXAMPLES_DIR) / "archive";
  gazette::test::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  gazette::Indexer(db).add_paths({archive.string()});
  gazette::Searcher searcher(db);
  for (const char* query : {"oil prices", "\"oil prices\"", "election", "film"}) {
    CAPTURE(query);
    gazette::SearchRequest request;
    request.query = query;
    request.limit = 100;
    const gazette::SearchResult whole = searcher.search(request);
    REQUIRE(!whole.hits.empty());
    request.limit = 1;
    const gazette::SearchResult top = searcher.search(request);
    // With near-duplicate collapsing on (the default), a top 1 of 8 was "about 8".
    CHECK(top.total_lower_bound == whole.hits.size());
    CHECK(top.total_upper_bound == whole.hits.size());
    // Paging one hit at a time walks the same ranking, each page counting exactly.
    for (std::size_t offset = 0; offset <= whole.hits.size(); ++offset) {
      CAPTURE(offset);
      request.offset = offset;
      const gazette::SearchResult page = searcher.search(request);
      CHECK(page.total_upper_bound == whole.hits.size());
      if (offset == whole.hits.size()) {
        CHECK(page.hits.empty());
        continue;
      }
      REQUIRE(page.hits.size() == 1);
      CHECK(page.hits[0].article.id == whole.hits[offset].article.id);
      CHECK(page.hits[0].rank == offset + 1);
      CHECK(page.hits[0].duplicates == whole.hits[offset].duplicates);
    }
  }
}

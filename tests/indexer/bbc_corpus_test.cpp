// The BBC News corpus (2,225 plain-text articles) indexes completely through the public
// Indexer: one article per file, titled by its first line. Skipped without the corpus.
#include <gazette/indexer.hpp>
#include <gazette/searcher.hpp>

#include "common/src/text.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>

TEST_CASE("corpus: BBC News indexes 2,225 articles with their headlines") {
  const auto bbc = gazette::test::corpus_or_skip("bbc");
  if (bbc.empty()) return;
  gazette::test::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  {
    gazette::Indexer indexer(db);
    const gazette::IndexReport report = indexer.add_paths({bbc.string()});
    // The 2,225 articles; the corpus's README.TXT and README.md are documentation.
    CHECK(report.articles_indexed == 2225);
    CHECK(report.files_ignored == 2);
    CHECK(report.problems.empty());
  }
  gazette::Searcher searcher(db);
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(bbc)) {
    if (entry.path().extension() != ".txt" || entry.path().parent_path() == bbc) continue;
    const std::string key = entry.path().lexically_relative(bbc).generic_string();
    const auto article = searcher.get_article(key);
    REQUIRE_MESSAGE(article.has_value(), key);
    const std::string bytes = gazette::test::read_file(entry.path());
    // The headline as a reader sees it: entities ("&#163;8m") decoded, spaces collapsed.
    const std::string first_line =
        gazette::text::collapse_whitespace(gazette::text::decode_entities(
            gazette::text::decode_to_utf8(bytes.substr(0, bytes.find('\n')))));
    CHECK_MESSAGE(article->title == first_line, key);
    ++checked;
  }
  CHECK(checked == 2225);
  const auto pound = searcher.get_article("sport/199.txt");
  REQUIRE(pound.has_value());
  CHECK(pound->body.find("\xC2\xA3"
                         "15.8m") != std::string::npos);  // Latin-1 0xA3 decoded.
}

// The same article written in every format the indexer reads (tests/fixtures/cross-format),
// read through the real file reader: each format that can carry a field must give the same
// value for it, since readers share one toolkit (extract.hpp) and one normalisation pass.
#include <gazette/date.hpp>

#include "indexer/src/file_reader.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <string>
#include <vector>

using namespace gazette;

namespace {

const std::string kTitle = "Harbour bridge reopens after repairs";
const std::string kBody =
    "The harbour bridge reopened to traffic on Monday after six months of repairs, the city "
    "council said.\n\nEngineers replaced the cables and resurfaced the deck at a cost of 12 "
    "million pounds.";
const std::string kTime = "2024-03-11T09:30:00Z";
const std::vector<std::string> kAuthors = {"Jane Doe"};
const std::string kUrl = "https://www.example-news.com/2024/03/bridge-reopens";
const std::vector<std::string> kTags = {"transport", "local"};

// Which fields a format can carry. Title, body, day and authors every format carries.
//
// | file    | time of day | lang | url | source | tags | why not                              |
// |---------|-------------|------|-----|--------|------|--------------------------------------|
// | txt     | yes         | yes  | yes | yes    | yes  |                                      |
// | html    | yes         | yes  | yes | yes    | yes  |                                      |
// | json    | yes         | yes  | yes | yes    | yes  |                                      |
// | jsonl   | yes         | yes  | yes | yes    | yes  |                                      |
// | rss     | yes         | yes  | yes | yes    | yes  | source is the channel title          |
// | atom    | yes         | yes  | yes | yes    | yes  | source is the feed title             |
// | nitf    | yes         | yes  | no  | yes    | yes  | NITF has no article URL              |
// | trec    | no          | no   | no  | no     | no   | LA Times: date only, the collection  |
// |         |             |      |     |        |      | is the source, one section           |
// | sgm     | yes         | yes  | no  | no     | yes  | Reuters-21578: source always Reuters |
// | eml     | yes         | no   | no  | no     | yes  | mail has no language, URL, source    |
// | mbox    | yes         | no   | no  | no     | yes  | as eml                               |
// | warc    | yes         | yes  | yes | yes    | yes  | the HTML page inside                 |
struct Format {
  const char* file;
  bool time, lang, url, source, tags;
};

constexpr Format kFormats[] = {
    {"article.txt", true, true, true, true, true},
    {"article.html", true, true, true, true, true},
    {"article.json", true, true, true, true, true},
    {"article.jsonl", true, true, true, true, true},
    {"article.rss", true, true, true, true, true},
    {"article.atom", true, true, true, true, true},
    {"article.nitf", true, true, false, true, true},
    {"article.trec", false, false, false, false, false},
    {"article.sgm", true, true, false, false, true},
    {"article.eml", true, false, false, false, true},
    {"article.mbox", true, false, false, false, true},
    {"article.warc", true, true, true, true, true},
};

Article read_one(const char* file) {
  const auto path = test::fixture(std::string("cross-format/") + file);
  const indexer::FileContent content = indexer::read_file({path, file}, {});
  REQUIRE(content.recognised);
  CHECK(content.problems.empty());
  CHECK(content.dates_unreadable == 0);
  REQUIRE(content.articles.size() == 1);
  return content.articles.front();
}

}  // namespace

TEST_CASE("cross-format: the same article reads the same in every format") {
  for (const Format& format : kFormats) {
    CAPTURE(format.file);
    const Article a = read_one(format.file);
    CHECK(a.title == kTitle);
    CHECK(a.body == kBody);
    REQUIRE(a.published.has_value());
    CHECK(format_date(*a.published) == kTime.substr(0, 10));
    if (format.time) CHECK(format_iso8601(*a.published) == kTime);
    CHECK(a.authors == kAuthors);
    CHECK(a.lang == (format.lang ? "en" : ""));
    CHECK(a.url == (format.url ? kUrl : ""));
    if (format.source) CHECK(a.source == "Example News");
    if (format.tags) CHECK(a.tags == kTags);
  }
}

TEST_CASE("cross-format: every fixture is listed in the table") {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::fixture("cross-format"))) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("article.")) continue;
    ++files;
    CAPTURE(name);
    CHECK(std::any_of(std::begin(kFormats), std::end(kFormats),
                      [&](const Format& f) { return name == f.file; }));
  }
  CHECK(files == std::size(kFormats));
}

// Tests for indexer/src/container.cpp: compressed files and archives, well-formed and
// damaged, alone and end to end through gazette::Indexer (keys "archive!member").
#include <gazette/error.hpp>
#include <gazette/indexer.hpp>
#include <gazette/searcher.hpp>

#include "indexer/src/container.hpp"
#include "tests/support/test_support.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace gazette;
using namespace gazette::indexer;
using gazette::test::fixture;
using gazette::test::TempDir;
using gazette::test::write_gzip;

namespace {

const std::string kStory =
    "Storm hits the coast\n\nA storm hit the northern coast on Monday, flooding harbours.\n";

struct Problem {
  std::string location, reason;
};

// Everything read_container reports for one fixture.
struct Opened {
  std::map<std::string, std::string> members;  // name -> bytes
  std::vector<std::string> order;
  std::vector<Problem> problems;
  std::string error;  // The exception's message, when it threw.
};

Opened open_any(const fs::path& path, std::size_t max_bytes = kMaxMemberBytes) {
  Opened out;
  try {
    read_container(
        path, container_kind(path.filename().string()),
        [&](ContainerMember&& m) {
          out.order.push_back(m.name);
          out.members[m.name] = std::move(m.bytes);
        },
        [&](std::string location, std::string reason) {
          out.problems.push_back({std::move(location), std::move(reason)});
        },
        max_bytes);
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_input);
    out.error = e.what();
  }
  return out;
}

Opened open_fixture(const std::string& name, std::size_t max_bytes = kMaxMemberBytes) {
  return open_any(fixture("containers/" + name), max_bytes);
}

// A text of about `size` bytes: a title line, then random words, which deflate only ~3:1.
std::string words(std::size_t size) {
  static const char* const kWords[] = {"storm", "coast", "harbour", "minister", "said",
                                       "rain",  "wind",  "Monday",  "flood",    "ships"};
  std::mt19937 random(1);
  std::string text = "A long wire story\n\n";
  while (text.size() < size) {
    text += kWords[random() % std::size(kWords)];
    text += random() % 12 == 0 ? ".\n" : " ";
  }
  return text;
}

bool one_line(const std::string& s) {
  return !s.empty() && s.find('\n') == std::string::npos;
}

}  // namespace

TEST_CASE("container: kinds and suffixes by name") {
  struct Case {
    const char* name;
    ContainerKind kind;
    const char* stripped;
  };
  const Case cases[] = {
      {"feed.xml.gz", ContainerKind::compressed, "feed.xml"},
      {"crawl.warc.gz", ContainerKind::compressed, "crawl.warc"},
      {"dump.JSONL.BZ2", ContainerKind::compressed, "dump.JSONL"},
      {"a.txt.xz", ContainerKind::compressed, "a.txt"},
      {"a.txt.zst", ContainerKind::compressed, "a.txt"},
      {"news.tar", ContainerKind::archive, "news.tar"},
      {"news.tar.gz", ContainerKind::archive, "news.tar.gz"},
      {"news.TGZ", ContainerKind::archive, "news.TGZ"},
      {"news.tar.bz2", ContainerKind::archive, "news.tar.bz2"},
      {"news.tar.xz", ContainerKind::archive, "news.tar.xz"},
      {"news.tar.zst", ContainerKind::archive, "news.tar.zst"},
      {"news.zip", ContainerKind::archive, "news.zip"},
      {"story.txt", ContainerKind::none, "story.txt"},
      {"targz", ContainerKind::none, "targz"},
      {".gz", ContainerKind::none, ".gz"},
      {"", ContainerKind::none, ""},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.name));
    CHECK(container_kind(c.name) == c.kind);
    CHECK(strip_compression_suffix(c.name) == c.stripped);
  }
}

TEST_CASE("container: every compression of one file reads back the same bytes") {
  for (const char* name :
       {"story.txt.gz", "story.txt.bz2", "story.txt.xz", "story.txt.zst", "joined.txt.gz"}) {
    INFO(std::string(name));
    const Opened opened = open_fixture(name);
    CHECK(opened.error.empty());
    CHECK(opened.problems.empty());
    const std::string inner(strip_compression_suffix(name));
    REQUIRE(opened.order == std::vector<std::string>{inner});
    CHECK(opened.members.at(inner) == kStory);
  }
}

TEST_CASE("container: archives give their regular, visible files in order") {
  for (const char* name :
       {"news.tar", "news.tar.gz", "news.tgz", "news.tar.bz2", "news.tar.xz", "news.tar.zst"}) {
    INFO(std::string(name));
    const Opened opened = open_fixture(name);
    CHECK(opened.error.empty());
    CHECK(opened.problems.empty());
    // No directory, symlink, hidden member or __MACOSX resource fork.
    CHECK(opened.order == std::vector<std::string>{"2005/a.txt", "2005/b.html", "2005/notes.bin"});
    CHECK(opened.members.at("2005/a.txt") == kStory);
  }
  const Opened zip = open_fixture("news.zip");
  CHECK(zip.error.empty());
  CHECK(zip.order == std::vector<std::string>{"2005/a.txt", "2005/b.html"});
  CHECK(zip.members.at("2005/a.txt") == kStory);
}

TEST_CASE("container: damaged and hostile inputs give one-line reasons and keep what came first") {
  struct Case {
    const char* name;
    const char* error;  // Substring of the exception; "" when it must not throw.
    std::vector<std::string> members;
    const char* problem_reason;  // Substring of the one problem, at member 2005/c.txt.
  };
  const std::vector<Case> cases = {
      {"not-gzip.txt.gz", "not gzip data", {}, ""},
      {"truncated-header.txt.gz", "truncated gzip data", {}, ""},
      {"truncated.txt.gz", "truncated gzip", {}, ""},  // Cut before 64 KiB: nothing to keep.
      {"truncated.tar.gz", "truncated gzip", {}, ""},
      {"not-a-zip.zip", "ZIP", {}, ""},  // libarchive's own wording.
      {"empty.tar.gz", "empty archive", {}, ""},
      {"empty.zip", "empty archive", {}, ""},
      {"truncated.tar", "", {"2005/a.txt"}, "runcated"},
      {"corrupt.zip", "", {"2005/a.txt"}, "ZIP"},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.name));
    const Opened opened = open_fixture(c.name);
    CHECK(opened.order == c.members);
    if (*c.error) {
      INFO(opened.error);
      CHECK(one_line(opened.error));
      CHECK(opened.error.find(c.error) != std::string::npos);
      CHECK(opened.problems.empty());
      continue;
    }
    CHECK(opened.error.empty());
    REQUIRE(opened.problems.size() == 1);
    INFO(opened.problems[0].reason);
    CHECK(opened.problems[0].location == "2005/c.txt");
    CHECK(one_line(opened.problems[0].reason));
    CHECK(opened.problems[0].reason.find(c.problem_reason) != std::string::npos);
  }
}

TEST_CASE("container: a long gzip stream cut short keeps the text before the cut") {
  TempDir dir;
  const std::string text = words(400'000);
  const fs::path path = dir.path() / "big.txt.gz";
  write_gzip(path, text);
  fs::resize_file(path, fs::file_size(path) / 2);
  const Opened opened = open_any(path);
  CHECK(opened.error.empty());
  REQUIRE(opened.order == std::vector<std::string>{"big.txt"});
  const std::string& kept = opened.members.at("big.txt");
  CHECK(kept.size() > 64 * 1024);
  CHECK(text.starts_with(kept));
  REQUIRE(opened.problems.size() == 1);
  CHECK(opened.problems[0].location == "byte " + std::to_string(kept.size()));
  CHECK(opened.problems[0].reason == "truncated gzip input");
}

TEST_CASE("container: members over the size cap are reported, not inflated") {
  constexpr std::size_t kCap = 1 << 20;
  SUBCASE("a compressed file") {
    const Opened opened = open_fixture("bomb.txt.gz", kCap);
    CHECK(opened.order.empty());
    CHECK(opened.error.find("member too large") != std::string::npos);
  }
  SUBCASE("an archive member; the others are kept") {
    const Opened opened = open_fixture("bomb.zip", kCap);
    CHECK(opened.order == std::vector<std::string>{"2005/a.txt"});
    REQUIRE(opened.problems.size() == 1);
    CHECK(opened.problems[0].location == "2005/zeros.txt");
    CHECK(opened.problems[0].reason.starts_with("member too large"));
  }
  SUBCASE("under the default cap everything is read") {
    const Opened opened = open_fixture("bomb.zip");
    CHECK(opened.members.at("2005/zeros.txt").size() == std::size_t{4} << 20);
  }
}

TEST_CASE("container: archives and compressed files end to end through the Indexer") {
  TempDir dir;
  const fs::path archive = dir.path() / "archive";
  fs::create_directories(archive);
  for (const char* name : {"news.tar.gz", "news.zip", "story.txt.zst", "page.html.gz",
                           "truncated.tar", "corrupt.zip", "not-gzip.txt.gz"}) {
    fs::copy_file(fixture(std::string("containers/") + name), archive / name);
  }
  const std::string db = (dir.path() / "db").string();
  IndexReport report;
  {
    Indexer indexer(db);
    report = indexer.add_paths({archive.string()});
  }
  // news.tar.gz 2 + news.zip 2 + story 1 + page 1 + truncated.tar 1 + corrupt.zip 1.
  CHECK(report.articles_indexed == 8);
  CHECK(report.files_failed == 1);  // not-gzip.txt.gz
  CHECK(report.parts_failed == 2);  // truncated.tar:2005/c.txt, corrupt.zip:2005/c.txt
  std::vector<std::string> problems;
  for (const auto& p : report.problems) {
    CHECK(one_line(p.reason));
    problems.push_back(p.path.substr(archive.string().size() + 1) + ": " + p.reason);
  }
  std::sort(problems.begin(), problems.end());
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].starts_with("corrupt.zip:2005/c.txt: "));
  CHECK(problems[1] == "not-gzip.txt.gz: not gzip data");
  CHECK(problems[2].starts_with("truncated.tar:2005/c.txt: "));

  Searcher searcher(db);
  struct Expected {
    const char* key;
    const char* title;
    const char* origin_suffix;
  };
  const Expected expected[] = {
      {"news.tar.gz!2005/a.txt", "Storm hits the coast", "news.tar.gz!2005/a.txt"},
      {"news.tar.gz!2005/b.html", "Markets rally", "news.tar.gz!2005/b.html"},
      {"news.zip!2005/a.txt", "Storm hits the coast", "news.zip!2005/a.txt"},
      {"story.txt.zst", "Storm hits the coast", "story.txt.zst"},
      {"page.html.gz", "Markets rally", "page.html.gz"},
      {"truncated.tar!2005/a.txt", "Storm hits the coast", "truncated.tar!2005/a.txt"},
      {"corrupt.zip!2005/a.txt", "Storm hits the coast", "corrupt.zip!2005/a.txt"},
  };
  for (const Expected& e : expected) {
    INFO(std::string(e.key));
    const auto article = searcher.get_article(e.key);
    REQUIRE(article.has_value());
    CHECK(article->title == e.title);
    CHECK(article->origin.path.ends_with(e.origin_suffix));
  }
  CHECK_FALSE(searcher.get_article("news.tar.gz!2005/notes.bin").has_value());
  CHECK_FALSE(searcher.get_article("truncated.tar!2005/c.txt").has_value());
}

TEST_CASE("container: a compressed file given directly keeps its inner format") {
  TempDir dir;
  const fs::path cut = dir.path() / "big.txt.gz";
  write_gzip(cut, words(400'000));
  fs::resize_file(cut, fs::file_size(cut) / 2);
  const std::string db = (dir.path() / "db").string();
  Indexer indexer(db);
  const IndexReport report =
      indexer.add_paths({fixture("containers/story.txt.bz2").string(), cut.string(),
                         fixture("containers/truncated.txt.gz").string()});
  // The long cut text is still indexed, with the damage reported against the file; the
  // short one has nothing before its cut and fails as a whole.
  CHECK(report.articles_indexed == 2);
  CHECK(report.files_failed == 1);
  REQUIRE(report.problems.size() == 2);
  CHECK(report.problems[0].path.starts_with(cut.string() + ":byte "));
  CHECK(report.problems[0].reason == "truncated gzip input");
  CHECK(report.problems[1].path.ends_with("truncated.txt.gz"));
  indexer.commit();
  Searcher searcher(db);
  CHECK(searcher.get_article("story.txt.bz2").has_value());
  const auto big = searcher.get_article("big.txt.gz");
  REQUIRE(big.has_value());
  CHECK(big->title == "A long wire story");
}

TEST_CASE("container: every readable saved page becomes an article, and the rest are named") {
  TempDir dir;
  const fs::path pages = dir.path() / "pages";
  fs::create_directories(pages);
  write_gzip(pages / "story.html.gz",
             "<html><head><title>Dock strike ends</title></head><body><article><p>Workers "
             "returned to the docks on Monday after a week-long strike over pay.</p></article>"
             "</body></html>");
  write_gzip(pages / "photos.html.gz",
             "<html><head><title>The flood in pictures</title></head><body><img src='1.jpg'>"
             "</body></html>");
  write_gzip(pages / "frames.html.gz",
             "<html><head><title>Results night</title></head><frameset><frame src='a.html'>"
             "</frameset></html>");
  write_gzip(pages / "blank.html.gz", "<html><head></head><body></body></html>");
  write_gzip(pages / "nothing.html.gz", "");
  const std::string db = (dir.path() / "db").string();
  IndexReport report;
  {
    Indexer indexer(db);
    report = indexer.add_paths({pages.string()});
  }
  CHECK(report.articles_indexed == 3);
  CHECK(report.files_failed == 2);
  std::vector<std::string> problems;
  for (const auto& p : report.problems)
    problems.push_back(fs::path(p.path).filename().string() + ": " + p.reason);
  std::sort(problems.begin(), problems.end());
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] ==
        "blank.html.gz: no article text found: the page has no headline and no text");
  CAPTURE(problems[1]);
  CHECK(problems[1].starts_with("nothing.html.gz: the compressed data holds an empty file"));
  Searcher searcher(db);
  for (const char* key : {"story.html.gz", "photos.html.gz", "frames.html.gz"})
    CHECK_MESSAGE(searcher.get_article(key).has_value(), key);
}

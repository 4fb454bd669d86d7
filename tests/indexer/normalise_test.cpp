// Tests for indexer/src/normalise.cpp: each rule of the one pass after every reader, and
// that the file reader applies it (and counts dropped dates) whatever the format.
#include "indexer/src/normalise.hpp"

#include <gazette/date.hpp>

#include "indexer/src/file_reader.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace gazette;
using namespace gazette::indexer;

namespace {

Timestamp at(int year, unsigned month = 1, unsigned day = 1) {
  return std::chrono::sys_days{std::chrono::year{year} / month / day};
}

Article normalised(Article article) {
  normalise_article(article);
  return article;
}

}  // namespace

TEST_CASE("normalise: title is one trimmed line") {
  Article a;
  a.title = "  Storm\n hits\tcoast \xC2\xA0";
  CHECK(normalised(a).title == "Storm hits coast");
  a.title = "\n\n";
  CHECK(normalised(a).title == "");
}

TEST_CASE("normalise: body paragraphs are separated by one blank line, markup rendered") {
  struct Case {
    std::string body;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"One.\n\nTwo.", "One.\n\nTwo."},
      {"\n\n  One.\r\n\r\n\r\n\r\nTwo.   \n\n", "One.\n\nTwo."},
      {"One.\n \t \nTwo.", "One.\n\nTwo."},
      {"<p>One.</p><p>Two &amp; three.</p>", "One.\n\nTwo & three."},
      {"Intro<br>More", "Intro\n\nMore"},
      {"a < b, <ACME CORP> said", "a < b, <ACME CORP> said"},  // Not markup: kept.
      {"Line one\nline two of a table", "Line one\nline two of a table"},
      {"", ""},
      {"bell\x07", "bell"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    Article a;
    a.body = c.body;
    CHECK(normalised(a).body == c.expected);
  }
}

TEST_CASE("normalise: lang is an ISO 639-1 code or empty") {
  struct Case {
    const char* lang;
    const char* expected;
  };
  const Case cases[] = {{"en-GB", "en"}, {"EN_us", "en"}, {"english", "en"}, {"fre", "fr"},
                        {"und", ""},     {"12", ""},      {"", ""},          {" de ", "de"}};
  for (const Case& c : cases) {
    CAPTURE(c.lang);
    Article a;
    a.lang = c.lang;
    CHECK(normalised(a).lang == c.expected);
  }
}

TEST_CASE("normalise: authors and tags trimmed, empty and repeated ones dropped") {
  Article a;
  a.authors = {"  Jane  Doe ", "", "JANE DOE", "\n", "John Roe", "jane doe"};
  a.tags = {" transport", "Transport", "", "local ", "local"};
  const Article n = normalised(a);
  CHECK(n.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
  CHECK(n.tags == std::vector<std::string>{"transport", "local"});
  a.authors = {"SARAH JONES"};  // Wire-copy capitals are how the byline was printed.
  CHECK(normalised(a).authors == std::vector<std::string>{"SARAH JONES"});
}

TEST_CASE("normalise: source trimmed, else the URL's host without www") {
  struct Case {
    const char* source;
    const char* url;
    const char* expected;
  };
  const Case cases[] = {
      {"  BBC\n News ", "https://www.bbc.co.uk/news", "BBC News"},
      {"", "https://www.bbc.co.uk/news", "bbc.co.uk"},
      {"", "http://user@Reuters.com:8080/x", "reuters.com"},
      {"  ", "https://news.example/x", "news.example"},
      {"", "http://", ""},
      {"", "not a url", ""},
      {"", "", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.url);
    Article a;
    a.source = c.source;
    a.url = c.url;
    CHECK(normalised(a).source == c.expected);
  }
  Article a;
  a.url = "  https://example.com/x \n";
  CHECK(normalised(a).url == "https://example.com/x");
}

TEST_CASE("normalise: dates outside 1600-2200 are dropped and reported") {
  struct Case {
    int year;
    bool kept;
  };
  const Case cases[] = {{1599, false}, {1600, true}, {1987, true}, {2200, true},
                        {2201, false}, {1, false},   {9999, false}};
  for (const Case& c : cases) {
    CAPTURE(c.year);
    Article a;
    a.published = at(c.year);
    const Normalised result = normalise_article(a);
    CHECK(a.published.has_value() == c.kept);
    CHECK(result.date_dropped == !c.kept);
  }
  Article a;  // The last second of 2200 is still plausible, the first of 2201 is not.
  a.published = at(2201) - std::chrono::seconds(1);
  CHECK_FALSE(normalise_article(a).date_dropped);
  Article none;
  CHECK_FALSE(normalise_article(none).date_dropped);
}

TEST_CASE("normalise: a second pass changes nothing") {
  Article a;
  a.title = " A\ntitle ";
  a.body = "<p>One</p>\n\n\n<p>Two</p>";
  a.lang = "en-GB";
  a.authors = {"x ", "X"};
  a.tags = {" t"};
  a.url = "https://www.example.com/";
  a.published = at(2024, 3, 11);
  const Article once = normalised(a);
  CHECK(normalised(once) == once);
}

TEST_CASE("normalise: the file reader applies the pass and counts implausible dates") {
  const test::TempDir dir;
  // Unix seconds the JSON reader accepts but no news was written at: 1589 and 2286.
  const auto path = dir.write("dates.jsonl",
                              "{\"title\":\" Early \",\"date\":-12000000000,\"lang\":\"EN-gb\"}\n"
                              "{\"title\":\"Late\",\"date\":10000000000,"
                              "\"url\":\"https://www.example.org/a\"}\n"
                              "{\"title\":\"Fine\",\"date\":\"2024-03-11\"}\n");
  const FileContent content = read_file({path, "dates.jsonl"}, {});
  REQUIRE(content.articles.size() == 3);
  CHECK(content.dates_unreadable == 2);
  CHECK_FALSE(content.articles[0].published);
  CHECK(content.articles[0].title == "Early");
  CHECK(content.articles[0].lang == "en");
  CHECK_FALSE(content.articles[1].published);
  CHECK(content.articles[1].source == "example.org");
  REQUIRE(content.articles[2].published);
  CHECK(format_date(*content.articles[2].published) == "2024-03-11");
}

// Tests for indexer/src/nitf_reader.cpp: NITF 3.x field mapping, several documents in one
// file, charsets, sniffing and damaged documents.
#include "indexer/src/nitf_reader.hpp"

#include "tests/support/collecting_sink.hpp"
#include "tests/support/test_support.hpp"

#include <gazette/date.hpp>
#include <gazette/error.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

namespace {

using gazette::Article;
using gazette::indexer::read_nitf;
using gazette::indexer::sniff_nitf;
using gazette::test::fixture;
using gazette::test::read_all;
using gazette::test::read_file;

std::string iso(const Article& a) {
  return a.published ? gazette::format_iso8601(*a.published) : "";
}

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& item : list)
    out += (out.empty() ? "" : "|") + item;
  return out;
}

std::string rejection(const std::string& bytes) {
  try {
    read_all(read_nitf, bytes);
  } catch (const gazette::Error& e) {
    CHECK(e.code() == gazette::ErrorCode::invalid_input);
    return e.what();
  }
  return "";
}

// A minimal NITF document around `head` and `body_head` / `content` markup.
std::string nitf(const std::string& head, const std::string& body_head,
                 const std::string& content = "<p>Text.</p>") {
  return "<nitf><head>" + head + "</head><body><body.head>" + body_head +
         "</body.head><body.content>" + content + "</body.content></body></nitf>";
}

}  // namespace

TEST_CASE("nitf reader: AP story field mapping") {
  const auto sink = read_all(read_nitf, read_file(fixture("nitf/ap_story.xml")));
  CHECK(sink.problems.empty());
  CHECK(sink.unreadable_dates.empty());
  REQUIRE(sink.articles.size() == 1);
  const Article& a = sink.articles[0];
  CHECK(a.origin.position.empty());  // one document: a single-article file
  CHECK(a.title == "Dollar gains on Greenspan speech");
  CHECK(iso(a) == "2005-02-05T15:30:00Z");
  CHECK(a.source == "AP Online");
  CHECK(joined(a.authors) == "Jane Doe");
  CHECK(a.lang == "en");
  CHECK(joined(a.tags) ==
        "Currency markets|Economy|Federal Reserve|Alan Greenspan|London|dollar|G7|NEW YORK");
  CHECK(a.body ==
        "Fed chief says US trade deficit set to stabilise\n\n"
        "The dollar has hit its highest level against the euro in almost three months after the "
        "Federal Reserve head said the US trade deficit is set to stabilise.\n\n"
        "And Alan Greenspan highlighted the US government's willingness to curb spending and "
        "rising household savings as factors which may help to reduce it. In late trading in New "
        "York, the dollar reached $1.2871 against the euro, from $1.2974 on Thursday.\n\n"
        "\"I think the chairman's taking a much more sanguine view on the current account "
        "deficit than he's taken for some time,\" said Robert Sinche, head of currency strategy "
        "at Bank of America in New York.\n\n"
        "Traders at the New York Stock Exchange.\n\n"
        "The White House will announce its budget on Monday \xE2\x80\x94 many commentators "
        "believe the deficit will remain at close to half a trillion dollars.\n\n"
        "Associated Press writer John Roe in London contributed to this report.");
}

TEST_CASE("nitf reader: field fallbacks") {
  struct Case {
    std::string name, input, title, published, source, authors;
  };
  const std::vector<Case> cases = {
      {"head title when no hl1", nitf("<title>Head title</title>", ""), "Head title", "", "", ""},
      {"hl1 wins", nitf("<title>Head</title>", "<hedline><hl1>Hed  line</hl1></hedline>"),
       "Hed line", "", "", ""},
      {"publication date on pubdata",
       nitf("<pubdata name=\"Daily\" date.publication=\"20250612\"/>", ""), "",
       "2025-06-12T00:00:00Z", "Daily", ""},
      {"release date", nitf("<docdata><date.release norm=\"20250612T1403-0400\"/></docdata>", ""),
       "", "2025-06-12T18:03:00Z", "", ""},
      {"story.date text", nitf("", "<dateline><story.date>June 12, 2025</story.date></dateline>"),
       "", "2025-06-12T00:00:00Z", "", ""},
      {"copyright holder as source",
       nitf("<docdata><doc.copyright holder=\"Reuters\"/></docdata>", ""), "", "", "Reuters", ""},
      {"byline text", nitf("", "<byline>BY JANE DOE and JOHN ROE, Staff Writers</byline>"), "", "",
       "", "JANE DOE|JOHN ROE"},
      {"byline persons",
       nitf("", "<byline>By <person>Ann</person> &amp; <person>Bo</person></byline>"), "", "", "",
       "Ann|Bo"},
      {"byline with title element",
       nitf("", "<byline>By Jane Doe <byttl>Science Writer</byttl></byline>"), "", "", "",
       "Jane Doe"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto sink = read_all(read_nitf, c.input);
    REQUIRE(sink.articles.size() == 1);
    const Article& a = sink.articles[0];
    CHECK(a.title == c.title);
    CHECK(iso(a) == c.published);
    CHECK(a.source == c.source);
    CHECK(joined(a.authors) == c.authors);
    CHECK(a.body == "Text.");
  }
}

TEST_CASE("nitf reader: several documents in one file, in a legacy charset") {
  const auto sink = read_all(read_nitf, read_file(fixture("nitf/two_stories.nitf")));
  CHECK(sink.problems.empty());
  REQUIRE(sink.articles.size() == 2);
  const Article& first = sink.articles[0];
  CHECK(first.origin.position == "BBC-TECH-001");
  CHECK(first.title == "Ink helps drive democracy in Asia");
  CHECK(joined(first.authors) == "David Mikosz|Anna Lee");
  CHECK(first.source == "BBC News");
  CHECK(iso(first) == "2005-02-10T00:00:00Z");
  CHECK(first.body.find("Caf\xC3\xA9 owners") != std::string::npos);
  const Article& second = sink.articles[1];
  CHECK(second.origin.position == "2");  // no doc-id: ordinal
  CHECK(second.body ==
        "Fa\xC3\xA7"
        "ade of parliament repainted.");
  CHECK_FALSE(second.published.has_value());
  CHECK(sink.unreadable_dates == std::vector<std::string>{"not a date"});
}

TEST_CASE("nitf reader: damaged documents keep what can be read") {
  SUBCASE("truncated file") {
    const std::string bytes = read_file(fixture("nitf/truncated.xml"));
    const auto sink = read_all(read_nitf, bytes);
    REQUIRE(sink.articles.size() == 1);
    CHECK(sink.articles[0].title == "Dollar gains on Greenspan speech");
    CHECK(sink.articles[0].body.find("Robert Sinche") != std::string::npos);
    REQUIRE(sink.problems.size() == 2);
    CHECK(sink.problems[1].location == "record 1");
    CHECK(sink.problems[1].reason.starts_with("incomplete document: the file ends inside it"));
    CHECK(sink.problems[0].location ==
          std::to_string(std::count(bytes.begin(), bytes.end(), '\n')));
    CHECK(sink.problems[0].reason.starts_with("invalid XML: "));
  }
  SUBCASE("a broken document among good ones") {
    const std::string bytes = nitf("<title>One</title>", "") + "\n" +
                              "<nitf><head><title>Two</title></head><body><body.content><p>Cut\n" +
                              nitf("<title>Three</title>", "") + "\n" +
                              "<nitf><head></head></nitf>\n";
    const auto sink = read_all(read_nitf, bytes);
    REQUIRE(sink.articles.size() == 3);
    CHECK(sink.articles[0].title == "One");
    CHECK(sink.articles[1].title == "Two");
    CHECK(sink.articles[2].title == "Three");
    CHECK(sink.articles[2].origin.position == "3");
    REQUIRE(sink.problems.size() == 3);
    CHECK(sink.problems[0].location == "2");  // where the second document breaks off
    CHECK(sink.problems[0].reason.starts_with("invalid XML: "));
    CHECK(sink.problems[1].location == "record 2");
    CHECK(sink.problems[1].reason.starts_with("incomplete document"));
    CHECK(sink.problems[2].location == "record 4");
    CHECK(sink.problems[2].reason == "empty NITF document");
  }
  SUBCASE("unclosed markup and an entity bomb") {
    const std::string bomb =
        "<!DOCTYPE nitf [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
        "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
        "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
        "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>\n";
    const auto start = std::chrono::steady_clock::now();
    const auto sink =
        read_all(read_nitf, bomb + nitf("<title>Bomb &f;</title>", "", "<p>Open <em>para"));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    REQUIRE(sink.articles.size() == 1);
    CHECK(sink.articles[0].title.size() < 20);
    CHECK(sink.articles[0].body == "Open para");
    CHECK_FALSE(sink.problems.empty());
  }
}

TEST_CASE("nitf reader: inputs that are not NITF are refused with a reason") {
  struct Case {
    std::string name, input, reason;
  };
  const std::vector<Case> cases = {
      {"empty", "", "empty file"},
      {"binary",
       std::string("\x7F"
                   "ELF\x02\x01\x01\0\0\0\0\xff\xfe",
                   13),
       "not an NITF document (no XML element found)"},
      {"feed", "<rss><channel/></rss>", "not an NITF document (root element <rss>)"},
      {"no text", "<nitf><head/><body/></nitf>", "no article text found in the NITF document"},
      {"cut before the root", "<?xml version=\"1.0\"?>\n<nit", "not an NITF document"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(rejection(c.input).starts_with(c.reason));
  }
}

TEST_CASE("nitf reader: sniffing") {
  CHECK(sniff_nitf("<?xml version=\"1.0\"?>\n<!DOCTYPE nitf SYSTEM \"nitf.dtd\">\n<nitf>"));
  CHECK(sniff_nitf("<nitf version=\"-//IPTC//DTD NITF 3.5//EN\">"));
  CHECK_FALSE(sniff_nitf("<rss version=\"2.0\">"));
  CHECK_FALSE(sniff_nitf("<nitfx>"));
  CHECK_FALSE(sniff_nitf("plain text mentioning <nitf> later"));
}

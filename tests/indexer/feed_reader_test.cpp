// Tests for indexer/src/feed_reader.cpp: RSS 2.0, RSS 1.0 and Atom field mapping, HTML
// content, sniffing, damaged feeds, and indexing feeds through gazette::Indexer.
#include "indexer/src/feed_reader.hpp"
#include "indexer/src/nitf_reader.hpp"

#include "tests/support/collecting_sink.hpp"
#include "tests/support/test_support.hpp"

#include <gazette/date.hpp>
#include <gazette/error.hpp>
#include <gazette/indexer.hpp>
#include <gazette/searcher.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

namespace {

using gazette::Article;
using gazette::indexer::read_feed;
using gazette::indexer::sniff_feed;
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

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The reason read_feed gives when it refuses the input, or "" when it reads it.
std::string rejection(const std::string& bytes) {
  try {
    read_all(read_feed, bytes);
  } catch (const gazette::Error& e) {
    CHECK(e.code() == gazette::ErrorCode::invalid_input);
    return e.what();
  }
  return "";
}

struct Expected {
  std::string position, title, body_start, published, source, authors, url, lang, tags;
};

void check_article(const Article& a, const Expected& e) {
  CAPTURE(e.position);
  CHECK(a.origin.position == e.position);
  CHECK(a.title == e.title);
  CHECK(a.body.starts_with(e.body_start));
  CHECK(iso(a) == e.published);
  CHECK(a.source == e.source);
  CHECK(joined(a.authors) == e.authors);
  CHECK(a.url == e.url);
  CHECK(a.lang == e.lang);
  CHECK(joined(a.tags) == e.tags);
  CHECK(a.id.empty());
  CHECK(a.format.empty());
  CHECK(a.origin.path.empty());
}

}  // namespace

TEST_CASE("feed reader: RSS 2.0 field mapping") {
  const auto sink = read_all(read_feed, read_file(fixture("feed/news.rss")));
  CHECK(sink.problems.empty());
  CHECK(sink.unreadable_dates.empty());
  REQUIRE(sink.articles.size() == 3);
  const std::vector<Expected> expected = {
      {"business-4269921", "Dollar gains on Greenspan speech",
       "The dollar has hit its highest level against the euro in almost three months after",
       "2005-02-05T15:30:00Z", "BBC News - Business", "Jane Doe",
       "https://www.bbc.co.uk/news/business-4269921", "en", "Business|Currencies"},
      {"https://www.bbc.co.uk/news/technology-4271001", "Ink helps drive democracy in Asia",
       "The Kyrgyz Republic, a small, mountainous state", "2005-02-10T09:12:00Z",
       "BBC News - Business", "David Mikosz", "https://www.bbc.co.uk/news/technology-4271001", "en",
       "Technology"},
      {"https://www.bbc.co.uk/news/business-4270002",
       "Yukos unit buyer faces loan claim & court date", "The owners of embattled Russian oil",
       "2005-02-11T08:00:00Z", "BBC News - Business", "",
       "https://www.bbc.co.uk/news/business-4270002", "en", ""},
  };
  for (std::size_t i = 0; i < expected.size(); ++i)
    check_article(sink.articles[i], expected[i]);
}

TEST_CASE("feed reader: HTML content becomes paragraphs") {
  const auto sink = read_all(read_feed, read_file(fixture("feed/news.rss")));
  REQUIRE(sink.articles.size() == 3);
  const std::string& first = sink.articles[0].body;  // content:encoded wins over description
  CHECK(contains(first, "stabilise.\n\nAnd Alan Greenspan"));
  CHECK(contains(first, "government\xE2\x80\x99s willingness"));
  CHECK_FALSE(contains(first, "trackPageView"));
  CHECK_FALSE(contains(first, "<p>"));
  CHECK_FALSE(contains(first, "More on this story"));  // a related-links block
  // An entity-escaped description: markup and double-escaped references decoded.
  CHECK(sink.articles[1].body ==
        "The Kyrgyz Republic, a small, mountainous state of the former Soviet republic, is using "
        "invisible ink and ultraviolet readers in the country\xE2\x80\x99s elections.\n\nThe ink "
        "is sprayed on a person\xE2\x80\x99s left thumb.");
  CHECK(contains(sink.articles[2].body,
                 "$900m (\xC2\xA3"
                 "479m) loan."));
}

TEST_CASE("feed reader: Atom field mapping") {
  const auto sink = read_all(read_feed, read_file(fixture("feed/world.atom")));
  CHECK(sink.problems.empty());
  REQUIRE(sink.articles.size() == 3);
  const std::vector<Expected> expected = {
      {"tag:example.org,2005:world/1001", "Blair rejects call for inquiry",
       "The prime minister has rejected calls for a public inquiry into the affair.\n\n"
       "Opposition leaders said the decision was unacceptable.",
       "2005-02-10T11:00:00Z", "Gazette World Desk", "Anna Lee|Tom Roe",
       "https://example.org/world/1001", "en", "Politics|UK"},
      {"tag:example.org,2005:world/1002", "Markets close higher",
       "Shares rose in Asia.\n\nEurope followed.", "2005-02-11T18:30:02Z", "Gazette World Desk",
       "World Desk", "https://example.org/world/1002", "en", ""},
      {"tag:example.org,2005:world/1003", "Les march\xC3\xA9s montent",
       "Premier paragraphe.\n\nSecond paragraphe.", "2005-02-11T19:00:00Z", "Gazette World Desk",
       "World Desk", "", "fr", ""},
  };
  for (std::size_t i = 0; i < expected.size(); ++i)
    check_article(sink.articles[i], expected[i]);
}

TEST_CASE("feed reader: RSS 1.0 (RDF) items") {
  const auto sink = read_all(read_feed, read_file(fixture("feed/rdf.rss")));
  CHECK(sink.problems.empty());
  REQUIRE(sink.articles.size() == 1);
  check_article(sink.articles[0],
                {"https://example.org/story/1", "Wire strike ends", "Workers returned on Monday.",
                 "2005-02-07T08:00:00Z", "Example Wire", "Wire Staff",
                 "https://example.org/story/1", "en", "Labour"});
}

TEST_CASE("feed reader: keys, empty items and undeclared prefixes") {
  const std::string feed =
      "<rss version=\"2.0\"><channel><title>T</title>\n"
      "<item><title>Only a title</title></item>\n"
      "<item><link>https://x.org/a</link><description>Linked</description></item>\n"
      "<item><guid>g-3</guid></item>\n"
      "<item><title>Undeclared</title><dc:creator>Ann Author</dc:creator>"
      "<content:encoded>&lt;p&gt;Encoded&amp;nbsp;text&lt;/p&gt;</content:encoded>"
      "<description>Short</description><pubDate>sometime soon</pubDate></item>\n"
      "</channel></rss>";
  const auto sink = read_all(read_feed, feed);
  REQUIRE(sink.articles.size() == 3);
  CHECK(sink.articles[0].origin.position == "1");  // no guid, no link: ordinal
  CHECK(sink.articles[1].origin.position == "https://x.org/a");
  CHECK(sink.articles[2].origin.position == "4");
  CHECK(joined(sink.articles[2].authors) == "Ann Author");
  CHECK(sink.articles[2].body == "Encoded text");
  CHECK_FALSE(sink.articles[2].published.has_value());
  CHECK(sink.unreadable_dates == std::vector<std::string>{"sometime soon"});
  REQUIRE(sink.problems.size() == 1);
  CHECK(sink.problems[0].location == "record 3");
  CHECK(sink.problems[0].reason == "empty item");
}

TEST_CASE("feed reader: a truncated feed keeps the items before the damage") {
  const std::string bytes = read_file(fixture("feed/truncated.rss"));
  const auto sink = read_all(read_feed, bytes);
  REQUIRE(sink.articles.size() == 3);
  CHECK(sink.articles[0].origin.position == "business-4269921");
  CHECK(sink.articles[1].title == "Ink helps drive democracy in Asia");
  CHECK(sink.articles[1].body ==
        read_all(read_feed, read_file(fixture("feed/news.rss"))).articles[1].body);
  CHECK(sink.articles[2].title == "Yukos unit buyer faces loan cl");  // as far as it goes
  REQUIRE(sink.problems.size() == 2);
  CHECK(sink.problems[1].location == "record 3");
  CHECK(sink.problems[1].reason ==
        "incomplete item: the file ends inside it; indexed as far as it goes");
  // The last line, where the data ends.
  CHECK(sink.problems[0].location == std::to_string(std::count(bytes.begin(), bytes.end(), '\n')));
  CHECK(sink.problems[0].reason.starts_with("invalid XML: "));
}

TEST_CASE("feed reader: an entity bomb is never expanded") {
  const auto start = std::chrono::steady_clock::now();
  const auto sink = read_all(read_feed, read_file(fixture("feed/entity_bomb.rss")));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].title == "Harmless headline");
  CHECK(sink.articles[0].body.size() < 100);
  CHECK_FALSE(contains(sink.articles[0].body, "lollol"));
  CHECK_FALSE(contains(sink.articles[0].body, "root:"));
}

TEST_CASE("feed reader: invalid bytes are decoded, and reported") {
  const std::string feed =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss><channel><title>Caf\xE9 News</title>"
      "<item><title>Na\xEFve \x01headline</title><description>Body.</description></item>"
      "</channel></rss>";
  const auto sink = read_all(read_feed, feed);
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].source == "Caf\xC3\xA9 News");
  CHECK(sink.articles[0].title == "Na\xC3\xAFve headline");
  REQUIRE(sink.problems.size() == 1);
  CHECK(sink.problems[0].location == "byte 63");
  CHECK(sink.problems[0].reason == "invalid UTF-8; the file was decoded as Windows-1252");
}

TEST_CASE("feed reader: a declared legacy charset is honoured") {
  const std::string feed =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel><title>Caf\xE9</title>"
      "<item><title>Gr\xFC\xDF"
      "e</title></item></channel></rss>";
  const auto sink = read_all(read_feed, feed);
  CHECK(sink.problems.empty());
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].title ==
        "Gr\xC3\xBC\xC3\x9F"
        "e");
}

TEST_CASE("feed reader: inputs that are not feeds are refused with a reason") {
  struct Case {
    std::string name, input, reason;
  };
  const std::vector<Case> cases = {
      {"empty", "", "empty file"},
      {"blank", " \n\t\n", "empty file"},
      {"binary", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe\x01", 19),
       "not an RSS or Atom feed (no XML element found)"},
      {"html page", read_file(fixture("feed/not_a_feed.rss")),
       "not an RSS or Atom feed (root element <html>)"},
      {"feed without Atom namespace", "<feed><entry><title>x</title></entry></feed>",
       "not an RSS or Atom feed (root element <feed> is not in the Atom namespace)"},
      {"truncated before any item", "<rss version=\"2.0\"><channel><title>Cut",
       "no item could be read: line 1: invalid XML: "},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(rejection(c.input).starts_with(c.reason));
  }
  // A well-formed feed with no items is simply empty.
  CHECK(read_all(read_feed, "<rss><channel><title>Quiet</title></channel></rss>").articles.empty());
}

TEST_CASE("feed reader: sniffing") {
  struct Case {
    std::string head;
    bool feed;
  };
  const std::vector<Case> cases = {
      {"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", true},
      {"\xEF\xBB\xBF<!-- generator --><?xml-stylesheet href=\"x\"?><rss>", true},
      {"<!DOCTYPE rss [<!ENTITY a \"<b>\">]>\n<rss>", true},
      {"<feed xmlns=\"http://www.w3.org/2005/Atom\">", true},
      {"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">", true},
      {"<feed><entry/></feed>", false},
      {"<nitf><head/></nitf>", false},
      {"<!DOCTYPE html><html>", false},
      {"<rssx>", false},
      {"", false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.head);
    CHECK(sniff_feed(c.head) == c.feed);
  }
}

TEST_CASE("feed reader: feeds and NITF files through the indexer") {
  gazette::test::TempDir dir;
  const auto archive = dir.path() / "archive";
  dir.write("archive/feed.rss", read_file(fixture("feed/news.rss")));
  dir.write("archive/story.xml", read_file(fixture("nitf/ap_story.xml")));
  dir.write("archive/world.atom", read_file(fixture("feed/world.atom")));
  const std::string db = (dir.path() / "db").string();
  {
    gazette::Indexer indexer(db);
    const auto report = indexer.add_paths({archive.string()});
    CHECK(indexer.article_count() == 7);
    indexer.commit();
  }
  gazette::Searcher searcher(db);
  const auto item = searcher.get_article("feed.rss#business-4269921");
  REQUIRE(item.has_value());
  CHECK(item->title == "Dollar gains on Greenspan speech");
  CHECK(item->format == "feed");
  const auto story = searcher.get_article("story.xml");
  REQUIRE(story.has_value());
  CHECK(story->format == "nitf");
  CHECK(joined(story->authors) == "Jane Doe");
  CHECK(searcher.get_article("world.atom#tag:example.org,2005:world/1002").has_value());
}

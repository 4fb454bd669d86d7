// Tests for indexer/src/json_reader.cpp: field mapping, JSON Lines, arrays and wrappers,
// damaged and hostile inputs, and indexing a .jsonl file through gazette::Indexer.
#include "indexer/src/json_reader.hpp"

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
using gazette::indexer::read_json;
using gazette::indexer::ReadOptions;
using gazette::indexer::sniff_json;
using gazette::test::fixture;
using gazette::test::read_all;
using gazette::test::read_file;

std::string published_day(const Article& article) {
  return article.published ? gazette::format_date(*article.published) : "";
}

// The reason read_json gives when it rejects the whole input, or "" when it reads it.
std::string rejection(const std::string& bytes) {
  try {
    read_all(read_json, bytes);
  } catch (const gazette::Error& e) {
    CHECK(e.code() == gazette::ErrorCode::invalid_input);
    return e.what();
  }
  return "";
}

// The single article read from one JSON Lines record.
Article one(const std::string& line, const ReadOptions& options = {}) {
  const auto sink = read_all(read_json, line + "\n", options);
  REQUIRE(sink.problems.empty());
  REQUIRE(sink.articles.size() == 1);
  return sink.articles.front();
}

std::vector<std::string> positions(const std::vector<Article>& articles) {
  std::vector<std::string> out;
  for (const auto& a : articles)
    out.push_back(a.origin.position);
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("json reader: default mapping, every alias") {
  struct Case {
    std::string record;
    std::string field;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {R"({"title":"Oil up","body":"b"})", "title", "Oil up"},
      {R"({"headline":"Oil up","body":"b"})", "title", "Oil up"},
      {R"({"title":"","headline":"Second wins","body":"b"})", "title", "Second wins"},
      {R"({"title":"t","body":"Crude rose."})", "body", "Crude rose."},
      {R"({"title":"t","text":"Crude rose."})", "body", "Crude rose."},
      {R"({"title":"t","content":"Crude rose."})", "body", "Crude rose."},
      {R"({"title":"t","article":"Crude rose."})", "body", "Crude rose."},
      {R"({"title":"t","description":"Teaser."})", "body", "Teaser."},
      {R"({"title":"t","body":null,"text":"Null skipped."})", "body", "Null skipped."},
      {R"({"title":"t","date":"1987-02-26"})", "date", "1987-02-26"},
      {R"({"title":"t","published":"26-FEB-1987 15:01:01.79"})", "date", "1987-02-26"},
      {R"({"title":"t","pubDate":"Thu, 26 Feb 1987 15:01:01 GMT"})", "date", "1987-02-26"},
      {R"({"title":"t","publish_date":"1987-02-26T10:00:00Z"})", "date", "1987-02-26"},
      {R"({"title":"t","datePublished":"1987-02-26T10:00:00+02:00"})", "date", "1987-02-26"},
      {R"({"title":"t","date":541296000})", "date", "1987-02-26"},
      {R"({"title":"t","date":541296000000})", "date", "1987-02-26"},
      {R"({"title":"t","url":"https://a.example/1"})", "url", "https://a.example/1"},
      {R"({"title":"t","link":"https://a.example/1"})", "url", "https://a.example/1"},
      {R"({"title":"t","author":"Jane Doe"})", "authors", "Jane Doe"},
      {R"({"title":"t","authors":["Jane Doe","Li Wei"]})", "authors", "Jane Doe|Li Wei"},
      {R"({"title":"t","authors":[{"name":"Jane Doe"},{"name":"Li Wei"}]})", "authors",
       "Jane Doe|Li Wei"},
      {R"({"title":"t","byline":"Jane  Doe"})", "authors", "Jane Doe"},
      {R"({"title":"t","source":"Reuters"})", "source", "Reuters"},
      {R"({"title":"t","publication":{"name":"BBC News"}})", "source", "BBC News"},
      {R"({"title":"t","site":"AP"})", "source", "AP"},
      {R"({"title":"t","lang":"en"})", "lang", "en"},
      {R"({"title":"t","language":"en-GB"})", "lang", "en"},
      {R"({"title":"t","tags":["Oil","Energy"]})", "tags", "Oil|Energy"},
      {R"({"title":"t","keywords":"oil, energy ,,opec"})", "tags", "oil|energy|opec"},
      {R"({"title":"t","section":"Business"})", "tags", "Business"},
      {R"({"title":"t","category":"Sport"})", "tags", "Sport"},
      {R"({"Title":"Case differs","body":"b"})", "title", "Case differs"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.record);
    const Article a = one(c.record);
    auto joined = [](const std::vector<std::string>& v) {
      std::string out;
      for (const auto& s : v)
        out += (out.empty() ? "" : "|") + s;
      return out;
    };
    const std::string actual = c.field == "title"     ? a.title
                               : c.field == "body"    ? a.body
                               : c.field == "date"    ? published_day(a)
                               : c.field == "url"     ? a.url
                               : c.field == "authors" ? joined(a.authors)
                               : c.field == "source"  ? a.source
                               : c.field == "lang"    ? a.lang
                                                      : joined(a.tags);
    CHECK(actual == c.expected);
  }
}

TEST_CASE("json reader: ids, numeric, string or absent, give the position") {
  struct Case {
    std::string record;
    std::string position;
  };
  const std::vector<Case> cases = {
      {R"({"id":"abc-1","title":"t"})", "abc-1"},
      {R"({"id":42,"title":"t"})", "42"},
      {R"({"id":12345678901234567890,"title":"t"})", "12345678901234567890"},
      {R"({"id":1e20,"title":"t"})", "100000000000000000000"},
      {R"({"id":-7,"title":"t"})", "-7"},
      {R"({"id":"  spaced\nid ","title":"t"})", "spaced id"},
      {R"({"title":"t"})", "1"},
      {R"({"id":"","title":"t"})", "1"},
      {R"({"id":null,"title":"t"})", "1"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.record);
    CHECK(one(c.record).origin.position == c.position);
  }
  // Readers leave the key, format and path to the indexer.
  const Article a = one(R"({"id":"x","title":"t"})");
  CHECK(a.id.empty());
  CHECK(a.format.empty());
  CHECK(a.origin.path.empty());
}

TEST_CASE("json reader: --map overrides, nested keys, arrays and objects") {
  const std::string record =
      R"({"title":"Default title","meta":{"headline":"Mapped title","ids":{"doc":"D-9"},)"
      R"("people":[{"name":"Ann Lee"},{"name":"Bo Chen"}],"topics":[{"name":"Oil"},"Gas"],)"
      R"("when":{"iso":"2005-02-07"}},"story":{"paragraphs":["One.","Two."]},)"
      R"("flat.key":"Dotted key as written","src":{"name":"Wire"},"loc":"FR"})";
  ReadOptions options;
  options.json_fields = {
      {"title", "meta.headline"}, {"id", "meta.ids.doc"},    {"authors", "meta.people"},
      {"tags", "meta.topics"},    {"date", "meta.when.iso"}, {"body", "story.paragraphs"},
      {"source", "src"},          {"lang", "loc"},           {"url", "meta.people.1.name"}};
  const Article a = one(record, options);
  CHECK(a.title == "Mapped title");
  CHECK(a.origin.position == "D-9");
  CHECK(a.authors == std::vector<std::string>{"Ann Lee", "Bo Chen"});
  CHECK(a.tags == std::vector<std::string>{"Oil", "Gas"});
  CHECK(published_day(a) == "2005-02-07");
  CHECK(a.body == "One.\n\nTwo.");
  CHECK(a.source == "Wire");
  CHECK(a.lang == "fr");
  CHECK(a.url == "Bo Chen");  // Array index in a path.

  SUBCASE("a key holding dots is found as written") {
    ReadOptions flat;
    flat.json_fields = {{"title", "flat.key"}};
    CHECK(one(record, flat).title == "Dotted key as written");
  }
  SUBCASE("several overrides of one field are tried in order") {
    ReadOptions ordered;
    ordered.json_fields = {{"title", "missing.path"}, {"title", "meta.headline"}};
    CHECK(one(record, ordered).title == "Mapped title");
  }
  SUBCASE("an override replaces the defaults of its field only") {
    ReadOptions replaced;
    replaced.json_fields = {{"title", "nowhere"}};
    const auto sink = read_all(read_json, R"({"title":"x","body":"Kept body."})", replaced);
    REQUIRE(sink.articles.size() == 1);
    CHECK(sink.articles[0].title.empty());
    CHECK(sink.articles[0].body == "Kept body.");
  }
}

TEST_CASE("json reader: text is cleaned, HTML bodies become paragraphs") {
  struct Case {
    std::string body_json;
    std::string body;
  };
  const std::vector<Case> cases = {
      {R"("First line.\nSecond line.")", "First line.\n\nSecond line."},
      {R"("Para one\nwrapped.\n\nPara two.")", "Para one wrapped.\n\nPara two."},
      {R"("A\r\nB\u0007 &amp; C")", "A\n\nB & C"},
      {R"("<p>One &amp; two.</p><p>Three <b>bold</b>.</p>")", "One & two.\n\nThree bold."},
      {R"("<div><script>var x = '<p>';</script>Kept.<br>Next<!-- note --></div>")",
       "Kept.\n\nNext"},
      {R"("Text then <p>a paragraph")", "Text then\n\na paragraph"},
      // An unterminated tag at the end is dropped, as browsers and feed descriptions do.
      {R"("<p>unclosed <b")", "unclosed"},
      {R"("x < y and <p>z")", "x < y and\n\nz"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body_json);
    CHECK(one(R"({"title":"t","body":)" + c.body_json + "}").body == c.body);
  }
  CHECK(one(R"({"title":"  AT&amp;T\n\tprofits  "})").title == "AT&T profits");
}

TEST_CASE("json reader: JSON Lines fixture") {
  const auto sink = read_all(read_json, read_file(fixture("json/articles.jsonl")));
  CHECK(sink.problems.empty());
  REQUIRE(sink.articles.size() == 5);
  CHECK(positions(sink.articles) == std::vector<std::string>{"bbc-business-001", "bbc-tech-001",
                                                             "bbc-sport-001", "bbc-politics-001",
                                                             "bbc-ent-001"});
  const Article& a = sink.articles[0];
  CHECK(a.title == "Ad sales boost Time Warner profit");
  CHECK(a.body.starts_with("Quarterly profits at US media giant TimeWarner jumped 76%"));
  CHECK(contains(a.body, "\n\nThe firm, which is now one of the biggest investors in Google"));
  CHECK(published_day(a) == "2005-02-07");
  CHECK(a.source == "BBC News");
  CHECK(a.authors == std::vector<std::string>{"BBC News staff"});
  CHECK(a.url == "http://news.bbc.co.uk/business/001.stm");
  CHECK(a.lang == "en");
  CHECK(a.tags == std::vector<std::string>{"business"});
  CHECK(published_day(sink.articles[2]) == "2005-02-14");  // RFC 822 date.
  CHECK(sink.unreadable_dates.empty());
}

TEST_CASE("json reader: array and wrapper files") {
  SUBCASE("array of objects, positions are element numbers") {
    const auto sink = read_all(read_json, read_file(fixture("json/articles.json")));
    CHECK(sink.problems.empty());
    REQUIRE(sink.articles.size() == 3);
    CHECK(positions(sink.articles) == std::vector<std::string>{"1", "2", "3"});
    CHECK(sink.articles[0].title == "Ad sales boost Time Warner profit");
    CHECK(sink.articles[0].source == "BBC News");
    CHECK(sink.articles[0].lang == "en");
    CHECK(sink.articles[0].tags == std::vector<std::string>{"business", "uk"});
    CHECK(sink.articles[1].authors == std::vector<std::string>{"BBC News staff"});
  }
  SUBCASE("wrapper object with an HTML body and numeric ids") {
    const auto sink = read_all(read_json, read_file(fixture("json/wrapped.json")));
    CHECK(sink.problems.empty());
    REQUIRE(sink.articles.size() == 3);
    CHECK(positions(sink.articles) == std::vector<std::string>{"1000", "1001", "1002"});
    CHECK(sink.articles[1].title == "Ink helps drive democracy in Asia");
    CHECK(sink.articles[1].body.starts_with("The Kyrgyz Republic"));
    CHECK(contains(sink.articles[1].body, "\n\nThis new technology"));
    CHECK(!contains(sink.articles[1].body, "<p>"));
  }
  SUBCASE("every wrapper key, any case") {
    for (const char* key : {"articles", "items", "data", "results", "Documents", "docs", "entries",
                            "records", "stories", "posts"}) {
      CAPTURE(key);
      const std::string json =
          std::string(R"({"count":2,")") + key + R"(":[{"title":"a"},{"title":"b"}],"next":null})";
      const auto sink = read_all(read_json, json);
      CHECK(sink.problems.empty());
      CHECK(positions(sink.articles) == std::vector<std::string>{"1", "2"});
    }
  }
  SUBCASE("a single pretty-printed object is one article") {
    const auto sink =
        read_all(read_json, "{\n  \"title\": \"Alone\",\n  \"tags\": [\"a\", \"b\"]\n}\n");
    CHECK(sink.problems.empty());
    REQUIRE(sink.articles.size() == 1);
    CHECK(sink.articles[0].title == "Alone");
    CHECK(sink.articles[0].origin.position == "1");
  }
  SUBCASE("concatenated pretty-printed objects, as jq writes them") {
    const auto sink = read_all(read_json,
                               "{\n  \"title\": \"a\"\n}\n{\n  \"title\": \"b\",\n  \"x\": [\n"
                               "1]\n}\n{\n  \"title\": \"c\" oops\n}\n{\"title\": \"d\"}\n{\n");
    CHECK(positions(sink.articles) == std::vector<std::string>{"1", "4", "12"});
    REQUIRE(sink.problems.size() == 2);
    CHECK(sink.problems[0].location == "9");
    CHECK(sink.problems[0].reason.starts_with("invalid JSON: "));
    CHECK(sink.problems[1].location == "13");
    CHECK(sink.problems[1].reason == "cut off: the input ends before this object closes");
  }
  SUBCASE("empty arrays hold nothing and are not an error") {
    CHECK(read_all(read_json, "[]").articles.empty());
    CHECK(read_all(read_json, R"({"items": []})").articles.empty());
  }
  SUBCASE("elements that are not objects or lack text are reported by element") {
    const auto sink =
        read_all(read_json, "[\n{\"title\":\"a\"},\n42,\n{\"url\":\"u\"},\n{\"title\":\"b\"}\n]");
    CHECK(positions(sink.articles) == std::vector<std::string>{"1", "4"});
    REQUIRE(sink.problems.size() == 2);
    CHECK(sink.problems[0].location == "3");
    CHECK(sink.problems[0].reason == "element 2: not a JSON object");
    CHECK(sink.problems[1].location == "4");
    CHECK(sink.problems[1].reason == "element 3: no title or body");
  }
}

TEST_CASE("json reader: a broken line is reported, its neighbours indexed") {
  const auto sink = read_all(read_json, read_file(fixture("json/bad_line.jsonl")));
  CHECK(positions(sink.articles) == std::vector<std::string>{"bbc-business-001", "bbc-tech-001",
                                                             "bbc-politics-001", "bbc-ent-001"});
  REQUIRE(sink.problems.size() == 1);
  CHECK(sink.problems[0].location == "3");
  CHECK(sink.problems[0].reason.starts_with("invalid JSON: "));

  struct Case {
    std::string line;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {R"({"title": "x",})", "invalid JSON: "},
      {R"({"title": "unclosed)", "invalid JSON: "},
      {R"(["an", "array"])", "not a JSON object"},
      {R"("a string")", "not a JSON object"},
      {R"({"url": "https://a.example/"})", "no title or body"},
      {R"({"title": "", "body": "   "})", "no title or body"},
      {"{\"title\": \"nul \x01 inside\"}", "invalid JSON: "},
  };
  for (const auto& c : cases) {
    CAPTURE(c.line);
    const auto lines =
        read_all(read_json, "{\"title\":\"a\"}\n" + c.line + "\n{\"title\":\"b\"}\n");
    CHECK(positions(lines.articles) == std::vector<std::string>{"1", "3"});
    REQUIRE(lines.problems.size() == 1);
    CHECK(lines.problems[0].location == "2");
    CHECK(lines.problems[0].reason.starts_with(c.reason));
  }
}

TEST_CASE("json reader: damaged JSON Lines keep every good line") {
  SUBCASE("first line broken") {
    const auto sink =
        read_all(read_json, "{\"title\": \"cut\n{\"title\":\"b\"}\n{\"title\":\"c\"}");
    CHECK(positions(sink.articles) == std::vector<std::string>{"2", "3"});
    REQUIRE(sink.problems.size() == 1);
    CHECK(sink.problems[0].location == "1");
  }
  SUBCASE("last line cut off") {
    const auto sink = read_all(read_json, "{\"title\":\"a\"}\n{\"title\":\"b\"}\n{\"title\":\"c");
    CHECK(positions(sink.articles) == std::vector<std::string>{"1", "2"});
    REQUIRE(sink.problems.size() == 1);
    CHECK(sink.problems[0].location == "3");
  }
  SUBCASE("repeated ids do not replace each other") {
    const auto sink =
        read_all(read_json, "{\"id\":7,\"title\":\"a\"}\n{\"id\":7,\"title\":\"b\"}\n");
    CHECK(positions(sink.articles) == std::vector<std::string>{"7", "7~2"});
  }
  SUBCASE("unreadable dates are noted and left empty") {
    const auto sink = read_all(read_json, R"({"title":"t","date":"sometime soon"})");
    REQUIRE(sink.articles.size() == 1);
    CHECK(!sink.articles[0].published);
    CHECK(sink.unreadable_dates == std::vector<std::string>{"sometime soon"});
  }
}

TEST_CASE("json reader: truncated array keeps the elements before the damage") {
  const auto sink = read_all(read_json, read_file(fixture("json/truncated.json")));
  REQUIRE(sink.articles.size() == 2);
  CHECK(positions(sink.articles) == std::vector<std::string>{"1", "2"});
  CHECK(sink.articles[1].title == "Ink helps drive democracy in Asia");
  REQUIRE(sink.problems.size() == 1);
  CHECK(sink.problems[0].location == "32");  // Where element 3 opens.
  CHECK(sink.problems[0].reason == "element 3: cut off: the input ends before this element closes");

  SUBCASE("cut after a whole element") {
    const auto cut = read_all(read_json, "[{\"title\":\"a\"},\n{\"title\":\"b\"}\n");
    CHECK(cut.articles.size() == 2);
    REQUIRE(cut.problems.size() == 1);
    CHECK(cut.problems[0].location == "2");
    CHECK(cut.problems[0].reason == "truncated JSON: the input ends before the closing ']'");
  }
  SUBCASE("cut inside a wrapper") {
    const auto cut = read_all(read_json, "{\"items\": [\n{\"title\":\"a\"},\n{\"title\":\"b");
    CHECK(positions(cut.articles) == std::vector<std::string>{"1"});
    REQUIRE(cut.problems.size() == 1);
    CHECK(cut.problems[0].location == "3");
  }
  SUBCASE("a damaged element in the middle") {
    const auto mid = read_all(
        read_json,
        "[\n{\"title\":\"a\"},\n{\"title\":\"b\" \"x\"},\n{\"title\":\"c}, \n{\"title\":\"d\"}]");
    CHECK(positions(mid.articles) == std::vector<std::string>{"1", "4"});
    REQUIRE(mid.problems.size() == 2);
    CHECK(mid.problems[0].location == "3");
    CHECK(mid.problems[0].reason.starts_with("element 2: invalid JSON: "));
    CHECK(mid.problems[1].location == "4");
  }
}

TEST_CASE("json reader: inputs with nothing readable are rejected with one reason") {
  struct Case {
    std::string name;
    std::string bytes;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"empty", "", "empty file"},
      {"blank lines", "\n  \n\t\n", "empty file"},
      {"BOM only", "\xEF\xBB\xBF\n", "empty file"},
      {"plain text", "Oil prices rose.\n", "not JSON: expected '{' or '[' at the start (line 1)"},
      {"binary fixture", read_file(fixture("json/binary.jsonl")), "not JSON: binary data"},
      {"NUL bytes", std::string("{\0\0\0\x01\x02", 6), "not JSON: binary data"},
      {"truncated single object", "{\n  \"title\": \"Cut\",\n  \"body\": \"off",
       "truncated JSON: the object opened on line 1 never closes"},
      {"truncated before the first element", "[\n  {\"title\": \"Cut",
       "element 1: cut off: the input ends before this element closes (line 2)"},
      {"every line broken", "{oops}\n{nope}\n", "invalid JSON: "},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(rejection(c.bytes).starts_with(c.reason));
  }
}

TEST_CASE("json reader: non-UTF-8 bytes are decoded, not lost") {
  const auto sink = read_all(read_json, read_file(fixture("json/latin1.jsonl")));
  CHECK(sink.problems.empty());
  REQUIRE(sink.articles.size() == 3);
  CHECK(sink.articles[1].origin.position == "bbc-sport-199");
  CHECK(contains(sink.articles[1].body, "\xC2\xA3"));  // Latin-1 0xA3 became "£" in UTF-8.
  CHECK(sink.articles[0].title == "Ad sales boost Time Warner profit");  // UTF-8 lines intact.

  const auto array = read_all(read_json, "[{\"title\":\"Caf\xE9 cr\xE8me\"}]");
  REQUIRE(array.articles.size() == 1);
  CHECK(array.articles[0].title == "Caf\xC3\xA9 cr\xC3\xA8me");
}

TEST_CASE("json reader: very long lines and deep nesting") {
  SUBCASE("a 4 MB body on one line") {
    std::string body;
    while (body.size() < 4'000'000)
      body += "Crude oil prices rose again today. ";
    const auto sink = read_all(
        read_json, "{\"title\":\"Long\",\"body\":\"" + body + "\"}\n{\"title\":\"After\"}\n");
    CHECK(sink.problems.empty());
    REQUIRE(sink.articles.size() == 2);
    CHECK(sink.articles[0].body.size() == body.size() - 1);  // Trailing space trimmed.
  }
  SUBCASE("100000 levels of nesting are reported, never recursed into") {
    const std::string deep(100'000, '[');
    const auto sink = read_all(read_json, "{\"title\":\"a\"}\n{\"title\":\"deep\",\"x\":" + deep +
                                              "}\n{\"title\":\"c\"}\n");
    CHECK(positions(sink.articles) == std::vector<std::string>{"1", "3"});
    REQUIRE(sink.problems.size() == 1);
    CHECK(sink.problems[0].location == "2");
    CHECK(rejection("[" + deep).starts_with("element 1: cut off"));
    CHECK(rejection(std::string(100'000, '{')).starts_with("truncated JSON"));
  }
  SUBCASE("nested values within simdjson's depth limit still map") {
    std::string nested = "\"x\"";
    for (int i = 0; i < 500; ++i)
      nested = "[" + nested + "]";
    CHECK(one("{\"title\":\"t\",\"tags\":" + nested + "}").title == "t");
  }
}

TEST_CASE("json reader: sniffing") {
  struct Case {
    std::string head;
    bool json;
  };
  const std::vector<Case> cases = {
      {"{\"title\":\"x\"}", true}, {"  \n{", true},   {"\xEF\xBB\xBF[{}]", true},
      {"[ \n {\"a\":1}]", true},   {"[]", true},      {"[1, 2]", false},
      {"[Event \"x\"]", false},    {"<html>", false}, {"", false},
      {"plain text {", false},     {"[", false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.head);
    CHECK(sniff_json(c.head) == c.json);
  }
}

TEST_CASE("json reader: indexing a .jsonl file through gazette::Indexer") {
  gazette::test::TempDir dir;
  dir.write("archive/feed.jsonl", read_file(fixture("json/bad_line.jsonl")));
  const std::string db = (dir.path() / "db").string();
  gazette::IndexReport report;
  {
    gazette::Indexer indexer(db);
    report = indexer.add_paths({(dir.path() / "archive").string()});
    CHECK(indexer.article_count() == 4);
  }
  CHECK(report.articles_indexed == 4);
  CHECK(report.parts_failed == 1);
  REQUIRE(report.problems.size() == 1);
  CHECK(report.problems[0].path.ends_with("archive/feed.jsonl:3"));
  CHECK(report.problems[0].reason.starts_with("invalid JSON: "));

  gazette::Searcher searcher(db);
  const auto article = searcher.get_article("feed.jsonl#bbc-tech-001");
  REQUIRE(article);
  CHECK(article->title == "Ink helps drive democracy in Asia");
  CHECK(article->format == "json");
  CHECK(searcher.get_article("feed.jsonl#bbc-ent-001"));
  CHECK(!searcher.get_article("feed.jsonl#3"));
}

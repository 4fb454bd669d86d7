// Tests for the TREC SGML reader: AP, LA Times, FT, WSJ and FBIS documents, malformed inputs.
#include "indexer/src/trec_reader.hpp"

#include <gazette/error.hpp>

#include "tests/support/collecting_sink.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using gazette::ErrorCode;
using gazette::format_iso8601;
using gazette::indexer::read_trec;
using gazette::indexer::sniff_trec;
using gazette::test::fixture;
using gazette::test::read_all;
using gazette::test::read_file;

namespace {

std::string date_of(const gazette::Article& a) {
  return a.published ? format_iso8601(*a.published) : "none";
}

std::vector<std::string> positions(const gazette::test::CollectingSink& sink) {
  std::vector<std::string> out;
  for (const auto& a : sink.articles)
    out.push_back(a.origin.position);
  return out;
}

// A well-formed AP-style document.
std::string doc(const std::string& docno, const std::string& head) {
  return "<DOC>\n<DOCNO> " + docno + " </DOCNO>\n<HEAD>" + head +
         "</HEAD>\n<TEXT>\n   Some text.\n</TEXT>\n</DOC>\n";
}

}  // namespace

TEST_CASE("trec reader: AP, LA Times, FT, WSJ and FBIS documents") {
  struct Expected {
    std::string file, position, title, date, source;
    std::vector<std::string> authors, tags;
    std::string body_start;
    std::size_t paragraphs;
  };
  const Expected cases[] = {
      {"trec/ap.trec",
       "AP880212-0001",
       "Ink Helps Drive Democracy in Asia",
       "1988-02-12T00:00:00Z",
       "Associated Press",
       {"GEORGE ESPER"},
       {},
       "BISHKEK, Kyrgyzstan (AP) - The Kyrgyz Republic, a small, mountainous state of the former "
       "Soviet republic, is using",
       2},
      {"trec/ap.trec",
       "AP880212-0002",
       "Claxton Hunting First Major Medal",
       "1988-02-12T00:00:00Z",
       "Associated Press",
       {"SARAH JONES", "TOM SMITH"},
       {},
       "LONDON (AP) - British hurdler",
       2},
      {"trec/ap.trec",
       "AP880213-0001",
       "Time Warner Profit Jumps 76 Percent",
       "1988-02-13T00:00:00Z",
       "Associated Press",
       {},
       {},
       "Quarterly profits at U.S.",
       1},
      {"trec/latimes.trec",
       "LA121289-0001",
       "AD SALES BOOST TIME WARNER PROFIT",
       "1989-12-12T00:00:00Z",
       "Los Angeles Times",
       {"JAMES BATES"},
       {"Business"},
       "Quarterly profits at U.S. media giant Time Warner jumped 76% to $1.13 billion for",
       3},
      {"trec/latimes.trec",
       "LA121289-0002",
       "CLAXTON HUNTING FIRST MAJOR MEDAL; HURDLES: BRITON SETS RECORD TWICE",
       "1989-12-12T00:00:00Z",
       "Los Angeles Times",
       {},
       {"Sports"},
       "British hurdler",
       1},
      {"trec/ft.trec",
       "FT911-1",
       "Ink helps drive democracy in Asia",
       "1991-05-14T00:00:00Z",
       "The Financial Times",
       {},
       {},
       "The Kyrgyz Republic, a small,",
       2},
      {"trec/ft.trec",
       "FT911-2",
       "UK Company News: Time Warner & AOL",
       "1991-05-15T00:00:00Z",
       "The Financial Times",
       {"RICHARD WATERS"},
       {},
       "Time Warner said on Friday",
       1},
      {"trec/latimes.trec",
       "LA010189-0003",
       "FLOOD WATERS RECEDE IN THE DELTA",
       "1989-01-01T00:00:00Z",
       "Los Angeles Times",
       {"ANNA REYES", "PAUL KIM"},
       {"National"},
       "Flood waters began to recede Saturday",
       1},
      {"trec/wsj2.trec",
       "WSJ900402-0001",
       "Tax Report: Filing Season Brings Record Refunds",
       "1990-04-02T00:00:00Z",
       "WALL STREET JOURNAL (J), PAGE A1",
       {"Hilary Stout"},
       {},
       "Refunds reached a record this filing season",
       2},
      {"trec/wsj2.trec",
       "WSJ900402-0002",
       "Corn Futures Rise on Dry Weather",
       "1990-04-02T00:00:00Z",
       "WALL STREET JOURNAL (J), PAGE C12",
       {},
       {},
       "Corn futures rose",
       1},
      {"trec/fbis.trec",
       "FBIS3-1",
       "Grain Harvest Forecast Lowered After Dry Spring",
       "1994-03-01T00:00:00Z",
       "Foreign Broadcast Information Service",
       {},
       {},
       "Moscow, 28 February -- The ministry of agriculture has lowered",
       2},
      {"trec/fbis.trec",
       "FBIS3-518",
       "Coffee Growers Ask For Lower Export Levy",
       "1994-03-09T00:00:00Z",
       "Foreign Broadcast Information Service",
       {"Mary Wanjiru"},
       {"SUB-SAHARAN AFRICA", "Kenya"},
       "Nairobi, 9 March (KNA) -- Coffee growers",
       2},
      {"trec/wsj.trec",
       "WSJ870324-0001",
       "Time Warner Profit Rises 76% on Ad Sales",
       "1987-03-24T00:00:00Z",
       "WALL STREET JOURNAL (J)",
       {},
       {},
       "NEW YORK - Quarterly profits at media giant",
       2},
  };
  for (const auto& c : cases) {
    CAPTURE(c.position);
    const auto sink = read_all(read_trec, read_file(fixture(c.file)));
    CHECK(sink.problems.empty());
    CHECK(sink.unreadable_dates.empty());
    const gazette::Article* found = nullptr;
    for (const auto& a : sink.articles) {
      if (a.origin.position == c.position) found = &a;
    }
    REQUIRE(found != nullptr);
    CHECK(found->title == c.title);
    CHECK(date_of(*found) == c.date);
    CHECK(found->source == c.source);
    CHECK(found->authors == c.authors);
    CHECK(found->tags == c.tags);
    CHECK(found->body.starts_with(c.body_start));
    std::size_t paragraphs = 1;
    for (std::size_t p = found->body.find("\n\n"); p != std::string::npos;
         p = found->body.find("\n\n", p + 2))
      ++paragraphs;
    CHECK(paragraphs == c.paragraphs);
    CHECK(found->id.empty());
    CHECK(found->format.empty());
    CHECK(found->origin.path.empty());
  }
}

TEST_CASE("trec reader: entities are decoded and soft line breaks joined") {
  const auto sink = read_all(read_trec, read_file(fixture("trec/ft.trec")));
  REQUIRE(sink.articles.size() == 2);
  CHECK(sink.articles[1].body ==
        "Time Warner said on Friday that it now owns 8% of search-engine Google. But its own "
        "internet business, AOL, had mixed fortunes: \xC2\xA3"
        "600m.");
  const auto ap = read_all(read_trec, read_file(fixture("trec/ap.trec")));
  CHECK(ap.articles[1].body.find("comes & as long as") != std::string::npos);
}

TEST_CASE("trec reader: FBIS keeps the text of its inline F tags, not its preamble") {
  const auto sink = read_all(read_trec, read_file(fixture("trec/fbis.trec")));
  REQUIRE(sink.articles.size() == 2);
  const std::string& body = sink.articles[0].body;
  CHECK(body.find("Irrigation Plans The ministry said") != std::string::npos);
  for (const char* metadata : {"Language", "Russian", "Article Type", "BFN", "[Text]", "cr0000"})
    CHECK(body.find(metadata) == std::string::npos);
  CHECK(sink.articles[1].body.find("Report by") == std::string::npos);
}

TEST_CASE("trec reader: malformed documents are reported and their neighbours kept") {
  struct Case {
    std::string name, input;
    std::vector<std::string> positions;
    std::vector<std::string> problems;  // "location: reason"
  };
  const std::string a = doc("AP1", "First"), b = doc("AP2", "Second");
  const Case cases[] = {
      {"end tag missing before the next document",
       "<DOC>\n<DOCNO> AP0 </DOCNO>\n<HEAD>Zero</HEAD>\n<TEXT>\n   Text.\n</TEXT>\n" + a,
       {"AP0", "AP1"},
       {"1: <DOC> not closed before the next one at line 7; read what it holds"}},
      {"cut off at the end of the input inside the text",
       a + "<DOC>\n<DOCNO> AP2 </DOCNO>\n<HEAD>Two</HEAD>\n<TEXT>\n   Half a sen",
       {"AP1"},
       {"8: <DOC> cut off by the end of the input; skipped"}},
      {"end tag missing at the end of the input after complete fields",
       a + "<DOC>\n<DOCNO> AP2 </DOCNO>\n<HEAD>Two</HEAD>\n<TEXT>\n   Whole.\n</TEXT>\n",
       {"AP1", "AP2"},
       {"8: <DOC> not closed at the end of the input; read what it holds"}},
      {"no DOCNO",
       a + "<DOC>\n<HEAD>Anonymous</HEAD>\n</DOC>\n" + b,
       {"AP1", "2", "AP2"},
       {"8: no DOCNO; keyed by its ordinal 2"}},
      {"a DOCNO used twice",
       a + a,
       {"AP1", "2"},
       {"8: DOCNO AP1 already used at line 1; keyed by its ordinal 2"}},
      {"an unclosed field",
       "<DOC>\n<DOCNO>AP1</DOCNO>\n<HEAD>Open\n<TEXT>Body.</TEXT>\n</DOC>\n",
       {"AP1"},
       {"3: <HEAD> not closed; read up to the next field"}},
      {"a tag without its closing bracket",
       "<DOC>\n<DOCNO>AP1</DOCNO>\n<HEAD Oops\n<TEXT>Body.</TEXT>\n</DOC>\n" + b,
       {"AP1", "AP2"},
       {"3: tag without its closing '>'", "3: <HEAD> not closed; read up to the next field"}},
      {"binary junk between documents",
       a + std::string("\x00\x01\xFF junk\n", 9) + b,
       {"AP1", "AP2"},
       {"8: text outside <DOC> ignored"}},
      {"an empty document is kept",
       a + "<DOC>\n<DOCNO>AP9</DOCNO>\n</DOC>\n" + b,
       {"AP1", "AP9", "AP2"},
       {}},
      {"a stray end tag", a + "</DOC>\n" + b, {"AP1", "AP2"}, {"8: text outside <DOC> ignored"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto sink = read_all(read_trec, c.input);
    CHECK(positions(sink) == c.positions);
    std::vector<std::string> problems;
    for (const auto& p : sink.problems)
      problems.push_back(p.location + ": " + p.reason);
    CHECK(problems == c.problems);
  }
}

TEST_CASE("trec reader: inputs with nothing readable are refused") {
  struct Case {
    std::string name, input, reason;
  };
  const Case cases[] = {
      {"empty", "", "empty input"},
      {"white space", " \n\n", "empty input"},
      {"binary",
       std::string("\x7F"
                   "ELF\x02\x01\x01\x00\x00\x00",
                   10),
       "binary data, not TREC SGML"},
      {"not TREC", "<html><body>Hello</body></html>", "no <DOC> element: not TREC SGML"},
      {"cut off in the first document", "<DOC>\n<DOCNO> AP1 </DOCNO>\n<TEXT>\n   Half",
       "line 1: <DOC> cut off by the end of the input; skipped"},
      {"junk and a cut-off document", "junk\n<DOC>\n<DOCNO>X</DOCNO>\n<TEXT>Half",
       "line 1: text outside <DOC> ignored (and 1 more problems)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    try {
      read_all(read_trec, c.input);
      FAIL("no exception");
    } catch (const gazette::Error& e) {
      CHECK(e.code() == ErrorCode::invalid_input);
      CHECK(std::string(e.what()) == c.reason);
    }
  }
}

TEST_CASE("trec reader: every truncation keeps the documents before the cut") {
  const std::string whole = read_file(fixture("trec/ap.trec"));
  for (std::size_t cut = 0; cut <= whole.size(); ++cut) {
    CAPTURE(cut);
    const std::string part = whole.substr(0, cut);
    std::size_t complete = 0;
    for (std::size_t p = part.find("</DOC>"); p != std::string::npos;
         p = part.find("</DOC>", p + 1))
      ++complete;
    try {
      const auto sink = read_all(read_trec, part);
      CHECK(sink.articles.size() >= complete);
      CHECK(sink.articles.size() <= complete + 1);
    } catch (const gazette::Error& e) {
      CHECK(complete == 0);
    }
  }
}

TEST_CASE("trec reader: sniffing") {
  CHECK(sniff_trec("<DOC>\n<DOCNO> AP880212-0001 </DOCNO>"));
  CHECK(sniff_trec("\n\n<doc>\n<docno>WSJ870324-0001</docno>"));
  CHECK(sniff_trec("<!-- TREC disk 1 -->\n<DOC>"));
  CHECK_FALSE(sniff_trec("<DOCUMENT>"));
  CHECK_FALSE(sniff_trec("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\">"));
  CHECK_FALSE(sniff_trec("<html><body><DOC>"));
  CHECK_FALSE(sniff_trec("plain text that mentions <DOC> later"));
  CHECK_FALSE(sniff_trec(""));
}

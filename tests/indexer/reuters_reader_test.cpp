// Tests for the Reuters-21578 SGML reader: real stories, malformed files, the whole corpus.
#include "indexer/src/reuters_reader.hpp"

#include <gazette/error.hpp>

#include "tests/support/collecting_sink.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

using gazette::ErrorCode;
using gazette::format_iso8601;
using gazette::indexer::read_reuters;
using gazette::indexer::sniff_reuters;
using gazette::test::fixture;
using gazette::test::read_all;
using gazette::test::read_file;

namespace {

std::string date_of(const gazette::Article& a) {
  return a.published ? format_iso8601(*a.published) : "none";
}

const gazette::Article* find(const std::vector<gazette::Article>& articles,
                             const std::string& position) {
  for (const auto& a : articles) {
    if (a.origin.position == position) return &a;
  }
  return nullptr;
}

std::vector<std::string> problem_lines(const gazette::test::CollectingSink& sink) {
  std::vector<std::string> out;
  for (const auto& p : sink.problems)
    out.push_back(p.location + ": " + p.reason);
  return out;
}

}  // namespace

TEST_CASE("reuters reader: normal, BRIEF and UNPROC stories") {
  struct Expected {
    std::string newid, title, date;
    std::vector<std::string> tags, authors;
    std::string body_start, body_end;
  };
  const Expected cases[] = {
      {"1",
       "BAHIA COCOA REVIEW",
       "1987-02-26T15:01:01Z",
       {"cocoa", "el-salvador", "usa", "uruguay"},
       {},
       "SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone",
       "carnival which ends midday on February 27."},
      {"2",
       "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT",
       "1987-02-26T15:02:20Z",
       {"usa"},
       {},
       "CLEVELAND, Feb 26 - Standard Oil Co and BP North America Inc said",
       "oversight of a joint management committee."},
      {"30",
       "ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK",
       "1987-02-26T15:41:56Z",
       {"money-supply"},
       {},
       "",
       ""},
      {"101",
       "",
       "1987-02-26T16:35:24Z",
       {"money-supply", "usa"},
       {},
       "FEDERAL RESERVE MONEY SUPPLY REPORT - FEB 26\nOne Week Ended Feb 16\nM-1....",
       "Domestic Debt(Dec vs Nov).7,604.4 Vs...7,519.8"},
      {"176",
       "LNG IMPORTS FROM ALGERIA UNLIKELY IN 1987",
       "1987-02-26T17:57:05Z",
       {"nat-gas", "usa", "algeria"},
       {"NAILENE CHOU WIEST"},
       "NEW YORK, Feb 26 - ",
       "."},
      {"234",
       "BRITISH CONSERVATIVES AHEAD OF LABOUR IN NEW POLLS",
       "1987-03-01T02:07:44Z",
       {"uk"},
       {},
       "LONDON, March 1 - Britain\"s ruling",
       "Labour 37 pct and the Alliance 23 pct."},
      {"10439",
       "BAYBANKS INC <BBNK> RAISES QTLY DIVIDEND",
       "1987-03-27T10:28:13Z",
       {"earn", "usa"},
       {},
       "BOSTON, March 27 - Qtly div 36 cts vs 33 cts prior\n\nPay May one",
       "Record April 14"},
  };
  const auto sink = read_all(read_reuters, read_file(fixture("reuters/sample.sgm")));
  CHECK(problem_lines(sink).empty());
  CHECK(sink.unreadable_dates.empty());
  CHECK(sink.articles.size() == std::size(cases));
  for (const auto& c : cases) {
    CAPTURE(c.newid);
    const gazette::Article* a = find(sink.articles, c.newid);
    REQUIRE(a != nullptr);
    CHECK(a->title == c.title);
    CHECK(date_of(*a) == c.date);
    CHECK(a->tags == c.tags);
    CHECK(a->authors == c.authors);
    CHECK(a->body.starts_with(c.body_start));
    CHECK(a->body.ends_with(c.body_end));
    CHECK(a->source == "Reuters");
    CHECK(a->lang == "en");
    // Wire signature, control codes and markup never reach the text.
    CHECK(a->body.find("Reuter\n") == std::string::npos);
    CHECK_FALSE(a->body.ends_with("Reuter"));
    CHECK_FALSE(a->body.ends_with("REUTER"));
    CHECK(a->body.find("&#") == std::string::npos);
    CHECK(a->body.find("Blah blah") == std::string::npos);
    CHECK(a->body.find("</") == std::string::npos);
  }
  CHECK(find(sink.articles, "234")->body.find("Market & Opinion Research") != std::string::npos);
}

TEST_CASE("reuters reader: malformed stories are reported and their neighbours kept") {
  const auto sink = read_all(read_reuters, read_file(fixture("reuters/malformed.sgm")));
  std::vector<std::string> positions;
  for (const auto& a : sink.articles)
    positions.push_back(a.origin.position);
  CHECK(positions == std::vector<std::string>{"2", "234", "3", "176", "101"});
  CHECK(problem_lines(sink) ==
        std::vector<std::string>{
            "28: <REUTERS> not closed before the next one at line 66; read what it holds",
            "66: no NEWID; keyed by its ordinal 3",
            "137: text outside <REUTERS> ignored",
            "169: <REUTERS> cut off by the end of the input; skipped",
        });
  // The stray 0xFC byte (as in reut2-017.sgm) is decoded as Latin-1, not dropped.
  CHECK(find(sink.articles, "176")
            ->body.find("Alg\xC3\xBC"
                        "eria") != std::string::npos);
}

TEST_CASE("reuters reader: inputs with nothing readable are refused") {
  struct Case {
    std::string name, input, reason;
  };
  const std::string doctype = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n";
  const Case cases[] = {
      {"empty", "", "empty input"},
      {"only the doctype", doctype, "no <REUTERS> element: not Reuters-21578 SGML"},
      {"binary", std::string("\x1F\x8B\x08\x00\x00\x00", 6), "binary data, not Reuters-21578 SGML"},
      {"cut off in the first story",
       doctype +
           "<REUTERS NEWID=\"1\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>&#2;\n<TITLE>BA",
       "line 2: <REUTERS> cut off by the end of the input; skipped"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    try {
      read_all(read_reuters, c.input);
      FAIL("no exception");
    } catch (const gazette::Error& e) {
      CHECK(e.code() == ErrorCode::invalid_input);
      CHECK(std::string(e.what()) == c.reason);
    }
  }
}

TEST_CASE("reuters reader: every truncation keeps the stories before the cut") {
  const std::string whole = read_file(fixture("reuters/sample.sgm"));
  for (std::size_t cut = 0; cut <= whole.size(); cut += 7) {
    CAPTURE(cut);
    const std::string part = whole.substr(0, cut);
    std::size_t complete = 0;
    for (auto p = part.find("</REUTERS>"); p != std::string::npos;
         p = part.find("</REUTERS>", p + 1))
      ++complete;
    try {
      const auto sink = read_all(read_reuters, part);
      CHECK(sink.articles.size() >= complete);
      CHECK(sink.articles.size() <= complete + 1);
    } catch (const gazette::Error&) {
      CHECK(complete == 0);
    }
  }
}

TEST_CASE("reuters reader: sniffing") {
  CHECK(
      sniff_reuters("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS TOPICS=\"YES\" NEWID=\"1\">"));
  CHECK(sniff_reuters("<REUTERS NEWID=\"7\">"));
  CHECK_FALSE(sniff_reuters("<DOC>\n<DOCNO>AP1</DOCNO>"));
  CHECK_FALSE(sniff_reuters("Some text about <REUTERS> tags"));
  CHECK_FALSE(sniff_reuters(""));
}

TEST_CASE("reuters reader: the whole Reuters-21578 corpus") {
  const auto dir = gazette::test::corpus_or_skip("reuters21578");
  if (dir.empty()) return;
  std::map<std::string, gazette::Article> by_newid;
  std::size_t articles = 0, problems = 0, unreadable_dates = 0;
  std::vector<std::string> empty;
  for (int i = 0; i <= 21; ++i) {
    const std::string name =
        "reut2-0" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ".sgm";
    CAPTURE(name);
    const auto sink = read_all(read_reuters, read_file(dir / name));
    articles += sink.articles.size();
    problems += sink.problems.size();
    unreadable_dates += sink.unreadable_dates.size();
    for (const auto& a : sink.articles) {
      if (a.title.empty() && a.body.empty()) empty.push_back(a.origin.position);
      by_newid.emplace(a.origin.position, a);
    }
  }
  CHECK(articles == 21578);
  CHECK(by_newid.size() == 21578);
  for (int id = 1; id <= 21578; id += 997)
    CHECK(by_newid.count(std::to_string(id)) == 1);
  CHECK(by_newid.count("21578") == 1);
  CHECK(problems == 0);
  CHECK(unreadable_dates == 0);
  // NEWID 12793 (reut2-012.sgm line 25983) is an UNPROC story whose TEXT holds nothing
  // but the &#2; and &#3; control codes; every other story has a title or a body.
  CHECK(empty == std::vector<std::string>{"12793"});
  // Checked by hand with grep in the .sgm files.
  struct Spot {
    std::string newid, title, date, body_start;
  };
  const Spot spots[] = {
      {"1", "BAHIA COCOA REVIEW", "1987-02-26T15:01:01Z", "SALVADOR, Feb 26 - Showers"},
      {"101", "", "1987-02-26T16:35:24Z", "FEDERAL RESERVE MONEY SUPPLY REPORT - FEB 26"},
      {"5000",
       "USDA REPORTS 10.572 MLN ACRES ENROLLED IN FOURTH CONSERVATION RESERVE PROGRAM SIGNUP",
       "1987-03-13T15:04:51Z", ""},
      {"10439", "BAYBANKS INC <BBNK> RAISES QTLY DIVIDEND", "1987-03-27T10:28:13Z",
       "BOSTON, March 27 - Qtly div"},
      {"15370", "HOSPITAL CORP OF AMERICA <HCA> GETS MERGER BID", "1987-04-09T00:00:00Z", ""},
      {"17980", "LAWSON SAYS LOUVRE CURRENCY ACCORD SATISFACTORY", "1987-06-02T09:14:36Z", ""},
      {"21578", "AMERICAN EXCHANGE INTRODUCES INSTITUTIONAL INDEX", "1987-10-19T13:30:41Z", ""},
  };
  for (const auto& s : spots) {
    CAPTURE(s.newid);
    REQUIRE(by_newid.count(s.newid) == 1);
    const auto& a = by_newid.at(s.newid);
    CHECK(a.title == s.title);
    CHECK(date_of(a) == s.date);
    CHECK(a.body.starts_with(s.body_start));
  }
  CHECK(by_newid.at("5000").body.empty());  // BRIEF: a headline only.
  CHECK(by_newid.at("17980").body.find("growth.\xC3\xBCside") != std::string::npos);
}

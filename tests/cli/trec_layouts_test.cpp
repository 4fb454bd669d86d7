// CLI tests of the TREC newspaper layouts (tests/fixtures/trec: AP, WSJ in both its disk 1
// and disk 2 forms, FT, LA Times, FBIS): each fixture indexed by the real gazette-index,
// searched by the real gazette-search. DOCNOs come back exactly (no padding) with
// --format ids; titles, dates, bylines and sections are the articles' own in JSON; the
// layouts' metadata fields are not searchable text.
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

using gazette::test::run;
using nlohmann::json;

namespace {

struct Expected {
  std::string docno, title, date;
  std::vector<std::string> authors, tags;
};

struct Layout {
  std::string fixture;
  std::vector<Expected> articles;           // in index order
  std::vector<std::string> metadata_words;  // in metadata fields only: must match nothing
};

const Layout kLayouts[] = {
    {"trec/ap.trec",
     {{"AP880212-0001",
       "Ink Helps Drive Democracy in Asia",
       "1988-02-12T00:00:00Z",
       {"GEORGE ESPER"},
       {}},
      {"AP880212-0002",
       "Claxton Hunting First Major Medal",
       "1988-02-12T00:00:00Z",
       {"SARAH JONES", "TOM SMITH"},
       {}},
      {"AP880213-0001", "Time Warner Profit Jumps 76 Percent", "1988-02-13T00:00:00Z", {}, {}}},
     {"2344EST", "AM-Kyrgyz-Ink"}},
    {"trec/wsj.trec",
     {{"WSJ870324-0001",
       "Time Warner Profit Rises 76% on Ad Sales",
       "1987-03-24T00:00:00Z",
       {},
       {}}},
     {"MED"}},
    {"trec/wsj2.trec",
     {{"WSJ900402-0001",
       "Tax Report: Filing Season Brings Record Refunds",
       "1990-04-02T00:00:00Z",
       {"Hilary Stout"},
       {}},
      {"WSJ900402-0002", "Corn Futures Rise on Dry Weather", "1990-04-02T00:00:00Z", {}, {}}},
     {"900402-0001", "IRS", "staff", "journal"}},
    {"trec/ft.trec",
     {{"FT911-1", "Ink helps drive democracy in Asia", "1991-05-14T00:00:00Z", {}, {}},
      {"FT911-2",
       "UK Company News: Time Warner & AOL",
       "1991-05-15T00:00:00Z",
       {"RICHARD WATERS"},
       {}}},
     {"BEOA7AAIFT", "London", "MAY"}},
    {"trec/latimes.trec",
     {{"LA121289-0001",
       "AD SALES BOOST TIME WARNER PROFIT",
       "1989-12-12T00:00:00Z",
       {"JAMES BATES"},
       {"Business"}},
      {"LA121289-0002",
       "CLAXTON HUNTING FIRST MAJOR MEDAL; HURDLES: BRITON SETS RECORD TWICE",
       "1989-12-12T00:00:00Z",
       {},
       {"Sports"}},
      {"LA010189-0003",
       "FLOOD WATERS RECEDE IN THE DELTA",
       "1989-01-01T00:00:00Z",
       {"ANNA REYES", "PAUL KIM"},
       {"National"}}},
     {"141345", "words", "Column", "Edition", "Sandbags", "Wire"}},
    {"trec/fbis.trec",
     {{"FBIS3-1",
       "Grain Harvest Forecast Lowered After Dry Spring",
       "1994-03-01T00:00:00Z",
       {},
       {}},
      {"FBIS3-518",
       "Coffee Growers Ask For Lower Export Levy",
       "1994-03-09T00:00:00Z",
       {"Mary Wanjiru"},
       {"SUB-SAHARAN AFRICA", "Kenya"}}},
     {"cr00000011094001", "Russian", "BFN", "AB0903144594", "Reports", "FBIS-AFR-94-046"}},
};

// The fixture of `layout` indexed into a fresh database, searched by gazette-search.
class IndexedLayout {
 public:
  explicit IndexedLayout(const Layout& layout) : db_((dir_.path() / "db").string()) {
    const auto r = run({gazette::test::index_bin(), "--db", db_, "--quiet",
                        gazette::test::fixture(layout.fixture).string()});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());  // no problem reported on any layout
  }
  gazette::test::ProcessResult search(std::vector<std::string> args) const {
    args.insert(args.begin(), {gazette::test::search_bin(), "--db", db_});
    return run(args, {"NO_COLOR=", "LC_ALL=C"});
  }

 private:
  gazette::test::TempDir dir_;
  std::string db_;
};

std::string docnos_of(const std::vector<Expected>& articles) {
  std::string out;
  for (const auto& a : articles)
    out += a.docno + "\n";
  return out;
}

}  // namespace

TEST_CASE("cli trec layouts: exact DOCNOs, and the title, date, byline and section of each") {
  for (const auto& layout : kLayouts) {
    CAPTURE(layout.fixture);
    const IndexedLayout index(layout);
    const auto ids = index.search({"--all", "--format", "ids"});
    REQUIRE(ids.exit_code == 0);
    CHECK(ids.out == docnos_of(layout.articles));
    const json all = json::parse(index.search({"--all", "--format", "json"}).out);
    std::map<std::string, json> by_docno;
    for (const auto& hit : all["hits"])
      by_docno[hit["docno"].get<std::string>()] = hit;
    for (const auto& a : layout.articles) {
      CAPTURE(a.docno);
      REQUIRE(by_docno.count(a.docno) == 1);
      const json& hit = by_docno[a.docno];
      CHECK(hit["title"] == a.title);
      CHECK(hit["date"] == a.date);
      CHECK(hit["authors"] == json(a.authors));
      CHECK(hit["tags"] == json(a.tags));
    }
  }
}

TEST_CASE("cli trec layouts: metadata fields are not searchable text") {
  for (const auto& layout : kLayouts) {
    CAPTURE(layout.fixture);
    const IndexedLayout index(layout);
    for (const auto& word : layout.metadata_words) {
      CAPTURE(word);
      const auto r = index.search({"--format", "ids", word});
      CHECK(r.exit_code == 1);
      CHECK(r.out.empty());
    }
  }
}

TEST_CASE("cli trec layouts: FBIS text inside F tags is searchable, the headline is the title") {
  const IndexedLayout index(kLayouts[5]);
  CHECK(index.search({"--format", "ids", "irrigation plans"}).out == "FBIS3-1\n");
  CHECK(index.search({"--format", "ids", "title:coffee"}).out == "FBIS3-518\n");
  CHECK(index.search({"--format", "ids", "title:irrigation"}).exit_code == 1);
}

// CLI tests for gazette-search's --facets, --facet-limit, --timeline and --normalise: the
// real binary on a database of test::varied_articles().
#include "tests/searcher/filter_fixture.hpp"
#include "tests/support/index_fixture.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

using nlohmann::json;

namespace {

gazette::test::ProcessResult search(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {gazette::test::search_bin(), "--db", db};
  argv.insert(argv.end(), args.begin(), args.end());
  return gazette::test::run(argv, {"NO_COLOR=", "LC_ALL=C", "LANG=C"});
}

struct VariedDb {
  gazette::test::IndexFixture fixture{gazette::test::varied_articles()};
  std::string db = fixture.db_path();
};

std::size_t line_count(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("cli: --facets and --timeline add counted fields to JSON output") {
  VariedDb v;
  const auto r = search(v.db, {"--tag", "grain", "--facets", "source,lang,month", "--facet-limit",
                               "2", "--timeline", "year", "--normalise", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  REQUIRE(doc.contains("facets"));
  CHECK(doc["facets"].size() == 3);
  CHECK(doc["facets"]["month"].size() == 2);
  // Even i carry "Grain": 25 articles, 17 in the two even langs en (i % 4 == 0) and fr.
  const json& langs = doc["facets"]["lang"];
  REQUIRE(langs.size() == 2);
  CHECK(langs[0]["value"] == "en");
  CHECK(langs[0]["count"] == 13);
  CHECK(langs[1]["value"] == "fr");
  CHECK(langs[1]["count"] == 12);
  // Sources: reuters 9, bbc-news 8, the-new-york-times 8: the tie goes by value.
  CHECK(doc["facets"]["source"] ==
        json::parse(R"([{"value":"reuters","count":9},{"value":"bbc-news","count":8}])"));
  std::size_t dated = 0;
  for (const auto& p : doc["timeline"]) {
    CHECK(p["period"].get<std::string>().size() == 4);
    CHECK(p["share"].get<double>() > 0);
    CHECK(p["share"].get<double>() <= 1);
    dated += p["count"].get<std::size_t>();
  }
  CHECK(dated == 25);  // Only odd ones (i % 10 == 9) are undated.
}

TEST_CASE("cli: JSON Lines gives one line per facet value and timeline period") {
  VariedDb v;
  const auto r = search(v.db, {"--tag", "crude", "--facets", "tag", "--timeline", "week",
                               "--format", "jsonl", "--limit", "1"});
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::size_t> types;
  for (std::size_t begin = 0; begin < r.out.size();) {
    const std::size_t end = r.out.find('\n', begin);
    const json line = json::parse(r.out.substr(begin, end - begin));
    ++types[line["type"].get<std::string>()];
    if (line["type"] == "timeline") CHECK(line["period"].get<std::string>().find("-W") == 4);
    if (line["type"] == "facet") CHECK(line["facet"] == "tag");
    begin = end + 1;
  }
  CHECK(types["hit"] == 1);
  CHECK(types["facet"] == 2);      // crude (10), grain (5 of them)
  CHECK(types["timeline"] == 10);  // 10 articles, 115 days apart
  CHECK(types["summary"] == 1);
}

TEST_CASE("cli: text output draws the timeline as bars scaled to the largest count") {
  VariedDb v;
  const auto r = search(v.db, {"--source", "reuters", "--facets", "year", "--timeline", "year"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\nyear\n") != std::string::npos);
  CHECK(r.out.find("\ntimeline\n") != std::string::npos);
  CHECK(r.out.find("########################################") != std::string::npos);
  CHECK(r.out.find("█") == std::string::npos);  // LC_ALL=C: ASCII bars
}

TEST_CASE("cli: bad facet and timeline values are one-line usage errors") {
  VariedDb v;
  const std::vector<std::vector<std::string>> cases = {
      {"report", "--facets", "bogus"},    {"report", "--facets", "source,"},
      {"report", "--timeline", "hourly"}, {"report", "--facet-limit", "0", "--facets", "year"},
      {"report", "--normalise"},
  };
  for (const auto& args : cases) {
    CAPTURE(args.back());
    const auto r = search(v.db, args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(line_count(r.err) == 1);
  }
  const auto bogus = search(v.db, {"report", "--facets", "bogus"});
  CHECK(bogus.err.find("unknown facet 'bogus' (known: source, year, month, lang, tag)") !=
        std::string::npos);
}

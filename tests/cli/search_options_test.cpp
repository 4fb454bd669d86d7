// CLI tests for gazette-search's option parsing (searcher/cli/options.cpp): the exact
// one-line error of each malformed option or combination the other CLI tests leave out,
// which bad value is reported when there are several, and the grouping of --help. The real
// binary runs on a real database (tests/fixtures/trec/ap.trec, three articles).
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

const std::string& trec_db() {
  static gazette::test::TempDir dir;
  static const std::string db = [] {
    const std::string path = (dir.path() / "db").string();
    const std::string trec = gazette::test::fixture("trec/ap.trec").string();
    REQUIRE(gazette::test::run({gazette::test::index_bin(), "--db", path, trec}).exit_code == 0);
    return path;
  }();
  return db;
}

gazette::test::ProcessResult search(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {gazette::test::search_bin(), "--db", trec_db()};
  argv.insert(argv.end(), args.begin(), args.end());
  return gazette::test::run(argv, {"NO_COLOR=", "LC_ALL=C", "LANG=C"});
}

struct UsageError {
  std::vector<std::string> args;
  std::string message;  // The whole stderr, without "gazette-search: " and the help hint.
};

void check_usage_errors(const std::vector<UsageError>& cases) {
  for (const auto& c : cases) {
    std::string joined;
    for (const auto& a : c.args)
      joined += a + " ";
    CAPTURE(joined);
    const auto r = search(c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "gazette-search: " + c.message + " (see gazette-search --help)\n");
  }
}

}  // namespace

TEST_CASE("cli search options: a missing, repeated or extra argument names the option") {
  check_usage_errors({
      {{"oil", "--limit"}, "the required argument for option '--limit' is missing"},
      {{"--show"}, "the required argument for option '--show' is missing"},
      {{"oil", "--count", "--count"}, "option '--count' cannot be specified more than once"},
      {{"oil", "--sort", "newest", "--sort", "oldest"},
       "option '--sort' cannot be specified more than once"},
      {{"oil", "--count=yes"}, "option '--count' does not take any arguments"},
      {{"oil", "--expand=1"}, "option '--expand' does not take any arguments"},
      {{"oil", "--offset", "two"}, "the argument ('two') for option '--offset' is invalid"},
      {{"oil", "--facet-limit", "1.5"},
       "the argument ('1.5') for option '--facet-limit' is invalid"},
  });
}

TEST_CASE("cli search options: numbers above their range are refused like those below") {
  check_usage_errors({
      {{"oil", "--limit", "10001"}, "--limit must be between 1 and 10000, not 10001"},
      {{"oil", "--offset", "1000001"}, "--offset must be between 0 and 1000000, not 1000001"},
      {{"oil", "--snippet-chars", "10001"},
       "--snippet-chars must be between 0 and 10000, not 10001"},
      {{"oil", "--facet-limit", "10001", "--facets", "year"},
       "--facet-limit must be between 1 and 10000, not 10001"},
  });
  // The bounds themselves are accepted; an offset past the last hit finds nothing (exit 1).
  CHECK(
      search({"Claxton", "--limit", "10000", "--snippet-chars", "10000", "--format", "ids"}).out ==
      "AP880212-0002\n");
  const auto past_the_end = search({"Claxton", "--offset", "1000000", "--format", "ids"});
  CHECK(past_the_end.exit_code == 1);
  CHECK(past_the_end.err.empty());
}

TEST_CASE("cli search options: --recency needs a number and one unit, at most 1000 of it") {
  const std::string expected =
      "--recency must be a half-life such as 12h, 30d, 6w, 3m or 2y (or 0 for none), not ";
  check_usage_errors({
      {{"oil", "--recency", "30"}, expected + "'30'"},
      {{"oil", "--recency", "d"}, expected + "'d'"},
      {{"oil", "--recency", "1001d"}, expected + "'1001d'"},
      {{"oil", "--recency", "30dd"}, expected + "'30dd'"},
      {{"oil", "--recency", "nand"}, expected + "'nand'"},
      {{"oil", "--recency", "infd"}, expected + "'infd'"},
  });
  for (const std::string ok : {"1000d", "12h", "0.5y", "0"}) {
    CAPTURE(ok);
    CHECK(search({"ink", "--recency", ok, "--format", "ids"}).out == "AP880212-0001\n");
  }
}

TEST_CASE("cli search options: --fields, --show and --all refuse what they cannot honour") {
  check_usage_errors({
      {{"oil", "--fields", "id", "--format", "ids"},
       "--fields applies to --format json, jsonl and tsv"},
      {{"oil", "--fields", "id", "--format", "keys"},
       "--fields applies to --format json, jsonl and tsv"},
      {{"oil", "--fields", ",", "--format", "tsv"},
       "--fields: unknown field '' (known: rank,id,docno,title,date,source,authors,url,lang,"
       "tags,format,path,position,score,duplicates,cluster,snippet,passages,explanation)"},
      {{"--show", "x", "--format", "ids"}, "--show prints text, json or jsonl"},
      {{"--show", "x", "--format", "keys"}, "--show prints text, json or jsonl"},
      {{"--show", "x", "--all"}, "--show stands alone"},
      {{"--show", "x", "--count"}, "--show stands alone"},
      {{"--all", "--timeline", "year"},
       "--all cannot be combined with --facets or --timeline (run them separately)"},
  });
}

TEST_CASE("cli search options: of several bad values, the first in option-group order") {
  // Order of the checks: --sort, the query, --limit, --offset, --snippet-chars, --match,
  // --format, --color, --facet-limit, --timeline, --normalise, --recency, --passages,
  // --fields, then combinations; the order on the command line does not matter.
  check_usage_errors({
      {{"--format", "xml", "--limit", "0", "oil"}, "--limit must be between 1 and 10000, not 0"},
      {{"--limit", "0", "--sort", "random", "oil"},
       "--sort must be relevance, newest or oldest, not 'random'"},
      {{"--color", "rainbow", "--format", "xml", "oil"},
       "--format must be text, json, jsonl, tsv, ids or keys, not 'xml'"},
      {{"--passages", "-1", "--recency", "3x", "oil"},
       "--recency must be a half-life such as 12h, 30d, 6w, 3m or 2y (or 0 for none), not "
       "'3x'"},
      {{"--all", "--fields", "nope", "--count", "oil"},
       "--fields: unknown field 'nope' (known: rank,id,docno,title,date,source,authors,url,"
       "lang,tags,format,path,position,score,duplicates,cluster,snippet,passages,explanation)"},
  });
}

TEST_CASE("cli search options: --help lists every option once, under its group") {
  const auto help = gazette::test::run({gazette::test::search_bin(), "--help"});
  REQUIRE(help.exit_code == 0);
  CHECK(help.err.empty());
  const std::vector<std::vector<std::string>> groups = {
      {"Options:", "--db", "--limit", "--offset", "--match", "--expand", "--format",
       "--snippet-chars", "--color", "--passages", "--fields", "--explain", "--no-suggest",
       "--show", "--help", "--version"},
      {"Filters (repeat an option to accept any of its values):", "--since", "--until", "--source",
       "--author", "--lang", "--tag", "--sort", "--no-collapse", "--count", "--all", "--recency",
       "--like"},
      {"Facets and timeline (counted over every match):", "--facets", "--facet-limit", "--timeline",
       "--normalise"},
  };
  std::size_t at = 0;
  for (const auto& group : groups) {
    for (const auto& name : group) {
      CAPTURE(name);
      // Option names are followed by a space or " ]"; "--all" must not match "--all|any".
      const std::string listed = name.ends_with(":") ? "\n" + name + "\n" : " " + name + " ";
      const std::size_t found = help.out.find(listed, at);
      REQUIRE(found != std::string::npos);
      CHECK(help.out.find(listed, found + 1) == std::string::npos);
      at = found;
    }
  }
  CHECK(help.out.ends_with(
      "\nExit status: 0 hits found, 1 no hits, 2 error (usage, missing or damaged database).\n"));
}

// CLI tests for gazette-search's output and its newer options: --all, --show, --like,
// --recency, --passages, --explain, --fields, JSON golden files (tests/fixtures/golden),
// and the error (exit 2, one line) for every bad option value. The real binaries run on
// the bundled sample archive (examples/archive, 61 real articles).
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using gazette::test::lines_of;
using gazette::test::run;
using nlohmann::json;

namespace {

std::string examples_archive() {
  return std::string(GAZETTE_EXAMPLES_DIR) + "/archive";
}

// The sample archive indexed once for every test of this file (read-only afterwards).
const std::string& sample_db() {
  static gazette::test::TempDir dir;
  static const std::string db = [] {
    const std::string path = (dir.path() / "db").string();
    const auto r = run({gazette::test::index_bin(), "--db", path, "--quiet", examples_archive()});
    REQUIRE(r.exit_code == 0);
    return path;
  }();
  return db;
}

gazette::test::ProcessResult search(std::vector<std::string> args) {
  std::vector<std::string> argv = {gazette::test::search_bin(), "--db", sample_db()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, {"NO_COLOR=", "LC_ALL=C", "LANG=C"});
}

// Output made comparable across machines: the checkout's path becomes "<examples>", and
// floating-point numbers are rounded to 6 decimals (BM25 sums can differ in the last bits).
json normalised(json value) {
  if (value.is_string()) {
    std::string s = value.get<std::string>();
    const std::string root = GAZETTE_EXAMPLES_DIR;
    for (std::size_t at; (at = s.find(root)) != std::string::npos;)
      s.replace(at, root.size(), "<examples>");
    return s;
  }
  if (value.is_number_float()) return std::round(value.get<double>() * 1e6) / 1e6;
  if (value.is_array() || value.is_object()) {
    for (auto& item : value)
      item = normalised(item);
  }
  return value;
}

// Compares a JSON or JSON Lines output with tests/fixtures/golden/NAME. With
// GAZETTE_UPDATE_GOLDEN=1 in the environment the golden file is rewritten instead (review
// the diff before committing it).
void check_golden(const std::string& name, const std::string& output) {
  const auto path = gazette::test::fixture("golden/" + name);
  std::string got;
  if (name.ends_with(".jsonl")) {
    for (const auto& line : lines_of(output))
      got += normalised(json::parse(line)).dump(2) + "\n";
  } else {
    got = normalised(json::parse(output)).dump(2) + "\n";
  }
  if (const char* update = std::getenv("GAZETTE_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream(path) << got;
    return;
  }
  CHECK_MESSAGE(got == gazette::test::read_file(path),
                "output differs from " << path.string() << " (GAZETTE_UPDATE_GOLDEN=1 rewrites)");
}

}  // namespace

TEST_CASE("cli search output: JSON matches the golden files") {
  const auto hits = search({"oil prices", "--format", "json", "--limit", "3", "--passages", "2",
                            "--snippet-chars", "120", "--explain", "--facets", "source,year",
                            "--timeline", "year"});
  REQUIRE(hits.exit_code == 0);
  check_golden("search-oil-prices.json", hits.out);

  const auto lines = search({"election", "--format", "jsonl", "--limit", "3", "--fields",
                             "id,date,source,title,score,duplicates", "--facets", "lang"});
  REQUIRE(lines.exit_code == 0);
  check_golden("search-election.jsonl", lines.out);

  const auto article = search(
      {"--show", "bbc/business/144-oil-prices-fall-back-from-highs.txt", "--format", "json"});
  REQUIRE(article.exit_code == 0);
  check_golden("show-article.json", article.out);

  const auto all = search({"--all", "--since", "2012-11-06", "--format", "json", "--fields",
                           "rank,id,date,title", "--snippet-chars", "0"});
  REQUIRE(all.exit_code == 0);
  check_golden("all-since.json", all.out);
}

TEST_CASE("cli search output: --all lists every match exactly once") {
  for (const std::vector<std::string>& query :
       {std::vector<std::string>{"the"}, {"election"}, {"--lang", "en"}, {"obama OR romney"}}) {
    CAPTURE(query.front());
    std::vector<std::string> args = query;
    args.insert(args.end(), {"--all", "--format", "ids"});
    const auto all = search(args);
    REQUIRE(all.exit_code == 0);
    const auto streamed = lines_of(all.out);
    const std::set<std::string> unique(streamed.begin(), streamed.end());
    CHECK(unique.size() == streamed.size());

    args = query;
    args.insert(args.end(), {"--no-collapse", "--limit", "10000", "--format", "ids"});
    const auto ranked = lines_of(search(args).out);
    CHECK(unique == std::set<std::string>(ranked.begin(), ranked.end()));

    args = query;
    args.insert(args.end(), {"--no-collapse", "--count"});
    CHECK(search(args).out == std::to_string(streamed.size()) + "\n");
  }
}

TEST_CASE("cli search output: --all as JSON Lines ends with a summary, and no match exits 1") {
  const auto r = search({"--all", "--format", "jsonl", "election", "--snippet-chars", "0"});
  REQUIRE(r.exit_code == 0);
  const auto records = lines_of(r.out);
  REQUIRE(records.size() > 2);
  for (std::size_t i = 0; i + 1 < records.size(); ++i)
    CHECK(json::parse(records[i])["type"] == "hit");
  const json summary = json::parse(records.back());
  CHECK(summary["type"] == "summary");
  CHECK(summary["hits"] == records.size() - 1);

  const auto none = search({"--all", "zanzibarian"});
  CHECK(none.exit_code == 1);
  CHECK(none.out == "0 matching articles.\n");
}

TEST_CASE("cli search output: --show prints the whole article, or exits 1 naming the key") {
  const std::string key = "bbc/business/144-oil-prices-fall-back-from-highs.txt";
  const auto text = search({"--show", key});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.starts_with("Oil prices fall back from highs\n"));
  CHECK(text.out.find("Key       " + key) != std::string::npos);
  CHECK(text.out.find("Oil prices retreated from four-month highs in early trading") !=
        std::string::npos);

  const json doc = json::parse(search({"--show", key, "--format", "json"}).out);
  // The article's fields are named as in hits (output schema 2), plus its body.
  const json hit = json::parse(search({"oil", "--format", "json", "-n", "1"}).out)["hits"][0];
  for (const auto& [field, value] : hit.items()) {
    const bool hit_only = field == "rank" || field == "score" || field == "duplicates" ||
                          field == "cluster" || field == "snippet";
    CHECK_MESSAGE(doc.contains(field) != hit_only, field);
  }
  for (const char* field : {"id", "docno", "title", "body", "date", "source", "authors", "url",
                            "lang", "tags", "format", "path", "position"}) {
    CHECK_MESSAGE(doc.contains(field), field);
  }
  CHECK(doc["schema"] == 2);
  CHECK(doc["body"].get<std::string>().size() > 500);

  const auto missing = search({"--show", "no/such/key.txt"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.out.empty());
  CHECK(missing.err == "gazette-search: no article with key 'no/such/key.txt'\n");
}

TEST_CASE("cli search output: --like finds related stories and an unknown key exits 2") {
  const std::string key = "bbc/business/144-oil-prices-fall-back-from-highs.txt";
  const auto r = search({"--like", key, "--format", "ids", "--limit", "5"});
  REQUIRE(r.exit_code == 0);
  const auto related = lines_of(r.out);
  CHECK(std::find(related.begin(), related.end(), key) == related.end());
  CHECK_FALSE(related.empty());
  // Filters apply: only the dated stories of 2012 (the BBC ones have no date).
  const auto dated = search({"--like", key, "--format", "jsonl", "--since", "2012"});
  REQUIRE(dated.exit_code == 0);
  const auto records = lines_of(dated.out);
  REQUIRE(records.size() > 1);
  for (std::size_t i = 0; i + 1 < records.size(); ++i)
    CHECK(json::parse(records[i])["date"].get<std::string>().starts_with("2012-"));

  const auto unknown = search({"--like", "no/such/key.txt"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "gazette-search: no article with key 'no/such/key.txt'\n");
}

TEST_CASE("cli search output: --recency 0 keeps the BM25 order, and a half-life favours news") {
  const auto plain = search({"election", "--format", "ids", "--limit", "20"});
  const auto zero = search({"election", "--format", "ids", "--limit", "20", "--recency", "0"});
  CHECK(plain.out == zero.out);
  const auto recent =
      search({"election", "--format", "jsonl", "--limit", "1", "--recency", "30d", "--explain"});
  const json top = json::parse(lines_of(recent.out).front());
  CHECK(top["date"].get<std::string>().starts_with("2012-11"));  // The newest coverage.
  CHECK(top["explanation"]["recency"].get<double>() > 0);
}

TEST_CASE("cli search output: --expand re-scores the same matches") {
  const std::vector<std::string> query = {"oil",      "prices",   "opec", "--match",
                                          "any",      "--format", "tsv",  "--fields",
                                          "id,score", "--limit",  "1000"};
  std::vector<std::string> args = query;
  args.push_back("--expand");
  const auto plain = search(query), expanded = search(args);
  REQUIRE(plain.exit_code == 0);
  REQUIRE(expanded.exit_code == 0);
  const auto by_id = [](const std::string& tsv) {
    std::map<std::string, double> scores;
    for (const auto& row : lines_of(tsv)) {
      const auto tab = row.find('\t');
      if (row.starts_with("id\t")) continue;
      scores[row.substr(0, tab)] = std::stod(row.substr(tab + 1));
    }
    return scores;
  };
  const auto before = by_id(plain.out), after = by_id(expanded.out);
  REQUIRE(before.size() > 5);
  REQUIRE(after.size() == before.size());
  for (const auto& [id, score] : before) {
    CAPTURE(id);
    REQUIRE(after.contains(id));  // Nothing added or lost...
  }
  CHECK(after != before);  // ...but scored by the best hits' words too.
}

TEST_CASE("cli search output: --passages shows several fragments with offsets") {
  const auto r = search({"obama", "--passages", "3", "--format", "json", "--limit", "1"});
  REQUIRE(r.exit_code == 0);
  const json hit = json::parse(r.out)["hits"][0];
  const json& passages = hit["passages"];
  REQUIRE(passages.size() == 3);
  for (std::size_t i = 0; i < passages.size(); ++i) {
    CHECK(passages[i]["end"] > passages[i]["start"]);
    if (i > 0) CHECK(passages[i]["start"] >= passages[i - 1]["end"]);
    CHECK(passages[i]["html"].get<std::string>().find("<mark>") != std::string::npos);
  }
  const auto text = search({"obama", "--passages", "2", "--limit", "1"});
  CHECK(std::count(text.out.begin(), text.out.end(), '\n') >= 4);  // Title, meta, 2 passages.
}

TEST_CASE("cli search output: --fields picks and orders TSV columns") {
  const auto r = search({"election", "--format", "tsv", "--fields", "title,id", "--limit", "2"});
  REQUIRE(r.exit_code == 0);
  const auto rows = lines_of(r.out);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == "title\tid");
  CHECK(std::count(rows[1].begin(), rows[1].end(), '\t') == 1);
}

TEST_CASE("cli search output: every bad option value exits 2 with one line naming it") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"oil", "--recency", "3x"}, "--recency"},
      {{"oil", "--recency", "-2d"}, "--recency"},
      {{"oil", "--passages", "-1"}, "--passages"},
      {{"oil", "--passages", "101"}, "--passages"},
      {{"oil", "--fields", "id,nope", "--format", "json"}, "nope"},
      {{"oil", "--fields", "id"}, "--fields"},
      {{"oil", "--all", "--sort", "newest"}, "--sort"},
      {{"oil", "--all", "--facets", "source"}, "--facets"},
      {{"oil", "--all", "--count"}, "--count"},
      {{"--show", "x", "--format", "tsv"}, "--show"},
      {{"oil", "--limit", "-1"}, "--limit"},
      {{"oil", "--limit", "0"}, "--limit"},
      {{"oil", "--since", "1987-13"}, "1987-13"},
      {{"oil", "--until", "yesterday"}, "yesterday"},
      {{"oil", "--facets", "colour"}, "colour"},
      {{"oil", "--timeline", "decade"}, "decade"},
      {{"oil", "--sort", "random"}, "random"},
      {{"oil", "--match", "most"}, "most"},
      {{"oil", "--format", "xml"}, "xml"},
      {{"oil", "--offset", "-3"}, "--offset"},
      {{"oil", "--snippet-chars", "x"}, "snippet-chars"},
      {{"oil", "--normalise"}, "--timeline"},
      {{"oil", "--expand", "--sort", "newest"}, "--expand"},
      {{"oil", "--expand", "--count"}, "--expand"},
      {{"oil", "--expand", "--all"}, "--expand"},
      {{}, "QUERY"},
  };
  for (const auto& [args, named] : cases) {
    std::string joined;
    for (const auto& a : args)
      joined += a + " ";
    CAPTURE(joined);
    const auto r = search(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_MESSAGE(r.err.find(named) != std::string::npos, r.err);
  }
}

TEST_CASE("cli search output: query syntax keeps its meaning with every option") {
  auto ids_of = [](std::vector<std::string> args) {
    args.insert(args.end(), {"--format", "ids", "--limit", "1000", "--no-collapse"});
    const auto lines = lines_of(search(args).out);
    return std::set<std::string>(lines.begin(), lines.end());
  };
  for (const std::string query : {"\"oil prices\"", "oil NEAR prices", "econom*", "title:oil",
                                  "oil -opec", "obama OR bush"}) {
    CAPTURE(query);
    const auto plain = ids_of({query});
    REQUIRE_FALSE(plain.empty());
    for (const std::vector<std::string>& extra : {std::vector<std::string>{"--recency", "30d"},
                                                  {"--passages", "2"},
                                                  {"--explain"},
                                                  {"--sort", "newest"},
                                                  {"--facets", "source", "--timeline", "year"},
                                                  {"--all"},
                                                  {"--match", "any"}}) {
      CAPTURE(extra.front());
      std::vector<std::string> args = {query};
      args.insert(args.end(), extra.begin(), extra.end());
      if (extra.front() == "--all") {
        args.insert(args.end(), {"--format", "ids"});
        const auto lines = lines_of(search(args).out);
        CHECK(std::set<std::string>(lines.begin(), lines.end()) == plain);
      } else {
        CHECK(ids_of(args) == plain);
      }
    }
  }
}

TEST_CASE("cli search output: --format ids prints a collection's own ids, keys the keys") {
  gazette::test::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  const std::string trec = gazette::test::fixture("trec/ap.trec").string();
  REQUIRE(gazette::test::run({gazette::test::index_bin(), "--db", db, trec}).exit_code == 0);
  const auto run_search = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {gazette::test::search_bin(), "--db", db});
    return gazette::test::run(args);
  };
  // --all with nothing else lists every article (it once refused an empty query).
  const auto ids = run_search({"--all", "--format", "ids"});
  REQUIRE(ids.exit_code == 0);
  CHECK(ids.out == "AP880212-0001\nAP880212-0002\nAP880213-0001\n");  // DOCNOs, unpadded.
  const auto keys = run_search({"--all", "--format", "keys"});
  REQUIRE(keys.exit_code == 0);
  CHECK(keys.out == "ap.trec#AP880212-0001\nap.trec#AP880212-0002\nap.trec#AP880213-0001\n");
  const json all = json::parse(run_search({"--all", "--format", "json"}).out);
  REQUIRE(all["hits"].size() == 3);
  CHECK(all["hits"][0]["docno"] == "AP880212-0001");
  CHECK(all["hits"][0]["id"] == "ap.trec#AP880212-0001");
  const auto bad = run_search({"--all", "--format", "docnos"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err ==
        "gazette-search: --format must be text, json, jsonl, tsv, ids or keys, not 'docnos' (see "
        "gazette-search --help)\n");
}

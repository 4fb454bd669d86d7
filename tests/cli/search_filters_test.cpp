// CLI tests for gazette-search's filters, sorting, collapsing and --count: the real binary
// on a database of test::varied_articles(), compared with a scan of those articles.
#include "tests/searcher/filter_fixture.hpp"
#include "tests/support/index_fixture.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <set>

using gazette::Article;
using nlohmann::json;

namespace {

gazette::test::ProcessResult search(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {gazette::test::search_bin(), "--db", db};
  argv.insert(argv.end(), args.begin(), args.end());
  return gazette::test::run(argv, {"NO_COLOR="});
}

// The hits of a JSON search that shows every match.
json json_hits(const std::string& db, std::vector<std::string> args) {
  for (const char* extra : {"--format", "json", "--limit", "1000"})
    args.emplace_back(extra);
  const auto r = search(db, args);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["hits"];
}

std::set<std::string> ids(const json& hits) {
  std::set<std::string> out;
  for (const auto& hit : hits)
    out.insert(hit["id"].get<std::string>());
  return out;
}

std::set<std::string> keep(const std::function<bool(const Article&)>& pred) {
  std::set<std::string> out;
  for (const auto& a : gazette::test::varied_articles())
    if (pred(a)) out.insert(a.id);
  return out;
}

bool has_tag(const Article& a, const std::string& tag) {
  return std::find(a.tags.begin(), a.tags.end(), tag) != a.tags.end();
}

struct VariedDb {
  gazette::test::IndexFixture fixture{gazette::test::varied_articles()};
  std::string db = fixture.db_path();
};

}  // namespace

TEST_CASE("cli: filter options narrow the result like a scan of the articles") {
  VariedDb v;
  struct Case {
    std::vector<std::string> args;
    std::function<bool(const Article&)> pred;
  };
  const Case cases[] = {
      {{"--since", "1987-03", "--until", "1987"},
       [](const Article& a) {
         const auto d = gazette::test::ymd_of(a);
         return !d.empty() && d >= "19870301" && d <= "19871231";
       }},
      {{"--source", "Reuters", "--source", "bbc-news"},
       [](const Article& a) { return a.source != "The New York Times"; }},
      {{"--lang", "fr", "--tag", "crude"},
       [](const Article& a) { return a.lang == "fr" && has_tag(a, "crude"); }},
      {{"--tag", "crude", "--tag", "GRAIN"},
       [](const Article& a) { return has_tag(a, "crude") || has_tag(a, "Grain"); }},
      {{"--author", "john smith"},
       [](const Article& a) { return !a.authors.empty() && a.authors[0] == "John Smith"; }},
      {{"report", "source:reuters", "lang:en"},
       [](const Article& a) { return a.source == "Reuters" && a.lang == "en"; }},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    CHECK(ids(json_hits(v.db, c.args)) == keep(c.pred));
  }
}

TEST_CASE("cli: --count prints the exact number of matches only") {
  VariedDb v;
  const auto r = search(v.db, {"--count", "--lang", "en"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "26\n");
  const auto none = search(v.db, {"--count", "zanzibar"});
  CHECK(none.exit_code == 1);
  CHECK(none.out == "0\n");
}

TEST_CASE("cli: --sort newest and oldest order by date with undated hits last") {
  VariedDb v;
  for (const std::string order : {"newest", "oldest"}) {
    CAPTURE(order);
    const json hits = json_hits(v.db, {"\"harvest report\"", "--sort", order});
    REQUIRE(hits.size() == static_cast<std::size_t>(gazette::test::kVariedCount));
    std::vector<std::string> dates;  // ISO 8601 strings compare in time order.
    for (const auto& hit : hits)
      if (!hit["date"].is_null()) dates.push_back(hit["date"].get<std::string>());
    CHECK(dates.size() == 45);
    for (std::size_t i = 45; i < hits.size(); ++i)
      CHECK(hits[i]["date"].is_null());
    if (order == "newest") std::reverse(dates.begin(), dates.end());
    CHECK(std::is_sorted(dates.begin(), dates.end()));
  }
}

TEST_CASE("cli: duplicates collapse into one hit unless --no-collapse") {
  std::vector<Article> wire;
  for (const char* id : {"w1", "w2", "w3", "other"})
    wire.push_back(gazette::test::make_article(id, "Wheat exports", "Wheat shipments"));
  gazette::test::IndexFixture fixture(wire);
  gazette::test::set_clusters(fixture.db_path(), {{"w1", "w"}, {"w2", "w"}, {"w3", "w"}});
  const json collapsed = json_hits(fixture.db_path(), {"wheat"});
  REQUIRE(collapsed.size() == 2);
  std::multiset<int> duplicates;
  for (const auto& hit : collapsed)
    duplicates.insert(hit["duplicates"].get<int>());
  CHECK(duplicates == std::multiset<int>{0, 2});
  const json all = json_hits(fixture.db_path(), {"wheat", "--no-collapse"});
  CHECK(all.size() == 4);
  const auto text = search(fixture.db_path(), {"wheat"});
  CHECK(text.out.find("+2 duplicates") != std::string::npos);
}

TEST_CASE("cli: every bad value is one line on stderr and exit 2") {
  VariedDb v;
  struct Case {
    std::vector<std::string> args;
    std::string named;
  };
  const Case cases[] = {
      {{"oil", "--since", "1987-13"}, "1987-13"},
      {{"oil", "--until", "1987-02-30"}, "1987-02-30"},
      {{"--since", "yesterday"}, "yesterday"},
      {{"oil", "--sort", "random"}, "random"},
      {{"oil", "--limit", "-1"}, "--limit"},
      {{"harvest date:1987-13"}, "1987-13"},
      {{"--no-collapse"}, "QUERY"},
      {{"--source", ""}, "source"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    const auto r = search(v.db, c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.find(c.named) != std::string::npos);
  }
}

// Search feature cost harness: runs a fixed query set under a table of named SearchRequest
// configurations (plain, snippets, collapse off, filters, facets, timeline, sort...) through
// the public Searcher API, warm and in-process, and reports p50/p95/p99 per configuration.
//
//   search_features --db DIR --queries FILE [--runs N] [--json OUT] [--only NAME,...]
//
// Every configuration starts from the same base request (top 10, match all as
// gazette-search does, collapse on, no snippets) and changes one thing, so the difference
// to `plain` is the cost of that feature.
#include <gazette/searcher.hpp>

#include "benchmarks/latency.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using gazette::SearchRequest;

/// One row of the table: a name, what it measures, and how it changes the base request.
struct Feature {
  std::string_view name;
  std::string_view what;
  void (*apply)(SearchRequest&);
};

// Add rows here (recency boost, multi-passage snippets, related articles, spelling...).
// The filter dates are the busiest months of Reuters-21578 (1987); the 10x corpus shifts
// each copy by a year, so there the same range keeps about a tenth of the archive.
constexpr Feature kFeatures[] = {
    {"plain", "top 10, no snippet (snippet_chars 0)", [](SearchRequest&) {}},
    {"snippets", "200-char highlighted snippet per hit (the CLI default)",
     [](SearchRequest& r) { r.snippet_chars = 200; }},
    {"no-collapse", "near-duplicate collapsing off", [](SearchRequest& r) { r.collapse = false; }},
    {"filtered", "since 1987-03, until 1987-04, source reuters",
     [](SearchRequest& r) {
       r.since = "1987-03";
       r.until = "1987-04";
       r.sources = {"reuters"};
     }},
    {"facets", "facets source, year, month, lang, tag (top 10 each)",
     [](SearchRequest& r) {
       r.facets = {"source", "year", "month", "lang", "tag"};
     }},
    // The two halves of `facets`: value-slot facets, and tags (read from each match's terms).
    {"facets-values", "facets source, year, month, lang",
     [](SearchRequest& r) {
       r.facets = {"source", "year", "month", "lang"};
     }},
    {"facet-tag", "facet tag alone", [](SearchRequest& r) { r.facets = {"tag"}; }},
    {"timeline", "timeline by month",
     [](SearchRequest& r) { r.timeline = gazette::TimelineGranularity::month; }},
    {"sort-newest", "newest first instead of by relevance",
     [](SearchRequest& r) { r.sort = gazette::SortOrder::newest; }},
    {"match-any", "words OR'ed (ranked retrieval) instead of AND'ed",
     [](SearchRequest& r) { r.match = gazette::MatchMode::any; }},
    {"recency", "recency boost, half-life 30 days",
     [](SearchRequest& r) { r.recency_half_life = std::chrono::days{30}; }},
    {"passages", "3 passages of 200 chars per hit (plus the snippet)",
     [](SearchRequest& r) {
       r.snippet_chars = 200;
       r.passages = 3;
     }},
    {"explain", "matched terms by field and score parts per hit",
     [](SearchRequest& r) { r.explain = true; }},
    {"suggest", "did-you-mean check of every query word",
     [](SearchRequest& r) { r.suggest = true; }},
    {"expand", "pseudo-relevance feedback: re-ranked by the words of the top 5 hits",
     [](SearchRequest& r) { r.expand = true; }},
};

SearchRequest base_request() {
  SearchRequest r;
  r.limit = 10;
  r.snippet_chars = 0;  // No snippet at all: the `snippets` row adds them.
  r.suggest = false;    // The `suggest` row adds it.
  r.match = gazette::MatchMode::all;
  r.collapse = true;
  return r;
}

struct Args {
  gazette::bench::HarnessArgs common;
  std::vector<std::string> only;  // Feature names to run; empty: all.
};

std::vector<std::string> split_commas(std::string_view list) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos <= list.size();) {
    const std::size_t comma = std::min(list.find(',', pos), list.size());
    if (comma > pos) out.emplace_back(list.substr(pos, comma - pos));
    pos = comma + 1;
  }
  return out;
}

Args parse_args(int argc, char** argv) {
  Args a{gazette::bench::parse_harness_args(argc, argv, {"--only"}), {}};
  for (const auto& [flag, value] : a.common.other)
    a.only = split_commas(value);
  return a;
}

std::vector<const Feature*> selected_features(const std::vector<std::string>& only) {
  std::vector<const Feature*> out;
  for (const auto& f : kFeatures) {
    if (only.empty() || std::find(only.begin(), only.end(), f.name) != only.end())
      out.push_back(&f);
  }
  if (out.size() < std::max<std::size_t>(1, only.size()))
    throw std::runtime_error("--only names a feature that is not in the table");
  return out;
}

/// What one configuration did, besides its latencies: shows that filters really filter and
/// that the features really ran (facets or timeline points came back).
struct Work {
  std::size_t hits = 0, matches = 0, breakdown_values = 0;
};

Work add_work(Work w, const gazette::SearchResult& r) {
  w.hits += r.hits.size();
  w.matches += r.total_estimate;
  for (const auto& facet : r.facets)
    w.breakdown_values += facet.values.size();
  w.breakdown_values += r.timeline.size();
  return w;
}

struct Measured {
  const Feature* feature;
  SearchRequest request;
  Work work;               // Of the warm-up pass: one search per query.
  std::vector<double> ms;  // One sample per query and run.
};

std::string to_json(const std::string& db, std::size_t articles, std::size_t queries, int runs,
                    const std::vector<Measured>& measured) {
  std::string rows;
  for (const auto& m : measured) {
    if (!rows.empty()) rows += ",\n";
    const auto n = static_cast<double>(queries);
    rows += fmt::format(
        "    {{\"name\": \"{}\", \"what\": \"{}\", {}, \"hits_per_query\": {:.2f}, "
        "\"matches_per_query\": {:.1f}, \"breakdown_values_per_query\": {:.1f}}}",
        m.feature->name, m.feature->what,
        gazette::bench::json_members(gazette::bench::summarise(m.ms)),
        static_cast<double>(m.work.hits) / n, static_cast<double>(m.work.matches) / n,
        static_cast<double>(m.work.breakdown_values) / n);
  }
  return fmt::format(
      "{{\"db\": \"{}\", \"articles\": {}, \"queries\": {}, \"runs\": {}, \"features\": [\n{}\n"
      "]}}\n",
      db, articles, queries, runs, rows);
}

void print_table(std::size_t queries, const std::vector<Measured>& measured) {
  fmt::print("| feature | p50 ms | p95 ms | p99 ms | q/s | matches/query |\n");
  fmt::print("| --- | --- | --- | --- | --- | --- |\n");
  for (const auto& m : measured) {
    const auto l = gazette::bench::summarise(m.ms);
    fmt::print("| {} | {:.2f} | {:.2f} | {:.2f} | {:.0f} | {:.0f} |\n", m.feature->name, l.p50_ms,
               l.p95_ms, l.p99_ms, l.qps,
               static_cast<double>(m.work.matches) / static_cast<double>(queries));
  }
}

}  // namespace

int main(int argc, char** argv) try {
  const Args args = parse_args(argc, argv);
  const auto queries = gazette::bench::read_queries(args.common.queries);
  gazette::Searcher searcher(args.common.db);
  std::vector<Measured> measured;
  for (const Feature* f : selected_features(args.only)) {
    SearchRequest request = base_request();
    f->apply(request);
    measured.push_back({f, std::move(request), {}, {}});
  }
  // Warm-up pass per configuration (page cache, Xapian's caches), which also records what
  // each configuration returns.
  for (auto& m : measured) {
    for (const auto& q : queries) {
      m.request.query = q;
      m.work = add_work(m.work, searcher.search(m.request));
    }
  }
  // Configurations interleave within each run, so that noise from other processes on a
  // shared machine spreads over all of them instead of inflating whichever ran at that time.
  for (int run = 0; run < args.common.runs; ++run) {
    for (auto& m : measured) {
      for (const auto& q : queries) {
        m.request.query = q;
        m.ms.push_back(gazette::bench::time_ms([&] { searcher.search(m.request); }));
      }
    }
  }
  print_table(queries.size(), measured);
  if (!args.common.json_out.empty()) {
    std::ofstream(args.common.json_out) << to_json(args.common.db, searcher.article_count(),
                                                   queries.size(), args.common.runs, measured);
  }
  return 0;
} catch (const std::exception& e) {
  std::cerr << "search_features: " << e.what() << '\n';
  return 2;
}

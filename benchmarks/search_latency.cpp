// Search latency harness: runs a fixed query set against a Gazette database through the
// public Searcher API (top 10 with snippets, warm, in-process) and prints percentiles.
//
//   search_latency --db DIR --queries FILE [--runs N] [--json OUT]
#include <gazette/searcher.hpp>

#include "benchmarks/latency.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) try {
  const gazette::bench::HarnessArgs args = gazette::bench::parse_harness_args(argc, argv);
  const auto queries = gazette::bench::read_queries(args.queries);
  gazette::Searcher searcher(args.db);
  gazette::SearchRequest request;
  request.limit = 10;
  request.match = gazette::MatchMode::any;  // Ranked retrieval, as peers do by default.
  std::size_t hits = 0;
  for (const auto& q : queries) {  // Warm-up pass: page cache and Xapian's caches.
    request.query = q;
    hits += searcher.search(request).hits.size();
  }
  std::vector<double> ms;
  for (int run = 0; run < args.runs; ++run) {
    for (const auto& q : queries) {
      request.query = q;
      ms.push_back(gazette::bench::time_ms([&] { searcher.search(request); }));
    }
  }
  const std::string json =
      fmt::format("{{\"queries\": {}, \"runs\": {}, {}, \"hits_per_pass\": {}}}", queries.size(),
                  args.runs, gazette::bench::json_members(gazette::bench::summarise(ms)), hits);
  std::cout << json << '\n';
  if (!args.json_out.empty()) std::ofstream(args.json_out) << json << '\n';
  return 0;
} catch (const std::exception& e) {
  std::cerr << "search_latency: " << e.what() << '\n';
  return 2;
}

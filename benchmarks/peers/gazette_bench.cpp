// Gazette side of the peer query comparison (benchmarks/peers.sh), through the public
// Searcher API with the request gazette-search makes by default (all words must match, top
// 10, 200-byte snippets, near-duplicate collapsing on): the same queries, passes and date
// filter as fts5_bench and lucene_bench, timed by the same loop (peer_common.hpp).
//
//   gazette_bench query DB QUERIES [RUNS]
#include <gazette/searcher.hpp>

#include "benchmarks/peers/peer_common.hpp"

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) try {
  const std::vector<std::string> a(argv + 1, argv + argc);
  if ((a.size() != 3 && a.size() != 4) || a[0] != "query") {
    std::cerr << "usage: gazette_bench query DB QUERIES [RUNS]\n";
    return 2;
  }
  gazette::Searcher searcher(a[1]);
  const auto queries = gazette::bench::read_queries(a[2]);
  gazette::bench::peers::time_queries(
      queries, a.size() == 4 ? std::atoi(a[3].c_str()) : 5,
      [&](const std::string& q, bool filtered) {
        gazette::SearchRequest request;
        request.query = q;
        request.limit = 10;
        request.match = gazette::MatchMode::all;  // as FTS5 and lucene_bench: AND
        if (filtered) {                           // peers: [kSince, kUntilExclusive)
          request.since = "1987-03-01";
          request.until = "1987-04-30";
        }
        return searcher.search(request).hits.size();
      });
  return 0;
} catch (const std::exception& e) {
  std::cerr << "gazette_bench: " << e.what() << '\n';
  return 2;
}

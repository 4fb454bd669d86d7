// Search latency harness: runs a fixed query set against a Gazette database through the
// public Searcher API (top 10 with snippets, warm, in-process) and prints percentiles.
//
//   search_latency --db DIR --queries FILE [--runs N] [--json OUT]
#include <gazette/searcher.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

struct Args {
  std::string db, queries, json_out;
  int runs = 5;
};

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--db")
      a.db = argv[i + 1];
    else if (flag == "--queries")
      a.queries = argv[i + 1];
    else if (flag == "--runs")
      a.runs = std::max(1, std::atoi(argv[i + 1]));
    else if (flag == "--json")
      a.json_out = argv[i + 1];
    else
      throw std::runtime_error("unknown option " + flag);
  }
  if (a.db.empty() || a.queries.empty()) throw std::runtime_error("need --db and --queries");
  return a;
}

std::vector<std::string> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> queries;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') queries.push_back(line);
  }
  return queries;
}

double percentile(std::vector<double> sorted, double p) {
  const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) try {
  const Args args = parse_args(argc, argv);
  const auto queries = read_queries(args.queries);
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
  const auto start = std::chrono::steady_clock::now();
  for (int run = 0; run < args.runs; ++run) {
    for (const auto& q : queries) {
      request.query = q;
      const auto t0 = std::chrono::steady_clock::now();
      const auto result = searcher.search(request);
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::sort(ms.begin(), ms.end());
  const std::string json = fmt::format(
      "{{\"queries\": {}, \"runs\": {}, \"p50_ms\": {:.3f}, \"p95_ms\": {:.3f}, \"p99_ms\": "
      "{:.3f}, "
      "\"qps\": {:.1f}, \"hits_per_pass\": {}}}",
      queries.size(), args.runs, percentile(ms, 0.50), percentile(ms, 0.95), percentile(ms, 0.99),
      static_cast<double>(ms.size()) / seconds, hits);
  std::cout << json << '\n';
  if (!args.json_out.empty()) std::ofstream(args.json_out) << json << '\n';
  return 0;
} catch (const std::exception& e) {
  std::cerr << "search_latency: " << e.what() << '\n';
  return 2;
}

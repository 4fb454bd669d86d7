// Shared by the search harnesses: the query file format, a stopwatch, and latency
// percentiles, so every harness reports p50/p95/p99 and queries/s the same way.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace gazette::bench {

/// One query per line; blank lines and lines starting with '#' (provenance notes) are skipped.
inline std::vector<std::string> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> queries;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') queries.push_back(line);
  }
  if (queries.empty()) throw std::runtime_error(path + ": no queries");
  return queries;
}

/// Milliseconds taken by `fn()`, on the monotonic clock.
template <typename Fn>
double time_ms(Fn&& fn) {
  const auto t0 = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

/// Nearest-rank percentile of an ascending, non-empty sample; p in [0, 1].
inline double percentile(const std::vector<double>& sorted, double p) {
  const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

/// Latency summary of one set of timed searches.
struct Latency {
  std::size_t samples = 0;
  double p50_ms = 0, p95_ms = 0, p99_ms = 0, mean_ms = 0;
  /// Searches per second of search time alone (harness overhead between searches excluded),
  /// so that harnesses interleaving several configurations still report comparable rates.
  double qps = 0;
};

inline Latency summarise(std::vector<double> ms) {
  if (ms.empty()) return {};
  std::sort(ms.begin(), ms.end());
  double total = 0;
  for (const double m : ms)
    total += m;
  Latency l;
  l.samples = ms.size();
  l.p50_ms = percentile(ms, 0.50);
  l.p95_ms = percentile(ms, 0.95);
  l.p99_ms = percentile(ms, 0.99);
  l.mean_ms = total / static_cast<double>(ms.size());
  l.qps = total > 0 ? 1000.0 * static_cast<double>(ms.size()) / total : 0;
  return l;
}

/// The summary as JSON members (no braces), to embed in a harness's own object.
inline std::string json_members(const Latency& l) {
  return fmt::format(
      "\"p50_ms\": {:.3f}, \"p95_ms\": {:.3f}, \"p99_ms\": {:.3f}, \"mean_ms\": {:.3f}, "
      "\"qps\": {:.1f}",
      l.p50_ms, l.p95_ms, l.p99_ms, l.mean_ms, l.qps);
}

/// The options every search harness takes: --db DIR --queries FILE [--runs N] [--json OUT].
struct HarnessArgs {
  std::string db, queries, json_out;
  int runs = 5;
  std::vector<std::pair<std::string, std::string>> other;  ///< Harness-specific flags.
};

/// Parses `--flag value` pairs; flags other than the common ones go to `other` when listed
/// in `extra_flags`, else are an error. Throws std::runtime_error with a one-line reason.
inline HarnessArgs parse_harness_args(int argc, char** argv,
                                      const std::vector<std::string>& extra_flags = {}) {
  HarnessArgs a;
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
    else if (std::find(extra_flags.begin(), extra_flags.end(), flag) != extra_flags.end())
      a.other.emplace_back(flag, argv[i + 1]);
    else
      throw std::runtime_error("unknown option " + flag);
  }
  if (a.db.empty() || a.queries.empty()) throw std::runtime_error("need --db and --queries");
  return a;
}

}  // namespace gazette::bench

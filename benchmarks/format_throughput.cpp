// Read+extract throughput per input format: scans each given path, reads every file with
// the indexer's file reader (containers, format detection, the format's reader), and
// reports MB/s and articles/s — no analysis, no database, so the readers alone are timed.
//
//   format_throughput LABEL=PATH... [--runs N]
#include "indexer/src/file_reader.hpp"
#include "indexer/src/file_scanner.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace {

struct Totals {
  std::size_t files = 0, articles = 0, bytes = 0, problems = 0, failed = 0;
};

Totals read_tree(const std::string& path) {
  Totals totals;
  gazette::indexer::FileReadOptions options;
  gazette::indexer::ScanVisitor visitor;
  visitor.on_file = [&](const gazette::indexer::ScannedFile& file) {
    ++totals.files;
    totals.bytes += std::filesystem::file_size(file.path);
    try {
      const auto content = gazette::indexer::read_file(file, options);
      totals.articles += content.articles.size();
      totals.problems += content.problems.size();
    } catch (const std::exception&) {
      ++totals.failed;
    }
  };
  gazette::indexer::scan(path, visitor);
  return totals;
}

}  // namespace

int main(int argc, char** argv) try {
  int runs = 3;
  std::vector<std::pair<std::string, std::string>> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (const auto eq = arg.find('='); eq != std::string::npos) {
      inputs.emplace_back(arg.substr(0, eq), arg.substr(eq + 1));
    } else {
      throw std::runtime_error("arguments are LABEL=PATH or --runs N, not " + arg);
    }
  }
  std::cout << "| format | files | articles | MB | MB/s | articles/s | problems | failed |\n"
               "| --- | --- | --- | --- | --- | --- | --- | --- |\n";
  for (const auto& [label, path] : inputs) {
    read_tree(path);  // Warm the page cache.
    double best = 1e300;
    Totals totals;
    for (int run = 0; run < runs; ++run) {
      const auto t0 = std::chrono::steady_clock::now();
      totals = read_tree(path);
      best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    const double mb = static_cast<double>(totals.bytes) / 1e6;
    std::cout << fmt::format("| {} | {} | {} | {:.1f} | {:.1f} | {:.0f} | {} | {} |\n", label,
                             totals.files, totals.articles, mb, mb / best,
                             static_cast<double>(totals.articles) / best, totals.problems,
                             totals.failed);
  }
  return 0;
} catch (const std::exception& e) {
  std::cerr << "format_throughput: " << e.what() << '\n';
  return 2;
}

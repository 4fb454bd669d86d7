// Gazette's run on the TIME test collection (benchmarks/peers.sh, relevance_eval.py): indexes
// the TIME articles as JSON Lines (benchmarks/peers/prepare.py) with gazette::Indexer and
// writes a TREC run file, top N (1000) per query, words OR'ed (MatchMode::any), default BM25.
//
//   relevance JSONL TIME-QUERIES DB RUN [N]
#include <gazette/indexer.hpp>
#include <gazette/searcher.hpp>

#include "benchmarks/peers/peer_common.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

void index(const std::string& jsonl, const std::string& db) {
  std::filesystem::remove_all(db);
  gazette::Indexer indexer(db);
  const auto report = indexer.add_paths({jsonl});
  if (report.files_failed) throw std::runtime_error(jsonl + ": " + report.problems[0].reason);
  std::cerr << "relevance: indexed " << report.articles_indexed << " articles\n";
}

/// The record id of a JSON Lines article: its key is "path#id".
std::string record_id(const std::string& key) {
  return key.substr(key.rfind('#') + 1);
}

void run(const std::string& db, const std::string& queries, const std::string& out_path,
         std::size_t depth) {
  gazette::Searcher searcher(db);
  std::ofstream out(out_path);
  for (const auto& [qid, text] : gazette::bench::peers::read_trec_queries(queries)) {
    gazette::SearchRequest request;
    request.query = text;
    request.limit = depth;
    request.match = gazette::MatchMode::any;
    request.snippet_chars = 0;
    request.collapse = false;  // a ranking measure: keep every article in its place
    request.suggest = false;
    for (const auto& hit : searcher.search(request).hits)
      out << qid << " Q0 " << record_id(hit.article.id) << ' ' << hit.rank << ' ' << hit.score
          << " gazette\n";
  }
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc != 5 && argc != 6) {
    std::cerr << "usage: relevance JSONL TIME-QUERIES DB RUN [N]\n";
    return 2;
  }
  index(argv[1], argv[3]);
  run(argv[3], argv[2], argv[4], argc == 6 ? std::strtoul(argv[5], nullptr, 10) : 1000);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "relevance: " << e.what() << '\n';
  return 2;
}

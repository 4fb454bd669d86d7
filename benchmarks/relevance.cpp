// Gazette's run on the TIME test collection (benchmarks/peers.sh, relevance_eval.py): indexes
// the TIME articles as JSON Lines (benchmarks/peers/prepare.py) with gazette::Indexer and
// writes a TREC run file, top N (1000) per query, words OR'ed (MatchMode::any), with
// Gazette's default ranking. Options change the ranking (searcher/src/ranking.hpp) to
// measure alternatives (benchmarks/README.md, "Relevance tuning"):
//
//   relevance JSONL TIME-QUERIES DB RUN [N] [--reuse-db] [--k1 X] [--b X]
//             [--title-weight X] [--stopwords on|off] [--stemming some|all_z|none]
//             [--expand] [--feedback DOCS,TERMS,WEIGHT]
//
// --reuse-db searches DB as it is instead of indexing JSONL into it afresh. --expand turns on
// pseudo-relevance feedback (SearchRequest::expand); --feedback does too, with its settings.
#include <gazette/indexer.hpp>
#include <gazette/searcher.hpp>

#include "benchmarks/peers/peer_common.hpp"
#include "searcher/src/ranking.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
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
         std::size_t depth, bool expand) {
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
    request.expand = expand;
    for (const auto& hit : searcher.search(request).hits)
      out << qid << " Q0 " << record_id(hit.article.id) << ' ' << hit.rank << ' ' << hit.score
          << " gazette\n";
  }
}

double number(const std::string& flag, const std::string& value) {
  std::size_t used = 0;
  const double x = std::stod(value, &used);
  if (used != value.size() || x < 0) throw std::invalid_argument(flag + ": bad value " + value);
  return x;
}

// Applies one ranking option to `r`; false when `flag` is not one.
bool ranking_option(const std::string& flag, const std::string& value,
                    gazette::searcher::Ranking& r) {
  if (flag == "--k1") {
    r.k1 = number(flag, value);
  } else if (flag == "--b") {
    r.b = number(flag, value);
  } else if (flag == "--title-weight") {
    r.title_weight = number(flag, value);
  } else if (flag == "--stopwords") {
    if (value != "on" && value != "off") throw std::invalid_argument("--stopwords: on or off");
    r.stopwords = value == "on";
  } else if (flag == "--stemming") {
    using QP = Xapian::QueryParser;
    if (value == "some") {
      r.stemming = QP::STEM_SOME;
    } else if (value == "all_z") {
      r.stemming = QP::STEM_ALL_Z;
    } else if (value == "none") {
      r.stemming = QP::STEM_NONE;
    } else {
      throw std::invalid_argument("--stemming: some, all_z or none");
    }
  } else if (flag == "--feedback") {
    const auto c1 = value.find(','), c2 = value.rfind(',');
    if (c1 == std::string::npos || c1 == c2)
      throw std::invalid_argument("--feedback: DOCS,TERMS,WEIGHT");
    r.feedback_docs = static_cast<std::size_t>(number(flag, value.substr(0, c1)));
    r.feedback_terms = static_cast<std::size_t>(number(flag, value.substr(c1 + 1, c2 - c1 - 1)));
    r.feedback_weight = number(flag, value.substr(c2 + 1));
  } else {
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) try {
  std::vector<std::string> positional;
  bool reuse_db = false;
  bool expand = false;
  auto& ranking = gazette::searcher::ranking_defaults();
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--reuse-db") {
      reuse_db = true;
    } else if (arg == "--expand") {
      expand = true;
    } else if (arg.starts_with("--")) {
      if (i + 1 >= argc || !ranking_option(arg, argv[i + 1], ranking))
        throw std::invalid_argument("unknown option or missing value: " + arg);
      expand = expand || arg == "--feedback";
      ++i;
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 4 && positional.size() != 5) {
    std::cerr << "usage: relevance JSONL TIME-QUERIES DB RUN [N] [--reuse-db] [--k1 X] [--b X]\n"
                 "       [--title-weight X] [--stopwords on|off] [--stemming some|all_z|none]\n"
                 "       [--expand] [--feedback DOCS,TERMS,WEIGHT]\n";
    return 2;
  }
  if (!reuse_db) index(positional[0], positional[2]);
  run(positional[2], positional[1], positional[3],
      positional.size() == 5 ? std::strtoul(positional[4].c_str(), nullptr, 10) : 1000, expand);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "relevance: " << e.what() << '\n';
  return 2;
}

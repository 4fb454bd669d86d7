// Shared by the peer harnesses (fts5_bench, lucene_bench, gazette_bench): the common JSON
// Lines articles, the query file syntax split into parts each engine translates, the TIME
// query file, and the timed query loop, so that every engine is fed and timed the same way.
#pragma once

#include "benchmarks/latency.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <cctype>
#include <fstream>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace gazette::bench::peers {

/// One article of the common text written by benchmarks/peers/prepare.py.
struct Article {
  std::string id, title, date, tags, body;  // tags space-separated (Reuters TOPICS)
};

/// Calls `fn` for each record of a JSON Lines file.
inline std::size_t for_each_article(const std::string& path,
                                    const std::function<void(const Article&)>& fn) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    Article a{j.value("id", ""), j.value("title", ""), j.value("date", ""), "",
              j.value("body", "")};
    for (const auto& t : j.value("tags", nlohmann::json::array()))
      a.tags += (a.tags.empty() ? "" : " ") + t.get<std::string>();
    fn(a);
    ++n;
  }
  return n;
}

/// One part of a benchmark query: a word or a quoted phrase, optionally limited to a field
/// ("title:" or "tag:" prefixes of queries/reuters.txt; field "tags" for tag:).
struct QueryPart {
  std::string field;               ///< "", "title" or "tags".
  std::vector<std::string> words;  ///< Lower-case; more than one for a phrase.
  bool phrase = false;
};

/// Splits a query of the Gazette syntax used in queries/*.txt into parts. Only what the
/// query files use is understood: words, "quoted phrases", title:word and tag:word.
inline std::vector<QueryPart> parse_query(const std::string& q) {
  std::vector<QueryPart> parts;
  std::size_t i = 0;
  while (i < q.size()) {
    if (std::isspace(static_cast<unsigned char>(q[i]))) {
      ++i;
      continue;
    }
    QueryPart p;
    for (const char* prefix : {"title:", "tag:"}) {
      const std::string pre = prefix;
      if (q.compare(i, pre.size(), pre) == 0) {
        p.field = pre == "tag:" ? "tags" : "title";
        i += pre.size();
      }
    }
    std::string text;
    if (i < q.size() && q[i] == '"') {
      const auto end = q.find('"', i + 1);
      text = q.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
      i = end == std::string::npos ? q.size() : end + 1;
      p.phrase = true;
    } else {
      const auto end = q.find(' ', i);
      text = q.substr(i, end == std::string::npos ? std::string::npos : end - i);
      i = end == std::string::npos ? q.size() : end;
    }
    // Keep letters and digits only: the rest is query syntax to FTS5 and Lucene.
    std::string word;
    for (const char c : text + " ") {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (!word.empty()) {
        p.words.push_back(word);
        word.clear();
      }
    }
    if (p.words.size() == 1) p.phrase = false;
    if (!p.words.empty()) parts.push_back(p);
  }
  return parts;
}

/// TIME queries (prepare.py's time-queries.tsv): id TAB words.
inline std::vector<std::pair<std::string, std::string>> read_trec_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string line; std::getline(in, line);) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) out.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return out;
}

/// The date filter of the "filtered" pass: March and April 1987, the busiest months of
/// Reuters-21578 (as the `filtered` row of search_features). ISO strings compare as dates.
inline constexpr const char* kSince = "1987-03-01";
inline constexpr const char* kUntilExclusive = "1987-05-01";

/// Runs `search(query, filtered)` (which returns its hit count) over every query: one warm-up
/// pass, then `runs` timed passes, for the plain and the date-filtered variant; prints and
/// returns one JSON object with both latency summaries.
inline std::string time_queries(
    const std::vector<std::string>& queries, int runs,
    const std::function<std::size_t(const std::string&, bool)>& search) {
  std::string json = fmt::format("{{\"queries\": {}, \"runs\": {}", queries.size(), runs);
  for (const bool filtered : {false, true}) {
    std::size_t hits = 0;
    for (const auto& q : queries)
      hits += search(q, filtered);  // warm-up: page cache, engine caches
    std::vector<double> ms;
    for (int r = 0; r < runs; ++r)
      for (const auto& q : queries)
        ms.push_back(time_ms([&] { search(q, filtered); }));
    json += fmt::format(", \"{}\": {{{}, \"hits_per_pass\": {}}}", filtered ? "filtered" : "plain",
                        json_members(summarise(ms)), hits);
  }
  json += "}";
  std::cout << json << '\n';
  return json;
}

/// What each peer harness does, by command: `index JSONL... STORE`, `query STORE QUERIES
/// [RUNS]`, `trec STORE TIME-QUERIES RUN [N]`.
struct Commands {
  std::function<int(const std::vector<std::string>&, const std::string&)> index;
  std::function<int(const std::string&, const std::string&, int)> query;
  std::function<int(const std::string&, const std::string&, const std::string&, int)> trec;
};

/// Runs the command named by argv[1] with the rest of argv; prints usage for `name` (whose
/// index is called STORE in it) and returns 2 when the arguments fit no command.
inline int dispatch(int argc, char** argv, const char* name, const char* store,
                    const Commands& commands) {
  const std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() >= 3 && a[0] == "index")
    return commands.index({a.begin() + 1, a.end() - 1}, a.back());
  if ((a.size() == 3 || a.size() == 4) && a[0] == "query")
    return commands.query(a[1], a[2], a.size() == 4 ? std::atoi(a[3].c_str()) : 5);
  if ((a.size() == 4 || a.size() == 5) && a[0] == "trec")
    return commands.trec(a[1], a[2], a[3], a.size() == 5 ? std::atoi(a[4].c_str()) : 1000);
  std::cerr << fmt::format(
      "usage: {0} index JSONL... {1} | query {1} QUERIES [RUNS] | "
      "trec {1} TIME-QUERIES RUN [N]\n",
      name, store);
  return 2;
}

}  // namespace gazette::bench::peers

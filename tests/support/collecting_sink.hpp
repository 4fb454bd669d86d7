// An ArticleSink for reader tests: keeps every article, problem and unreadable date.
#pragma once

#include "indexer/src/reader.hpp"

#include <string>
#include <vector>

namespace gazette::test {

struct CollectingSink final : indexer::ArticleSink {
  struct Problem {
    std::string location, reason;
  };
  std::vector<Article> articles;
  std::vector<Problem> problems;
  std::vector<std::string> unreadable_dates;

  void article(Article a) override { articles.push_back(std::move(a)); }
  void problem(std::string location, std::string reason) override {
    problems.push_back({std::move(location), std::move(reason)});
  }
  void unreadable_date(std::string_view text) override { unreadable_dates.emplace_back(text); }
};

/// Runs `read` over `bytes` with default (or given) options and returns what it found.
inline CollectingSink read_all(indexer::ReadFunction read, std::string_view bytes,
                               const indexer::ReadOptions& options = {}) {
  CollectingSink sink;
  read(bytes, options, sink);
  return sink;
}

}  // namespace gazette::test

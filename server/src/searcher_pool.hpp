// Searchers for the server's threads: a Searcher may be used by one thread at a time, so
// each request leases one, brought up to the database's latest commit, and gives it back.
#pragma once

#include <gazette/searcher.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gazette::server {

class SearcherPool {
 public:
  explicit SearcherPool(std::string db_path);

  /// A Searcher held by one request; returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher);
    ~Lease();
    Lease(Lease&&) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    Searcher& operator*() const { return *searcher_; }
    Searcher* operator->() const { return searcher_.get(); }

   private:
    SearcherPool* pool_;
    std::unique_ptr<Searcher> searcher_;
  };

  /// An idle Searcher reopened at the latest commit (so every request sees what a running
  /// indexer has committed), or a newly opened one. Throws gazette::Error when the database
  /// cannot be opened (not_found before the first index, database_corrupt ...).
  Lease lease();

  const std::string& db_path() const { return db_path_; }

 private:
  void give_back(std::unique_ptr<Searcher> searcher);

  std::string db_path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Searcher>> idle_;
};

}  // namespace gazette::server

// SearcherPool: see searcher_pool.hpp.
#include "server/src/searcher_pool.hpp"

#include <gazette/error.hpp>

#include <utility>

namespace gazette::server {

SearcherPool::SearcherPool(std::string db_path) : db_path_(std::move(db_path)) {}

SearcherPool::Lease::Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher)
    : pool_(&pool), searcher_(std::move(searcher)) {}

SearcherPool::Lease::~Lease() {
  if (searcher_) pool_->give_back(std::move(searcher_));
}

SearcherPool::Lease SearcherPool::lease() {
  std::unique_ptr<Searcher> searcher;
  {
    const std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      searcher = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (searcher) {
    try {
      searcher->reopen();
      return Lease(*this, std::move(searcher));
    } catch (const Error&) {
      // The database went away or was replaced by one this Searcher cannot follow:
      // drop it and open afresh, which reports the state of the database as it is now.
    }
  }
  return Lease(*this, std::make_unique<Searcher>(db_path_));
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher) {
  const std::lock_guard lock(mutex_);
  idle_.push_back(std::move(searcher));
}

}  // namespace gazette::server

// Ordered parallel map: worker threads compute results for items 0..n-1 while the calling
// thread consumes them strictly in item order. The indexer reads and analyses files on
// every core this way, while one thread writes them in scan order, so the database is the
// same whatever the number of threads.
#pragma once

#include <pthread.h>

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace gazette::indexer {

/// Names the calling thread (at most 15 bytes), so that top -H and perf tell the indexing
/// threads apart.
inline void name_this_thread(const char* name) {
  pthread_setname_np(pthread_self(), name);
}

/// Items pushed by the calling thread are worked on by `threads` worker threads, and their
/// results consumed on the calling thread in the order the items were pushed. At most
/// `window` items (at least `threads`) are in flight, pushed but not consumed: pushing into
/// a full window first waits for the oldest result, so a producer faster than the workers
/// and the consumer waits for them and memory stays bounded. The oldest result is taken out
/// before the new item goes in and consumed after, so the workers go on while the consumer
/// works. With `threads` 0 or 1 push() works and consumes on the calling thread.
///
/// `consume` returns false to stop early: no further result is consumed, push() and
/// finish() return false, and items in flight are finished and dropped. An exception from
/// `work` is rethrown by push() or finish() when its item's turn to be consumed comes; one
/// from `consume` (or the producer) leaves the pipeline, whose destructor stops the workers.
template <typename Item, typename Result>
class OrderedPipeline {
 public:
  using Work = std::function<Result(Item&&, unsigned worker)>;
  using Consume = std::function<bool(Result&&)>;

  OrderedPipeline(unsigned threads, std::size_t window, Work work, Consume consume)
      : work_(std::move(work)),
        consume_(std::move(consume)),
        slots_(threads <= 1 ? 0 : std::max<std::size_t>(window, threads)) {
    for (unsigned w = 0; threads > 1 && w < threads; ++w)
      workers_.emplace_back([this, w] {
        name_this_thread("gz-analyse");
        worker_loop(w);
      });
  }

  ~OrderedPipeline() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    for (auto& t : workers_)
      t.join();
  }

  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  /// Hands over the next item; false once consuming has stopped (the item is dropped).
  bool push(Item item) {
    if (stopped_) return false;
    if (workers_.empty()) return keep_going(consume_(work_(std::move(item), 0)));
    std::optional<Slot> oldest;
    if (pushed_ - consumed_ == slots_.size()) oldest = take_oldest();
    {
      std::lock_guard lock(mutex_);
      slots_[pushed_ % slots_.size()].item.emplace(std::move(item));
      ++pushed_;
    }
    changed_.notify_all();
    return !oldest || consume(std::move(*oldest));
  }

  /// Consumes every result still in flight; false if consuming stopped.
  bool finish() {
    while (!stopped_ && consumed_ < pushed_) {
      if (!consume(take_oldest())) break;
    }
    return !stopped_;
  }

 private:
  struct Slot {
    std::optional<Item> item;  // Pushed, not yet claimed by a worker.
    std::optional<Result> value;
    std::exception_ptr error;
    bool ready = false;
  };

  void worker_loop(unsigned worker) {
    for (;;) {
      std::size_t i = 0;
      Item item;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stop_ || claimed_ < pushed_; });
        if (stop_) return;
        i = claimed_++;
        item = std::move(*slots_[i % slots_.size()].item);
        slots_[i % slots_.size()].item.reset();
      }
      Slot done;
      try {
        done.value.emplace(work_(std::move(item), worker));
      } catch (...) {
        done.error = std::current_exception();
      }
      done.ready = true;
      std::lock_guard lock(mutex_);
      slots_[i % slots_.size()] = std::move(done);
      changed_.notify_all();
    }
  }

  // Waits for the oldest result and frees its slot.
  Slot take_oldest() {
    Slot slot;
    {
      std::unique_lock lock(mutex_);
      Slot& oldest = slots_[consumed_ % slots_.size()];
      changed_.wait(lock, [&] { return oldest.ready; });
      slot = std::move(oldest);
      oldest = Slot{};
      ++consumed_;
    }
    changed_.notify_all();
    return slot;
  }

  bool consume(Slot&& slot) {
    if (slot.error) std::rethrow_exception(slot.error);
    return keep_going(consume_(std::move(*slot.value)));
  }

  bool keep_going(bool go_on) {
    stopped_ = !go_on;
    return go_on;
  }

  Work work_;
  Consume consume_;
  std::vector<Slot> slots_;  // Item i in slots_[i % size].
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t pushed_ = 0, claimed_ = 0, consumed_ = 0;  // Guarded by mutex_ (consumed_
  bool stop_ = false;                                    // and pushed_ written by the caller).
  bool stopped_ = false;  // consume_ returned false (caller thread only).
  std::vector<std::thread> workers_;
};

/// Calls `work(i, worker)` for every i in [0, count) on `threads` worker threads (worker is
/// 0..threads-1, e.g. to pick per-thread state), at most `window` items ahead of the
/// consumer so memory stays bounded, and `consume(i, result)` on the calling thread in
/// order of i: OrderedPipeline over the item numbers.
template <typename Result>
void ordered_parallel(std::size_t count, unsigned threads, std::size_t window,
                      const std::function<Result(std::size_t, unsigned)>& work,
                      const std::function<bool(std::size_t, Result&&)>& consume) {
  std::size_t next_to_consume = 0;
  OrderedPipeline<std::size_t, Result> pipeline(
      threads, window, [&](std::size_t&& i, unsigned worker) { return work(i, worker); },
      [&](Result&& result) { return consume(next_to_consume++, std::move(result)); });
  for (std::size_t i = 0; i < count; ++i) {
    if (!pipeline.push(i)) return;
  }
  pipeline.finish();
}

}  // namespace gazette::indexer

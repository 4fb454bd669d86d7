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

/// Calls `work(i, worker)` for every i in [0, count) on `threads` worker threads (worker is
/// 0..threads-1, e.g. to pick per-thread state), at most `window` items ahead of the
/// consumer so memory stays bounded, and `consume(i, result)` on the calling thread in
/// order of i. `consume` returns false to stop early (no further item is consumed; items
/// being worked on are finished and dropped). With `threads` 0 or 1 everything runs on the
/// calling thread. An exception from `work` is rethrown by the call when its item's turn to
/// be consumed comes; one from `consume` stops the workers first.
template <typename Result>
void ordered_parallel(std::size_t count, unsigned threads, std::size_t window,
                      const std::function<Result(std::size_t, unsigned)>& work,
                      const std::function<bool(std::size_t, Result&&)>& consume) {
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      if (!consume(i, work(i, 0))) return;
    }
    return;
  }
  window = std::max<std::size_t>(window, threads);
  struct Slot {
    std::optional<Result> value;
    std::exception_ptr error;
    bool ready = false;
  };
  std::vector<Slot> slots(window);
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next_to_claim = 0;
  std::size_t consumed = 0;
  bool stop = false;

  auto worker_loop = [&](unsigned worker) {
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] {
          return stop || next_to_claim >= count || next_to_claim < consumed + window;
        });
        if (stop || next_to_claim >= count) return;
        i = next_to_claim++;
      }
      Slot done;
      try {
        done.value.emplace(work(i, worker));
      } catch (...) {
        done.error = std::current_exception();
      }
      done.ready = true;
      std::lock_guard lock(mutex);
      slots[i % window] = std::move(done);
      changed.notify_all();
    }
  };

  std::vector<std::thread> workers;
  // Stops and joins the workers however this function is left.
  struct Joiner {
    std::vector<std::thread>& workers;
    std::mutex& mutex;
    std::condition_variable& changed;
    bool& stop;
    ~Joiner() {
      {
        std::lock_guard lock(mutex);
        stop = true;
      }
      changed.notify_all();
      for (auto& t : workers)
        t.join();
    }
  } joiner{workers, mutex, changed, stop};
  for (unsigned w = 0; w < threads; ++w)
    workers.emplace_back([&worker_loop, w] {
      name_this_thread("gz-analyse");
      worker_loop(w);
    });

  for (std::size_t i = 0; i < count; ++i) {
    Slot slot;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return slots[i % window].ready; });
      slot = std::move(slots[i % window]);
      slots[i % window] = Slot{};
      consumed = i + 1;
    }
    changed.notify_all();
    if (slot.error) std::rethrow_exception(slot.error);
    if (!consume(i, std::move(*slot.value))) return;
  }
}

}  // namespace gazette::indexer

// The live progress line gazette-index draws on a terminal.
#pragma once

#include <gazette/indexer.hpp>

#include <chrono>
#include <cstdio>

namespace gazette::cli {

/// One line on stderr, redrawn in place at most ten times a second:
/// "[#####-----]  120/480 files, 1,204 articles, 3.2 MB/s, ETA 0:42". Disabled, it does
/// nothing, so callers need no conditions (pipes and cron jobs get no progress).
class ProgressBar {
 public:
  /// Enabled only when `wanted` and stderr is a terminal.
  explicit ProgressBar(bool wanted);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// Redraws the line unless it was drawn less than 100 ms ago.
  void update(const IndexProgress& progress);
  /// Erases the line (before a message or the summary); the next update() draws it again.
  void clear();

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace gazette::cli

// Terminal progress line for gazette-index.
#include "indexer/cli/progress.hpp"

#include <fmt/format.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <string>

namespace gazette::cli {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
constexpr std::size_t kBarWidth = 20;

std::size_t terminal_width() {
  winsize ws{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::string bar(std::size_t done, std::size_t total) {
  if (total == 0) return "";
  const std::size_t filled = std::min(kBarWidth, done * kBarWidth / total);
  return "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '-') + "] ";
}

// "1:02:03" or "2:03"; estimated from the files still to look at, at the rate so far.
std::string eta(std::size_t done, std::size_t total, double elapsed) {
  if (done == 0 || total <= done) return "";
  const auto left = static_cast<long long>(elapsed / static_cast<double>(done) *
                                           static_cast<double>(total - done));
  if (left >= 3600)
    return fmt::format(", ETA {}:{:02}:{:02}", left / 3600, left / 60 % 60, left % 60);
  return fmt::format(", ETA {}:{:02}", left / 60, left % 60);
}

std::string line(const IndexProgress& p, double elapsed) {
  const double mb_per_s = elapsed > 0 ? static_cast<double>(p.bytes_read) / 1e6 / elapsed : 0;
  const std::string files = p.files_total > 0 ? fmt::format("{}/{}", p.files_done, p.files_total)
                                              : fmt::format("{}", p.files_done);
  return fmt::format("{}{} files, {} articles, {:.1f} MB/s{}", bar(p.files_done, p.files_total),
                     files, p.articles, mb_per_s, eta(p.files_done, p.files_total, elapsed));
}

}  // namespace

ProgressBar::ProgressBar(bool wanted)
    : enabled_(wanted && ::isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  clear();
}

void ProgressBar::update(const IndexProgress& progress) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (shown_ && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  std::string text = line(progress, std::chrono::duration<double>(now - start_).count());
  // Never wider than the terminal: a wrapped line could not be redrawn in place.
  text.resize(std::min(text.size(), terminal_width() - 1));
  std::fputs(("\r\x1b[K" + text).c_str(), stderr);
  std::fflush(stderr);
  shown_ = true;
}

void ProgressBar::clear() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace gazette::cli

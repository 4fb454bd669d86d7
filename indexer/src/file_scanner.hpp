// Walks the paths given to the indexer: recursive, deterministic order, hidden entries and
// symlink loops skipped, each file paired with its stable article key.
#pragma once

#include <gazette/indexer.hpp>

#include <filesystem>
#include <functional>
#include <string>

namespace gazette::indexer {

/// One regular file found by the scan.
struct ScannedFile {
  std::filesystem::path path;  ///< Absolute, lexically normal.
  std::string key;             ///< Path relative to the root (generic '/' separators);
                               ///< for a file given directly, its file name.
};

/// What a scan visits; problems are unreadable directories or broken entries.
struct ScanVisitor {
  std::function<void(const ScannedFile&)> on_file;
  std::function<void(const FileProblem&)> on_problem;
  /// Asked before each file; returning true stops the scan.
  std::function<bool()> should_stop;
};

/// Scans `root` (a directory or a single file), calling the visitor for each regular file
/// in name order. Entries whose name starts with '.' are skipped below the root; symlinks
/// are followed, but a directory already visited in this scan is not entered again.
/// Throws gazette::Error(not_found) if `root` does not exist.
void scan(const std::filesystem::path& root, const ScanVisitor& visitor);

}  // namespace gazette::indexer

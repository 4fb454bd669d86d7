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
  /// A file passed over as documentation rather than an article (is_documentation()).
  std::function<void(const ScannedFile&)> on_documentation;
  std::function<void(const FileProblem&)> on_problem;
  /// Asked before each file; returning true stops the scan.
  std::function<bool()> should_stop;
};

/// Scans `root` (a directory or a single file), calling the visitor for each regular file
/// in name order. Entries whose name starts with '.' are skipped below the root; symlinks
/// are followed, but a directory already visited in this scan is not entered again. Files
/// found in a directory that is_documentation() calls documentation go to
/// `on_documentation` instead of `on_file`; a file given as the root is always read.
/// Throws gazette::Error(not_found) if `root` does not exist.
void scan(const std::filesystem::path& root, const ScanVisitor& visitor);

/// True for a file that documents an archive rather than being one of its articles, so
/// that indexing a collection as it is shipped yields its articles and nothing else:
/// - a README, LICENSE, COPYING, CHANGELOG, NOTICE or checksum list (SHA256SUMS…),
///   whatever its extension;
/// - a plain-text file (.txt, .text, .md) in a collection's directory, one that holds more
///   Reuters or TREC SGML files than plain-text files (READMEs aside): the notes and
///   category lists shipped beside Reuters-21578's 22 SGML files or a TREC disk's data.
///   `in_collection_directory` says whether it is in one.
bool is_documentation(std::string_view file_name, bool in_collection_directory);

/// True when `path` is a Reuters or TREC SGML collection file, judged by its name
/// (compression suffix stripped) and, when the name has no extension, by its first bytes.
bool is_collection_file(const std::filesystem::path& path);

}  // namespace gazette::indexer

// One indexing run over a set of roots: scan, compare with the recorded file states, and
// index what is new or changed, re-key what moved, delete what vanished — committing file
// states in the same commits as their articles.
#pragma once

#include <gazette/indexer.hpp>

#include "indexer/src/document_builder.hpp"
#include "indexer/src/file_reader.hpp"

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace gazette::indexer {

/// Files larger than this are not read ahead by the worker threads, which would hold each
/// whole with its articles: the writer reads them when it reaches them, handing their
/// articles as they are read to worker threads that analyse them in chunks (incremental.cpp).
/// Measured on 2 cores: streaming cost no time for files from 1.3 MB (Reuters SGML) to
/// 192 MB, and took less memory (135 instead of 239 MB for Reuters SGML, 150 instead of
/// 177 MB for 19 MB of JSON Lines), but 15-30% more time for small pages (BBC text, HTML),
/// whose reading must stay on the worker threads; 8 MiB keeps every such page read ahead,
/// and bounds what each worker thread holds of a file read whole.
inline constexpr std::uint64_t kStreamFilesOverBytes = std::uint64_t{8} << 20;

/// What a run writes to, and how.
struct RunTarget {
  Xapian::WritableDatabase& db;
  DocumentBuilder& builder;
  const IndexerOptions& options;
  const FileReadOptions& read;
  std::string db_path;  ///< For messages.
  /// A first build (`db` empty, no file states): articles and file states go there, in
  /// batches, and nothing is committed to `db`. The caller finishes it.
  class SegmentedBuild* segments = nullptr;
  /// kStreamFilesOverBytes; tests lower it to stream small files.
  std::uint64_t stream_files_over = kStreamFilesOverBytes;
};

/// Runs one pass over `roots` (absolute, lexically normal paths of directories or files).
/// Throws gazette::Error only for database failures; file trouble goes into the report.
IndexReport run_update(RunTarget target, const std::vector<std::filesystem::path>& roots);

/// Worker threads for IndexerOptions::threads: `requested`, or every core for 0.
unsigned worker_threads(std::size_t requested);

/// Commits, stamping the last-update time, if anything was written since the last commit.
void commit_changes(Xapian::WritableDatabase& db);

/// Roots recorded in `db`.
std::vector<std::filesystem::path> recorded_roots(const Xapian::Database& db);

/// Records `roots` in `db` (keeping existing ones, adding new ones at the end).
void record_roots(Xapian::WritableDatabase& db, const std::vector<std::filesystem::path>& roots);

/// Every recorded file state whose path lies under one of `roots` (all when empty).
std::vector<struct FileState> states_under(const Xapian::Database& db,
                                           const std::vector<std::filesystem::path>& roots);

/// True when `path` is `root` or lies below it.
bool is_under(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace gazette::indexer

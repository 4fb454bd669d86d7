// One indexing run over a set of roots: scan, plan (the diff against the recorded file
// states: plan.hpp), then carry the plan out (execute.hpp) into the live database or a
// segmented first build (article_store.hpp) — or, dry, only report it.
#pragma once

#include <gazette/indexer.hpp>

#include "indexer/src/article_store.hpp"
#include "indexer/src/document_builder.hpp"
#include "indexer/src/execute.hpp"
#include "indexer/src/file_reader.hpp"

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace gazette::indexer {

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

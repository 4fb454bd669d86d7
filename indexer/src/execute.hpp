// Carries out a plan (plan.hpp) through an article store (article_store.hpp): worker
// threads read and analyse the files to index while the calling thread writes every
// planned step in plan order, so the database does not depend on the number of threads.
#pragma once

#include <gazette/indexer.hpp>

#include "indexer/src/article_store.hpp"
#include "indexer/src/document_builder.hpp"
#include "indexer/src/file_reader.hpp"
#include "indexer/src/plan.hpp"
#include "indexer/src/run_report.hpp"

#include <cstdint>
#include <vector>

namespace gazette::indexer {

/// Files larger than this are not read ahead by the worker threads, which would hold each
/// whole with its articles: the writer reads them when it reaches them, handing their
/// articles as they are read to worker threads that analyse them in chunks (execute.cpp).
/// Measured on 2 cores: streaming cost no time for files from 1.3 MB (Reuters SGML) to
/// 192 MB, and took less memory (135 instead of 239 MB for Reuters SGML, 150 instead of
/// 177 MB for 19 MB of JSON Lines), but 15-30% more time for small pages (BBC text, HTML),
/// whose reading must stay on the worker threads; 8 MiB keeps every such page read ahead,
/// and bounds what each worker thread holds of a file read whole.
inline constexpr std::uint64_t kStreamFilesOverBytes = std::uint64_t{8} << 20;

/// How files are read and analysed.
struct Analysis {
  DocumentBuilder& builder;  ///< For the calling thread; workers have their own.
  const IndexerOptions& options;
  const FileReadOptions& read;
  /// kStreamFilesOverBytes; tests lower it to stream small files.
  std::uint64_t stream_files_over = kStreamFilesOverBytes;
};

/// Carries out `plan` over `found` (the files it was made from) into `store`, finishing
/// it. Stops early, with IndexReport::interrupted, when IndexerOptions::cancel is set.
/// Throws gazette::Error or Xapian errors only for store failures; file trouble goes to
/// `report`.
void execute_plan(const Plan& plan, const std::vector<FoundFile>& found, ArticleStore& store,
                  const Analysis& analysis, RunReport& report);

/// Worker threads for IndexerOptions::threads: `requested`, or every core for 0.
unsigned worker_threads(std::size_t requested);

}  // namespace gazette::indexer

// Reading one scanned file into Articles: opening compressed files and archives,
// recognising each input's format, running its reader, and giving every article its key.
#pragma once

#include <gazette/indexer.hpp>

#include "indexer/src/file_scanner.hpp"
#include "indexer/src/formats.hpp"

#include <vector>

namespace gazette::indexer {

/// What was read from one file.
struct FileContent {
  std::vector<Article> articles;      ///< id, format and origin filled in.
  std::vector<FileProblem> problems;  ///< Unreadable parts; `path` is "file:location".
  std::size_t dates_unreadable = 0;
  bool recognised = false;  ///< False when no format fits (nothing was read).
};

/// How files are read.
struct FileReadOptions {
  const FormatSpec* forced_format = nullptr;  ///< Read every input as this, if set.
  ReadOptions read;
};

/// Call once on the main thread before read_file() runs on several threads at once: sets
/// up the parsers' global state (libxml2 requires this; the other readers keep none).
void prepare_readers_for_threads();

/// Reads every article in `file`. Keys: the file's key; "key!member" for an archive member;
/// either followed by "#position" for articles inside a container format. Throws
/// gazette::Error (invalid_input, io_error) with a one-line reason when the file as a whole
/// cannot be read; returns with `recognised` false when no format fits it.
FileContent read_file(const ScannedFile& file, const FileReadOptions& options);

}  // namespace gazette::indexer

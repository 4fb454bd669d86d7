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

/// Where the streaming read_file() sends what it reads, as soon as it reads it.
class FileSink {
 public:
  virtual ~FileSink() = default;
  virtual void article(Article article) = 0;      ///< id, format and origin filled in.
  virtual void problem(FileProblem problem) = 0;  ///< An unreadable part: "file:location".
  virtual void unreadable_date() = 0;
};

/// read_file() handing each article and problem to `sink` instead of collecting them, so
/// that memory does not grow with the file: a JSON file is read in blocks (other formats,
/// and compressed files, are still read whole, but their articles are not collected).
/// Returns false when no format fits the file (nothing was read); throws as read_file().
bool read_file(const ScannedFile& file, const FileReadOptions& options, FileSink& sink);

/// Reads every article in `file`. Keys: the file's key; "key!member" for an archive member;
/// either followed by "#position" for articles inside a container format. Throws
/// gazette::Error (invalid_input, io_error) with a one-line reason when the file as a whole
/// cannot be read; returns with `recognised` false when no format fits it.
FileContent read_file(const ScannedFile& file, const FileReadOptions& options);

}  // namespace gazette::indexer

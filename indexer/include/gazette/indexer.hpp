// gazette::Indexer: turns article files (and Articles built by a program) into a Gazette
// database. See DESIGN.md "Indexing pipeline".
#pragma once

#include <gazette/article.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette {

/// A file that could not be indexed, and why. `path` is the file as found by the scan.
struct FileProblem {
  std::string path;
  std::string reason;  ///< One line, e.g. "empty file", "not valid HTML: ...".
};

/// Progress of add_paths(), reported after every file.
struct IndexProgress {
  std::string_view path;       ///< The file just processed.
  std::size_t files_done = 0;  ///< Files processed so far (indexed or failed).
  std::size_t articles = 0;    ///< Articles indexed so far.
};

/// How an Indexer behaves. Every field has a usable default.
struct IndexerOptions {
  /// Commit after this many articles (and at the end). A crash loses at most one batch.
  std::size_t batch_articles = 1000;
  /// Called after each file; may be empty. Called on the thread that calls add_paths().
  std::function<void(const IndexProgress&)> on_progress;
  /// Called for each file that fails, as soon as it fails; may be empty.
  std::function<void(const FileProblem&)> on_problem;
  /// Read every file as this format (a name from input_formats(): "json", "trec"…)
  /// instead of recognising it by name and content. Empty: recognise each file.
  std::string format;
  /// JSON field mapping overrides, in order: an Article field ("title", "body", "date",
  /// "url", "authors", "source", "lang", "tags", "id") and the dotted key to read it from
  /// ("meta.headline"). Other fields keep their default keys.
  std::vector<std::pair<std::string, std::string>> json_fields;
  /// When set and it becomes true, add_paths() commits what is done and returns with
  /// IndexReport::interrupted set. Safe to set from a signal handler or another thread.
  const std::atomic<bool>* cancel = nullptr;
};

/// What add_paths() did.
struct IndexReport {
  std::size_t files_indexed = 0;     ///< Files read successfully.
  std::size_t files_failed = 0;      ///< Files reported in `problems`.
  std::size_t files_ignored = 0;     ///< Files skipped by type while walking (images, CSS…).
  std::size_t articles_indexed = 0;  ///< Articles added or replaced.
  std::size_t parts_failed = 0;      ///< Unreadable records inside otherwise readable files.
  std::size_t dates_unreadable = 0;  ///< Dates present but not readable (left empty).
  /// Whole files that failed, and unreadable records (then `path` is "file:location").
  std::vector<FileProblem> problems;
  std::chrono::duration<double> elapsed{};
  bool interrupted = false;  ///< Stopped early through IndexerOptions::cancel.
};

/// An input format the indexer reads.
struct InputFormat {
  std::string name;         ///< For IndexerOptions::format and `gazette-index --format`.
  std::string description;  ///< One line.
};

/// Every input format, in the order they are tried when sniffing content.
std::vector<InputFormat> input_formats();

/// Writes to one Gazette database. Owns the database's write lock for its whole life.
///
/// Thread safety: one Indexer must be used from one thread at a time. Only one Indexer
/// (in any process) can hold a database open; a second one fails with
/// ErrorCode::database_locked.
class Indexer {
 public:
  /// Opens the database in directory `db_path`, creating it (and the directory) if absent.
  /// Throws gazette::Error: invalid_input for an unknown format or JSON field name in
  /// `options`, database_locked if another writer has it open,
  /// database_version if it was written by an incompatible schema, database_corrupt if it
  /// is not a Gazette database, io_error if it cannot be created.
  explicit Indexer(const std::string& db_path, IndexerOptions options = {});
  /// Closes the database. Articles added since the last commit() are committed if
  /// possible; call commit() yourself to see errors.
  ~Indexer();
  Indexer(Indexer&&) noexcept;
  Indexer& operator=(Indexer&&) noexcept;
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  /// Indexes every supported file under each path (directories are walked recursively,
  /// hidden entries and symlink loops skipped; plain files are read whatever their
  /// location). Re-indexing a file replaces its articles (same keys). A file that cannot
  /// be read is reported in the result and skipped; the run goes on. Commits at the end.
  /// Throws gazette::Error only for database failures, or not_found when a path does not
  /// exist (before anything is written).
  IndexReport add_paths(const std::vector<std::string>& paths);

  /// Adds or replaces (by `article.id`, which must not be empty) one article. Not committed
  /// until commit(). Throws gazette::Error (invalid_input for an empty id).
  void add_article(const Article& article);

  /// Deletes the article with this key; returns false if there was none.
  bool remove_article(std::string_view key);

  /// Makes every change so far durable and visible to searchers.
  void commit();

  /// Number of articles in the database, including uncommitted ones.
  std::size_t article_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette

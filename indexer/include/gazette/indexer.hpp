// gazette::Indexer: turns article files (and Articles built by a program) into a Gazette
// database. See DESIGN.md "Indexing pipeline".
#pragma once

#include <gazette/article.hpp>
#include <gazette/export.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette {

/// A file that could not be indexed, and why. `path` is the file as found by the scan.
struct GAZETTE_EXPORT FileProblem {
  std::string path;
  std::string reason;  ///< One line, e.g. "empty file", "not valid HTML: ...".
};

/// Progress of a run, reported after every file that needed work.
struct GAZETTE_EXPORT IndexProgress {
  std::string_view path;         ///< The file just processed.
  std::size_t files_done = 0;    ///< Files looked at so far (unchanged ones included).
  std::size_t files_total = 0;   ///< Files found by the scan.
  std::size_t articles = 0;      ///< Articles indexed so far.
  std::uint64_t bytes_read = 0;  ///< Bytes of input read so far.
};

/// What a run did, or (dry run) would do, to one file.
enum class FileAction { added, replaced, moved, deleted, failed };

/// One changed file; a run lists every file it added, replaced, moved, deleted or failed on.
struct GAZETTE_EXPORT FileChange {
  FileAction action = FileAction::added;
  std::string path;          ///< Absolute path (the new one for a move).
  std::string detail;        ///< Old path of a move; reason of a failure.
  std::size_t articles = 0;  ///< Articles written (added/replaced/moved) or deleted.
};

/// "added", "replaced", "moved", "deleted", "failed".
GAZETTE_EXPORT std::string_view to_string(FileAction action) noexcept;

/// How an Indexer behaves. Every field has a usable default.
struct GAZETTE_EXPORT IndexerOptions {
  /// Commit once this many articles, or batch_megabytes of text, were written since the
  /// last commit (checked between files, so a file's articles and its state are committed
  /// together), and at the end. A crash loses at most the current batch; the next run
  /// redoes it.
  std::size_t batch_articles = 1000;
  std::size_t batch_megabytes = 64;
  /// Delete the articles of files that vanished from a root (files under a root that
  /// itself vanished are never deleted: an unmounted disk is not an empty archive).
  bool prune = true;
  /// Work out what would change and report it (IndexReport::changes), writing nothing.
  bool dry_run = false;
  /// Keep spelling data for "did you mean" suggestions: each distinct word of an article's
  /// title and body counts once (costs some indexing time and space). false when creating
  /// or rebuilding a database makes it one without; false on a database that has spelling
  /// data drops that data. The choice is recorded in the database, and a database without
  /// spelling data stays so (true does not turn it back on; index into a new database).
  bool spelling = true;
  /// How long to wait for another writer's lock before failing with database_locked.
  std::chrono::milliseconds wait_for_lock{0};
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

/// What a run did (or, dry, would do).
struct GAZETTE_EXPORT IndexReport {
  std::size_t files_added = 0;       ///< New files indexed.
  std::size_t files_replaced = 0;    ///< Changed files re-indexed.
  std::size_t files_moved = 0;       ///< Files found under a new path, same content: re-keyed.
  std::size_t files_deleted = 0;     ///< Vanished files whose articles were deleted.
  std::size_t files_unchanged = 0;   ///< Skipped: same size and mtime (or same content).
  std::size_t files_indexed = 0;     ///< files_added + files_replaced.
  std::size_t files_failed = 0;      ///< Files reported in `problems`.
  std::size_t files_ignored = 0;     ///< Files skipped by type while walking (images, CSS…).
  std::size_t articles_indexed = 0;  ///< Articles added or replaced.
  std::size_t articles_deleted = 0;  ///< Articles deleted (vanished files, dropped keys).
  std::uint64_t bytes_read = 0;      ///< Input bytes read.
  std::size_t parts_failed = 0;      ///< Unreadable records inside otherwise readable files.
  std::size_t dates_unreadable = 0;  ///< Dates present but not readable (left empty).
  /// Whole files that failed, and unreadable records (then `path` is "file:location").
  std::vector<FileProblem> problems;
  std::vector<FileChange> changes;  ///< Every added/replaced/moved/deleted/failed file.
  std::chrono::duration<double> elapsed{};
  bool interrupted = false;    ///< Stopped early through IndexerOptions::cancel.
  bool dry_run = false;        ///< Nothing was written.
  std::uint64_t revision = 0;  ///< Database revision after the run (unchanged if no change).
};

/// What remove() did.
struct GAZETTE_EXPORT RemoveReport {
  std::size_t articles_deleted = 0;
  std::size_t files_forgotten = 0;     ///< File states dropped.
  std::size_t roots_forgotten = 0;     ///< Roots no longer updated.
  std::vector<std::string> not_found;  ///< Arguments that matched nothing.
};

/// Facts about a database, for `gazette-index stats`.
struct GAZETTE_EXPORT DatabaseStats {
  std::string path;
  int schema_version = 0;
  std::size_t articles = 0;
  std::size_t files = 0;  ///< Files with recorded state.
  std::vector<std::string> roots;
  std::vector<std::pair<std::string, std::size_t>> sources;    ///< Slug and count, most first.
  std::vector<std::pair<std::string, std::size_t>> languages;  ///< Code and count, most first.
  std::optional<Timestamp> earliest, latest;                   ///< Publication date span.
  std::optional<Timestamp> last_update;
  std::uint64_t size_bytes = 0;  ///< On disk.
  std::uint64_t revision = 0;
};

/// Reads the statistics of the database at `db_path` (no lock needed). Throws
/// gazette::Error (not_found, database_version, database_corrupt).
GAZETTE_EXPORT DatabaseStats database_stats(const std::string& db_path);

/// What check_database() found.
struct GAZETTE_EXPORT CheckReport {
  std::size_t errors = 0;             ///< Xapian consistency errors (xapian-check's count).
  std::vector<std::string> problems;  ///< One line each: Xapian, schema or file-state faults.
  bool ok() const { return errors == 0 && problems.empty(); }
};

/// Checks the database at `db_path`: Xapian's own consistency check, the schema version,
/// and that every recorded file's articles exist and every file-backed article has a file
/// state. Throws gazette::Error only when the database cannot be opened at all.
GAZETTE_EXPORT CheckReport check_database(const std::string& db_path);

/// An input format the indexer reads.
struct GAZETTE_EXPORT InputFormat {
  std::string name;         ///< For IndexerOptions::format and `gazette-index --format`.
  std::string description;  ///< One line.
};

/// Every input format, in the order they are tried when sniffing content.
GAZETTE_EXPORT std::vector<InputFormat> input_formats();

/// Writes to one Gazette database. Owns the database's write lock for its whole life.
///
/// Thread safety: one Indexer must be used from one thread at a time. Only one Indexer
/// (in any process) can hold a database open; a second one fails with
/// ErrorCode::database_locked.
class GAZETTE_EXPORT Indexer {
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

  /// Re-scans every recorded root (see add_paths, which records them): new and changed
  /// files are indexed, unchanged ones skipped unread, moved ones re-keyed, vanished ones'
  /// articles deleted (unless options.prune is false). A run that changes nothing commits
  /// nothing.
  IndexReport update();

  /// The recorded roots.
  std::vector<std::string> roots() const;

  /// Deletes by article key, by file path (its articles and state), or by root (forgets it
  /// and deletes everything indexed under it), each argument matched in that order of
  /// precedence: roots, then files, then keys. Committed before it returns.
  RemoveReport remove(const std::vector<std::string>& keys_or_paths);

  /// Builds a fresh database from the recorded roots beside the live one and swaps it in
  /// atomically; the old one is deleted afterwards. Searchers see the old or the new
  /// index, never a half-built one. Holds the live database's write lock throughout.
  static IndexReport rebuild(const std::string& db_path, IndexerOptions options = {});

  /// Compacts the database (Xapian's compactor) into a new one and swaps it in atomically.
  /// Returns the size on disk before and after.
  static std::pair<std::uint64_t, std::uint64_t> compact(const std::string& db_path,
                                                         IndexerOptions options = {});

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
  std::vector<std::filesystem::path> roots_as_paths() const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette

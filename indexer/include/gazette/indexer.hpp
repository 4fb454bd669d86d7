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

/// A file that could not be indexed, and why. Plain data (see \ref plain_data).
struct GAZETTE_EXPORT FileProblem {
  std::string path;    ///< The file as found by the scan ("file:location" for a record).
  std::string reason;  ///< One line, e.g. "empty file", "not valid HTML: ...".
};

/// Progress of a run, reported after every file that needed work
/// (IndexerOptions::on_progress). Plain data, except that `path` refers to the Indexer's
/// own string: it is valid only during the callback (copy it to keep it).
struct GAZETTE_EXPORT IndexProgress {
  std::string_view path;         ///< The file just processed; valid during the callback.
  std::size_t files_done = 0;    ///< Files looked at so far (unchanged ones included).
  std::size_t files_total = 0;   ///< Files found by the scan.
  std::size_t articles = 0;      ///< Articles indexed so far.
  std::uint64_t bytes_read = 0;  ///< Bytes of input read so far.
};

/// What a run did, or (dry run) would do, to one file.
enum class FileAction { added, replaced, moved, deleted, failed };

/// One changed file; a run lists every file it added, replaced, moved, deleted or failed on.
/// Plain data (see \ref plain_data).
struct GAZETTE_EXPORT FileChange {
  /// What was (or, dry, would be) done to it.
  FileAction action = FileAction::added;
  std::string path;          ///< Absolute path (the new one for a move).
  std::string detail;        ///< Old path of a move; reason of a failure.
  std::size_t articles = 0;  ///< Articles written (added/replaced/moved) or deleted.
};

/// "added", "replaced", "moved", "deleted", "failed".
GAZETTE_EXPORT std::string_view to_string(FileAction action) noexcept;

/// How an Indexer behaves. Every field has a usable default. Plain data (see
/// \ref plain_data): the Indexer keeps its own copy, except of what `cancel` points to.
struct GAZETTE_EXPORT IndexerOptions {
  /// Commit once this many articles, or batch_megabytes of text, were written since the
  /// last commit (checked between files, so a file's articles and its state are committed
  /// together, and between the chunks of a file of more than 2,000 articles or 8 MiB,
  /// whose state then comes with its last chunk), and at the end. A crash loses at most the current
  /// batch; the next run redoes it. A segmented first build (segmented_first_build) writes segments
  /// of at most this many articles, and at most 250 articles or 2 MB of text whatever this says.
  std::size_t batch_articles = 1000;
  std::size_t batch_megabytes = 64;  ///< See batch_articles.
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
  /// Threads that read, extract and analyse files while one thread writes them in scan
  /// order: 0 (the default) uses every core, 1 does everything on the calling thread. A file
  /// of more than 2,000 articles (a dump, a crawl) is analysed in chunks on these threads as
  /// it is written. The database content is the same whatever the number.
  std::size_t threads = 0;
  /// How a first build (an empty database with no file recorded, in the layout every new
  /// database has) writes. True (the default): batches become segments written on every
  /// core, then merged into one compact database that replaces the empty one at the end
  /// (same content as writing one by one, faster and smaller); a crash before the end
  /// leaves the database empty. False: each batch is committed into the database as later
  /// runs do, so that a crash during a long first build loses one batch, not all of it.
  bool segmented_first_build = true;
  /// How long to wait for another writer's lock before failing with database_locked.
  std::chrono::milliseconds wait_for_lock{0};
  /// Called after each file; may be empty (the default). Called on the thread that calls
  /// add_paths() or update(); it must not throw (an exception would end the run part-way).
  std::function<void(const IndexProgress&)> on_progress;
  /// Called for each file that fails, as soon as it fails, on the same thread; may be empty
  /// (the default). It must not throw either.
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
  /// Not owned: the flag must outlive the Indexer (or the static call) given it. Default:
  /// none, the run cannot be cancelled.
  const std::atomic<bool>* cancel = nullptr;
};

/// What a run did (or, dry, would do). Plain data (see \ref plain_data).
struct GAZETTE_EXPORT IndexReport {
  std::size_t files_added = 0;      ///< New files indexed.
  std::size_t files_replaced = 0;   ///< Changed files re-indexed.
  std::size_t files_moved = 0;      ///< Files found under a new path, same content: re-keyed.
  std::size_t files_deleted = 0;    ///< Vanished files whose articles were deleted.
  std::size_t files_unchanged = 0;  ///< Skipped: same size and mtime (or same content).
  std::size_t files_indexed = 0;    ///< files_added + files_replaced.
  std::size_t files_failed = 0;     ///< Files reported in `problems`.
  /// Files skipped while walking as holding no articles: by type (images, CSS…), or as an
  /// archive's documentation (a README; the notes beside a collection: see the README).
  std::size_t files_ignored = 0;
  std::size_t articles_indexed = 0;  ///< Articles added or replaced.
  std::size_t articles_deleted = 0;  ///< Articles deleted (vanished files, dropped keys).
  std::uint64_t bytes_read = 0;      ///< Input bytes read.
  std::size_t parts_failed = 0;      ///< Unreadable records inside otherwise readable files.
  std::size_t dates_unreadable = 0;  ///< Dates present but not readable (left empty).
  /// Whole files that failed, and unreadable records (then `path` is "file:location").
  std::vector<FileProblem> problems;
  std::vector<FileChange> changes;  ///< Every added/replaced/moved/deleted/failed file.
  /// Wall-clock time of the run.
  std::chrono::duration<double> elapsed{};
  bool interrupted = false;    ///< Stopped early through IndexerOptions::cancel.
  bool dry_run = false;        ///< Nothing was written.
  std::uint64_t revision = 0;  ///< Database revision after the run (unchanged if no change).
};

/// What Indexer::remove() did. Plain data (see \ref plain_data).
struct GAZETTE_EXPORT RemoveReport {
  std::size_t articles_deleted = 0;    ///< Articles deleted.
  std::size_t files_forgotten = 0;     ///< File states dropped.
  std::size_t roots_forgotten = 0;     ///< Roots no longer updated.
  std::vector<std::string> not_found;  ///< Arguments that matched nothing.
};

/// Facts about a database, for `gazette-index stats` (database_stats()). Plain data (see
/// \ref plain_data).
struct GAZETTE_EXPORT DatabaseStats {
  std::string path;          ///< The database path as given.
  int schema_version = 0;    ///< schema::kVersion; 0 for a new, still empty database.
  std::size_t articles = 0;  ///< Articles in the database.
  std::size_t files = 0;     ///< Files with recorded state.
  /// The recorded roots (Indexer::roots()).
  std::vector<std::string> roots;
  std::vector<std::pair<std::string, std::size_t>> sources;    ///< Slug and count, most first.
  std::vector<std::pair<std::string, std::size_t>> languages;  ///< Code and count, most first.
  /// `earliest`: the first publication time of any article; `latest`: the last. Absent
  /// when no article is dated.
  std::optional<Timestamp> earliest, latest;  ///< Publication date span.
  std::optional<Timestamp> last_update;       ///< Time of the last commit that changed anything.
  std::uint64_t size_bytes = 0;               ///< On disk.
  std::uint64_t revision = 0;                 ///< Xapian revision, bumped by every commit.
};

/// Reads the statistics of the database at `db_path` (read-only, no lock needed, so it
/// works while an Indexer writes). Safe to call from any thread. Throws gazette::Error:
/// not_found, database_version, database_corrupt, io_error (see \ref errors).
GAZETTE_EXPORT DatabaseStats database_stats(const std::string& db_path);

/// What check_database() found. Plain data (see \ref plain_data).
struct GAZETTE_EXPORT CheckReport {
  std::size_t errors = 0;             ///< Xapian consistency errors (xapian-check's count).
  std::vector<std::string> problems;  ///< One line each: Xapian, schema or file-state faults.
  /// True when nothing is wrong: no errors and no problems.
  bool ok() const { return errors == 0 && problems.empty(); }
};

/// Checks the database at `db_path`: Xapian's own consistency check, the schema version,
/// and that every recorded file's articles exist and every file-backed article has a file
/// state. Read-only, no lock needed; safe to call from any thread. Damage, even a database
/// that cannot be opened, is reported in the result; throws gazette::Error only with
/// not_found, when there is no database at `db_path`.
GAZETTE_EXPORT CheckReport check_database(const std::string& db_path);

/// An input format the indexer reads. Plain data (see \ref plain_data).
struct GAZETTE_EXPORT InputFormat {
  std::string name;         ///< For IndexerOptions::format and `gazette-index --format`.
  std::string description;  ///< One line.
};

/// Every input format, in the order they are tried when sniffing content. Safe to call from
/// any thread; throws nothing but std::bad_alloc.
GAZETTE_EXPORT std::vector<InputFormat> input_formats();

/// Writes to one Gazette database. Owns the open database and its write lock for its whole
/// life (released by the destructor); move-only.
///
/// Thread safety: one Indexer must be used from one thread at a time. Only one Indexer
/// (in any process) can hold a database open; a second one fails with
/// ErrorCode::database_locked. Searchers, in this process or others, may read the database
/// meanwhile: they see it as of the last commit.
///
/// Errors: every member that touches the database can throw gazette::Error with the
/// database codes (see \ref errors); each member lists the codes specific to it.
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
  /// Takes over the other Indexer's database and lock; the moved-from Indexer may then
  /// only be destroyed or assigned to.
  Indexer(Indexer&&) noexcept;
  /// Closes this Indexer's database, then takes over the other's (as the move constructor).
  Indexer& operator=(Indexer&&) noexcept;
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  /// Indexes every supported file under each path (directories are walked recursively,
  /// hidden entries and symlink loops skipped; plain files are read whatever their
  /// location). Re-indexing a file replaces its articles (same keys). A file that cannot
  /// be read is reported in the result and skipped; the run goes on. Commits at the end.
  /// Throws gazette::Error only for database failures (database_locked is not among them:
  /// the lock is held), or not_found when a path does not exist (before anything is
  /// written). With IndexerOptions::dry_run, reports what it would do and writes nothing.
  IndexReport add_paths(const std::vector<std::string>& paths);

  /// Re-scans every recorded root (see add_paths, which records them): new and changed
  /// files are indexed, unchanged ones skipped unread, moved ones re-keyed, vanished ones'
  /// articles deleted (unless options.prune is false). A run that changes nothing commits
  /// nothing. A root that vanished is reported in IndexReport::problems. Throws
  /// gazette::Error only for database failures.
  IndexReport update();

  /// The recorded roots: absolute paths, in the order first given. Throws gazette::Error
  /// only for database failures.
  std::vector<std::string> roots() const;

  /// Deletes by article key, by file path (its articles and state), or by root (forgets it
  /// and deletes everything indexed under it), each argument matched in that order of
  /// precedence: roots, then files, then keys. Arguments that match nothing are listed in
  /// RemoveReport::not_found, not thrown. Committed before it returns (together with any
  /// articles added since the last commit()). Throws gazette::Error only for database
  /// failures.
  RemoveReport remove(const std::vector<std::string>& keys_or_paths);

  /// Builds a fresh database from the recorded roots beside the live one and swaps it in
  /// atomically; the old one is deleted afterwards. Searchers see the old or the new
  /// index, never a half-built one. Holds the live database's write lock throughout.
  /// `options` apply to the new database (spelling data is kept only if the live one has
  /// it and `options.spelling` is true). Throws gazette::Error: invalid_input for bad
  /// `options` or a database made before atomic swaps existed (no stub layout; this
  /// includes a path where there is no database), database_locked when another writer
  /// holds it (after `options.wait_for_lock`), interrupted when `options.cancel` was set
  /// (the live database is left as it was), io_error when the swap fails, and database
  /// errors.
  static IndexReport rebuild(const std::string& db_path, IndexerOptions options = {});

  /// Compacts the database (Xapian's compactor) into a new one and swaps it in atomically.
  /// Returns the size on disk before and after, in bytes. Holds the write lock throughout.
  /// Throws gazette::Error as rebuild() does, except interrupted.
  static std::pair<std::uint64_t, std::uint64_t> compact(const std::string& db_path,
                                                         IndexerOptions options = {});

  /// Adds or replaces (by `article.id`, which must not be empty) one article. Not committed
  /// until commit() (or until IndexerOptions::batch_articles are pending, which commits
  /// them). Throws gazette::Error: invalid_input for an empty id, and database errors.
  void add_article(const Article& article);

  /// Deletes the article with this key; returns false if there was none. Not committed
  /// until commit(). Throws gazette::Error only for database failures.
  bool remove_article(std::string_view key);

  /// Makes every change so far durable and visible to Searchers opened (or reopen()ed)
  /// after it. Throws gazette::Error for database failures, typically io_error.
  void commit();

  /// Number of articles in the database, including uncommitted ones. Throws gazette::Error
  /// only for database failures.
  std::size_t article_count() const;

 private:
  struct Impl;
  explicit Indexer(std::unique_ptr<Impl> impl);
  std::vector<std::filesystem::path> roots_as_paths() const;

  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette

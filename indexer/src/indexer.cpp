// gazette::Indexer: scan -> read -> build document -> write, committing in batches.
#include <gazette/indexer.hpp>

#include <gazette/error.hpp>
#include <gazette/schema.hpp>
#include <gazette/version.hpp>

#include "common/src/record.hpp"
#include "common/src/schema_check.hpp"
#include "common/src/xapian_error.hpp"
#include "indexer/src/db_layout.hpp"
#include "indexer/src/document_builder.hpp"
#include "indexer/src/file_reader.hpp"
#include "indexer/src/file_scanner.hpp"
#include "indexer/src/file_state.hpp"
#include "indexer/src/fingerprint.hpp"
#include "indexer/src/formats.hpp"
#include "indexer/src/incremental.hpp"
#include "indexer/src/segmented_build.hpp"
#include "indexer/src/spelling.hpp"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

namespace gazette {
namespace fs = std::filesystem;

namespace {

// Refuses databases that are not Gazette's or are of another schema version; stamps new ones,
// recording there whether they keep spelling data.
void check_or_stamp_schema(Xapian::WritableDatabase& db, const std::string& db_path,
                           bool spelling) {
  if (check_schema_version(db, db_path)) return;
  db.set_metadata(std::string(schema::kVersionKey), std::to_string(schema::kVersion));
  db.set_metadata(std::string(schema::kCreatedByKey), "gazette " GAZETTE_VERSION_STRING);
  indexer::record_spelling(db, spelling);
  db.set_metadata(std::string(schema::kDateTermsKey), "1");  // Empty: every article will.
  db.commit();
}

// The state of the file an article was read from: its origin path names the file (or, for
// an archive member, "file!member"); the states are searched when that finds none.
std::optional<indexer::FileState> state_listing(const Xapian::Database& db, const std::string& key,
                                                const std::string& origin_path) {
  for (std::string path = origin_path; !path.empty();) {
    if (auto state = indexer::decode_state(db.get_metadata(indexer::state_key(path)))) {
      if (std::find(state->keys.begin(), state->keys.end(), key) != state->keys.end()) return state;
    }
    const std::size_t bang = path.rfind('!');
    path = bang == std::string::npos ? std::string() : path.substr(0, bang);
  }
  for (auto& state : indexer::states_under(db, {})) {
    if (std::find(state.keys.begin(), state.keys.end(), key) != state.keys.end()) return state;
  }
  return std::nullopt;
}

// Deletes the article with `key` and drops it from the file state that lists it, so that
// the states name only articles in the index (`check` agrees, and `update` does not look
// for it). False if there was no such article.
bool delete_article_and_listing(Xapian::WritableDatabase& db, const std::string& key,
                                bool spelling) {
  const std::string term = schema::key_term(key);
  const auto postings = db.postlist_begin(term);
  if (postings == db.postlist_end(term)) return false;
  const std::string origin_path = record::decode(db.get_document(*postings).get_data()).origin.path;
  if (!indexer::delete_article(db, term, spelling)) return false;
  if (auto state = state_listing(db, key, origin_path)) {
    std::erase(state->keys, key);
    db.set_metadata(indexer::state_key(state->path), indexer::encode_state(*state));
  }
  return true;
}

// The Article fields a JSON mapping may name.
constexpr std::string_view kJsonFields[] = {"title",  "body", "date", "url", "authors",
                                            "source", "lang", "tags", "id"};

// Checks the user's reading choices and turns them into the readers' options.
indexer::FileReadOptions make_read_options(const IndexerOptions& options) {
  indexer::FileReadOptions read;
  if (!options.format.empty()) {
    read.forced_format = indexer::format_by_name(options.format);
    if (!read.forced_format) {
      std::string known;
      for (const auto& f : indexer::formats())
        known += (known.empty() ? "" : ", ") + std::string(f.name);
      throw_error(ErrorCode::invalid_input,
                  fmt::format("unknown format '{}' (known: {})", options.format, known));
    }
  }
  for (const auto& [field, key] : options.json_fields) {
    if (std::find(std::begin(kJsonFields), std::end(kJsonFields), field) == std::end(kJsonFields)) {
      throw_error(ErrorCode::invalid_input,
                  fmt::format("unknown article field '{}' in a JSON mapping (known: title, body, "
                              "date, url, authors, source, lang, tags, id)",
                              field));
    }
    if (key.empty()) {
      throw_error(ErrorCode::invalid_input, fmt::format("empty JSON key for field '{}'", field));
    }
  }
  read.read.json_fields = options.json_fields;
  return read;
}

// Opens the database for writing, creating a new one in the stub layout, and waiting up
// to options.wait_for_lock for another writer to finish. `flags` are added to DB_OPEN.
Xapian::WritableDatabase open_writable(const std::string& db_path, const IndexerOptions& options,
                                       int flags) {
  const auto deadline = std::chrono::steady_clock::now() + options.wait_for_lock;
  return with_xapian_errors(db_path, [&] {
    if (indexer::is_new_database(db_path)) indexer::create_layout(db_path);
    for (;;) {
      try {
        return Xapian::WritableDatabase(db_path, Xapian::DB_OPEN | flags);
      } catch (const Xapian::DatabaseLockError&) {
        if (std::chrono::steady_clock::now() >= deadline) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  });
}

// Absolute, lexically normal form of a path the user gave ("dir/" and "./dir" are "dir").
fs::path normal_root(const std::string& path) {
  fs::path root = fs::absolute(path).lexically_normal();
  if (!root.has_filename()) root = root.parent_path();
  return root;
}

}  // namespace

struct Indexer::Impl {
  Impl(const std::string& path, IndexerOptions opts, int open_flags = 0)
      : db_path(path),
        options(std::move(opts)),
        read_options(make_read_options(options)),
        db(open_writable(path, options, open_flags)),
        flags(open_flags) {
    if (indexer::has_stub_layout(db_path)) {
      layout_dir = db_path;
      live_dir = indexer::live_generation(db_path);
      // The write lock is ours: whatever a killed run left beside the live generation goes.
      indexer::remove_stale_generations(db_path, live_dir);
    } else {
      live_dir = db_path;
    }
    with_xapian_errors(db_path, [&] {
      check_or_stamp_schema(db, db_path, options.spelling);
      // From here on options.spelling is what this database does, whatever was asked.
      options.spelling = indexer::settle_spelling(db, options.spelling, options.dry_run);
    });
  }

  void add(const Article& article) {
    if (article.id.empty()) throw_error(ErrorCode::invalid_input, "article has an empty id");
    with_xapian_errors(db_path, [&] {
      indexer::replace_clustered(db, schema::key_term(article.id), builder.build(article),
                                 options.spelling);
    });
    if (++uncommitted >= std::max<std::size_t>(1, options.batch_articles)) commit();
  }

  void commit() {
    with_xapian_errors(db_path, [&] { indexer::commit_changes(db); });
    uncommitted = 0;
  }

  IndexReport run(const std::vector<fs::path>& roots) {
    if (uncommitted > 0) commit();  // Articles added directly go first, on their own.
    return with_xapian_errors(db_path, [&] {
      if (is_first_build()) return run_segmented(roots);
      return indexer::run_update({db, builder, options, read_options, db_path}, roots);
    });
  }

  // An empty database with no file recorded, in a layout where a new generation can take
  // its place: nothing to compare with, so the writing can be split (segmented_build.hpp).
  bool is_first_build() const {
    return options.segmented_first_build && layout_dir && !options.dry_run &&
           db.get_doccount() == 0 && indexer::states_under(db, {}).empty();
  }

  // A crash before the new generation is in place leaves the database as it was (empty):
  // the next run starts again.
  IndexReport run_segmented(const std::vector<fs::path>& roots) {
    const auto start = std::chrono::steady_clock::now();
    indexer::commit_changes(db);  // The roots and schema stamps, which the merge starts from.
    const fs::path out = indexer::next_generation(*layout_dir);
    indexer::SegmentedBuild segments(out.string() + ".segments", options.spelling,
                                     indexer::worker_threads(options.threads));
    IndexReport report =
        indexer::run_update({db, builder, options, read_options, db_path, &segments}, roots);
    try {
      Xapian::WritableDatabase merged = segments.finish(live_dir, out, flags);
      if (owns_stub()) {
        indexer::sync_tree(out);  // Durable before the stub points at it.
        indexer::switch_generation(*layout_dir, out);
      }
      db = std::move(merged);  // Releases the old generation's lock only now.
    } catch (...) {
      std::error_code ec;
      fs::remove_all(out, ec);
      throw;
    }
    std::error_code ec;
    fs::remove_all(live_dir, ec);  // Readers that still have it open keep their view.
    live_dir = out;
    report.revision = db.get_revision();
    report.elapsed = std::chrono::steady_clock::now() - start;  // The merge included.
    return report;
  }

  // True when the database is the live one of its stub layout; false for a generation
  // that rebuild() swaps in itself.
  bool owns_stub() const { return layout_dir && fs::path(db_path) == *layout_dir; }

  std::string db_path;
  IndexerOptions options;
  indexer::FileReadOptions read_options;  // Checked before the database is touched.
  Xapian::WritableDatabase db;
  int flags;                           // Added to DB_OPEN, for every generation this object opens.
  std::optional<fs::path> layout_dir;  // Where generations live, if the layout has a stub.
  fs::path live_dir;                   // The generation `db` is.
  indexer::DocumentBuilder builder;
  std::size_t uncommitted = 0;
};

std::string_view to_string(FileAction action) noexcept {
  switch (action) {
    case FileAction::added:
      return "added";
    case FileAction::replaced:
      return "replaced";
    case FileAction::moved:
      return "moved";
    case FileAction::deleted:
      return "deleted";
    case FileAction::failed:
      return "failed";
  }
  return "unknown";
}

std::vector<InputFormat> input_formats() {
  std::vector<InputFormat> out;
  for (const auto& f : indexer::formats()) {
    out.push_back({std::string(f.name), std::string(f.description)});
  }
  return out;
}

Indexer::Indexer(const std::string& db_path, IndexerOptions options)
    : impl_(std::make_unique<Impl>(db_path, std::move(options))) {}

Indexer::Indexer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Indexer::~Indexer() {
  if (!impl_ || impl_->uncommitted == 0) return;
  try {
    impl_->commit();
  } catch (...) {
    // Destructors must not throw; callers who care call commit() themselves.
  }
}

Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

IndexReport Indexer::add_paths(const std::vector<std::string>& paths) {
  std::vector<fs::path> roots;
  for (const auto& path : paths) {  // Fail before writing anything.
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      throw_error(ErrorCode::not_found, fmt::format("{}: no such file or directory", path));
    }
    roots.push_back(normal_root(path));
  }
  if (!impl_->options.dry_run) {
    with_xapian_errors(impl_->db_path, [&] { indexer::record_roots(impl_->db, roots); });
  }
  return impl_->run(roots);
}

IndexReport Indexer::update() {
  const auto roots = roots_as_paths();
  return impl_->run(roots);
}

std::vector<fs::path> Indexer::roots_as_paths() const {
  return with_xapian_errors(impl_->db_path, [&] { return indexer::recorded_roots(impl_->db); });
}

std::vector<std::string> Indexer::roots() const {
  std::vector<std::string> out;
  for (const auto& root : roots_as_paths())
    out.push_back(root.string());
  return out;
}

void Indexer::add_article(const Article& article) {
  impl_->add(article);
}

bool Indexer::remove_article(std::string_view key) {
  return with_xapian_errors(impl_->db_path, [&] {
    if (!delete_article_and_listing(impl_->db, std::string(key), impl_->options.spelling)) {
      return false;
    }
    ++impl_->uncommitted;
    return true;
  });
}

void Indexer::commit() {
  impl_->commit();
}

std::size_t Indexer::article_count() const {
  return with_xapian_errors(impl_->db_path, [&] { return std::size_t{impl_->db.get_doccount()}; });
}

RemoveReport Indexer::remove(const std::vector<std::string>& keys_or_paths) {
  RemoveReport report;
  with_xapian_errors(impl_->db_path, [&] {
    auto& db = impl_->db;
    const auto delete_key = [&](const std::string& key) {
      return indexer::delete_article(db, schema::key_term(key), impl_->options.spelling);
    };
    auto delete_state = [&](const indexer::FileState& state) {
      for (const auto& key : state.keys)
        report.articles_deleted += delete_key(key);
      db.set_metadata(indexer::state_key(state.path), "");
      ++report.files_forgotten;
    };
    std::vector<fs::path> roots = indexer::recorded_roots(db);
    for (const auto& arg : keys_or_paths) {
      const fs::path as_path = normal_root(arg);
      if (const auto root = std::find(roots.begin(), roots.end(), as_path); root != roots.end()) {
        for (const auto& state : indexer::states_under(db, {as_path}))
          delete_state(state);
        roots.erase(root);
        ++report.roots_forgotten;
        continue;
      }
      if (const auto state =
              indexer::decode_state(db.get_metadata(indexer::state_key(as_path.string())))) {
        delete_state(*state);
        continue;
      }
      if (!delete_article_and_listing(db, arg, impl_->options.spelling)) {
        report.not_found.push_back(arg);
        continue;
      }
      ++report.articles_deleted;
    }
    std::string value;
    for (const auto& root : roots)
      value += root.string() + "\n";
    db.set_metadata(std::string(schema::kRootsKey), value);
    indexer::commit_changes(db);
  });
  return report;
}

namespace {

// Checks that `db_path` uses the stub layout that rebuild and compact swap atomically.
void require_stub_layout(const std::string& db_path) {
  if (!indexer::has_stub_layout(db_path)) {
    throw_error(ErrorCode::invalid_input,
                fmt::format("{}: this database predates atomic swaps (no XAPIANDB stub); index "
                            "into a new directory instead",
                            db_path));
  }
}

// Points the database at `generation`, then deletes the generation it replaces.
void swap_in(const std::string& db_path, const fs::path& old_generation,
             const fs::path& generation) {
  indexer::switch_generation(db_path, generation);
  std::error_code ec;
  fs::remove_all(old_generation, ec);  // Readers that still have it open keep their view.
}

}  // namespace

IndexReport Indexer::rebuild(const std::string& db_path, IndexerOptions options) {
  require_stub_layout(db_path);
  // Holding the live database's lock keeps other writers out until the swap. It is never
  // written, so it is opened as it is (spelling on) and the choice is made for the new one:
  // spelling data unless asked not to or the live one records "off".
  IndexerOptions live_options = options;
  live_options.spelling = true;
  Indexer live(db_path, live_options);
  options.spelling = options.spelling && live.impl_->options.spelling;
  const auto roots = live.roots_as_paths();
  const fs::path old_generation = indexer::live_generation(db_path);
  const fs::path generation = indexer::next_generation(db_path);
  fs::path built = generation;  // The generation that will be swapped in.
  IndexReport report;
  try {
    // A plain glass database, not a new stub layout: the stub above will point at it.
    with_xapian_errors(
        db_path, [&] { Xapian::WritableDatabase(generation.string(), Xapian::DB_CREATE).close(); });
    // No fsync per commit: until the swap nothing reads this generation, and a crash
    // before it leaves the live database as it was. Everything is flushed once, below.
    Indexer fresh(std::make_unique<Impl>(generation.string(), options, Xapian::DB_NO_SYNC));
    fresh.impl_->layout_dir = db_path;  // Its first build may move it to a newer generation.
    with_xapian_errors(db_path, [&] { indexer::record_roots(fresh.impl_->db, roots); });
    report = fresh.impl_->run(roots);
    built = fresh.impl_->live_dir;
    if (report.interrupted) throw_error(ErrorCode::interrupted, "rebuild interrupted");
    fresh.commit();
    fresh.impl_.reset();        // Closes the database: all of it is written.
    indexer::sync_tree(built);  // Durable before the stub points at it.
  } catch (...) {
    std::error_code ec;
    fs::remove_all(built, ec);  // The live database was never touched.
    throw;
  }
  live.impl_.reset();  // Release the lock only once the new generation is complete.
  swap_in(db_path, old_generation, built);
  report.revision = 0;
  return report;
}

std::pair<std::uint64_t, std::uint64_t> Indexer::compact(const std::string& db_path,
                                                         IndexerOptions options) {
  require_stub_layout(db_path);
  Indexer live(db_path, options);
  const fs::path old_generation = indexer::live_generation(db_path);
  const fs::path generation = indexer::next_generation(db_path);
  const std::uint64_t before = indexer::size_on_disk(old_generation);
  with_xapian_errors(db_path, [&] {
    live.impl_->db.commit();
    Xapian::Database(old_generation.string()).compact(generation.string());
  });
  live.impl_.reset();
  swap_in(db_path, old_generation, generation);
  return {before, indexer::size_on_disk(generation)};
}

}  // namespace gazette

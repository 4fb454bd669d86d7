// The incremental indexing run: only the work that changed, crash-safe by construction
// (a file's state is committed with its articles, so a killed run is redone exactly).
#include "indexer/src/incremental.hpp"

#include <gazette/date.hpp>
#include <gazette/error.hpp>
#include <gazette/schema.hpp>

#include "common/src/record.hpp"
#include "common/src/text.hpp"
#include "indexer/src/file_scanner.hpp"
#include "indexer/src/file_state.hpp"
#include "indexer/src/fingerprint.hpp"
#include "indexer/src/ordered_parallel.hpp"
#include "indexer/src/segmented_build.hpp"
#include "indexer/src/spelling.hpp"

#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <functional>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace gazette::indexer {
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMegabyte = 1 << 20;

// The most articles and text in one segment of a first build (segmented_build.hpp), unless
// the batch is smaller. Reuters-21578 is written fastest with segments of 100-250 articles
// (measured: benchmarks/README.md); the text limit keeps long articles to a like size.
constexpr std::size_t kSegmentArticles = 250;
constexpr std::size_t kSegmentMegabytes = 2;

// A file the scan found, with its size and modification time.
struct Found {
  ScannedFile file;
  FileStamp stamp;
  bool given_directly = false;  // The root itself: read whatever its name.
};

// What a worker thread works out for one file, needing no database writes: its hash, its
// articles and their documents. The writer thread then decides what to do with it.
struct Prepared {
  bool stamp_unchanged = false;  // Same size and mtime as recorded: nothing was read.
  std::uint64_t hash = 0;
  std::string hash_error;        // Hashing failed: the reason (the file is reported).
  std::string read_error;        // Reading failed: the reason (the old articles are kept).
  bool analysed = false;         // `content` and `documents` are filled in.
  bool deferred = false;         // Many articles: `documents` are built as they are written.
  bool streamed = false;         // A big file: only hashed; the writer reads it itself.
  std::uint64_t text_bytes = 0;  // Title and body bytes of the articles, for batching.
  FileContent content;
  std::vector<Xapian::Document> documents;  // One per content.articles entry.
};

// Files analysed ahead of the writer, per worker thread. Each waiting file holds all its
// documents (about 30 MB for a 1,000-story Reuters file), and more than one per thread
// made indexing slower, not faster (measured: benchmarks/README.md).
constexpr std::size_t kFilesAheadPerThread = 1;

// A file with more articles than this (a JSON Lines dump, a WARC crawl, an mbox) is
// analysed in chunks of kArticlesPerChunk on every core while it is written, at most
// kChunksAheadPerThread chunks per thread ahead: its documents would otherwise all wait in
// memory at once (5.7 GB for the 10x Reuters text as one JSON Lines file) and be built on
// one thread. Smaller files, such as Reuters' 1,000-story files, are analysed whole by the
// thread that read them: chunking them too cost 8-15% (benchmarks/README.md, "One big
// file"). Files over RunTarget::stream_files_over bytes go through the same chunks, but
// are not even read whole: their articles are chunked as the writer reads them.
constexpr std::size_t kArticlesAnalysedWhole = 2000;
constexpr std::size_t kArticlesPerChunk = 256;
constexpr std::size_t kChunksAheadPerThread = 2;

// A chunk of articles with their documents.
struct BuiltChunk {
  std::vector<Article> articles;  // Bodies dropped: the documents hold the text.
  std::vector<Xapian::Document> documents;
  std::uint64_t text_bytes = 0;  // Of the titles and bodies.
};

// The documents of articles [first, first + count) (fewer at the end of `articles`).
std::vector<Xapian::Document> build_documents(std::vector<Article>& articles, std::size_t first,
                                              std::size_t count, DocumentBuilder& builder) {
  std::vector<Xapian::Document> documents;
  const std::size_t last = std::min(articles.size(), first + count);
  for (std::size_t i = first; i < last; ++i) {
    documents.push_back(builder.build(articles[i]));
    // The document holds the text now (its data is the stored record): drop this copy,
    // which would otherwise double the memory of every file waiting for the writer.
    articles[i].body = std::string();
  }
  return documents;
}

std::uint64_t text_bytes_of(const std::vector<Article>& articles) {
  std::uint64_t bytes = 0;
  for (const Article& article : articles)
    bytes += article.title.size() + article.body.size();
  return bytes;
}

BuiltChunk build_chunk(std::vector<Article>&& articles, DocumentBuilder& builder) {
  BuiltChunk chunk{std::move(articles), {}, 0};
  chunk.text_bytes = text_bytes_of(chunk.articles);
  chunk.documents = build_documents(chunk.articles, 0, chunk.articles.size(), builder);
  return chunk;
}

// Articles handed over one by one are analysed in chunks by worker threads (one
// DocumentBuilder each) and the chunks stored in order on the calling thread, at most
// kChunksAheadPerThread per thread in flight.
class ChunkPipeline {
 public:
  using Store = std::function<bool(BuiltChunk&&)>;

  ChunkPipeline(unsigned threads, std::vector<DocumentBuilder>& builders, Store store)
      : pipeline_(
            threads, kChunksAheadPerThread * threads,
            [&builders](std::vector<Article>&& articles, unsigned worker) {
              return build_chunk(std::move(articles), builders[worker]);
            },
            std::move(store)) {}

  // False once storing has stopped (the run was cancelled).
  bool add(Article&& article) {
    chunk_.push_back(std::move(article));
    return chunk_.size() < kArticlesPerChunk || pipeline_.push(std::exchange(chunk_, {}));
  }

  // Stores every chunk left; false if storing stopped.
  bool finish() {
    if (!chunk_.empty() && !pipeline_.push(std::exchange(chunk_, {}))) return false;
    return pipeline_.finish();
  }

 private:
  std::vector<Article> chunk_;
  OrderedPipeline<std::vector<Article>, BuiltChunk> pipeline_;
};

// Thrown through a reader to stop reading a streamed file.
struct StopReading {};

class Run {
 public:
  Run(RunTarget target, const std::vector<fs::path>& roots)
      : t_(target), roots_(roots), start_(std::chrono::steady_clock::now()) {
    report_.dry_run = t_.options.dry_run;
  }

  IndexReport execute() {
    scan_roots();
    load_states();
    find_vanished();
    process_found_files();
    if (!cancelled() && t_.options.prune) {
      for (const auto& path : vanished_order_) {
        if (cancelled()) break;
        if (const auto it = states_.find(path); it != states_.end()) delete_file(it->second);
      }
    }
    report_.interrupted = cancelled();
    if (!t_.options.dry_run && dirty_ && !t_.segments) commit_changes(t_.db);
    report_.revision = t_.db.get_revision();
    report_.files_indexed = report_.files_added + report_.files_replaced;
    report_.elapsed = std::chrono::steady_clock::now() - start_;
    return std::move(report_);
  }

  void mark_dirty() { dirty_ = true; }

 private:
  bool cancelled() const { return t_.options.cancel && t_.options.cancel->load(); }

  void problem(const std::string& path, const std::string& reason, bool whole_file) {
    FileProblem p{path, reason};
    if (t_.options.on_problem) t_.options.on_problem(p);
    report_.problems.push_back(p);
    if (whole_file) {
      ++report_.files_failed;
      report_.changes.push_back({FileAction::failed, path, reason, 0});
    } else {
      ++report_.parts_failed;
    }
  }

  void progress(const std::string& path) {
    if (!t_.options.on_progress) return;
    t_.options.on_progress(IndexProgress{path, files_done_, found_.size(), report_.articles_indexed,
                                         report_.bytes_read});
  }

  // Phase 1: every file under every root, with size and mtime. A root that is gone is
  // reported, and what was indexed under it is kept (an unmounted disk is not an empty one).
  void scan_roots() {
    for (const fs::path& root : roots_) {
      std::error_code ec;
      if (!fs::exists(root, ec)) {
        problem(root.string(),
                "root not found; its articles are kept (remove it with "
                "gazette-index remove)",
                false);
        continue;
      }
      live_roots_.push_back(root);
      const bool is_file = !fs::is_directory(root, ec);
      ScanVisitor visitor;
      visitor.should_stop = [this] { return cancelled(); };
      visitor.on_problem = [this](const FileProblem& p) { problem(p.path, p.reason, true); };
      visitor.on_file = [&](const ScannedFile& file) {
        const auto stamp = stamp_file(file.path);
        if (!stamp) return problem(file.path.string(), "cannot read file status", true);
        found_.push_back({file, *stamp, is_file});
      };
      // A README or a collection's notes: not an article, and not kept if indexed before.
      visitor.on_documentation = [this](const ScannedFile&) { ++report_.files_ignored; };
      scan(root, visitor);
    }
  }

  void load_states() {
    if (live_roots_.empty()) return;  // No root to compare with: nothing can have vanished.
    for (auto& state : states_under(t_.db, live_roots_)) {
      std::string path = state.path;
      states_.emplace(std::move(path), std::move(state));
    }
  }

  // Recorded files the scan did not find, by content hash for move detection.
  void find_vanished() {
    std::unordered_set<std::string> seen;
    for (const Found& f : found_)
      seen.insert(f.file.path.string());
    for (const auto& [path, state] : states_) {
      if (seen.contains(path)) continue;
      vanished_order_.push_back(path);
      vanished_by_hash_.emplace(state.hash, path);
    }
    std::sort(vanished_order_.begin(), vanished_order_.end());
  }

  // Phase 2: workers hash, read and analyse the files; this thread writes them in scan
  // order, so the database does not depend on the number of threads.
  void process_found_files() {
    const unsigned threads = worker_threads(t_.options.threads);
    std::vector<DocumentBuilder> builders(threads > 1 ? threads : 0);
    if (threads > 1) prepare_readers_for_threads();
    ordered_parallel<Prepared>(
        found_.size(), threads, threads * kFilesAheadPerThread,
        [&](std::size_t i, unsigned worker) {
          return prepare(found_[i], threads > 1 ? builders[worker] : t_.builder);
        },
        [&](std::size_t i, Prepared&& prepared) {
          if (cancelled()) return false;
          process(found_[i], std::move(prepared));
          ++files_done_;
          progress(found_[i].file.path.string());
          return true;
        });
  }

  const FileState* recorded_state(const std::string& path) const {
    const auto known = states_.find(path);
    return known == states_.end() ? nullptr : &known->second;
  }

  bool streams(const Found& found) const { return found.stamp.size > t_.stream_files_over; }

  // Runs on a worker thread: reads only what the writer will not see anyway (the recorded
  // states are not changed while files are processed).
  Prepared prepare(const Found& found, DocumentBuilder& builder) const {
    Prepared p;
    const FileState* old = recorded_state(found.file.path.string());
    if (old && old->size == found.stamp.size && old->mtime_ns == found.stamp.mtime_ns) {
      p.stamp_unchanged = true;
      return p;
    }
    try {
      p.hash = hash_file(found.file.path);
    } catch (const Error& e) {
      p.hash_error = e.what();
      return p;
    }
    if ((old && old->hash == p.hash && old->size == found.stamp.size) || t_.options.dry_run) {
      return p;  // Same content (only touched), or nothing will be written.
    }
    if (streams(found)) {
      p.streamed = true;
      return p;
    }
    try {
      p.content = read_file(found.file, t_.read);
      if (!p.content.recognised && found.given_directly) {
        throw_error(ErrorCode::invalid_input, "not a supported article file type");
      }
    } catch (const Error& e) {
      p.read_error = e.what();
      return p;
    }
    p.text_bytes = text_bytes_of(p.content.articles);
    p.deferred = p.content.articles.size() > kArticlesAnalysedWhole;
    if (!p.deferred) {
      p.documents = build_documents(p.content.articles, 0, p.content.articles.size(), builder);
    }
    p.analysed = true;
    return p;
  }

  // The state of a file about to be written; its keys are added as its articles are stored.
  static FileState start_writing(const Found& found, std::uint64_t hash) {
    return {found.file.path.string(), found.file.key, found.stamp.size,
            found.stamp.mtime_ns,     hash,           {}};
  }

  void store_article(FileState& writing, const std::string& id, Xapian::Document&& document,
                     std::uint64_t article_bytes) {
    store(schema::key_term(id), std::move(document));
    writing.keys.push_back(id);
    if (t_.segments) return end_segment_if_due(article_bytes);
    ++articles_since_commit_;
    text_bytes_ += article_bytes;
  }

  // Stores the documents prepare() built.
  void store_built(Prepared& prepared, FileState& writing) {
    const std::vector<Article>& articles = prepared.content.articles;
    const std::uint64_t average_bytes =
        articles.empty() ? 0 : prepared.text_bytes / articles.size();
    for (std::size_t i = 0; i < articles.size(); ++i)
      store_article(writing, articles[i].id, std::move(prepared.documents[i]), average_bytes);
  }

  // A pipeline storing chunks into `writing`, stopping when the run is cancelled.
  ChunkPipeline chunk_pipeline(FileState& writing) {
    const unsigned threads = worker_threads(t_.options.threads);
    chunk_builders_.resize(std::max(1U, threads));
    return ChunkPipeline(threads, chunk_builders_, [this, &writing](BuiltChunk&& chunk) {
      if (cancelled()) return false;
      const std::uint64_t average_bytes =
          chunk.articles.empty() ? 0 : chunk.text_bytes / chunk.articles.size();
      for (std::size_t i = 0; i < chunk.articles.size(); ++i)
        store_article(writing, chunk.articles[i].id, std::move(chunk.documents[i]), average_bytes);
      commit_inside_file_if_due();
      return true;
    });
  }

  // Stores articles read whole but too many to analyse whole; false if cancelled first.
  bool store_in_chunks(std::vector<Article>& articles, FileState& writing) {
    ChunkPipeline chunks = chunk_pipeline(writing);
    for (Article& article : articles) {
      if (!chunks.add(std::move(article))) return false;
    }
    return chunks.finish();
  }

  void process(const Found& found, Prepared&& prepared) {
    const std::string path = found.file.path.string();
    const FileState* old = recorded_state(path);
    if (prepared.stamp_unchanged) {
      ++report_.files_unchanged;
      return;
    }
    if (!prepared.hash_error.empty()) return problem(path, prepared.hash_error, true);
    if (old && old->hash == prepared.hash && old->size == found.stamp.size) {
      touch(*old, found.stamp);  // Same content, new mtime: remember it, read nothing.
      ++report_.files_unchanged;
      return;
    }
    if (!old) {
      if (const FileState* moved_from = take_vanished(prepared.hash, found.stamp.size)) {
        if (move_file(found, *moved_from)) return;
      }
    }
    index_file(found, std::move(prepared), old);
  }

  void touch(FileState state, const FileStamp& stamp) {
    if (t_.options.dry_run) return;
    state.mtime_ns = stamp.mtime_ns;
    t_.db.set_metadata(state_key(state.path), encode_state(state));
    dirty_ = true;
  }

  const FileState* take_vanished(std::uint64_t hash, std::uint64_t size) {
    auto [first, last] = vanished_by_hash_.equal_range(hash);
    for (auto it = first; it != last; ++it) {
      const auto state = states_.find(it->second);
      if (state == states_.end() || state->second.size != size) continue;
      const FileState* match = &state->second;
      vanished_by_hash_.erase(it);
      std::erase(vanished_order_, match->path);
      return match;
    }
    return nullptr;
  }

  void index_file(const Found& found, Prepared&& prepared, const FileState* old) {
    const std::string path = found.file.path.string();
    const FileAction action = old ? FileAction::replaced : FileAction::added;
    if (t_.options.dry_run) return record(action, path, {}, 0);
    if (prepared.streamed) return index_streamed(found, prepared.hash, old);
    // The old articles, if any, are kept when the file cannot be read.
    if (!prepared.read_error.empty()) return problem(path, prepared.read_error, true);
    FileContent& content = prepared.content;
    if (!content.recognised) {
      ++report_.files_ignored;
      return;
    }
    for (auto& p : content.problems)
      problem(p.path, p.reason, false);
    report_.dates_unreadable += content.dates_unreadable;
    report_.bytes_read += found.stamp.size;
    FileState writing = start_writing(found, prepared.hash);
    bool whole = true;
    if (prepared.deferred) {
      whole = store_in_chunks(content.articles, writing);
    } else {
      store_built(prepared, writing);
    }
    finish_file(writing, old, whole);
  }

  // Reads a file too big to hold whole and stores its articles as they are read; its
  // problems are reported as they are met, the articles before them already stored. Those
  // met before the first article wait for one: a file that cannot be read at all is
  // reported as one failure, as when it is read whole.
  class StreamedFile final : public FileSink {
   public:
    StreamedFile(Run& run, FileState& writing) : run_(run), chunks_(run.chunk_pipeline(writing)) {}

    void article(Article article) override {
      report_held_problems();
      ++articles;
      bool go_on = false;
      try {
        go_on = chunks_.add(std::move(article));
      } catch (...) {  // Storing failed: not the reader's trouble.
        store_failure = std::current_exception();
      }
      if (!go_on) throw StopReading{};
    }

    void problem(FileProblem problem) override {
      if (articles == 0) return held_.push_back(std::move(problem));
      run_.problem(problem.path, problem.reason, false);
    }

    void unreadable_date() override { ++dates_unreadable; }

    // After the whole file was read: stores what is left; false if cancelled.
    bool finish() {
      report_held_problems();
      return chunks_.finish();
    }

    std::size_t articles = 0, dates_unreadable = 0;
    std::exception_ptr store_failure;

   private:
    void report_held_problems() {
      for (const FileProblem& held : held_)
        run_.problem(held.path, held.reason, false);
      held_.clear();
    }

    Run& run_;
    ChunkPipeline chunks_;
    std::vector<FileProblem> held_;
  };

  void index_streamed(const Found& found, std::uint64_t hash, const FileState* old) {
    const std::string path = found.file.path.string();
    FileState writing = start_writing(found, hash);
    StreamedFile file(*this, writing);
    bool whole = false;
    try {
      if (!read_file(found.file, t_.read, file)) {
        if (found.given_directly) {
          throw_error(ErrorCode::invalid_input, "not a supported article file type");
        }
        ++report_.files_ignored;
        return;
      }
      whole = file.finish();
    } catch (const StopReading&) {
      if (file.store_failure) std::rethrow_exception(file.store_failure);
    } catch (const Error& e) {
      // Unreadable: reported as a failure, the old articles kept; any stored already stay
      // without a file state, so the next run reads the file again.
      if (file.articles > 0) dirty_ = true;
      return problem(path, e.what(), true);
    }
    report_.dates_unreadable += file.dates_unreadable;
    report_.bytes_read += found.stamp.size;
    finish_file(writing, old, whole);
  }

  // After a file's articles were stored (`whole`) or some of them (cancelled inside it):
  // records its state, deletes its old articles no longer there.
  void finish_file(const FileState& state, const FileState* old, bool whole) {
    dirty_ = true;
    // Cancelled inside a big file: its state stays as it was (none, or the old one, whose
    // hash no longer matches), so the next run indexes the whole file again, and the old
    // articles not yet replaced are kept.
    if (!whole) return;
    if (old) delete_keys_not_in(*old, state.keys);
    set_state(state.path, state);
    report_.articles_indexed += state.keys.size();
    record(old ? FileAction::replaced : FileAction::added, state.path, {}, state.keys.size());
    commit_if_due();
  }

  void store(const std::string& key_term, Xapian::Document doc) {
    if (t_.segments) return t_.segments->replace(key_term, std::move(doc));
    replace_clustered(t_.db, key_term, std::move(doc), t_.options.spelling);
  }

  void set_state(const std::string& path, const FileState& state) {
    if (t_.segments) return t_.segments->set_metadata(state_key(path), encode_state(state));
    t_.db.set_metadata(state_key(path), encode_state(state));
  }

  void delete_keys_not_in(const FileState& old, const std::vector<std::string>& keys) {
    const std::unordered_set<std::string> kept(keys.begin(), keys.end());
    for (const auto& key : old.keys) {
      if (!kept.contains(key)) delete_key(key);
    }
  }

  void delete_key(const std::string& key) {
    if (delete_article(t_.db, schema::key_term(key), t_.options.spelling)) {
      ++report_.articles_deleted;
    }
  }

  // Re-keys the articles of a file found under a new path with the same content, without
  // reading or analysing it again. False (nothing changed) if its articles are not all
  // there as recorded; the caller then indexes it afresh.
  bool move_file(const Found& found, const FileState& from) {
    const std::string path = found.file.path.string();
    for (const auto& key : from.keys) {
      if (!key.starts_with(from.base_key) || t_.db.get_termfreq(schema::key_term(key)) == 0) {
        return false;
      }
    }
    if (t_.options.dry_run) {
      record(FileAction::moved, path, from.path, from.keys.size());
      return true;
    }
    FileState state{path, found.file.key, found.stamp.size, found.stamp.mtime_ns, from.hash, {}};
    for (const auto& key : from.keys) {
      const std::string new_key = found.file.key + key.substr(from.base_key.size());
      rekey_document(key, new_key, from.path, path);
      state.keys.push_back(new_key);
    }
    const std::string old_path = from.path;  // `from` lives in states_: copy before erasing.
    t_.db.set_metadata(state_key(old_path), "");
    t_.db.set_metadata(state_key(path), encode_state(state));
    states_.erase(old_path);
    dirty_ = true;
    record(FileAction::moved, path, old_path, state.keys.size());
    articles_since_commit_ += state.keys.size();
    commit_if_due();
    return true;
  }

  void rekey_document(const std::string& old_key, const std::string& new_key,
                      const std::string& old_path, const std::string& new_path) {
    const std::string old_term = schema::key_term(old_key);
    const Xapian::docid id = *t_.db.postlist_begin(old_term);
    Xapian::Document doc = t_.db.get_document(id);
    Article article = record::decode(doc.get_data());
    const std::string old_origin = article.origin.path;
    // An archive member's origin is "path!member": keep the member part.
    article.origin.path =
        old_origin.starts_with(old_path) ? new_path + old_origin.substr(old_path.size()) : new_path;
    article.id = new_key;
    // Only boolean terms change, so the spelling table needs no update.
    remove_term_if_present(doc, old_term);
    remove_term_if_present(doc, schema::boolean_term(schema::kPath, old_origin));
    doc.add_boolean_term(schema::key_term(new_key));
    doc.add_boolean_term(schema::boolean_term(schema::kPath, article.origin.path));
    doc.set_data(record::encode(article));
    t_.db.replace_document(id, doc);
  }

  static void remove_term_if_present(Xapian::Document& doc, const std::string& term) {
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(term);
    if (it != doc.termlist_end() && *it == term) doc.remove_term(term);
  }

  void delete_file(const FileState& state) {
    if (t_.options.dry_run) return record(FileAction::deleted, state.path, {}, state.keys.size());
    const std::size_t before = report_.articles_deleted;
    for (const auto& key : state.keys)
      delete_key(key);
    t_.db.set_metadata(state_key(state.path), "");
    dirty_ = true;
    record(FileAction::deleted, state.path, {}, report_.articles_deleted - before);
    articles_since_commit_ += report_.articles_deleted - before;
    commit_if_due();
  }

  void record(FileAction action, const std::string& path, const std::string& detail,
              std::size_t articles) {
    switch (action) {
      case FileAction::added:
        ++report_.files_added;
        break;
      case FileAction::replaced:
        ++report_.files_replaced;
        break;
      case FileAction::deleted:
        ++report_.files_deleted;
        break;
      case FileAction::moved:
        ++report_.files_moved;
        break;
      case FileAction::failed:
        break;
    }
    report_.changes.push_back({action, path, detail, articles});
  }

  bool batch_due() const {
    return articles_since_commit_ >= std::max<std::size_t>(1, t_.options.batch_articles) ||
           text_bytes_ >= t_.options.batch_megabytes * kMegabyte;
  }

  // Between files, so a file's articles and its state share a commit.
  void commit_if_due() {
    if (!batch_due()) return;
    if (t_.segments) {
      t_.segments->end_segment();
    } else {
      commit_changes(t_.db);
    }
    dirty_ = false;
    articles_since_commit_ = 0;
    text_bytes_ = 0;
  }

  // Between the chunks of a big file too, so that Xapian's write buffer stays small (it
  // flushes by itself only every 10,000 documents: 300 MB for a 38 MB JSON Lines update).
  // The file's state follows its last chunk, so a crash in between leaves the state as it
  // was, and the next run indexes the whole file again.
  void commit_inside_file_if_due() {
    if (t_.segments || !batch_due()) return;
    commit_changes(t_.db);
    dirty_ = true;  // The file's state is still to come.
    articles_since_commit_ = 0;
    text_bytes_ = 0;
  }

  // Segments may end inside a file (nothing is committed), so that one big file (a JSON
  // Lines dump) is still written by every writer thread. They are smaller than batches:
  // Xapian's cost per article grows with the size of what it writes at once.
  void end_segment_if_due(std::uint64_t article_bytes) {
    ++articles_since_commit_;
    text_bytes_ += article_bytes;
    const bool due =
        articles_since_commit_ >=
            std::clamp<std::size_t>(t_.options.batch_articles, 1, kSegmentArticles) ||
        text_bytes_ >= std::min(t_.options.batch_megabytes, kSegmentMegabytes) * kMegabyte;
    if (!due) return;
    t_.segments->end_segment();
    articles_since_commit_ = 0;
    text_bytes_ = 0;
  }

  RunTarget t_;
  std::vector<fs::path> roots_, live_roots_;
  std::vector<Found> found_;
  std::unordered_map<std::string, FileState> states_;
  std::vector<std::string> vanished_order_;
  std::unordered_multimap<std::uint64_t, std::string> vanished_by_hash_;
  IndexReport report_;
  std::vector<DocumentBuilder> chunk_builders_;  // One per thread analysing a big file.
  std::size_t files_done_ = 0, articles_since_commit_ = 0;
  std::uint64_t text_bytes_ = 0;
  bool dirty_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

unsigned worker_threads(std::size_t requested) {
  if (requested > 0) return static_cast<unsigned>(std::min<std::size_t>(requested, 256));
  return std::max(1u, std::thread::hardware_concurrency());
}

IndexReport run_update(RunTarget target, const std::vector<fs::path>& roots) {
  return Run(target, roots).execute();
}

void commit_changes(Xapian::WritableDatabase& db) {
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  db.set_metadata(std::string(schema::kLastUpdateKey), format_iso8601(now));
  db.commit();
}

std::vector<fs::path> recorded_roots(const Xapian::Database& db) {
  std::vector<fs::path> roots;
  const std::string value = db.get_metadata(std::string(schema::kRootsKey));  // Outlives the views.
  for (std::string_view line : text::split_lines(value)) {
    if (!line.empty()) roots.emplace_back(std::string(line));
  }
  return roots;
}

void record_roots(Xapian::WritableDatabase& db, const std::vector<fs::path>& roots) {
  std::vector<fs::path> all = recorded_roots(db);
  bool changed = false;
  for (const auto& root : roots) {
    if (std::find(all.begin(), all.end(), root) == all.end()) {
      all.push_back(root);
      changed = true;
    }
  }
  if (!changed) return;
  std::string value;
  for (const auto& root : all)
    value += root.string() + "\n";
  db.set_metadata(std::string(schema::kRootsKey), value);
}

bool is_under(const fs::path& path, const fs::path& root) {
  const std::string p = path.string(), r = root.string();
  return p == r ||
         (p.size() > r.size() && p.starts_with(r) && (r.ends_with('/') || p[r.size()] == '/'));
}

std::vector<FileState> states_under(const Xapian::Database& db,
                                    const std::vector<fs::path>& roots) {
  std::vector<FileState> states;
  const std::string prefix(schema::kFileStatePrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    auto state = decode_state(db.get_metadata(*it));
    if (!state) continue;
    const bool wanted =
        roots.empty() || std::any_of(roots.begin(), roots.end(),
                                     [&](const auto& r) { return is_under(state->path, r); });
    if (wanted) states.push_back(std::move(*state));
  }
  return states;
}

}  // namespace gazette::indexer

// Carrying out an indexing plan (execute.hpp): analysis on every core, writing in order.
#include "indexer/src/execute.hpp"

#include <gazette/error.hpp>
#include <gazette/schema.hpp>

#include "indexer/src/ordered_parallel.hpp"

#include <algorithm>
#include <exception>
#include <functional>
#include <thread>
#include <unordered_set>
#include <utility>

namespace gazette::indexer {

namespace {

// What a worker thread works out for one file to index, needing no database writes: its
// hash, its articles and their documents. The writer thread then stores them.
struct Prepared {
  std::uint64_t hash = 0;
  std::string failure;           // Hashing or reading failed: the reason (old articles kept).
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
// file"). Files over Analysis::stream_files_over bytes go through the same chunks, but
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

// The documents of `articles`, dropping each body once its document holds the text (its
// data is the stored record): the copy would double the memory of every file waiting for
// the writer.
std::vector<Xapian::Document> build_documents(std::vector<Article>& articles,
                                              DocumentBuilder& builder) {
  std::vector<Xapian::Document> documents;
  documents.reserve(articles.size());
  for (Article& article : articles) {
    documents.push_back(builder.build(article));
    article.body = std::string();
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
  chunk.documents = build_documents(chunk.articles, builder);
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

bool indexes(Step step) {
  return step == Step::add || step == Step::replace;
}

class Execution {
 public:
  Execution(const Plan& plan, const std::vector<FoundFile>& found, ArticleStore& store,
            const Analysis& analysis, RunReport& report)
      : plan_(plan),
        found_(found),
        store_(store),
        a_(analysis),
        report_(report),
        threads_(worker_threads(analysis.options.threads)) {}

  void run() {
    std::vector<DocumentBuilder> builders(threads_ > 1 ? threads_ : 0);
    if (threads_ > 1) prepare_readers_for_threads();
    ordered_parallel<Prepared>(
        plan_.files.size(), threads_, threads_ * kFilesAheadPerThread,
        [&](std::size_t i, unsigned worker) {
          return prepare(plan_.files[i], threads_ > 1 ? builders[worker] : a_.builder);
        },
        [&](std::size_t i, Prepared&& prepared) {
          if (cancelled()) return false;
          carry_out(plan_.files[i], std::move(prepared));
          return true;
        });
    store_.finish();  // Cancelled too: what is done is committed.
  }

 private:
  bool cancelled() const { return a_.options.cancel && a_.options.cancel->load(); }

  const FoundFile& found_of(const PlannedFile& planned) const { return found_[*planned.found]; }

  void progress(const std::string& path) {
    if (!a_.options.on_progress) return;
    const IndexReport& r = report_.counts();
    a_.options.on_progress(
        IndexProgress{path, ++files_done_, found_.size(), r.articles_indexed, r.bytes_read});
  }

  // Runs on a worker thread; only files to index need any work ahead of the writer.
  Prepared prepare(const PlannedFile& planned, DocumentBuilder& builder) const {
    Prepared p;
    if (!indexes(planned.step)) return p;
    const FoundFile& found = found_of(planned);
    try {
      p.hash = planned.hash ? *planned.hash : hash_file(found.file.path);
    } catch (const Error& e) {
      p.failure = e.what();
      return p;
    }
    if (found.stamp.size > a_.stream_files_over) {
      p.streamed = true;
      return p;
    }
    try {
      p.content = read_file(found.file, a_.read);
      if (!p.content.recognised && found.given_directly) {
        throw_error(ErrorCode::invalid_input, "not a supported article file type");
      }
    } catch (const Error& e) {
      p.failure = e.what();
      return p;
    }
    p.text_bytes = text_bytes_of(p.content.articles);
    p.deferred = p.content.articles.size() > kArticlesAnalysedWhole;
    if (!p.deferred) p.documents = build_documents(p.content.articles, builder);
    p.analysed = true;
    return p;
  }

  void carry_out(const PlannedFile& planned, Prepared&& prepared) {
    switch (planned.step) {
      case Step::keep:
        ++report_.counts().files_unchanged;
        break;
      case Step::touch:
        touch(*planned.recorded, found_of(planned).stamp);
        break;
      case Step::add:
      case Step::replace:
        index_file(found_of(planned), std::move(prepared), planned.recorded);
        break;
      case Step::move:
        move_file(found_of(planned), *planned.recorded);
        break;
      case Step::remove:
        return delete_file(*planned.recorded);  // Not a found file: no progress.
      case Step::fail:
        report_.problem(found_of(planned).file.path.string(), planned.reason, true);
        break;
    }
    progress(found_of(planned).file.path.string());
  }

  // Same content, new mtime: remember it, read nothing.
  void touch(FileState state, const FileStamp& stamp) {
    state.mtime_ns = stamp.mtime_ns;
    store_.set_state(state);
    ++report_.counts().files_unchanged;
  }

  // The state of a file about to be written; its keys are added as its articles are stored.
  static FileState start_writing(const FoundFile& found, std::uint64_t hash) {
    return {found.file.path.string(), found.file.key, found.stamp.size,
            found.stamp.mtime_ns,     hash,           {}};
  }

  void store_article(FileState& writing, const std::string& id, Xapian::Document&& document,
                     std::uint64_t article_bytes) {
    store_.put(schema::key_term(id), std::move(document), article_bytes);
    writing.keys.push_back(id);
  }

  // Stores the documents of a file analysed whole, each counting the file's average size.
  void store_built(Prepared& prepared, FileState& writing) {
    const std::vector<Article>& articles = prepared.content.articles;
    const std::uint64_t average_bytes =
        articles.empty() ? 0 : prepared.text_bytes / articles.size();
    for (std::size_t i = 0; i < articles.size(); ++i)
      store_article(writing, articles[i].id, std::move(prepared.documents[i]), average_bytes);
  }

  // A pipeline storing chunks into `writing`, stopping when the run is cancelled.
  ChunkPipeline chunk_pipeline(FileState& writing) {
    chunk_builders_.resize(std::max(1U, threads_));
    return ChunkPipeline(threads_, chunk_builders_, [this, &writing](BuiltChunk&& chunk) {
      if (cancelled()) return false;
      const std::uint64_t average_bytes =
          chunk.articles.empty() ? 0 : chunk.text_bytes / chunk.articles.size();
      for (std::size_t i = 0; i < chunk.articles.size(); ++i)
        store_article(writing, chunk.articles[i].id, std::move(chunk.documents[i]), average_bytes);
      store_.chunk_done();
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

  void index_file(const FoundFile& found, Prepared&& prepared, const FileState* old) {
    const std::string path = found.file.path.string();
    // The old articles, if any, are kept when the file cannot be read.
    if (!prepared.failure.empty()) return report_.problem(path, prepared.failure, true);
    if (prepared.streamed) return index_streamed(found, prepared.hash, old);
    FileContent& content = prepared.content;
    if (!content.recognised) {
      ++report_.counts().files_ignored;
      return;
    }
    for (auto& p : content.problems)
      report_.problem(p.path, p.reason, false);
    report_.counts().dates_unreadable += content.dates_unreadable;
    report_.counts().bytes_read += found.stamp.size;
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
    StreamedFile(Execution& run, FileState& writing)
        : run_(run), chunks_(run.chunk_pipeline(writing)) {}

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
      run_.report_.problem(problem.path, problem.reason, false);
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
        run_.report_.problem(held.path, held.reason, false);
      held_.clear();
    }

    Execution& run_;
    ChunkPipeline chunks_;
    std::vector<FileProblem> held_;
  };

  void index_streamed(const FoundFile& found, std::uint64_t hash, const FileState* old) {
    const std::string path = found.file.path.string();
    FileState writing = start_writing(found, hash);
    StreamedFile file(*this, writing);
    bool whole = false;
    try {
      if (!read_file(found.file, a_.read, file)) {
        if (found.given_directly) {
          throw_error(ErrorCode::invalid_input, "not a supported article file type");
        }
        ++report_.counts().files_ignored;
        return;
      }
      whole = file.finish();
    } catch (const StopReading&) {
      if (file.store_failure) std::rethrow_exception(file.store_failure);
    } catch (const Error& e) {
      // Unreadable: reported as a failure, the old articles kept; any stored already stay
      // without a file state, so the next run reads the file again.
      if (file.articles > 0) store_.mark_changed();
      return report_.problem(path, e.what(), true);
    }
    report_.counts().dates_unreadable += file.dates_unreadable;
    report_.counts().bytes_read += found.stamp.size;
    finish_file(writing, old, whole);
  }

  // After a file's articles were stored (`whole`) or some of them (cancelled inside it):
  // records its state, deletes its old articles no longer there.
  void finish_file(const FileState& state, const FileState* old, bool whole) {
    store_.mark_changed();
    // Cancelled inside a big file: its state stays as it was (none, or the old one, whose
    // hash no longer matches), so the next run indexes the whole file again, and the old
    // articles not yet replaced are kept.
    if (!whole) return;
    if (old) delete_keys_not_in(*old, state.keys);
    store_.set_state(state);
    report_.counts().articles_indexed += state.keys.size();
    report_.change(old ? FileAction::replaced : FileAction::added, state.path, {},
                   state.keys.size());
    store_.file_done();
  }

  void delete_keys_not_in(const FileState& old, const std::vector<std::string>& keys) {
    const std::unordered_set<std::string> kept(keys.begin(), keys.end());
    for (const auto& key : old.keys) {
      if (!kept.contains(key)) delete_key(key);
    }
  }

  void delete_key(const std::string& key) {
    if (store_.remove(key)) ++report_.counts().articles_deleted;
  }

  // Re-keys the articles of a file found under a new path with the same content, without
  // reading or analysing it again (the plan made sure they are all there).
  void move_file(const FoundFile& found, const FileState& from) {
    const std::string path = found.file.path.string();
    FileState state{path, found.file.key, found.stamp.size, found.stamp.mtime_ns, from.hash, {}};
    for (const auto& key : from.keys) {
      const std::string new_key = found.file.key + key.substr(from.base_key.size());
      store_.rekey(key, new_key, from.path, path);
      state.keys.push_back(new_key);
    }
    store_.forget_state(from.path);
    store_.set_state(state);
    report_.change(FileAction::moved, path, from.path, state.keys.size());
    store_.file_done();
  }

  void delete_file(const FileState& state) {
    const std::size_t before = report_.counts().articles_deleted;
    for (const auto& key : state.keys)
      delete_key(key);
    store_.forget_state(state.path);
    report_.change(FileAction::deleted, state.path, {}, report_.counts().articles_deleted - before);
    store_.file_done();
  }

  const Plan& plan_;
  const std::vector<FoundFile>& found_;
  ArticleStore& store_;
  const Analysis& a_;
  RunReport& report_;
  const unsigned threads_;
  std::vector<DocumentBuilder> chunk_builders_;  // One per thread analysing a big file.
  std::size_t files_done_ = 0;
};

}  // namespace

void execute_plan(const Plan& plan, const std::vector<FoundFile>& found, ArticleStore& store,
                  const Analysis& analysis, RunReport& report) {
  Execution(plan, found, store, analysis, report).run();
}

unsigned worker_threads(std::size_t requested) {
  if (requested > 0) return static_cast<unsigned>(std::min<std::size_t>(requested, 256));
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace gazette::indexer

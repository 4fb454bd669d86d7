// The two article stores (article_store.hpp).
#include "indexer/src/article_store.hpp"

#include <gazette/date.hpp>
#include <gazette/schema.hpp>

#include "common/src/record.hpp"
#include "indexer/src/fingerprint.hpp"
#include "indexer/src/segmented_build.hpp"
#include "indexer/src/spelling.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace gazette::indexer {

namespace {

constexpr std::uint64_t kMegabyte = 1 << 20;

// The most articles and text in one segment of a first build, unless the batch is smaller.
// Reuters-21578 is written fastest with segments of 100-250 articles (measured:
// benchmarks/README.md); the text limit keeps long articles to a like size. Segments are
// smaller than batches: Xapian's cost per article grows with the size of what it writes
// at once.
constexpr std::size_t kSegmentArticles = 250;
constexpr std::uint64_t kSegmentMegabytes = 2;

void remove_term_if_present(Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  if (it != doc.termlist_end() && *it == term) doc.remove_term(term);
}

}  // namespace

DatabaseStore::DatabaseStore(Xapian::WritableDatabase& db, const IndexerOptions& options)
    : db_(db), options_(options) {}

void DatabaseStore::put(const std::string& key_term, Xapian::Document document,
                        std::uint64_t text_bytes) {
  replace_clustered(db_, key_term, std::move(document), options_.spelling);
  ++articles_;
  text_bytes_ += text_bytes;
  dirty_ = true;
}

void DatabaseStore::set_state(const FileState& state) {
  db_.set_metadata(state_key(state.path), encode_state(state));
  dirty_ = true;
}

void DatabaseStore::forget_state(const std::string& path) {
  db_.set_metadata(state_key(path), "");
  dirty_ = true;
}

bool DatabaseStore::remove(const std::string& key) {
  if (!delete_article(db_, schema::key_term(key), options_.spelling)) return false;
  ++articles_;
  dirty_ = true;
  return true;
}

void DatabaseStore::rekey(const std::string& old_key, const std::string& new_key,
                          const std::string& old_path, const std::string& new_path) {
  const std::string old_term = schema::key_term(old_key);
  const Xapian::docid id = *db_.postlist_begin(old_term);
  Xapian::Document doc = db_.get_document(id);
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
  db_.replace_document(id, doc);
  ++articles_;
  dirty_ = true;
}

bool DatabaseStore::batch_due() const {
  return articles_ >= std::max<std::size_t>(1, options_.batch_articles) ||
         text_bytes_ >= options_.batch_megabytes * kMegabyte;
}

void DatabaseStore::commit() {
  commit_changes(db_);
  articles_ = 0;
  text_bytes_ = 0;
}

void DatabaseStore::file_done() {
  if (!batch_due()) return;
  commit();
  dirty_ = false;
}

// Xapian's write buffer flushes by itself only every 10,000 documents (300 MB for a 38 MB
// JSON Lines update), so a big file is committed in batches too. Its state follows its
// last chunk: a crash in between leaves the state as it was, and the next run indexes the
// whole file again.
void DatabaseStore::chunk_done() {
  if (batch_due()) commit();  // Still dirty: the file's state is to come.
}

void DatabaseStore::finish() {
  if (dirty_) commit();
  dirty_ = false;
}

SegmentStore::SegmentStore(SegmentedBuild& segments, const IndexerOptions& options)
    : segments_(segments),
      max_articles_(std::clamp<std::size_t>(options.batch_articles, 1, kSegmentArticles)),
      max_text_bytes_(std::min<std::uint64_t>(options.batch_megabytes, kSegmentMegabytes) *
                      kMegabyte) {}

// Segments end inside files too, so that one big file (a JSON Lines dump) is still
// written by every writer thread.
void SegmentStore::put(const std::string& key_term, Xapian::Document document,
                       std::uint64_t text_bytes) {
  segments_.replace(key_term, std::move(document));
  ++articles_;
  text_bytes_ += text_bytes;
  if (articles_ < max_articles_ && text_bytes_ < max_text_bytes_) return;
  segments_.end_segment();
  articles_ = 0;
  text_bytes_ = 0;
}

void SegmentStore::set_state(const FileState& state) {
  segments_.set_metadata(state_key(state.path), encode_state(state));
}

void SegmentStore::forget_state(const std::string&) {
  throw std::logic_error("a first build has no file state to forget");
}

bool SegmentStore::remove(const std::string&) {
  throw std::logic_error("a first build has no article to remove");
}

void SegmentStore::rekey(const std::string&, const std::string&, const std::string&,
                         const std::string&) {
  throw std::logic_error("a first build has no article to move");
}

void commit_changes(Xapian::WritableDatabase& db) {
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  db.set_metadata(std::string(schema::kLastUpdateKey), format_iso8601(now));
  db.commit();
}

}  // namespace gazette::indexer

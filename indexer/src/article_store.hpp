// Where an indexing run writes: one interface, two stores. A DatabaseStore writes into the
// live database and commits in batches between files, so that a file's articles and its
// state share a commit; a SegmentStore hands the articles of a first build to a
// SegmentedBuild, which writes them on every core. Each store owns its batching rule.
#pragma once

#include <gazette/indexer.hpp>

#include "indexer/src/file_state.hpp"

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace gazette::indexer {

class SegmentedBuild;

class ArticleStore {
 public:
  virtual ~ArticleStore() = default;

  /// Stores an article's document under its key term, replacing the article's earlier
  /// version if any. `text_bytes`: its title and body, which count towards a batch.
  virtual void put(const std::string& key_term, Xapian::Document document,
                   std::uint64_t text_bytes) = 0;

  /// Records a file's state, after its articles.
  virtual void set_state(const FileState& state) = 0;

  /// Forgets the recorded state of the file at `path`.
  virtual void forget_state(const std::string& path) = 0;

  /// Deletes the article with key `key`; false if there was none.
  virtual bool remove(const std::string& key) = 0;

  /// Gives the article `old_key`, read from `old_path`, the key `new_key` and the path
  /// `new_path`, without analysing it again.
  virtual void rekey(const std::string& old_key, const std::string& new_key,
                     const std::string& old_path, const std::string& new_path) = 0;

  /// Something was written that must be committed though no file was finished (articles
  /// of a file that failed halfway, kept without a state so that it is read again).
  virtual void mark_changed() = 0;

  /// Between files: ends the batch if it is due.
  virtual void file_done() = 0;

  /// Between the chunks of one big file: ends the batch if it is due, the file's state
  /// still to come.
  virtual void chunk_done() = 0;

  /// After the last file: writes what is left.
  virtual void finish() = 0;
};

/// Writes into the live database, committing between files every
/// IndexerOptions::batch_articles articles or batch_megabytes of text, whichever first.
class DatabaseStore final : public ArticleStore {
 public:
  DatabaseStore(Xapian::WritableDatabase& db, const IndexerOptions& options);

  void put(const std::string& key_term, Xapian::Document document,
           std::uint64_t text_bytes) override;
  void set_state(const FileState& state) override;
  void forget_state(const std::string& path) override;
  bool remove(const std::string& key) override;
  void rekey(const std::string& old_key, const std::string& new_key, const std::string& old_path,
             const std::string& new_path) override;
  void mark_changed() override { dirty_ = true; }
  void file_done() override;
  void chunk_done() override;
  void finish() override;

 private:
  bool batch_due() const;
  void commit();

  Xapian::WritableDatabase& db_;
  const IndexerOptions& options_;
  std::size_t articles_ = 0;  // Since the last commit.
  std::uint64_t text_bytes_ = 0;
  bool dirty_ = false;
};

/// Writes a first build (an empty database, no file recorded) as segments, which may end
/// inside a file: nothing is committed until SegmentedBuild::finish(), which the caller
/// calls. Such a build only adds, so forget_state, remove and rekey are logic errors.
class SegmentStore final : public ArticleStore {
 public:
  SegmentStore(SegmentedBuild& segments, const IndexerOptions& options);

  void put(const std::string& key_term, Xapian::Document document,
           std::uint64_t text_bytes) override;
  void set_state(const FileState& state) override;
  void forget_state(const std::string& path) override;
  bool remove(const std::string& key) override;
  void rekey(const std::string& old_key, const std::string& new_key, const std::string& old_path,
             const std::string& new_path) override;
  void mark_changed() override {}
  void file_done() override {}
  void chunk_done() override {}
  void finish() override {}

 private:
  SegmentedBuild& segments_;
  std::size_t max_articles_;
  std::uint64_t max_text_bytes_;
  std::size_t articles_ = 0;  // In the current segment.
  std::uint64_t text_bytes_ = 0;
};

/// Commits, stamping the last-update time, if anything was written since the last commit.
void commit_changes(Xapian::WritableDatabase& db);

}  // namespace gazette::indexer

// The first build of an empty database, written on every core. One Xapian writer is the
// bottleneck of indexing (its posting buffer, commits and spelling updates took about 80%
// of the CPU time, measured in benchmarks/README.md), so a first build splits the writing:
// the calling thread chooses each article's cluster from what it remembers of the earlier
// ones and collects a batch; every batch becomes a segment, a fresh Xapian database written
// on a writer thread without fsync; writer threads merge every 32 consecutive segments into
// a run once all are written, and finish() merges the runs and the last segments in order
// with Xapian's Compactor into one compact database. Docids, clusters, spelling
// frequencies and metadata are those of writing the articles one by one into the
// database, whatever the number of threads.
#pragma once

#include "indexer/src/fingerprint.hpp"
#include "indexer/src/spelling.hpp"

#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace gazette::indexer {

class SegmentedBuild {
 public:
  /// Segments go in `work_dir` (created now, removed with its contents by the destructor);
  /// up to `writers` are written at once. `spelling`: keep spelling data (spelling.hpp).
  SegmentedBuild(std::filesystem::path work_dir, bool spelling, unsigned writers);
  ~SegmentedBuild();
  SegmentedBuild(const SegmentedBuild&) = delete;
  SegmentedBuild& operator=(const SegmentedBuild&) = delete;

  /// Stores `doc` under `key_term` with its cluster assigned, replacing the article's
  /// earlier version if any: what replace_clustered() does in a database.
  void replace(const std::string& key_term, Xapian::Document doc);

  /// Sets user metadata in the database being built (the last value set wins).
  void set_metadata(const std::string& key, const std::string& value);

  /// Ends the current batch: it is written as a segment on a writer thread, once one is
  /// free. Rethrows the failure of an earlier segment, if any.
  void end_segment();

  /// Writes the last segment, waits for every writer, then merges `base` (an existing
  /// database, not open for writing elsewhere, whose documents and metadata come first)
  /// and the segments into a new database at `out`, sets the metadata, commits it (with
  /// the last-update stamp) and returns it open for writing with `flags` (DB_NO_SYNC...).
  Xapian::WritableDatabase finish(const std::filesystem::path& base,
                                  const std::filesystem::path& out, int flags);

 private:
  struct Segment {
    std::size_t index = 0;
    std::filesystem::path dir;
    std::vector<Xapian::Document> docs;  // docs[i] gets the segment's docid i + 1.
  };
  // An article replaced after its segment was handed to a writer: applied in finish().
  struct LateReplacement {
    std::size_t segment;
    std::string key_term;
    Xapian::Document doc;
  };

  void write_segments();  // A writer thread's loop.
  void write(Segment& segment);
  std::optional<std::size_t> claim_full_group(std::size_t written);
  void merge_group(std::size_t group);
  void stop_writers();
  void apply_late_replacements();
  std::filesystem::path write_tables() const;
  void rethrow_failure();

  std::filesystem::path work_dir_;
  bool spelling_;
  RememberedArticles remembered_;
  std::map<std::string, std::string> metadata_;
  std::vector<Xapian::docid> segment_first_docid_;  // Of every segment handed over.
  Xapian::docid next_docid_ = 1;
  Segment current_;
  std::vector<LateReplacement> late_;

  // Guarded by mutex_:
  SpellingCounts spelling_counts_;  // Of every segment written.
  // The database holding each segment: its own, or the run its group was merged into.
  std::vector<std::filesystem::path> segment_home_;
  std::vector<char> written_;        // Per segment.
  std::vector<char> group_claimed_;  // Per group of kSegmentsPerRun: being merged or merged.

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Segment> queue_;  // Waiting for a writer; at most writers_.size() long.
  bool closing_ = false;
  std::exception_ptr failure_;
  std::vector<std::thread> writers_;
};

}  // namespace gazette::indexer

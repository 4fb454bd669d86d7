// Segments written in parallel and merged by the Compactor. See segmented_build.hpp.
#include "indexer/src/segmented_build.hpp"

#include <gazette/error.hpp>
#include <gazette/schema.hpp>

#include "indexer/src/incremental.hpp"
#include "indexer/src/ordered_parallel.hpp"
#include "indexer/src/spelling.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gazette::indexer {
namespace fs = std::filesystem;

namespace {

// Segments are temporary until the merge, which is flushed as a whole by whoever swaps it
// in: fsyncing each would only slow the build.
constexpr int kSegmentFlags = Xapian::DB_CREATE | Xapian::DB_NO_SYNC | Xapian::DB_BACKEND_GLASS;

// Consecutive segments merged into one run as soon as all are written, so that the final
// merge has few sources: merging 864 segments at once (10x Reuters-21578) took 18 s, 38 s
// with Xapian's multipass option, where 87 took 1 s: the merge grows faster than the data.
constexpr std::size_t kSegmentsPerRun = 32;

}  // namespace

SegmentedBuild::SegmentedBuild(fs::path work_dir, bool spelling, unsigned writers)
    : work_dir_(std::move(work_dir)), spelling_(spelling) {
  std::error_code ec;
  fs::create_directories(work_dir_, ec);
  if (ec) {
    throw_error(ErrorCode::io_error,
                fmt::format("{}: cannot create directory: {}", work_dir_.string(), ec.message()));
  }
  for (unsigned i = 0; i < std::max(1u, writers); ++i)
    writers_.emplace_back([this] { write_segments(); });
}

SegmentedBuild::~SegmentedBuild() {
  stop_writers();
  std::error_code ec;
  fs::remove_all(work_dir_, ec);
}

void SegmentedBuild::replace(const std::string& key_term, Xapian::Document doc) {
  doc.add_value(schema::kClusterKey, choose_cluster(remembered_, key_term, doc));
  const auto earlier = remembered_.find(key_term);
  const Xapian::docid id = earlier ? *earlier : next_docid_++;
  remembered_.remember(id, key_term, doc);
  if (!earlier) return current_.docs.push_back(std::move(doc));
  const Xapian::docid current_first =
      next_docid_ - static_cast<Xapian::docid>(current_.docs.size());
  if (id >= current_first) {  // Still in the batch being collected.
    current_.docs[id - current_first] = std::move(doc);
    return;
  }
  const auto segment =
      std::upper_bound(segment_first_docid_.begin(), segment_first_docid_.end(), id) -
      segment_first_docid_.begin() - 1;
  late_.push_back({static_cast<std::size_t>(segment), key_term, std::move(doc)});
}

void SegmentedBuild::set_metadata(const std::string& key, const std::string& value) {
  metadata_[key] = value;
}

void SegmentedBuild::end_segment() {
  rethrow_failure();
  if (current_.docs.empty()) return;
  segment_first_docid_.push_back(next_docid_ - static_cast<Xapian::docid>(current_.docs.size()));
  std::unique_lock lock(mutex_);
  current_.index = segment_home_.size();
  current_.dir = work_dir_ / fmt::format("segment-{:06}", current_.index);
  segment_home_.push_back(current_.dir);
  written_.push_back(false);
  changed_.wait(lock, [&] { return queue_.size() < writers_.size() || failure_; });
  queue_.push_back(std::move(current_));
  current_ = Segment{};
  changed_.notify_all();
}

void SegmentedBuild::write_segments() {
  name_this_thread("gz-segment");
  for (;;) {
    Segment segment;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;
      segment = std::move(queue_.front());
      queue_.pop_front();
      changed_.notify_all();
    }
    try {
      write(segment);
      if (const auto group = claim_full_group(segment.index)) merge_group(*group);
    } catch (...) {
      const std::lock_guard lock(mutex_);
      if (!failure_) failure_ = std::current_exception();
      changed_.notify_all();
    }
  }
}

void SegmentedBuild::write(Segment& segment) {
  Xapian::WritableDatabase db(segment.dir.string(), kSegmentFlags);
  SpellingCounts counts;
  for (const auto& doc : segment.docs) {
    if (spelling_) counts.count(doc, 1);
    db.add_document(doc);
  }
  db.commit();
  db.close();
  const std::lock_guard lock(mutex_);
  spelling_counts_.merge(counts);
}

// The group of segment `written`, if this writer wrote its last segment: it merges it.
std::optional<std::size_t> SegmentedBuild::claim_full_group(std::size_t written) {
  const std::lock_guard lock(mutex_);
  written_[written] = true;
  const std::size_t group = written / kSegmentsPerRun, first = group * kSegmentsPerRun;
  if (written_.size() < first + kSegmentsPerRun) return std::nullopt;
  for (std::size_t i = first; i < first + kSegmentsPerRun; ++i) {
    if (!written_[i]) return std::nullopt;
  }
  if (group_claimed_.size() <= group) group_claimed_.resize(group + 1, false);
  if (group_claimed_[group]) return std::nullopt;
  group_claimed_[group] = true;
  return group;
}

void SegmentedBuild::merge_group(std::size_t group) {
  const std::size_t first = group * kSegmentsPerRun;
  std::vector<fs::path> dirs;
  {
    const std::lock_guard lock(mutex_);
    dirs.assign(segment_home_.begin() + static_cast<std::ptrdiff_t>(first),
                segment_home_.begin() + static_cast<std::ptrdiff_t>(first + kSegmentsPerRun));
  }
  Xapian::Database sources;
  for (const auto& dir : dirs)
    sources.add_database(Xapian::Database(dir.string()));
  const fs::path run = work_dir_ / fmt::format("run-{:06}", group);
  sources.compact(run.string(), Xapian::Compactor::STANDARD);
  {
    const std::lock_guard lock(mutex_);
    for (std::size_t i = first; i < first + kSegmentsPerRun; ++i)
      segment_home_[i] = run;
  }
  std::error_code ec;
  for (const auto& dir : dirs)
    fs::remove_all(dir, ec);
}

void SegmentedBuild::stop_writers() {
  {
    const std::lock_guard lock(mutex_);
    closing_ = true;
    changed_.notify_all();
  }
  for (auto& writer : writers_)
    writer.join();
  writers_.clear();
}

void SegmentedBuild::rethrow_failure() {
  const std::lock_guard lock(mutex_);
  if (failure_) std::rethrow_exception(failure_);
}

// In the order they happened: the old version's words leave the spelling counts, and the
// article keeps its docid.
void SegmentedBuild::apply_late_replacements() {
  std::map<std::size_t, std::vector<const LateReplacement*>> by_segment;
  for (const auto& late : late_)
    by_segment[late.segment].push_back(&late);
  for (const auto& [segment, replacements] : by_segment) {
    Xapian::WritableDatabase db(segment_home_[segment].string(),
                                Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    for (const LateReplacement* late : replacements) {
      if (spelling_) {
        spelling_counts_.count(db.get_document(*db.postlist_begin(late->key_term)), -1);
        spelling_counts_.count(late->doc, 1);
      }
      db.replace_document(late->key_term, late->doc);
    }
    db.commit();
  }
  late_.clear();
}

Xapian::WritableDatabase SegmentedBuild::finish(const fs::path& base, const fs::path& out,
                                                int flags) {
  end_segment();
  stop_writers();
  rethrow_failure();
  apply_late_replacements();
  Xapian::Database sources(base.string());
  for (std::size_t i = 0; i < segment_home_.size(); ++i) {  // A run once, for its group.
    if (i == 0 || segment_home_[i] != segment_home_[i - 1]) {
      sources.add_database(Xapian::Database(segment_home_[i].string()));
    }
  }
  sources.add_database(Xapian::Database(write_tables().string()));
  // Renumbering appends each source's docids after the previous one's last: the docids
  // of writing one by one. Multipass merges many segments faster.
  sources.compact(out.string(), Xapian::Compactor::STANDARD);
  Xapian::WritableDatabase merged(out.string(), Xapian::DB_OPEN | flags);
  commit_changes(merged);
  return merged;
}

// A source with no documents for the merge: the metadata and the spelling table, so that
// the Compactor packs them too. Each word's spelling fragments are worked out once, here.
fs::path SegmentedBuild::write_tables() const {
  const fs::path dir = work_dir_ / "tables";
  Xapian::WritableDatabase db(dir.string(), kSegmentFlags);
  for (const auto& [key, value] : metadata_)
    db.set_metadata(key, value);
  spelling_counts_.write_to(db);
  db.commit();
  return dir;
}

}  // namespace gazette::indexer

// The incremental indexing run: only the work that changed, crash-safe by construction
// (a file's state is committed with its articles, so a killed run is redone exactly).
// Scanning, hashing and checking the recorded articles read the disk and the database;
// the plan made from what they found is a pure diff; executing it is the only writing.
#include "indexer/src/incremental.hpp"

#include <gazette/error.hpp>
#include <gazette/schema.hpp>

#include "common/src/text.hpp"
#include "indexer/src/file_scanner.hpp"
#include "indexer/src/file_state.hpp"
#include "indexer/src/ordered_parallel.hpp"
#include "indexer/src/plan.hpp"
#include "indexer/src/run_report.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <unordered_set>

namespace gazette::indexer {
namespace fs = std::filesystem;

namespace {

bool cancelled(const IndexerOptions& options) {
  return options.cancel && options.cancel->load();
}

// What the scan of the roots found.
struct Scan {
  std::vector<FoundFile> files;      // In scan order.
  std::vector<fs::path> live_roots;  // The roots that exist.
};

// Every file under every root, with size and mtime. A root that is gone is reported, and
// what was indexed under it is kept (an unmounted disk is not an empty one).
Scan scan_roots(const std::vector<fs::path>& roots, const IndexerOptions& options,
                RunReport& report) {
  Scan found;
  for (const fs::path& root : roots) {
    std::error_code ec;
    if (!fs::exists(root, ec)) {
      report.problem(root.string(),
                     "root not found; its articles are kept (remove it with "
                     "gazette-index remove)",
                     false);
      continue;
    }
    found.live_roots.push_back(root);
    const bool is_file = !fs::is_directory(root, ec);
    ScanVisitor visitor;
    visitor.should_stop = [&] { return cancelled(options); };
    visitor.on_problem = [&](const FileProblem& p) { report.problem(p.path, p.reason, true); };
    visitor.on_file = [&](const ScannedFile& file) {
      const auto stamp = stamp_file(file.path);
      if (!stamp) return report.problem(file.path.string(), "cannot read file status", true);
      found.files.push_back({file, *stamp, is_file});
    };
    // A README or a collection's notes: not an article, and not kept if indexed before.
    visitor.on_documentation = [&](const ScannedFile&) { ++report.counts().files_ignored; };
    scan(root, visitor);
  }
  return found;
}

// The recorded states under the roots that exist (none when none does: nothing can then
// have vanished).
StateMap recorded_states(const Xapian::Database& db, const std::vector<fs::path>& live_roots) {
  StateMap states;
  if (live_roots.empty()) return states;
  for (auto& state : states_under(db, live_roots)) {
    std::string path = state.path;
    states.emplace(std::move(path), std::move(state));
  }
  return states;
}

// The hashes the plan needs (files_to_hash()), on every core.
std::vector<std::optional<HashOutcome>> hash_files(const std::vector<FoundFile>& found,
                                                   const StateMap& recorded, unsigned threads) {
  std::vector<std::optional<HashOutcome>> hashes(found.size());
  const std::vector<std::size_t> wanted = files_to_hash(found, recorded);
  ordered_parallel<HashOutcome>(
      wanted.size(), threads, threads * 4,
      [&](std::size_t i, unsigned) {
        try {
          return HashOutcome{hash_file(found[wanted[i]].file.path), {}};
        } catch (const Error& e) {
          return HashOutcome{0, e.what()};
        }
      },
      [&](std::size_t i, HashOutcome&& outcome) {
        hashes[wanted[i]] = std::move(outcome);
        return true;
      });
  return hashes;
}

// The vanished files whose articles are all in the database under their file's key, as
// recorded: only those can move to a new path without being read again.
std::unordered_set<std::string> intact_vanished(const Xapian::Database& db,
                                                const std::vector<FoundFile>& found,
                                                const StateMap& recorded) {
  std::unordered_set<std::string> intact;
  for (const std::string& path : vanished_paths(found, recorded)) {
    const FileState& state = recorded.at(path);
    const bool all_there = std::all_of(state.keys.begin(), state.keys.end(), [&](const auto& key) {
      return key.starts_with(state.base_key) && db.get_termfreq(schema::key_term(key)) > 0;
    });
    if (all_there) intact.insert(path);
  }
  return intact;
}

}  // namespace

IndexReport run_update(RunTarget target, const std::vector<fs::path>& roots) {
  const auto start = std::chrono::steady_clock::now();
  const IndexerOptions& options = target.options;
  IndexReport counts;
  counts.dry_run = options.dry_run;
  RunReport report(counts, options);

  const Scan found = scan_roots(roots, options, report);
  const StateMap recorded = recorded_states(target.db, found.live_roots);
  const auto hashes = hash_files(found.files, recorded, worker_threads(options.threads));
  const auto intact = intact_vanished(target.db, found.files, recorded);
  const Plan plan = make_plan({found.files, recorded, hashes, intact, options.prune});

  if (options.dry_run) {
    report_plan(plan, found.files, report);
  } else {
    DatabaseStore live(target.db, options);
    std::optional<SegmentStore> segmented;
    if (target.segments) segmented.emplace(*target.segments, options);
    ArticleStore& store = segmented ? static_cast<ArticleStore&>(*segmented) : live;
    execute_plan(plan, found.files, store,
                 {target.builder, options, target.read, target.stream_files_over}, report);
  }
  counts.interrupted = cancelled(options);
  counts.revision = target.db.get_revision();
  counts.files_indexed = counts.files_added + counts.files_replaced;
  counts.elapsed = std::chrono::steady_clock::now() - start;
  return counts;
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

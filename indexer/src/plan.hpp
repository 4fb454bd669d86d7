// The plan of an indexing run: a pure diff of what the scan found against the file states
// recorded in the database, saying for every file what is to be done (nothing, remember a
// new mtime, index it, re-key its articles under a new path, delete them) before anything
// is read or written. `--dry-run` reports the plan; execute.hpp carries it out.
#pragma once

#include "indexer/src/file_scanner.hpp"
#include "indexer/src/file_state.hpp"
#include "indexer/src/run_report.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace gazette::indexer {

/// A file the scan found, with its size and modification time.
struct FoundFile {
  ScannedFile file;
  FileStamp stamp;
  bool given_directly = false;  ///< The root itself: read whatever its name.
};

/// The content hash of a found file, or why it could not be computed.
struct HashOutcome {
  std::uint64_t hash = 0;
  std::string error;  ///< Empty when `hash` is set.
};

/// Recorded file states by absolute path.
using StateMap = std::unordered_map<std::string, FileState>;

/// What the plan is made from: everything the run learnt by reading the disk and the
/// database, so that make_plan() itself reads neither.
struct PlanInput {
  const std::vector<FoundFile>& found;  ///< In scan order.
  const StateMap& recorded;             ///< The states under the roots that still exist.
  /// Per found file (same index): its hash, where files_to_hash() asked for it.
  const std::vector<std::optional<HashOutcome>>& hashes;
  /// Recorded paths whose articles are all in the database under the file's key: only
  /// those can be re-keyed when the file turns up under a new path.
  const std::unordered_set<std::string>& intact;
  bool prune = true;  ///< Delete the articles of files that vanished.
};

/// What is to be done with one file.
enum class Step {
  keep,     ///< Same size and mtime as recorded: nothing is read.
  touch,    ///< New mtime, same content: only the recorded mtime changes.
  add,      ///< Not recorded: read and index it.
  replace,  ///< Recorded with other content: index it, delete its articles no longer there.
  move,     ///< Not recorded, but the content of a vanished file: re-key that file's articles.
  remove,   ///< Recorded but vanished: delete its articles and its state.
  fail,     ///< Cannot be hashed: reported; whatever was indexed from it is kept.
};

struct PlannedFile {
  Step step = Step::keep;
  /// Index into PlanInput::found; none for Step::remove.
  std::optional<std::size_t> found;
  /// The recorded state (in PlanInput::recorded, which must outlive the plan): the file's
  /// own (keep, touch, replace, remove) or the vanished file's whose articles move (move).
  const FileState* recorded = nullptr;
  std::optional<std::uint64_t> hash;  ///< When known before reading the file.
  std::string reason;                 ///< Why the file fails (Step::fail).
};

/// Every found file in scan order, then the removals in path order.
struct Plan {
  std::vector<PlannedFile> files;
};

/// The found files whose content hash the plan needs: recorded ones whose stamp changed
/// (touched or changed?) and new ones as big as a vanished file (moved?). Every other file
/// is hashed, if at all, when it is read.
std::vector<std::size_t> files_to_hash(const std::vector<FoundFile>& found,
                                       const StateMap& recorded);

/// The vanished recorded files: recorded paths the scan did not find, in path order.
std::vector<std::string> vanished_paths(const std::vector<FoundFile>& found,
                                        const StateMap& recorded);

/// The diff. Pure: the same input gives the same plan.
Plan make_plan(const PlanInput& input);

/// Reports the plan as the run would carry it out, writing nothing: a dry run.
void report_plan(const Plan& plan, const std::vector<FoundFile>& found, RunReport& report);

}  // namespace gazette::indexer

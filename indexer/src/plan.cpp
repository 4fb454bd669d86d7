// The diff of a scan against the recorded file states (plan.hpp).
#include "indexer/src/plan.hpp"

#include <algorithm>
#include <unordered_map>

namespace gazette::indexer {

namespace {

const FileState* state_of(const StateMap& recorded, const FoundFile& found) {
  const auto it = recorded.find(found.file.path.string());
  return it == recorded.end() ? nullptr : &it->second;
}

bool stamp_unchanged(const FileState& state, const FileStamp& stamp) {
  return state.size == stamp.size && state.mtime_ns == stamp.mtime_ns;
}

// Vanished files whose articles can move, by content hash; each is taken at most once.
class MoveSources {
 public:
  MoveSources(const std::vector<std::string>& vanished, const PlanInput& input)
      : recorded_(input.recorded) {
    for (const std::string& path : vanished) {
      if (input.intact.contains(path)) by_hash_.emplace(recorded_.at(path).hash, path);
    }
  }

  // The vanished file with this content, taken; none if there is none left.
  const FileState* take(std::uint64_t hash, std::uint64_t size) {
    auto [first, last] = by_hash_.equal_range(hash);
    for (auto it = first; it != last; ++it) {
      const FileState& state = recorded_.at(it->second);
      if (state.size != size) continue;
      taken_.insert(it->second);
      by_hash_.erase(it);
      return &state;
    }
    return nullptr;
  }

  bool was_taken(const std::string& path) const { return taken_.contains(path); }

 private:
  const StateMap& recorded_;
  std::unordered_multimap<std::uint64_t, std::string> by_hash_;
  std::unordered_set<std::string> taken_;
};

PlannedFile plan_found(std::size_t index, const PlanInput& input, MoveSources& moves) {
  const FoundFile& found = input.found[index];
  const FileState* old = state_of(input.recorded, found);
  PlannedFile planned;
  planned.found = index;
  planned.recorded = old;
  if (old && stamp_unchanged(*old, found.stamp)) return planned;  // Step::keep
  const std::optional<HashOutcome>& hashed = input.hashes[index];
  if (hashed && !hashed->error.empty()) {
    planned.step = Step::fail;
    planned.reason = hashed->error;
    return planned;
  }
  if (hashed) planned.hash = hashed->hash;
  if (old) {
    const bool same_content = hashed && hashed->hash == old->hash && old->size == found.stamp.size;
    planned.step = same_content ? Step::touch : Step::replace;
    return planned;
  }
  if (hashed) {
    if (const FileState* from = moves.take(hashed->hash, found.stamp.size)) {
      planned.step = Step::move;
      planned.recorded = from;
      return planned;
    }
  }
  planned.step = Step::add;
  return planned;
}

}  // namespace

std::vector<std::string> vanished_paths(const std::vector<FoundFile>& found,
                                        const StateMap& recorded) {
  std::unordered_set<std::string> seen;
  for (const FoundFile& f : found)
    seen.insert(f.file.path.string());
  std::vector<std::string> vanished;
  for (const auto& [path, state] : recorded) {
    if (!seen.contains(path)) vanished.push_back(path);
  }
  std::sort(vanished.begin(), vanished.end());
  return vanished;
}

std::vector<std::size_t> files_to_hash(const std::vector<FoundFile>& found,
                                       const StateMap& recorded) {
  std::unordered_set<std::uint64_t> vanished_sizes;
  for (const std::string& path : vanished_paths(found, recorded))
    vanished_sizes.insert(recorded.at(path).size);
  std::vector<std::size_t> wanted;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const FileState* old = state_of(recorded, found[i]);
    const bool needed =
        old ? !stamp_unchanged(*old, found[i].stamp) : vanished_sizes.contains(found[i].stamp.size);
    if (needed) wanted.push_back(i);
  }
  return wanted;
}

Plan make_plan(const PlanInput& input) {
  const std::vector<std::string> vanished = vanished_paths(input.found, input.recorded);
  MoveSources moves(vanished, input);
  Plan plan;
  for (std::size_t i = 0; i < input.found.size(); ++i)
    plan.files.push_back(plan_found(i, input, moves));
  if (!input.prune) return plan;
  for (const std::string& path : vanished) {
    if (moves.was_taken(path)) continue;
    PlannedFile removal;
    removal.step = Step::remove;
    removal.recorded = &input.recorded.at(path);
    plan.files.push_back(std::move(removal));
  }
  return plan;
}

void report_plan(const Plan& plan, const std::vector<FoundFile>& found, RunReport& report) {
  for (const PlannedFile& planned : plan.files) {
    const std::string path =
        planned.found ? found[*planned.found].file.path.string() : planned.recorded->path;
    switch (planned.step) {
      case Step::keep:
      case Step::touch:
        ++report.counts().files_unchanged;
        break;
      case Step::add:
        report.change(FileAction::added, path, {}, 0);
        break;
      case Step::replace:
        report.change(FileAction::replaced, path, {}, 0);
        break;
      case Step::move:
        report.change(FileAction::moved, path, planned.recorded->path,
                      planned.recorded->keys.size());
        break;
      case Step::remove:
        report.change(FileAction::deleted, path, {}, planned.recorded->keys.size());
        break;
      case Step::fail:
        report.problem(path, planned.reason, true);
        break;
    }
  }
}

}  // namespace gazette::indexer

// Tests for indexer/src/plan.cpp: the plan is a pure diff of what a scan found against the
// recorded file states, so it is tested on plain values, with no disk and no database;
// incremental_test.cpp checks that a dry run reports what the run then does.
#include "indexer/src/plan.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

using namespace gazette;
using namespace gazette::indexer;

namespace {

FoundFile found(const std::string& name, std::uint64_t size, std::int64_t mtime) {
  return {{"/archive/" + name, name}, {size, mtime}, false};
}

FileState state(const std::string& name, std::uint64_t size, std::int64_t mtime, std::uint64_t hash,
                std::vector<std::string> keys = {}) {
  if (keys.empty()) keys.push_back(name);
  return {"/archive/" + name, name, size, mtime, hash, std::move(keys)};
}

// A plan's input, owning what PlanInput refers to.
struct Case {
  std::vector<FoundFile> files;
  StateMap recorded;
  std::vector<std::optional<HashOutcome>> hashes;
  std::unordered_set<std::string> intact;
  bool prune = true;

  void record(const FileState& s, bool is_intact = true) {
    recorded[s.path] = s;
    if (is_intact) intact.insert(s.path);
  }
  // Sets the hash of found file `i`, as the run would after files_to_hash().
  void hashed(std::size_t i, std::uint64_t hash) {
    hashes.resize(files.size());
    hashes[i] = HashOutcome{hash, {}};
  }
  Plan plan() {
    hashes.resize(files.size());
    return make_plan({files, recorded, hashes, intact, prune});
  }
};

std::vector<Step> steps(const Plan& plan) {
  std::vector<Step> out;
  for (const auto& f : plan.files)
    out.push_back(f.step);
  return out;
}

}  // namespace

TEST_CASE("plan: a new file is added without hashing it first") {
  Case c;
  c.files = {found("a.txt", 10, 1)};
  CHECK(files_to_hash(c.files, c.recorded).empty());
  const Plan plan = c.plan();
  REQUIRE(plan.files.size() == 1);
  CHECK(plan.files[0].step == Step::add);
  CHECK(plan.files[0].found == 0);
  CHECK_FALSE(plan.files[0].hash);
  CHECK(plan.files[0].recorded == nullptr);
}

TEST_CASE("plan: same stamp is kept, new stamp with same content touched, else replaced") {
  Case c;
  c.files = {found("same.txt", 10, 1), found("touched.txt", 20, 5), found("changed.txt", 30, 5)};
  c.record(state("same.txt", 10, 1, 111));
  c.record(state("touched.txt", 20, 2, 222));
  c.record(state("changed.txt", 30, 2, 333));
  CHECK(files_to_hash(c.files, c.recorded) == std::vector<std::size_t>{1, 2});
  c.hashed(1, 222);
  c.hashed(2, 999);
  const Plan plan = c.plan();
  CHECK(steps(plan) == std::vector<Step>{Step::keep, Step::touch, Step::replace});
  CHECK(plan.files[2].hash == 999u);
  REQUIRE(plan.files[2].recorded != nullptr);
  CHECK(plan.files[2].recorded->hash == 333u);
}

TEST_CASE("plan: a file of the same size but other content is replaced, not touched") {
  Case c;
  c.files = {found("a.txt", 10, 5)};
  c.record(state("a.txt", 11, 1, 42));
  c.hashed(0, 42);  // Same hash, other size: a collision is not taken for the same file.
  CHECK(steps(c.plan()) == std::vector<Step>{Step::replace});
}

TEST_CASE("plan: a file that cannot be hashed fails with the reason, its articles kept") {
  Case c;
  c.files = {found("a.txt", 10, 5)};
  c.record(state("a.txt", 10, 1, 1));
  c.hashes = {HashOutcome{0, "cannot read: Permission denied"}};
  const Plan plan = c.plan();
  CHECK(steps(plan) == std::vector<Step>{Step::fail});
  CHECK(plan.files[0].reason == "cannot read: Permission denied");
}

TEST_CASE("plan: a vanished file found under a new path with the same content moves") {
  Case c;
  c.files = {found("new/a.txt", 10, 9)};
  c.record(state("old/a.txt", 10, 1, 77, {"old/a.txt#1", "old/a.txt#2"}));
  CHECK(vanished_paths(c.files, c.recorded) == std::vector<std::string>{"/archive/old/a.txt"});
  CHECK(files_to_hash(c.files, c.recorded) == std::vector<std::size_t>{0});
  c.hashed(0, 77);
  const Plan plan = c.plan();
  REQUIRE(steps(plan) == std::vector<Step>{Step::move});  // Moved, so not removed.
  REQUIRE(plan.files[0].recorded != nullptr);
  CHECK(plan.files[0].recorded->path == "/archive/old/a.txt");
}

TEST_CASE("plan: a vanished file whose articles are not all there is removed, the new one added") {
  Case c;
  c.files = {found("new/a.txt", 10, 9)};
  c.record(state("old/a.txt", 10, 1, 77), /*is_intact=*/false);
  c.hashed(0, 77);
  CHECK(steps(c.plan()) == std::vector<Step>{Step::add, Step::remove});
}

TEST_CASE("plan: one vanished file moves once, and a second copy of it is added") {
  Case c;
  c.files = {found("copy1.txt", 10, 9), found("copy2.txt", 10, 9)};
  c.record(state("gone.txt", 10, 1, 5));
  c.hashed(0, 5);
  c.hashed(1, 5);
  CHECK(steps(c.plan()) == std::vector<Step>{Step::move, Step::add});
}

TEST_CASE("plan: removals come last, in path order, and only when pruning") {
  Case c;
  c.files = {found("kept.txt", 1, 1)};
  c.record(state("kept.txt", 1, 1, 1));
  c.record(state("z.txt", 2, 1, 2));
  c.record(state("b.txt", 3, 1, 3));
  const Plan plan = c.plan();
  REQUIRE(steps(plan) == std::vector<Step>{Step::keep, Step::remove, Step::remove});
  CHECK(plan.files[1].recorded->path == "/archive/b.txt");
  CHECK(plan.files[2].recorded->path == "/archive/z.txt");
  CHECK_FALSE(plan.files[1].found);
  c.prune = false;
  CHECK(steps(c.plan()) == std::vector<Step>{Step::keep});
}

TEST_CASE("plan: only files whose stamp changed or that may have moved are hashed first") {
  Case c;
  c.files = {found("same.txt", 1, 1), found("new-odd-size.txt", 5, 1),
             found("new-size-of-gone.txt", 7, 1)};
  c.record(state("same.txt", 1, 1, 1));
  c.record(state("gone.txt", 7, 1, 2));
  CHECK(files_to_hash(c.files, c.recorded) == std::vector<std::size_t>{2});
}

TEST_CASE("plan: the same input always gives the same plan") {
  Case c;
  for (int i = 0; i < 50; ++i)
    c.files.push_back(found("f" + std::to_string(i) + ".txt", 10, i));
  for (int i = 0; i < 50; ++i)
    c.record(state("g" + std::to_string(i) + ".txt", 10, 1, static_cast<std::uint64_t>(i)));
  for (std::size_t i = 0; i < c.files.size(); i += 2)
    c.hashed(i, i);
  const Plan first = c.plan();
  const Plan second = c.plan();
  REQUIRE(first.files.size() == second.files.size());
  for (std::size_t i = 0; i < first.files.size(); ++i) {
    CHECK(first.files[i].step == second.files[i].step);
    CHECK(first.files[i].recorded == second.files[i].recorded);
  }
  const std::vector<Step> first_steps = steps(first);
  // Every other new file has the content of a vanished one: 25 move, 25 are added, and
  // the 25 vanished files left are removed.
  CHECK(std::count(first_steps.begin(), first_steps.end(), Step::move) == 25);
  CHECK(std::count(first_steps.begin(), first_steps.end(), Step::remove) == 25);
}

TEST_CASE("plan: a dry run reports each step as the run would count it") {
  Case c;
  c.files = {found("same.txt", 1, 1), found("new.txt", 2, 1), found("moved.txt", 3, 2)};
  c.record(state("same.txt", 1, 1, 1));
  c.record(state("was.txt", 3, 1, 9, {"was.txt#1", "was.txt#2"}));
  c.record(state("gone.txt", 4, 1, 4, {"gone.txt"}));
  c.hashed(2, 9);
  const Plan plan = c.plan();
  IndexReport counts;
  IndexerOptions options;
  RunReport report(counts, options);
  report_plan(plan, c.files, report);
  CHECK(counts.files_unchanged == 1);
  CHECK(counts.files_added == 1);
  CHECK(counts.files_moved == 1);
  CHECK(counts.files_deleted == 1);
  REQUIRE(counts.changes.size() == 3);
  CHECK(counts.changes[1].action == FileAction::moved);
  CHECK(counts.changes[1].detail == "/archive/was.txt");
  CHECK(counts.changes[1].articles == 2);
  CHECK(counts.changes[2].path == "/archive/gone.txt");
}

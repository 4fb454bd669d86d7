// Recursive, loop-safe, deterministic directory walk.
#include "indexer/src/file_scanner.hpp"

#include <gazette/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <vector>

namespace gazette::indexer {
namespace fs = std::filesystem;

namespace {

class Walker {
 public:
  Walker(const fs::path& root, const ScanVisitor& visitor) : root_(root), visitor_(visitor) {}

  void walk_directory(const fs::path& dir) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    if (ec) return problem(dir, ec);
    if (!visited_.insert(canonical).second) return;  // A symlink loop or a second way in.
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (it->path().filename().string().starts_with('.')) continue;
      entries.push_back(*it);
    }
    if (ec) return problem(dir, ec);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    for (const auto& entry : entries) {
      if (stopped()) return;
      visit(entry.path());
    }
  }

  void visit(const fs::path& path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);  // Follows symlinks.
    if (ec) return problem(path, ec);
    if (fs::is_directory(status)) return walk_directory(path);
    if (!fs::is_regular_file(status)) return;  // Sockets, FIFOs, devices.
    visitor_.on_file(ScannedFile{path, path.lexically_relative(root_).generic_string()});
  }

  bool stopped() const { return visitor_.should_stop && visitor_.should_stop(); }

 private:
  void problem(const fs::path& path, const std::error_code& ec) {
    if (visitor_.on_problem) visitor_.on_problem(FileProblem{path.string(), ec.message()});
  }

  fs::path root_;
  const ScanVisitor& visitor_;
  std::set<fs::path> visited_;
};

}  // namespace

void scan(const fs::path& root, const ScanVisitor& visitor) {
  std::error_code ec;
  fs::path absolute = fs::absolute(root, ec).lexically_normal();
  if (!absolute.has_filename()) absolute = absolute.parent_path();  // "dir/" -> "dir".
  const fs::file_status status = fs::status(absolute, ec);
  if (ec || !fs::exists(status)) {
    throw_error(ErrorCode::not_found, fmt::format("{}: no such file or directory", root.string()));
  }
  if (fs::is_directory(status)) {
    Walker(absolute, visitor).walk_directory(absolute);
  } else {
    // A file given directly is read whatever its name; its key is its file name.
    Walker(absolute.parent_path(), visitor).visit(absolute);
  }
}

}  // namespace gazette::indexer

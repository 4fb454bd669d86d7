// Stub-file layout of database directories, and atomic generation swaps.
#include "indexer/src/db_layout.hpp"

#include <gazette/error.hpp>

#include "common/src/db_stub.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace gazette::indexer {
namespace fs = std::filesystem;

namespace {

constexpr const char* kGenerationPrefix = "db-";

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  throw_error(ErrorCode::io_error,
              fmt::format("{}: {}: {}", path.string(), what, std::strerror(errno)));
}

// Writes `content` to `path` and flushes it to disk before returning.
void write_synced(const fs::path& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail(path, "cannot create");
  const bool ok =
      ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
      ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) fail(path, "cannot write");
}

// Makes a rename inside `dir` durable.
void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

bool has_stub_layout(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(stub_file(dir), ec);
}

bool is_new_database(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

fs::path create_layout(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    throw_error(ErrorCode::io_error,
                fmt::format("{}: cannot create directory: {}", dir.string(), ec.message()));
  }
  const fs::path generation = next_generation(dir);
  Xapian::WritableDatabase(generation.string(), Xapian::DB_CREATE).close();
  switch_generation(dir, generation);
  return generation;
}

fs::path live_generation(const fs::path& dir) {
  std::ifstream stub(stub_file(dir));
  std::string backend, name;
  if (!(stub >> backend >> name)) {
    throw_error(ErrorCode::database_corrupt,
                fmt::format("{}: unreadable {} stub file", dir.string(),
                            stub_file(dir).filename().string()));
  }
  return dir / name;
}

fs::path next_generation(const fs::path& dir) {
  int highest = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(kGenerationPrefix)) {
      highest = std::max(highest, std::atoi(name.c_str() + std::strlen(kGenerationPrefix)));
    }
  }
  return dir / fmt::format("{}{:06}", kGenerationPrefix, highest + 1);
}

void remove_stale_generations(const fs::path& dir, const fs::path& live) {
  std::vector<fs::path> stale;  // Not removed while the directory is being listed.
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(kGenerationPrefix) && it->path().filename() != live.filename()) {
      stale.push_back(it->path());
    }
  }
  for (const auto& path : stale)
    fs::remove_all(path, ec);
}

void switch_generation(const fs::path& dir, const fs::path& generation) {
  const fs::path temporary = stub_file(dir).string() + ".new";
  write_synced(temporary, fmt::format("auto {}\n", generation.filename().string()));
  if (::rename(temporary.c_str(), stub_file(dir).c_str()) != 0) {
    fail(stub_file(dir), "cannot replace");
  }
  sync_directory(dir);
}

void sync_tree(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    const int fd = ::open(it->path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail(it->path(), "cannot open");
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) fail(it->path(), "cannot flush to disk");
  }
  if (ec) fail(dir, "cannot list");
  sync_directory(dir);
}

std::uint64_t size_on_disk(const fs::path& dir) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) {
      const auto size = it->file_size(size_ec);
      if (!size_ec) total += size;
    }
  }
  return total;
}

}  // namespace gazette::indexer

// Helpers shared by the tests: temporary directories, fixture paths, running the real CLI
// binaries, and skipping tests whose corpora are absent.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace gazette::test {

/// A fresh directory under the system temp dir, removed with everything in it on scope exit.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  /// Writes `content` to `relative` (creating parent directories) and returns its path.
  std::filesystem::path write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

/// tests/fixtures/<relative>.
std::filesystem::path fixture(const std::string& relative);

/// The whole content of a file (throws std::runtime_error if unreadable).
std::string read_file(const std::filesystem::path& path);

/// The lines of `text`, without their line ends.
std::vector<std::string> lines_of(const std::string& text);

/// Writes `content` gzip-compressed to `path` (libarchive's writer); throws on failure.
void write_gzip(const std::filesystem::path& path, const std::string& content);

/// ../shared/corpora/<relative> if it exists; otherwise prints "SKIPPED: ..." (which CTest
/// reports as a skipped test) and returns an empty path.
std::filesystem::path corpus_or_skip(const std::string& relative);

/// What a finished process did.
struct ProcessResult {
  int exit_code = -1;  ///< Exit status, or 128+signal if killed by a signal.
  std::string out;     ///< Everything written to stdout.
  std::string err;     ///< Everything written to stderr.
};

/// Runs `argv` (argv[0] is a path, not looked up in PATH) with stdin from /dev/null and
/// `extra_env` ("NAME=value") added to the environment; waits for it.
ProcessResult run(const std::vector<std::string>& argv,
                  const std::vector<std::string>& extra_env = {});

/// A process started by start(), still running or not yet waited for.
struct Started {
  int pid = -1;
};

/// Starts `argv` with stdin, stdout and stderr on /dev/null, without waiting.
Started start(const std::vector<std::string>& argv);

/// Waits for a started process; its exit status, or 128+signal if a signal killed it.
int wait_for(Started process);

/// The built gazette-index and gazette-search binaries.
std::string index_bin();
std::string search_bin();

}  // namespace gazette::test

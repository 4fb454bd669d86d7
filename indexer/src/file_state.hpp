// Per-file state kept in the database's metadata for incremental updates: what a file
// looked like when it was indexed, and which article keys it produced.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::indexer {

/// One indexed file, as recorded in the same commit as its articles.
struct FileState {
  std::string path;               ///< Absolute path.
  std::string base_key;           ///< The file's own key (relative to its root).
  std::uint64_t size = 0;         ///< Bytes.
  std::int64_t mtime_ns = 0;      ///< Modification time, nanoseconds since the epoch.
  std::uint64_t hash = 0;         ///< XXH3-64 of the content.
  std::vector<std::string> keys;  ///< Article keys the file produced.

  friend bool operator==(const FileState&, const FileState&) = default;
};

/// The metadata key of the state of the file at absolute `path`.
std::string state_key(std::string_view path);

/// Serialises a state as `name=value` lines (readable with xapian-delve).
std::string encode_state(const FileState& state);

/// Parses encode_state's output; nullopt when it lacks a path.
std::optional<FileState> decode_state(std::string_view data);

/// XXH3-64 of a file's content, read in chunks (bounded memory). Throws
/// gazette::Error(io_error) when the file cannot be read.
std::uint64_t hash_file(const std::filesystem::path& path);

/// Size and modification time of a file; nullopt when it cannot be stat'ed.
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};
std::optional<FileStamp> stamp_file(const std::filesystem::path& path);

}  // namespace gazette::indexer

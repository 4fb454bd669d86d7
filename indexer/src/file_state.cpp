// Per-file state: encoding, hashing and stat'ing for incremental updates.
#include "indexer/src/file_state.hpp"

#include <gazette/error.hpp>
#include <gazette/schema.hpp>

#include "common/src/text.hpp"

#include <sys/stat.h>
#include <xxhash.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <memory>

namespace gazette::indexer {

std::string state_key(std::string_view path) {
  return schema::boolean_term(schema::kFileStatePrefix, path);
}

std::string encode_state(const FileState& s) {
  std::string out;
  out += "path=" + s.path + "\n";
  out += "base=" + s.base_key + "\n";
  out += "size=" + std::to_string(s.size) + "\n";
  out += "mtime=" + std::to_string(s.mtime_ns) + "\n";
  out += "hash=" + std::to_string(s.hash) + "\n";
  for (const auto& key : s.keys)
    out += "key=" + key + "\n";
  return out;
}

namespace {

template <typename Int>
Int to_int(std::string_view text) {
  Int value{};
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace

std::optional<FileState> decode_state(std::string_view data) {
  FileState s;
  for (std::string_view line : text::split_lines(data)) {
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view name = line.substr(0, eq), value = line.substr(eq + 1);
    if (name == "path")
      s.path = value;
    else if (name == "base")
      s.base_key = value;
    else if (name == "size")
      s.size = to_int<std::uint64_t>(value);
    else if (name == "mtime")
      s.mtime_ns = to_int<std::int64_t>(value);
    else if (name == "hash")
      s.hash = to_int<std::uint64_t>(value);
    else if (name == "key")
      s.keys.emplace_back(value);
  }
  if (s.path.empty()) return std::nullopt;
  return s;
}

std::uint64_t hash_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_error(ErrorCode::io_error, std::strerror(errno));
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(),
                                                                 &XXH3_freeState);
  XXH3_64bits_reset(state.get());
  std::string buffer(1 << 20, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    XXH3_64bits_update(state.get(), buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw_error(ErrorCode::io_error, "read error");
  return XXH3_64bits_digest(state.get());
}

std::optional<FileStamp> stamp_file(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileStamp{
      static_cast<std::uint64_t>(st.st_size),
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

}  // namespace gazette::indexer

// Compressed files and archives through libarchive: one member in memory at a time, sizes
// capped against zip bombs, damage reported with the member it hit.
#include "indexer/src/container.hpp"

#include <gazette/error.hpp>

#include "common/src/text.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <optional>

namespace gazette::indexer {
namespace {

constexpr std::size_t kReadBlock = 64 * 1024;

struct Suffix {
  std::string_view text;
  ContainerKind kind;
};

// Longest first, so ".tar.gz" wins over ".gz".
constexpr std::array<Suffix, 13> kSuffixes = {{
    {".tar.bz2", ContainerKind::archive},
    {".tar.zst", ContainerKind::archive},
    {".tar.gz", ContainerKind::archive},
    {".tar.xz", ContainerKind::archive},
    {".tbz2", ContainerKind::archive},
    {".tar", ContainerKind::archive},
    {".tgz", ContainerKind::archive},
    {".txz", ContainerKind::archive},
    {".zip", ContainerKind::archive},
    {".bz2", ContainerKind::compressed},
    {".zst", ContainerKind::compressed},
    {".gz", ContainerKind::compressed},
    {".xz", ContainerKind::compressed},
}};

std::optional<Suffix> suffix_of(std::string_view file_name) {
  for (const Suffix& suffix : kSuffixes) {
    // A bare ".gz" is a hidden file, not a compressed empty name.
    if (file_name.size() > suffix.text.size() &&
        text::equals_nocase(file_name.substr(file_name.size() - suffix.text.size()), suffix.text)) {
      return suffix;
    }
  }
  return std::nullopt;
}

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_read_free)>;

// libarchive's last message on one line, or `fallback`.
std::string error_of(archive* a, std::string_view fallback) {
  const char* message = archive_error_string(a);
  std::string reason = message && *message ? message : std::string(fallback);
  for (char& c : reason)
    if (c == '\n' || c == '\r') c = ' ';
  return std::string(text::trim(reason));
}

// The filter a compression suffix promises, for telling a ".gz" that is not gzip apart.
struct Compression {
  std::string_view suffix;
  std::string_view magic;  ///< How its data starts.
  std::string_view name;
};
constexpr std::array<Compression, 4> kCompressions = {{
    {".gz", "\x1F\x8B", "gzip"},
    {".bz2", "BZh", "bzip2"},
    {".xz",
     std::string_view("\xFD"
                      "7zXZ\0",
                      6),
     "xz"},
    {".zst", "\x28\xB5\x2F\xFD", "zstd"},
}};

// The first bytes of a file (fewer if it is shorter).
std::string read_head(const std::filesystem::path& path, std::size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return head;
}

const Compression& compression_of(std::string_view file_name) {
  for (const Compression& c : kCompressions) {
    if (file_name.size() > c.suffix.size() &&
        text::equals_nocase(file_name.substr(file_name.size() - c.suffix.size()), c.suffix)) {
      return c;
    }
  }
  return kCompressions[0];  // Only called on names container_kind calls compressed.
}

ArchivePtr open_archive(const std::filesystem::path& path, ContainerKind kind) {
  ArchivePtr a(archive_read_new(), archive_read_free);
  if (!a) throw_error(ErrorCode::io_error, "out of memory");
  archive_read_support_filter_all(a.get());
  if (kind == ContainerKind::compressed) {
    archive_read_support_format_raw(a.get());
  } else {
    archive_read_support_format_tar(a.get());
    archive_read_support_format_gnutar(a.get());
    archive_read_support_format_zip(a.get());
  }
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) == 0 && !ec) {
    throw_error(ErrorCode::invalid_input, kind == ContainerKind::archive
                                              ? "empty archive"
                                              : "empty file (no compressed data)");
  }
  if (archive_read_open_filename(a.get(), path.c_str(), kReadBlock) != ARCHIVE_OK) {
    // libarchive says "Unrecognized archive format" of a valid .gz of an empty file.
    const bool decompressed = archive_filter_count(a.get()) >= 2;
    throw_error(ErrorCode::invalid_input, kind == ContainerKind::compressed && decompressed
                                              ? "the compressed data holds an empty file"
                                              : error_of(a.get(), "cannot open"));
  }
  return a;
}

// Why reading a member's data stopped early.
struct DataResult {
  std::string error;  ///< libarchive's reason; empty when the member was read whole.
  bool too_large = false;
};

// Reads the current entry's data into `out`, stopping at `max_bytes`.
DataResult read_data(archive* a, std::string& out, std::size_t max_bytes) {
  std::array<char, kReadBlock> block;
  for (;;) {
    const la_ssize_t n = archive_read_data(a, block.data(), block.size());
    if (n == 0) return {};
    if (n < 0) {
      // ARCHIVE_WARN still delivered nothing here; treat every negative as damage.
      return {error_of(a, "unreadable data"), false};
    }
    if (out.size() + static_cast<std::size_t>(n) > max_bytes) return {{}, true};
    out.append(block.data(), static_cast<std::size_t>(n));
  }
}

std::string too_large_reason(std::size_t max_bytes) {
  return "member too large (over " + std::to_string(max_bytes >> 20) + " MiB decompressed)";
}

void read_compressed(const std::filesystem::path& path, const ContainerMemberFn& on_member,
                     const ContainerProblemFn& on_problem, std::size_t max_bytes) {
  ArchivePtr a = open_archive(path, ContainerKind::compressed);
  const std::string file_name = path.filename().string();
  const Compression& expected = compression_of(file_name);
  archive_entry* entry = nullptr;
  if (archive_read_next_header(a.get(), &entry) < ARCHIVE_WARN) {
    throw_error(ErrorCode::invalid_input, error_of(a.get(), "unreadable compressed data"));
  }
  // The raw format reads anything; only a decompressing filter makes this a real .gz. One
  // that starts right but is too short for libarchive to recognise is cut short.
  if (archive_filter_count(a.get()) < 2) {
    const bool starts_right = read_head(path, expected.magic.size()) == expected.magic;
    throw_error(ErrorCode::invalid_input, std::string(starts_right ? "truncated " : "not ") +
                                              std::string(expected.name) + " data");
  }
  ContainerMember member{std::string(strip_compression_suffix(file_name)), {}};
  const DataResult result = read_data(a.get(), member.bytes, max_bytes);
  if (result.too_large) throw_error(ErrorCode::invalid_input, too_large_reason(max_bytes));
  if (!result.error.empty()) {
    // Keep what came before the damage: a long JSON Lines dump loses only its tail.
    if (member.bytes.empty()) {
      // libarchive's words for a valid .gz of an empty file.
      const bool holds_nothing = result.error == "Unrecognized archive format";
      throw_error(
          ErrorCode::invalid_input,
          holds_nothing ? std::string(expected.name) + " data holds an empty file" : result.error);
    }
    on_problem("byte " + std::to_string(member.bytes.size()), result.error);
  }
  on_member(std::move(member));
}

// "./2005/a.txt" -> "2005/a.txt"; empty when the member is hidden ("." component) or a
// macOS resource fork, which are never articles.
std::string visible_member_name(std::string_view name) {
  std::string out;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == ".") continue;
    if (part.starts_with('.') || part == "__MACOSX") return {};
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

std::string entry_name(archive_entry* entry) {
  if (const char* utf8 = archive_entry_pathname_utf8(entry)) return utf8;
  const char* raw = archive_entry_pathname(entry);
  return raw ? text::decode_to_utf8(raw) : std::string();
}

void read_archive(const std::filesystem::path& path, const ContainerMemberFn& on_member,
                  const ContainerProblemFn& on_problem, std::size_t max_bytes) {
  ArchivePtr a = open_archive(path, ContainerKind::archive);
  std::size_t entries = 0;
  std::string last_member;  // Where to say damage between members was found.
  for (;;) {
    archive_entry* entry = nullptr;
    const int status = archive_read_next_header(a.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      const std::string reason = error_of(a.get(), "unreadable archive");
      if (entries == 0) throw_error(ErrorCode::invalid_input, reason);
      on_problem("after " + last_member, reason);
      return;
    }
    ++entries;
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    std::string name = visible_member_name(entry_name(entry));
    if (name.empty()) continue;
    last_member = name;
    if (archive_entry_size_is_set(entry) &&
        static_cast<std::uint64_t>(archive_entry_size(entry)) > max_bytes) {
      on_problem(name, too_large_reason(max_bytes));
      continue;  // The next header call skips the data without inflating it.
    }
    ContainerMember member{std::move(name), {}};
    const DataResult result = read_data(a.get(), member.bytes, max_bytes);
    if (result.too_large) {
      on_problem(member.name, too_large_reason(max_bytes));
      continue;
    }
    if (!result.error.empty()) {
      // A damaged member is not an article; what follows it cannot be trusted either.
      on_problem(member.name, result.error);
      return;
    }
    on_member(std::move(member));
  }
  if (entries == 0) throw_error(ErrorCode::invalid_input, "empty archive");
}

}  // namespace

ContainerKind container_kind(std::string_view file_name) {
  const auto suffix = suffix_of(file_name);
  return suffix ? suffix->kind : ContainerKind::none;
}

std::string_view strip_compression_suffix(std::string_view file_name) {
  const auto suffix = suffix_of(file_name);
  if (!suffix || suffix->kind != ContainerKind::compressed) return file_name;
  return file_name.substr(0, file_name.size() - suffix->text.size());
}

void read_container(const std::filesystem::path& path, ContainerKind kind,
                    const ContainerMemberFn& on_member, const ContainerProblemFn& on_problem,
                    std::size_t max_member_bytes) {
  switch (kind) {
    case ContainerKind::compressed:
      return read_compressed(path, on_member, on_problem, max_member_bytes);
    case ContainerKind::archive:
      return read_archive(path, on_member, on_problem, max_member_bytes);
    case ContainerKind::none:
      break;
  }
  throw_error(ErrorCode::invalid_input, "not a compressed file or archive");
}

}  // namespace gazette::indexer

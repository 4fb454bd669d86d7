// Compressed files and archives, read through libarchive: a ".jsonl.gz" is read as the
// JSON Lines file inside it, a ".tar"/".zip" as the files it holds.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace gazette::indexer {

enum class ContainerKind {
  none,        ///< An ordinary file.
  compressed,  ///< One compressed file: .gz .bz2 .xz .zst (but not .tar.gz etc.).
  archive,     ///< Files inside: .tar .tar.gz .tgz .tar.bz2 .tar.xz .tar.zst .zip.
};

/// What a file's name says it is (case-insensitive).
ContainerKind container_kind(std::string_view file_name);

/// The name with one compression suffix removed ("feed.xml.gz" -> "feed.xml").
std::string_view strip_compression_suffix(std::string_view file_name);

/// One file found inside a container.
struct ContainerMember {
  std::string name;   ///< Path inside an archive; for a compressed file, its name unsuffixed.
  std::string bytes;  ///< Decompressed content.
};

/// The largest member read into memory (decompressed); larger ones are reported as
/// problems, which also defuses zip bombs.
inline constexpr std::size_t kMaxMemberBytes = std::size_t{1} << 30;

using ContainerMemberFn = std::function<void(ContainerMember&&)>;
using ContainerProblemFn = std::function<void(std::string location, std::string reason)>;

/// Calls `on_member` for the decompressed content of a compressed file, or for each regular
/// file inside an archive (in archive order; directories, links and hidden members
/// skipped), one member in memory at a time. Throws gazette::Error(invalid_input) with a
/// one-line reason ("truncated gzip data", "not a zip archive") when the container cannot
/// be read at all; damage found after some members were read goes to `on_problem`
/// ("member name or byte offset", reason) and reading stops there. A member over
/// `max_member_bytes` is reported ("member too large") and skipped; a damaged compressed
/// file still hands over the data decompressed before the damage, after reporting it.
void read_container(const std::filesystem::path& path, ContainerKind kind,
                    const ContainerMemberFn& on_member, const ContainerProblemFn& on_problem,
                    std::size_t max_member_bytes = kMaxMemberBytes);

}  // namespace gazette::indexer

// The input formats Gazette reads: their names, file extensions, content sniffers and
// readers, in one table; and how a file's format is recognised.
#pragma once

#include "indexer/src/reader.hpp"

#include <span>
#include <string_view>

namespace gazette::indexer {

/// One input format.
struct FormatSpec {
  std::string_view name;         ///< As in --format and XFMT terms: "text", "jsonl", "trec"…
  std::string_view description;  ///< One line for --help.
  std::span<const std::string_view> extensions;  ///< Lower-case, with the dot: ".txt".
  SniffFunction sniff;  ///< Recognises the format from a file's start; may be null.
  ReadFunction read;
  /// Reads the input in blocks instead of whole (a big file); null when it must be whole.
  ReadStreamFunction read_stream = nullptr;
};

/// Every format, in sniffing order (most specific first).
std::span<const FormatSpec> formats();

/// The format called `name`, or nullptr.
const FormatSpec* format_by_name(std::string_view name);

/// The format of a file called `file_name` (compression suffixes such as ".gz" already
/// stripped) whose content starts with `head`: by extension, with the sniffers deciding
/// between formats sharing one (".xml", ".sgm") and for files whose extension says nothing
/// (none, or one no format claims, as in Usenet spools). nullptr when no format fits.
const FormatSpec* detect_format(std::string_view file_name, std::string_view head);

/// How many leading bytes detect_format() needs to see.
inline constexpr std::size_t kSniffBytes = 4096;

}  // namespace gazette::indexer

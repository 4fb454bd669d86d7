// The input formats Gazette reads, how a file's format is recognised, and dispatch to
// the right reader.
#pragma once

#include <gazette/article.hpp>

#include <filesystem>
#include <optional>
#include <string_view>

namespace gazette::indexer {

enum class Format { text, html };

/// The format's name as stored in XFMT terms and the record ("text", "html").
std::string_view format_name(Format format) noexcept;

/// The format a file name's extension says (case-insensitive), or nullopt for files
/// Gazette does not read (images, stylesheets…).
std::optional<Format> format_from_path(const std::filesystem::path& path);

/// Reads one article from a file's bytes with the reader for `format`. Throws
/// gazette::Error(invalid_input) with a one-line reason when the file holds no article.
Article read_article(Format format, std::string_view bytes);

}  // namespace gazette::indexer

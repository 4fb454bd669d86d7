// Snippet generation on top of Xapian::MSet::snippet, returning plain text plus highlight
// spans so every output format can mark matches its own way.
#pragma once

#include <gazette/searcher.hpp>

#include <xapian.h>

#include <string_view>

namespace gazette::searcher {

/// Parses text produced by MSet::snippet with `kHighlightOpen`/`kHighlightClose` markers
/// (HTML-escaped by Xapian) into plain text and highlight spans.
Snippet parse_marked_snippet(std::string_view marked);

/// The best passage of `text` for the query behind `mset`, about `length` bytes long.
Snippet make_snippet(const Xapian::MSet& mset, const std::string& text, std::size_t length,
                     const Xapian::Stem& stemmer);

/// Markers handed to MSet::snippet: control characters never present in cleaned text.
inline constexpr std::string_view kHighlightOpen = "\x01";
inline constexpr std::string_view kHighlightClose = "\x02";

}  // namespace gazette::searcher

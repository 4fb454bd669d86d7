// Reader for plain-text articles (.txt, .text, .md), including pages saved from news sites
// as text, with their junk lines, repeated headlines and trailing non-article blocks.
#pragma once

#include <gazette/article.hpp>

#include "indexer/src/reader.hpp"

#include <string_view>

namespace gazette::indexer {

/// Reads one article from the raw bytes of a text file. Fills title, body and whatever
/// metadata a leading header block (`Title:`, `Date:`, `Source:`, `Author:`, `URL:`,
/// `Tags:`) or YAML front matter gives; leaves id, format and origin to the caller.
/// Bytes that are not valid UTF-8 are decoded as Windows-1252.
/// Throws gazette::Error(invalid_input) with a one-line reason ("empty file",
/// "binary file", "no text") when the file holds no article. A declared date (header block,
/// front matter) that cannot be read is left empty and, if `notes` is given, reported to
/// it as an unreadable date.
Article read_text_article(std::string_view bytes, ArticleSink* notes = nullptr);

}  // namespace gazette::indexer

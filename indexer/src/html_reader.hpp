// Reader for HTML article pages (.html, .htm): metadata from meta tags and JSON-LD, body
// from the main content with navigation and other boilerplate removed.
#pragma once

#include <gazette/article.hpp>

#include <string_view>

namespace gazette::indexer {

/// Reads one article from the raw bytes of an HTML page. Fills title, body, published,
/// authors, source, url, lang, tags where the page gives them; leaves id, format and
/// origin to the caller. Bytes that are not valid UTF-8 are decoded as Windows-1252.
/// Throws gazette::Error(invalid_input) with a one-line reason ("empty file",
/// "no article text found") when the page holds no article.
Article read_html_article(std::string_view bytes);

}  // namespace gazette::indexer

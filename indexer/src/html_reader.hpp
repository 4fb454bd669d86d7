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

namespace gazette::indexer {

/// An HTML fragment (an RSS description or content:encoded, Atom html/xhtml content) as
/// paragraph text: blocks separated by "\n\n", entities decoded, scripts, styles and other
/// non-content elements and link-list blocks ("More on this story") dropped; no content
/// scoring, since a fragment is all article.
/// A fragment with no markup at all is plain text whose blank lines separate paragraphs.
std::string html_fragment_to_text(std::string_view html);

}  // namespace gazette::indexer

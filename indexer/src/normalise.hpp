// The one normalisation pass every article goes through after its reader, whatever its
// format, so that the same article gets the same fields from a page, a feed or a wire file.
#pragma once

#include <gazette/article.hpp>

namespace gazette::indexer {

/// Earliest and latest years a publication date may have; outside them a date is a misread
/// (a two-digit year, milliseconds taken for seconds) rather than news.
inline constexpr int kEarliestYear = 1600;
inline constexpr int kLatestYear = 2200;

/// What normalise_article did that its caller must count.
struct Normalised {
  bool date_dropped = false;  ///< `published` was outside kEarliestYear..kLatestYear.
};

/// Brings `article` to the form Article documents, in place:
///  - title: one line, whitespace collapsed and trimmed;
///  - body: stray HTML block markup rendered to text (html_to_text), control characters
///    cleaned, paragraphs separated by exactly one blank line ("\n\n"), trimmed;
///  - lang: an ISO 639-1 code (language_tag) or empty;
///  - authors and tags: each one line, empty ones dropped, duplicates (ignoring case)
///    dropped, first spelling and order kept; capitals kept (wire copy spells names so);
///  - source: one line; when empty, the URL's host without "www." (url_site);
///  - url: trimmed;
///  - published: dropped when its year is before kEarliestYear or after kLatestYear.
/// Idempotent. id, docno, format and origin are left alone. Safe on any thread.
Normalised normalise_article(Article& article);

}  // namespace gazette::indexer

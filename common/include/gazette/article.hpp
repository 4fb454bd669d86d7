// The Article: one news item, the unit Gazette indexes and returns.
#pragma once

#include <gazette/export.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace gazette {

/// A point in time with one-second resolution, always UTC.
using Timestamp = std::chrono::sys_seconds;

/// Where an article came from: the file, and its position inside a container file.
/// Plain data (see \ref plain_data).
struct GAZETTE_EXPORT Origin {
  std::string path;      ///< File path as given to the indexer (or relative to its root).
  std::string position;  ///< Empty for single-article files; else the docno or ordinal.

  /// Equal when both fields are.
  friend bool operator==(const Origin&, const Origin&) = default;
};

/// One news article. Plain data (see \ref plain_data): copyable, no invariants beyond what
/// the fields say. Every field may be empty.
struct GAZETTE_EXPORT Article {
  std::string id;                      ///< Stable key; see DESIGN.md "Data model".
  /// The article's own identifier in its source, exactly as written there (surrounding
  /// space trimmed): a TREC DOCNO, Reuters NEWID, JSON id, NITF doc-id, feed guid,
  /// WARC-Record-ID or Message-ID. Empty when the format has none for it; the key then
  /// identifies it (a single-article file, a record known only by its ordinal).
  std::string docno;
  std::string title;                   ///< Headline, UTF-8, single line.
  std::string body;                    ///< Article text, UTF-8, paragraphs separated by "\n\n".
  std::optional<Timestamp> published;  ///< Publication time; absent when unknown.
  std::string source;                  ///< Publication name ("Reuters", "BBC News").
  std::vector<std::string> authors;    ///< Bylines, one name each.
  std::string url;                     ///< Canonical URL, if known.
  std::string lang;                    ///< ISO 639-1 code ("en"); empty when unknown.
  std::vector<std::string> tags;       ///< Sections, categories, keywords.
  std::string format;                  ///< Input format it was read from ("text", "html").
  Origin origin;                       ///< Where it was read from.

  /// Equal when every field is.
  friend bool operator==(const Article&, const Article&) = default;
};

}  // namespace gazette

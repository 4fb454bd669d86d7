// The interface between the indexer and its format readers: a reader gets the whole input
// as bytes (or, for formats that can, as a stream of blocks) and hands every article it finds, and
// every part it cannot read, to a sink.
#pragma once

#include <gazette/article.hpp>
#include <gazette/date.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette::indexer {

/// Where a reader sends what it finds in one input. Readers call it on their own thread.
class ArticleSink {
 public:
  virtual ~ArticleSink() = default;

  /// One article. Container formats (JSON Lines, TREC, RSS, WARC, mbox…) set
  /// `article.origin.position` to the article's own id within the file where the format
  /// has one (DOCNO, NEWID, guid, WARC-Record-ID, Message-ID) and else to its 1-based
  /// ordinal; single-article formats leave it empty. Readers leave `id`, `format` and
  /// `origin.path` to the indexer.
  virtual void article(Article article) = 0;

  /// A part of the input that could not be read; reading goes on with the next part.
  /// `location` is a line number ("12") where the format is line-based, else a short
  /// phrase ("record 3", "byte 1024"); the indexer reports "file:location: reason".
  virtual void problem(std::string location, std::string reason) = 0;

  /// A date field was present but could not be read with certainty; the article keeps no
  /// date (never a guessed one) and the report counts it.
  virtual void unreadable_date(std::string_view /*text*/) {}
};

/// Reader settings chosen by the user.
struct ReadOptions {
  /// JSON field mapping overrides, in order: Article field name ("title", "body", "date",
  /// "url", "authors", "source", "lang", "tags", "id") -> dotted key path ("meta.headline").
  std::vector<std::pair<std::string, std::string>> json_fields;
};

/// Reads every article in `bytes` (the whole input, undecoded). Throws
/// gazette::Error(invalid_input) with a one-line reason only when nothing in the input can
/// be read (empty, not this format, truncated before the first article); trouble with one
/// part goes to ArticleSink::problem instead.
using ReadFunction = void (*)(std::string_view bytes, const ReadOptions& options,
                              ArticleSink& sink);

/// An input read in blocks, so that a reader need not hold it whole (ReadStreamFunction).
class ByteStream {
 public:
  virtual ~ByteStream() = default;

  /// Appends up to `max` more bytes of the input to `out`; returns how many, 0 at its end.
  /// Throws gazette::Error(io_error) when the input cannot be read.
  virtual std::size_t read(std::string& out, std::size_t max) = 0;
};

/// ReadFunction for an input read in blocks: what it reads and reports is the same as
/// reading the whole bytes, but only a block and the record being read are held at once.
using ReadStreamFunction = void (*)(ByteStream& input, const ReadOptions& options,
                                    ArticleSink& sink);

/// True when the start of an input (its first few KB) looks like this format.
using SniffFunction = bool (*)(std::string_view head);

/// parse_date, telling the sink when a non-empty date cannot be read.
inline std::optional<Timestamp> parse_date_noting(std::string_view text, ArticleSink& sink) {
  auto parsed = parse_date(text);
  if (!parsed && text.find_first_not_of(" \t\r\n") != std::string_view::npos) {
    sink.unreadable_date(text);
  }
  return parsed;
}

}  // namespace gazette::indexer

// Output of gazette-search: one printer per --format, so the command never branches on
// the format. The JSON and JSON Lines layouts are documented in docs/search-output.md and
// versioned by output::kOutputSchema.
#pragma once

#include <gazette/searcher.hpp>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace gazette::cli {

enum class OutputFormat { text, json, jsonl, tsv, ids, keys };

/// How output looks.
struct TextStyle {
  bool color = false;  ///< ANSI bold/colour for titles and highlighted words.
  bool utf8 = false;   ///< Timeline bars drawn with "█" rather than "#".
  /// Hit fields to print (--fields), in order; empty: the format's default.
  std::vector<std::string> fields;
};

/// Whether the locale's environment (LC_ALL, LC_CTYPE, LANG, first one set) names UTF-8.
bool utf8_locale();

/// Writes results to a stream in one format: a whole SearchResult, a stream of hits
/// (--all), or one article (--show).
class Printer {
 public:
  virtual ~Printer() = default;
  virtual void print(const SearchResult& result, std::ostream& out) = 0;

  /// --all: begin_stream, then hit() per hit, then end_stream with how many there were.
  virtual void begin_stream(const std::string& query, std::ostream& out) = 0;
  virtual void hit(const Hit& hit, std::ostream& out) = 0;
  virtual void end_stream(std::size_t count, std::ostream& out) = 0;

  /// --show: one whole article, body included.
  virtual void article(const Article& article, std::ostream& out) = 0;
};

std::unique_ptr<Printer> make_printer(OutputFormat format, TextStyle style);

/// A stored path shown relative to the working directory when it lies below it.
std::string display_path(const std::string& path);

}  // namespace gazette::cli

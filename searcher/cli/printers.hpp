// Output of gazette-search: one printer per --format, so the command never branches on
// the format. Field names of the JSON forms are documented in README.md ("JSON output").
#pragma once

#include <gazette/searcher.hpp>

#include <memory>
#include <ostream>
#include <string>

namespace gazette::cli {

enum class OutputFormat { text, json, jsonl, tsv, ids };

/// How text output looks.
struct TextStyle {
  bool color = false;  ///< ANSI bold/colour for titles and highlighted words.
  bool utf8 = false;   ///< Timeline bars drawn with "█" rather than "#".
};

/// Whether the locale's environment (LC_ALL, LC_CTYPE, LANG, first one set) names UTF-8.
bool utf8_locale();

/// Writes a SearchResult to a stream in one format.
class Printer {
 public:
  virtual ~Printer() = default;
  virtual void print(const SearchResult& result, std::ostream& out) const = 0;
};

std::unique_ptr<Printer> make_printer(OutputFormat format, TextStyle style);

/// A stored path shown relative to the working directory when it lies below it.
std::string display_path(const std::string& path);

}  // namespace gazette::cli

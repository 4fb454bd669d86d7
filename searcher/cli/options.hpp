// gazette-search option parsing: the options and their help, and checking every value
// before the database is opened, so main() only parses, runs and prints.
#pragma once

#include <gazette/searcher.hpp>

#include "searcher/cli/printers.hpp"

#include <boost/program_options.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace gazette::cli {

/// Everything a command line can say, as given (choices still unchecked text, numbers
/// unchecked for range). Defaults are those of the options.
struct CommandLine {
  std::string db;                  ///< Resolved by database_path() when checked.
  std::vector<std::string> words;  ///< The QUERY arguments, joined by spaces when checked.
  long long limit = 10;
  long long offset = 0;
  std::string match = "all";
  bool expand = false;

  std::string format = "text";
  long long snippet_chars = 200;
  std::string color = "auto";
  long long passages = 0;
  std::string fields;
  bool explain = false;
  bool no_suggest = false;
  std::string show;

  std::string since;
  std::string until;
  std::vector<std::string> sources;
  std::vector<std::string> authors;
  std::vector<std::string> langs;
  std::vector<std::string> tags;

  std::string sort = "relevance";
  bool no_collapse = false;
  bool count = false;
  bool all = false;
  std::string recency = "0";
  std::string like;

  std::string facets;
  long long facet_limit = 10;
  std::string timeline = "none";
  bool normalise = false;

  bool help = false;
  bool version = false;
};

/// The checked options: what to search for, and how to print it.
struct SearchOptions {
  std::string db;
  SearchRequest request;
  OutputFormat format = OutputFormat::text;
  TextStyle style;
  bool count_only = false;  ///< --count: print the number of matches only.
  bool all = false;         ///< --all: stream every match.
  std::string show;         ///< --show KEY: print this article.
};

/// Reads argv into a CommandLine. Throws boost::program_options::error on an unknown
/// option, a missing argument or a number that is not one.
CommandLine read_command_line(int argc, char** argv);

/// Checks every value and combination of `given`. Throws boost::program_options::error or
/// gazette::InvalidInputError naming the option of the first bad value, in one line.
SearchOptions search_options(const CommandLine& given);

/// The --help text: usage, every option by group, exit statuses.
void print_help(std::ostream& out);

}  // namespace gazette::cli

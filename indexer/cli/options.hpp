// gazette-index option parsing: which options a command accepts, and checking their values
// before anything touches the database.
#pragma once

#include <gazette/indexer.hpp>

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace gazette::cli {

/// Groups of options; each command accepts a union of them.
enum OptionGroup : unsigned {
  kIndexingOptions = 1u << 0,  ///< --dry-run --no-prune --no-spelling --batch[-mb] --format --map
  kWaitOption = 1u << 1,       ///< --wait
  kJsonOption = 1u << 2,       ///< --json
  kQuietOption = 1u << 3,      ///< -q
};

/// Everything a command line can say, as given (numbers still unchecked text).
struct CliOptions {
  std::string db;  ///< Resolved by database_path() after parsing.
  std::vector<std::string> args;
  bool dry_run = false;
  bool no_prune = false;
  bool no_spelling = false;
  bool resumable = false;
  bool json = false;
  bool quiet = false;
  std::string batch;
  std::string batch_mb;
  std::string threads;  ///< --threads, checked in indexer_options().
  std::string wait;
  std::string format;
  std::vector<std::string> maps;
};

/// The visible options of a command accepting `groups`, bound to `opts`.
boost::program_options::options_description describe_options(unsigned groups, CliOptions& opts);

/// Parses `args` (the command line without the program and command names) into `opts`.
/// Returns false when --help was asked for. Throws boost::program_options::error.
bool parse_options(const std::vector<std::string>& args, unsigned groups, CliOptions& opts);

/// Turns the checked options into IndexerOptions (callbacks left empty). Throws
/// boost::program_options::error naming the first bad value.
IndexerOptions indexer_options(const CliOptions& opts);

}  // namespace gazette::cli

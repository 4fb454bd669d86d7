// The gazette-index commands: one function each, listed in one table that also produces
// the help overview (in the manner of notmuch).
#pragma once

#include "indexer/cli/options.hpp"

#include <atomic>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::cli {

/// One command: its name, what it takes, which options it accepts and what runs it.
struct Command {
  std::string_view name;
  std::string_view args;          ///< Positional arguments for the usage line; empty: none.
  std::string_view summary;       ///< One line for the overview.
  unsigned options;               ///< OptionGroup bits.
  std::string_view missing_args;  ///< Error when no argument is given; empty: none needed.
  /// Runs the command; returns the exit code. `stop` becomes true on SIGINT/SIGTERM.
  int (*run)(const CliOptions& opts, const std::atomic<bool>& stop);
};

/// Every command, in help order; the first (add) is the default.
std::span<const Command> commands();

/// Takes the command name out of `args` (it may follow --db DIR) and returns the command;
/// without a name, the default command.
const Command& take_command(std::vector<std::string>& args);

/// Looks a command up by name; nullptr when there is none.
const Command* find_command(std::string_view name);

/// `gazette-index --help`: usage, commands, the default command's options, formats, exit codes.
void print_overview(std::ostream& out);

/// `gazette-index COMMAND --help`.
void print_command_help(const Command& command, std::ostream& out);

/// Checks the number of positional arguments; throws boost::program_options::error.
void check_arguments(const Command& command, const CliOptions& opts);

}  // namespace gazette::cli

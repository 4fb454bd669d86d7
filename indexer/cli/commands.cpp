// The gazette-index commands. Each parses nothing and decides nothing the library could:
// it builds IndexerOptions, calls one library function and prints the result.
#include "indexer/cli/commands.hpp"

#include <gazette/error.hpp>
#include <gazette/exit_code.hpp>
#include <gazette/indexer.hpp>

#include "indexer/cli/progress.hpp"
#include "indexer/cli/report.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <functional>
#include <iostream>

namespace po = boost::program_options;

namespace gazette::cli {
namespace {

constexpr unsigned kIndexing = kIndexingOptions | kWaitOption | kJsonOption | kQuietOption;

void print_problem(const FileProblem& problem) {
  std::cerr << fmt::format("gazette-index: {}: {}\n", problem.path, problem.reason);
}

// Maintenance commands work on an existing database; only indexing creates one.
void require_database(const std::string& db) {
  std::error_code ec;
  if (!std::filesystem::is_directory(db, ec) || std::filesystem::is_empty(db, ec)) {
    throw_error(ErrorCode::not_found,
                fmt::format("{}: no Gazette database here (create one with: gazette-index --db "
                            "{} PATH...)",
                            db, db));
  }
}

int exit_code_of(const IndexReport& report) {
  if (report.interrupted) return exit_code::interrupted;
  const bool all_read = report.files_failed == 0 && report.parts_failed == 0;
  return all_read ? exit_code::success : exit_code::partial;
}

// What add, update and rebuild share: progress, problems, dry-run lines, summary or JSON.
int run_indexing(const CliOptions& opts, const std::atomic<bool>& stop, std::string_view command,
                 const std::function<IndexReport(IndexerOptions)>& work) {
  IndexerOptions options = indexer_options(opts);
  ProgressBar progress(!opts.json && !opts.quiet);
  options.cancel = &stop;
  options.on_progress = [&](const IndexProgress& p) { progress.update(p); };
  options.on_problem = [&](const FileProblem& p) {
    progress.clear();
    print_problem(p);
  };
  const IndexReport report = work(std::move(options));
  progress.clear();
  if (opts.json) {
    std::cout << to_json(report, command).dump() << '\n';
  } else {
    if (report.dry_run) std::cout << dry_run_lines(report);
    if (!opts.quiet) std::cerr << "gazette-index: " << summary(report) << '\n';
  }
  return exit_code_of(report);
}

int run_add(const CliOptions& opts, const std::atomic<bool>& stop) {
  return run_indexing(opts, stop, "add", [&](IndexerOptions options) {
    Indexer indexer(opts.db, std::move(options));
    return indexer.add_paths(opts.args);
  });
}

int run_update(const CliOptions& opts, const std::atomic<bool>& stop) {
  require_database(opts.db);
  return run_indexing(opts, stop, "update", [&](IndexerOptions options) {
    Indexer indexer(opts.db, std::move(options));
    return indexer.update();
  });
}

int run_rebuild(const CliOptions& opts, const std::atomic<bool>& stop) {
  require_database(opts.db);
  return run_indexing(opts, stop, "rebuild", [&](IndexerOptions options) {
    return Indexer::rebuild(opts.db, std::move(options));
  });
}

int run_compact(const CliOptions& opts, const std::atomic<bool>& stop) {
  require_database(opts.db);
  IndexerOptions options = indexer_options(opts);
  options.cancel = &stop;
  const auto [before, after] = Indexer::compact(opts.db, std::move(options));
  if (opts.json) {
    std::cout << compact_json(opts.db, before, after).dump() << '\n';
  } else if (!opts.quiet) {
    std::cerr << "gazette-index: " << compact_summary(opts.db, before, after) << '\n';
  }
  return exit_code::success;
}

int run_remove(const CliOptions& opts, const std::atomic<bool>& stop) {
  require_database(opts.db);
  IndexerOptions options = indexer_options(opts);
  options.cancel = &stop;
  Indexer indexer(opts.db, std::move(options));
  const RemoveReport report = indexer.remove(opts.args);
  for (const auto& missing : report.not_found)
    print_problem({missing, "no such root, file or article key"});
  if (opts.json) {
    std::cout << to_json(report).dump() << '\n';
  } else if (!opts.quiet) {
    std::cerr << "gazette-index: " << summary(report) << '\n';
  }
  return report.not_found.empty() ? exit_code::success : exit_code::partial;
}

int run_stats(const CliOptions& opts, const std::atomic<bool>&) {
  const DatabaseStats stats = database_stats(opts.db);
  std::cout << (opts.json ? to_json(stats).dump() + '\n' : stats_table(stats));
  return exit_code::success;
}

int run_check(const CliOptions& opts, const std::atomic<bool>&) {
  const CheckReport report = check_database(opts.db);
  std::cout << (opts.json ? to_json(opts.db, report).dump() + '\n' : check_text(opts.db, report));
  return report.ok() ? exit_code::success : exit_code::partial;
}

int run_help(const CliOptions& opts, const std::atomic<bool>&) {
  const Command* command = opts.args.empty() ? nullptr : find_command(opts.args.front());
  if (!opts.args.empty() && !command) {
    throw po::error(fmt::format("no command '{}'", opts.args.front()));
  }
  command ? print_command_help(*command, std::cout) : print_overview(std::cout);
  return exit_code::success;
}

constexpr Command kCommands[] = {
    {"add", "PATH...", "index files and directories and record them as roots (the default)",
     kIndexing, "give at least one PATH to index", run_add},
    {"update", "", "re-scan the roots: index new and changed files, delete vanished ones",
     kIndexing, "", run_update},
    {"rebuild", "", "re-index the roots into a fresh database, then swap it in", kIndexing, "",
     run_rebuild},
    {"compact", "", "compact the database into a fresh copy, then swap it in",
     kWaitOption | kJsonOption | kQuietOption, "", run_compact},
    {"remove", "KEY|PATH...", "delete articles by root, by file or by article key",
     kWaitOption | kJsonOption | kQuietOption, "give at least one KEY or PATH to remove",
     run_remove},
    {"stats", "", "show what the database holds", kJsonOption, "", run_stats},
    {"check", "", "check the database (exit 1 when problems are found)", kJsonOption, "",
     run_check},
    {"help", "[COMMAND]", "show the help of a command", 0, "", run_help},
};

// True when `arg` is an option (of any command) that takes its value from the next argument.
bool takes_next_argument(const std::string& arg) {
  static CliOptions unused;
  static const po::options_description all = describe_options(~0u, unused);
  if (!arg.starts_with('-') || arg.find('=') != std::string::npos) return false;
  const bool is_long = arg.starts_with("--");
  if (!is_long && arg.size() != 2) return false;  // "-d" takes one; "-dDIR" holds it.
  const auto* option = all.find_nothrow(is_long ? arg.substr(2) : arg, false);
  return option && option->semantic()->max_tokens() > 0;
}

std::string usage_line(const Command& c) {
  return fmt::format("gazette-index [--db DIR] {} [options]{}{}", c.name, c.args.empty() ? "" : " ",
                     c.args);
}

}  // namespace

std::span<const Command> commands() {
  return kCommands;
}

const Command* find_command(std::string_view name) {
  for (const Command& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const Command& take_command(std::vector<std::string>& args) {
  // The first word that is neither an option nor an option's value names the command, so
  // options may come first: `gazette-index --db DIR -q update` reads well in a crontab.
  std::size_t i = 0;
  while (i < args.size() && args[i].starts_with('-') && args[i] != "-" && args[i] != "--") {
    i += takes_next_argument(args[i]) ? 2 : 1;
  }
  if (i < args.size()) {
    if (const Command* c = find_command(args[i])) {
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
      return *c;
    }
  }
  return kCommands[0];
}

void check_arguments(const Command& command, const CliOptions& opts) {
  if (opts.args.empty() && !command.missing_args.empty()) {
    throw po::error(std::string(command.missing_args));
  }
  if (!opts.args.empty() && command.args.empty()) {
    throw po::error(
        fmt::format("{} takes no arguments, not '{}'", command.name, opts.args.front()));
  }
  if (opts.args.size() > 1 && command.name == "help") {
    throw po::error("help takes at most one COMMAND");
  }
}

void print_overview(std::ostream& out) {
  out << "Usage: gazette-index [--db DIR] [options] PATH...\n"
         "       gazette-index [--db DIR] COMMAND [options] [ARGS]\n\n"
         "Indexes the news articles in each PATH into a Gazette database (created if absent)\n"
         "and records each PATH as a root, so that `gazette-index update` can later index what\n"
         "is new or changed and delete what vanished. Directories are walked recursively;\n"
         "hidden files are skipped; compressed files and archives are read as the files they\n"
         "hold. A PATH named like a command is given as `gazette-index add PATH`.\n\n"
         "Commands:\n";
  for (const Command& c : kCommands) {
    out << fmt::format("  {:<22}{}\n", fmt::format("{} {}", c.name, c.args), c.summary);
  }
  CliOptions unused;
  out << '\n' << describe_options(kCommands[0].options, unused) << "\nFormats:\n";
  for (const auto& format : input_formats())
    out << fmt::format("  {:<9} {}\n", format.name, format.description);
  out << "\n`gazette-index COMMAND --help` shows a command's options.\n"
         "Exit status: 0 done; 1 some files or records could not be read (or, for check,\n"
         "problems were found; for remove, an argument matched nothing); 2 error;\n"
         "75 database locked by another writer; 130 interrupted (work so far committed).\n";
}

void print_command_help(const Command& command, std::ostream& out) {
  CliOptions unused;
  out << "Usage: " << usage_line(command) << "\n"
      << command.summary << ".\n\n"
      << describe_options(command.options, unused);
}

}  // namespace gazette::cli

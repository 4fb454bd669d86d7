// gazette-index: picks the command, parses its options and runs it (commands.cpp); turns
// errors into one line on stderr and an exit code. All behaviour lives in the library.
#include <gazette/error.hpp>
#include <gazette/exit_code.hpp>
#include <gazette/version.hpp>

#include "indexer/cli/commands.hpp"

#include <atomic>
#include <csignal>
#include <iostream>

namespace po = boost::program_options;

namespace {

std::atomic<bool> g_stop{false};

// Only sets the flag: the library notices it between files and commits what is done.
extern "C" void request_stop(int) {
  g_stop.store(true);
}

int fail(const std::string& message, int code) {
  std::cerr << "gazette-index: " << message << '\n';
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace gazette;
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && args.front() == "--version") {
    std::cout << "gazette-index " << version() << '\n';
    return exit_code::success;
  }
  const std::size_t given = args.size();
  const cli::Command& command = cli::take_command(args);
  const bool named = args.size() < given;  // Else the default command, add.
  cli::CliOptions opts;
  try {
    if (!cli::parse_options(args, command.options, opts)) {
      // The default command's help is the overview, which lists the other commands too.
      named ? cli::print_command_help(command, std::cout) : cli::print_overview(std::cout);
      return exit_code::success;
    }
    cli::check_arguments(command, opts);
  } catch (const po::error& e) {
    const std::string help = named ? std::string(command.name) + " --help" : "--help";
    return fail(std::string(e.what()) + " (see gazette-index " + help + ")", exit_code::error);
  }
  try {
    return command.run(opts, g_stop);
  } catch (const po::error& e) {
    return fail(e.what(), exit_code::error);
  } catch (const Error& e) {
    return fail(e.what(), exit_code::for_error(e.code()));
  } catch (const std::exception& e) {
    return fail(e.what(), exit_code::error);
  }
}

// gazette-index: parses options into gazette::IndexerOptions, runs the Indexer, prints
// problems and a summary on stderr. All behaviour lives in the library.
#include <gazette/error.hpp>
#include <gazette/exit_code.hpp>
#include <gazette/indexer.hpp>
#include <gazette/version.hpp>

#include <fmt/format.h>
#include "common/cli/database_path.hpp"

#include <boost/program_options.hpp>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>

namespace po = boost::program_options;

namespace {

std::atomic<bool> g_stop{false};

extern "C" void request_stop(int) {
  g_stop.store(true);
}

constexpr const char* kUsage =
    "Usage: gazette-index --db DIR PATH...\n"
    "Index article files (.txt .text .md .html .htm) under each PATH into the Gazette\n"
    "database DIR (created if absent). Directories are walked recursively; hidden files are\n"
    "skipped. Re-indexing a file replaces its article.\n";

struct Options {
  std::string db;
  std::vector<std::string> paths;
  long long batch = 1000;
  bool quiet = false;
};

// Parses argv; returns an exit code when the program should stop right away.
std::optional<int> parse(int argc, char** argv, Options& opts) {
  po::options_description visible("Options");
  visible.add_options()("db,d", po::value(&opts.db)->value_name("DIR"),
                        gazette::cli::kDatabaseHelp)(
      "batch", po::value(&opts.batch)->value_name("N")->default_value(1000),
      "commit every N articles (a crash loses at most one batch)")(
      "quiet,q", po::bool_switch(&opts.quiet), "print only problems, not the summary")(
      "help,h", "show this help")("version", "show the version");
  po::options_description hidden;
  hidden.add_options()("path", po::value(&opts.paths));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("path", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << kUsage << '\n'
              << visible << "\nExit status: 0 all indexed, 1 some files could not be read,\n"
              << "2 error, 75 database locked by another writer, 130 interrupted.\n";
    return gazette::exit_code::success;
  }
  if (vm.count("version")) {
    std::cout << "gazette-index " << gazette::version() << '\n';
    return gazette::exit_code::success;
  }
  opts.db = gazette::cli::database_path(opts.db);
  if (opts.paths.empty()) throw po::error("give at least one PATH to index");
  if (opts.batch < 1) throw po::error("--batch must be a whole number of at least 1");
  return std::nullopt;
}

int run(const Options& opts) {
  gazette::IndexerOptions options;
  options.batch_articles = static_cast<std::size_t>(opts.batch);
  options.cancel = &g_stop;
  options.on_problem = [](const gazette::FileProblem& p) {
    std::cerr << fmt::format("gazette-index: {}: {}\n", p.path, p.reason);
  };
  gazette::Indexer indexer(opts.db, std::move(options));
  const gazette::IndexReport report = indexer.add_paths(opts.paths);
  if (!opts.quiet) {
    std::cerr << fmt::format(
        "gazette-index: indexed {} article{} from {} file{}, {} file{} skipped, {} ignored by "
        "type, "
        "in {:.2f} s{}\n",
        report.articles_indexed, report.articles_indexed == 1 ? "" : "s", report.files_indexed,
        report.files_indexed == 1 ? "" : "s", report.files_failed,
        report.files_failed == 1 ? "" : "s", report.files_ignored, report.elapsed.count(),
        report.interrupted ? " (interrupted; work so far committed)" : "");
  }
  if (report.interrupted) return gazette::exit_code::interrupted;
  return report.files_failed > 0 ? gazette::exit_code::partial : gazette::exit_code::success;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  Options opts;
  try {
    if (auto done = parse(argc, argv, opts)) return *done;
  } catch (const po::error& e) {
    std::cerr << "gazette-index: " << e.what() << " (see gazette-index --help)\n";
    return gazette::exit_code::error;
  }
  try {
    return run(opts);
  } catch (const gazette::Error& e) {
    std::cerr << "gazette-index: " << e.what() << '\n';
    return gazette::exit_code::for_error(e.code());
  } catch (const std::exception& e) {
    std::cerr << "gazette-index: " << e.what() << '\n';
    return gazette::exit_code::error;
  }
}

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
    "Usage: gazette-index --db DIR [options] PATH...\n"
    "Index the news articles in each PATH into the Gazette database DIR (created if absent).\n"
    "Directories are walked recursively; hidden files are skipped. Each file's format is\n"
    "recognised by its name and content; compressed files (.gz .bz2 .xz .zst) and archives\n"
    "(.tar .tgz .zip) are read as the files they hold. Re-indexing replaces articles.\n";

struct Options {
  std::string db;
  std::vector<std::string> paths;
  long long batch = 1000;
  bool quiet = false;
  std::string format;
  std::vector<std::string> maps;
};

// Parses argv; returns an exit code when the program should stop right away.
std::optional<int> parse(int argc, char** argv, Options& opts) {
  po::options_description visible("Options");
  visible.add_options()("db,d", po::value(&opts.db)->value_name("DIR"),
                        gazette::cli::kDatabaseHelp)(
      "batch", po::value(&opts.batch)->value_name("N")->default_value(1000),
      "commit every N articles (a crash loses at most one batch)")(
      "format", po::value(&opts.format)->value_name("NAME"),
      "read every file as this format (see the list below) instead of recognising it")(
      "map", po::value(&opts.maps)->value_name("FIELD=KEY")->composing(),
      "JSON input: read article FIELD (title body date url authors source lang tags id) from "
      "KEY (dotted for nested objects: meta.headline); repeatable")(
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
    std::cout << kUsage << '\n' << visible << "\nFormats:\n";
    for (const auto& format : gazette::input_formats()) {
      std::cout << fmt::format("  {:<9} {}\n", format.name, format.description);
    }
    std::cout << "\nExit status: 0 all indexed, 1 some files or records could not be read,\n"
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

std::string count(std::size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

// The one-line summary: "indexed 61 articles from 61 files, 0 files skipped, …, in 0.35 s".
std::string summary(const gazette::IndexReport& r) {
  std::string line = fmt::format(
      "indexed {} from {}, {} skipped, {} ignored by type", count(r.articles_indexed, "article"),
      count(r.files_indexed, "file"), count(r.files_failed, "file"), r.files_ignored);
  if (r.parts_failed > 0) line += ", " + count(r.parts_failed, "unreadable record");
  if (r.dates_unreadable > 0) line += ", " + count(r.dates_unreadable, "unreadable date");
  line += fmt::format(", in {:.2f} s", r.elapsed.count());
  if (r.interrupted) line += " (interrupted; work so far committed)";
  return line;
}

int run(const Options& opts) {
  gazette::IndexerOptions options;
  options.batch_articles = static_cast<std::size_t>(opts.batch);
  options.format = opts.format;
  for (const auto& map : opts.maps) {
    const auto eq = map.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw gazette::Error(gazette::ErrorCode::invalid_input,
                           "--map takes FIELD=KEY (e.g. title=headline), not '" + map + "'");
    }
    options.json_fields.emplace_back(map.substr(0, eq), map.substr(eq + 1));
  }
  options.cancel = &g_stop;
  options.on_problem = [](const gazette::FileProblem& p) {
    std::cerr << fmt::format("gazette-index: {}: {}\n", p.path, p.reason);
  };
  gazette::Indexer indexer(opts.db, std::move(options));
  const gazette::IndexReport report = indexer.add_paths(opts.paths);
  if (!opts.quiet) std::cerr << "gazette-index: " << summary(report) << '\n';
  if (report.interrupted) return gazette::exit_code::interrupted;
  const bool all_read = report.files_failed == 0 && report.parts_failed == 0;
  return all_read ? gazette::exit_code::success : gazette::exit_code::partial;
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

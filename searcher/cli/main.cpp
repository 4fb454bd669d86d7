// gazette-search: parses the options (options.cpp), runs the Searcher and hands the result
// to the printer for --format (printers.cpp); turns errors into one line on stderr and an
// exit code. All behaviour lives in the library.
#include <gazette/error.hpp>
#include <gazette/exit_code.hpp>
#include <gazette/searcher.hpp>
#include <gazette/version.hpp>

#include "searcher/cli/options.hpp"
#include "searcher/cli/printers.hpp"

#include <iostream>

namespace po = boost::program_options;

namespace {

int show(gazette::Searcher& searcher, const std::string& key, gazette::cli::Printer& printer) {
  const auto article = searcher.get_article(key);
  if (!article) {
    std::cerr << "gazette-search: no article with key '" << key << "'\n";
    return gazette::exit_code::partial;
  }
  printer.article(*article, std::cout);
  return gazette::exit_code::success;
}

// Hits are printed as they come; a closed pipe (`| head`) stops the stream.
int stream_all(gazette::Searcher& searcher, const gazette::SearchRequest& request,
               gazette::cli::Printer& printer) {
  printer.begin_stream(request.query, std::cout);
  const std::size_t count = searcher.stream(request, [&](const gazette::Hit& hit) {
    printer.hit(hit, std::cout);
    return static_cast<bool>(std::cout);
  });
  printer.end_stream(count, std::cout);
  std::cout.flush();
  return count > 0 ? gazette::exit_code::success : gazette::exit_code::partial;
}

int count(gazette::Searcher& searcher, const gazette::SearchRequest& request) {
  const std::size_t matches = searcher.count(request);
  std::cout << matches << '\n';
  return matches > 0 ? gazette::exit_code::success : gazette::exit_code::partial;
}

int search(gazette::Searcher& searcher, const gazette::SearchRequest& request,
           gazette::cli::Printer& printer) {
  const gazette::SearchResult result = searcher.search(request);
  for (const auto& warning : result.warnings)
    std::cerr << "gazette-search: " << warning << '\n';
  printer.print(result, std::cout);
  std::cout.flush();
  return result.total_upper_bound > 0 && !result.hits.empty() ? gazette::exit_code::success
                                                              : gazette::exit_code::partial;
}

int run(const gazette::cli::SearchOptions& options) {
  gazette::Searcher searcher(options.db);
  auto printer = gazette::cli::make_printer(options.format, options.style);
  if (!options.show.empty()) return show(searcher, options.show, *printer);
  if (options.all) return stream_all(searcher, options.request, *printer);
  if (options.count_only) return count(searcher, options.request);
  return search(searcher, options.request, *printer);
}

int fail(const std::string& message, int code) {
  std::cerr << "gazette-search: " << message << '\n';
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace gazette;
  cli::SearchOptions options;
  try {
    const cli::CommandLine given = cli::read_command_line(argc, argv);
    if (given.help) {
      cli::print_help(std::cout);
      return exit_code::success;
    }
    if (given.version) {
      std::cout << "gazette-search " << version() << '\n';
      return exit_code::success;
    }
    options = cli::search_options(given);
  } catch (const po::error& e) {
    return fail(std::string(e.what()) + " (see gazette-search --help)", exit_code::error);
  } catch (const InvalidInputError& e) {  // A value checked by searcher/output.
    return fail(std::string(e.what()) + " (see gazette-search --help)", exit_code::error);
  }
  try {
    return run(options);
  } catch (const Error& e) {
    return fail(e.what(), exit_code::for_error(e.code()));
  } catch (const std::exception& e) {
    return fail(e.what(), exit_code::error);
  }
}

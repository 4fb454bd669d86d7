// index_folder: builds or updates a Gazette index from folders of article files.
//
//   index_folder DB_DIR PATH...
//
// Every supported file under each PATH is indexed (again, if it changed since the last
// run); files that cannot be read are listed and skipped. Exit status as gazette-index's.
#include <gazette/gazette.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

void print_summary(const gazette::IndexReport& report) {
  std::cout << "indexed " << report.articles_indexed << " articles from " << report.files_indexed
            << " files (" << report.files_unchanged << " unchanged, " << report.files_failed
            << " failed) in " << report.elapsed.count() << " s\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: index_folder DB_DIR PATH...\n";
    return gazette::exit_code::error;
  }
  const std::vector<std::string> paths(argv + 2, argv + argc);
  gazette::IndexerOptions options;
  // Problems are reported as they happen; the run goes on.
  options.on_problem = [](const gazette::FileProblem& problem) {
    std::cerr << "index_folder: " << problem.path << ": " << problem.reason << '\n';
  };
  try {
    gazette::Indexer indexer(argv[1], options);
    const gazette::IndexReport report = indexer.add_paths(paths);
    print_summary(report);
    return report.problems.empty() ? gazette::exit_code::success : gazette::exit_code::partial;
  } catch (const gazette::Error& e) {
    std::cerr << "index_folder: " << gazette::to_string(e.code()) << ": " << e.what() << '\n';
    return gazette::exit_code::for_error(e.code());
  }
}

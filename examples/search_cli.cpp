// search_cli: ranked search of a Gazette index, with the matched words in [brackets].
//
//   search_cli DB_DIR QUERY [LIMIT]
//
// Prints one block per hit (rank, title, date, snippet) and a total; exit 1 when nothing
// matches, 2 on an error, as gazette-search does.
#include <gazette/gazette.hpp>

#include <charconv>
#include <cstddef>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>

namespace {

std::optional<std::size_t> parse_limit(const char* text) {
  std::size_t limit = 0;
  const char* end = text + std::strlen(text);
  auto [stop, error] = std::from_chars(text, end, limit);
  if (error != std::errc() || stop != end) return std::nullopt;
  return limit;
}

void print_hit(const gazette::Hit& hit) {
  const gazette::Article& article = hit.article;
  const std::string date = article.published ? gazette::format_date(*article.published) : "no date";
  std::cout << hit.rank << ". " << article.title << "  (" << date << ", " << article.id << ")\n"
            << "   " << hit.snippet.marked("[", "]") << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<std::size_t> limit = argc == 4 ? parse_limit(argv[3]) : 10;
  if (argc < 3 || argc > 4 || !limit) {
    std::cerr << "usage: search_cli DB_DIR QUERY [LIMIT]   (Gazette " << gazette::version()
              << ")\n";
    return gazette::exit_code::error;
  }
  gazette::SearchRequest request;
  request.query = argv[2];
  request.limit = *limit;
  try {
    gazette::Searcher searcher(argv[1]);
    const gazette::SearchResult result = searcher.search(request);
    for (const gazette::Hit& hit : result.hits)
      print_hit(hit);
    std::cout << result.hits.size() << " of about " << result.total_estimate
              << " matching articles\n";
    return result.hits.empty() ? gazette::exit_code::partial : gazette::exit_code::success;
  } catch (const gazette::Error& e) {
    std::cerr << "search_cli: " << gazette::to_string(e.code()) << ": " << e.what() << '\n';
    return gazette::exit_code::for_error(e.code());
  }
}

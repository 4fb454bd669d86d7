// gazette::Searcher: ranked search over a Gazette database, with highlighted snippets.
#pragma once

#include <gazette/article.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette {

/// How the words of a query combine when no operator is written between them.
enum class MatchMode {
  all,  ///< Every word must match (AND); the default.
  any,  ///< Any word may match (OR); more words matching ranks higher.
};

/// One search. Every field has a usable default except `query`.
struct SearchRequest {
  /// Xapian query syntax: words, "phrases", AND OR NOT, +/-, NEAR, wildcards (econom*),
  /// fields title: author: source:. A query that cannot be parsed is searched as plain
  /// words and a warning is added to the result.
  std::string query;
  std::size_t offset = 0;           ///< Hits to skip (for paging).
  std::size_t limit = 10;           ///< Hits to return at most.
  std::size_t snippet_chars = 200;  ///< Approximate snippet length in bytes.
  MatchMode match = MatchMode::all;
};

/// A half-open byte range [begin, end) of Snippet::text.
struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

/// A passage of the article's body, as plain UTF-8 text, with the byte ranges that matched
/// the query (stemmed forms included). Starts/ends with "…" when it cuts a sentence.
struct Snippet {
  std::string text;
  std::vector<TextSpan> highlights;  ///< Sorted, non-overlapping.

  /// The snippet as HTML: text escaped, matches wrapped in `open`/`close`.
  std::string to_html(std::string_view open = "<mark>", std::string_view close = "</mark>") const;

  /// The snippet as plain text with matches wrapped in `open`/`close` (e.g. ANSI codes).
  std::string marked(std::string_view open, std::string_view close) const;
};

/// One result.
struct Hit {
  std::size_t rank = 0;  ///< 1-based position in the whole ranking (offset included).
  double score = 0;      ///< BM25 weight; comparable only within one result.
  Article article;       ///< Stored fields; `body` is left empty to keep results small.
  Snippet snippet;
};

/// The answer to a SearchRequest.
struct SearchResult {
  std::string query;                  ///< The query as given.
  std::size_t total_estimate = 0;     ///< Estimated number of matching articles.
  std::size_t total_lower_bound = 0;  ///< The true count is within these bounds.
  std::size_t total_upper_bound = 0;
  std::vector<Hit> hits;
  std::vector<std::string> warnings;  ///< e.g. the query had to be read as plain words.
};

/// Read access to one Gazette database.
///
/// Thread safety: a Searcher must not be used by two threads at once; give each thread its
/// own (they are cheap: opening shares the OS page cache). Searches see the database as of
/// the last open or reopen(); a search that meets a concurrent commit reopens and retries.
class Searcher {
 public:
  /// Opens the database in directory `db_path`. Throws gazette::Error: not_found when there
  /// is no database there, database_version for an unsupported schema version,
  /// database_corrupt when it is not a Gazette database or is damaged.
  explicit Searcher(const std::string& db_path);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  /// Runs a search. Throws gazette::Error: invalid_input for an empty query or a limit of
  /// 0; query_syntax if even the plain-words reading fails; database errors as above.
  SearchResult search(const SearchRequest& request);

  /// The whole stored article with this key (body included), or nullopt.
  std::optional<Article> get_article(std::string_view key);

  /// Number of articles in the database.
  std::size_t article_count();

  /// Moves to the latest committed state of the database.
  void reopen();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette

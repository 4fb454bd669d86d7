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

/// How SearchResult::timeline groups matches by publication date.
enum class TimelineGranularity {
  none,   ///< No timeline.
  day,    ///< "YYYY-MM-DD".
  week,   ///< ISO 8601 week, "YYYY-Www" (the ISO week-numbering year).
  month,  ///< "YYYY-MM".
  year,   ///< "YYYY".
};

/// The order of hits.
enum class SortOrder {
  relevance,  ///< Best BM25 score first; ties by index order (docid).
  newest,     ///< Latest publication time first; undated articles last.
  oldest,     ///< Earliest publication time first; undated articles last.
};

/// One search. Every field has a usable default; `query` may be empty only when at least
/// one filter is given (it then matches every article the filters keep).
///
/// Filters narrow the result without changing any score. Values of one filter field OR
/// together (`sources = {"reuters", "bbc"}`: either), different fields AND together.
struct SearchRequest {
  /// Xapian query syntax: words, "phrases", AND OR NOT, +/-, NEAR, wildcards (econom*),
  /// free-text fields title: author: publication:, filter fields source: (slug) lang:
  /// tag: site: (host), and dates date:1987-03-09, date:1987-03..1987-04, year:1987,
  /// year:1985..1987. A query that cannot be parsed is searched as plain words and a
  /// warning is added to the result; a bad date in it throws invalid_input.
  std::string query;
  std::size_t offset = 0;           ///< Hits to skip (for paging).
  std::size_t limit = 10;           ///< Hits to return at most.
  std::size_t snippet_chars = 200;  ///< Approximate snippet length in bytes.
  MatchMode match = MatchMode::all;

  /// Earliest publication date kept: "1987", "1987-03" or "1987-03-09", meaning the first
  /// day of that period (UTC). Empty: no lower bound. Undated articles never pass a date
  /// filter.
  std::string since;
  /// Latest publication date kept, same forms, meaning the last day of that period,
  /// inclusive ("1987-02" keeps 28 February). Empty: no upper bound.
  std::string until;
  /// Publication names or slugs ("The New York Times" and "the-new-york-times" are the
  /// same); compared as slugs (schema::source_slug).
  std::vector<std::string> sources;
  /// Bylines: each is matched as a phrase of author words ("jane doe" keeps "Jane Doe"
  /// and "Jane Doe Smith", not "Doe, Jane"); case does not matter.
  std::vector<std::string> authors;
  std::vector<std::string> langs;  ///< ISO 639-1 codes ("en"), as detected or declared.
  std::vector<std::string> tags;   ///< Tags, sections or keywords; case does not matter.

  SortOrder sort = SortOrder::relevance;
  /// Near-duplicate wire copies (same schema::kClusterKey) are shown as one hit, the best
  /// ranked, with Hit::duplicates telling how many were folded into it. Articles without a
  /// cluster key are never collapsed.
  bool collapse = true;

  /// Facets to count over every matching article: any of "source" (slug), "year", "month"
  /// ("YYYY-MM"), "lang" and "tag" (lower-cased). Counts are exact and ignore collapsing
  /// (each duplicate copy counts). An unknown name throws invalid_input.
  std::vector<std::string> facets;
  std::size_t facet_limit = 10;  ///< Values kept per facet, the most frequent first.

  /// Matches per period of publication date (undated articles are left out).
  TimelineGranularity timeline = TimelineGranularity::none;
  /// With a timeline: also give each period's matches as a share of all the archive's
  /// articles published in that period (TimelinePoint::share).
  bool normalise = false;
};

/// One value of a facet and how many matching articles have it.
struct FacetValue {
  std::string value;
  std::size_t count = 0;
  friend bool operator==(const FacetValue&, const FacetValue&) = default;
};

/// A requested facet: its values sorted by count (descending), then value.
struct Facet {
  std::string name;
  std::vector<FacetValue> values;
};

/// One period of the timeline.
struct TimelinePoint {
  std::string period;  ///< "YYYY-MM-DD", "YYYY-Www", "YYYY-MM" or "YYYY".
  std::size_t count = 0;
  /// With SearchRequest::normalise: count / articles published in the period (0..1).
  std::optional<double> share;
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
  /// With SearchRequest::collapse: how many other articles of the same duplicate cluster
  /// matched and were folded into this hit (exact while the result has at most 1000
  /// matches, a lower bound beyond). Always 0 without collapsing.
  std::size_t duplicates = 0;
};

/// The answer to a SearchRequest.
struct SearchResult {
  std::string query;                  ///< The query as given.
  std::size_t total_estimate = 0;     ///< Estimated number of matching articles.
  std::size_t total_lower_bound = 0;  ///< The true count is within these bounds.
  std::size_t total_upper_bound = 0;
  std::vector<Hit> hits;
  std::vector<std::string> warnings;    ///< e.g. the query had to be read as plain words.
  std::vector<Facet> facets;            ///< In the order of SearchRequest::facets.
  std::vector<TimelinePoint> timeline;  ///< Periods in ascending order, only those with matches.
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

  /// Runs a search. Throws gazette::Error: invalid_input for an empty query without a
  /// filter, an unknown facet, a limit of 0, a bad date (naming it) or `since` after `until`;
  /// query_syntax if even the plain-words reading fails; database errors as above.
  SearchResult search(const SearchRequest& request);

  /// The exact number of hits `request` has (collapsed clusters counting once when
  /// `request.collapse`), ignoring offset and limit. Throws as search().
  std::size_t count(const SearchRequest& request);

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

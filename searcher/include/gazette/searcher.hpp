// gazette::Searcher: ranked search over a Gazette database, with highlighted snippets.
#pragma once

#include <gazette/article.hpp>
#include <gazette/export.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
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
///
/// Plain data (see \ref plain_data); Searcher::search() only reads it, so one request may
/// be shared by threads that each search with their own Searcher.
struct GAZETTE_EXPORT SearchRequest {
  /// Xapian query syntax: words, "phrases", AND OR NOT, +/-, NEAR, wildcards (econom*),
  /// free-text fields title: author: publication:, filter fields source: (slug) lang:
  /// tag: site: (host), and dates date:1987-03-09, date:1987-03..1987-04, year:1987,
  /// year:1985..1987. A query that cannot be parsed is searched as plain words and a
  /// warning is added to the result; a bad date in it throws invalid_input.
  std::string query;
  std::size_t offset = 0;           ///< Hits to skip (for paging).
  std::size_t limit = 10;           ///< Hits to return at most: 1 to 100000.
  std::size_t snippet_chars = 200;  ///< Approximate snippet length in bytes; at most 100000.
  /// How words without an operator between them combine.
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

  SortOrder sort = SortOrder::relevance;  ///< The order of hits.
  /// Near-duplicate wire copies (same schema::kClusterKey) are shown as one hit, the best
  /// ranked, with Hit::duplicates telling how many were folded into it. Articles without a
  /// cluster key are never collapsed.
  bool collapse = true;

  /// Facets to count over every matching article: any of "source" (slug), "year", "month"
  /// ("YYYY-MM"), "lang" and "tag" (lower-cased). Counts are exact and ignore collapsing
  /// (each duplicate copy counts). An unknown name throws invalid_input.
  std::vector<std::string> facets;
  std::size_t facet_limit = 10;  ///< Values kept per facet, the most frequent first; >= 1.

  /// Matches per period of publication date (undated articles are left out).
  TimelineGranularity timeline = TimelineGranularity::none;
  /// With a timeline: also give each period's matches as a share of all the archive's
  /// articles published in that period (TimelinePoint::share).
  bool normalise = false;

  /// Recency boost for "latest news" searches: each dated article gains weight that halves
  /// with every `recency_half_life` of age, age counted back from the newest article in the
  /// archive (archives are searched long after their last story). The boost is added to
  /// the BM25 score and is at most the best BM25 score of the query, so a strong text match
  /// still beats a weak recent one. Undated articles keep their BM25 score and are never
  /// dropped. Zero (the default): pure BM25, exactly as without the option. Negative
  /// throws invalid_input.
  std::chrono::seconds recency_half_life{0};

  /// "More like this": the key of an article (Article::id) whose most distinctive words
  /// (relevance-feedback expansion over its terms) become the query. The article itself and
  /// its near-duplicate copies are left out. With `query` also given, hits must match it
  /// too. Filters apply as usual. An unknown key throws not_found.
  std::string like;

  /// Passages per hit for long articles: when above 0, Hit::passages holds up to this many
  /// non-overlapping fragments of about `snippet_chars` bytes from anywhere in the body, the
  /// best by matched query words, in body order, with their offsets. 0 (the default): only
  /// Hit::snippet. At most 100.
  std::size_t passages = 0;

  /// Fill Hit::explanation: matched terms by field, the BM25 and recency parts of the score.
  bool explain = false;

  /// Suggest a corrected query ("did you mean") when a query word is unknown to the archive
  /// or very rare while a close spelling is common. Needs the spelling data the indexer
  /// keeps unless told not to (IndexerOptions::spelling).
  bool suggest = true;

  /// Pseudo-relevance feedback for long, descriptive queries ("talks between Rusk and Tito
  /// on trade with Yugoslavia"): the words most frequent in the 5 best hits re-rank the
  /// matches, so articles about the same story rise even when they word it differently.
  /// The matches themselves, their count and facets do not change, and snippets highlight
  /// only the query's words. Costs a second search. Ignored when sorting by date.
  bool expand = false;
};

/// One value of a facet and how many matching articles have it. Plain data (see
/// \ref plain_data).
struct GAZETTE_EXPORT FacetValue {
  std::string value;      ///< The value: a source slug, "1987", "1987-03", "en", a tag.
  std::size_t count = 0;  ///< Matching articles with this value.
  /// Equal when both fields are.
  friend bool operator==(const FacetValue&, const FacetValue&) = default;
};

/// A requested facet: its values sorted by count (descending), then value. Plain data (see
/// \ref plain_data).
struct GAZETTE_EXPORT Facet {
  std::string name;                ///< As in SearchRequest::facets ("source", "year"…).
  std::vector<FacetValue> values;  ///< At most SearchRequest::facet_limit of them.
};

/// One period of the timeline. Plain data (see \ref plain_data).
struct GAZETTE_EXPORT TimelinePoint {
  std::string period;     ///< "YYYY-MM-DD", "YYYY-Www", "YYYY-MM" or "YYYY".
  std::size_t count = 0;  ///< Matching articles published in the period.
  /// With SearchRequest::normalise: count / articles published in the period (0..1).
  std::optional<double> share;
};

/// A half-open byte range [begin, end) of Snippet::text. Plain data (see \ref plain_data).
struct GAZETTE_EXPORT TextSpan {
  std::size_t begin = 0;  ///< First byte.
  std::size_t end = 0;    ///< One past the last byte.
  /// Equal when both bounds are.
  friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

/// A passage of the article's body, as plain UTF-8 text, with the byte ranges that matched
/// the query (stemmed forms included). Starts/ends with "…" when it cuts a sentence.
/// Plain data (see \ref plain_data).
struct GAZETTE_EXPORT Snippet {
  std::string text;                  ///< UTF-8; empty when snippets were not asked for.
  std::vector<TextSpan> highlights;  ///< Sorted, non-overlapping.

  /// The snippet as HTML: text escaped (`&`, `<`, `>`, `"`), matches wrapped in
  /// `open`/`close`, which are inserted as given. Throws nothing but std::bad_alloc.
  std::string to_html(std::string_view open = "<mark>", std::string_view close = "</mark>") const;

  /// The snippet as plain text with matches wrapped in `open`/`close` (e.g. ANSI codes).
  /// Throws nothing but std::bad_alloc.
  std::string marked(std::string_view open, std::string_view close) const;
};

/// A fragment of an article's body: the exact text of bytes [begin, end) of Article::body,
/// so paragraph breaks are kept, with the query's matches highlighted. Plain data (see
/// \ref plain_data).
struct GAZETTE_EXPORT Passage {
  Snippet snippet;             ///< The fragment; highlights are byte ranges of its text.
  std::size_t begin = 0;       ///< First byte in the body.
  std::size_t end = 0;         ///< One past the last byte in the body.
  std::size_t char_begin = 0;  ///< The same range in Unicode code points (for JSON users).
  std::size_t char_end = 0;    ///< One past the last code point.
};

/// One query term found in a hit, for SearchRequest::explain. Plain data (see
/// \ref plain_data).
struct GAZETTE_EXPORT MatchedTerm {
  std::string term;   ///< The word as indexed: lower-case, stemmed when `stemmed`.
  std::string field;  ///< "text" (title and body), "title", "author" or "publication".
  /// `term` is a stem: any word with that stem matched.
  bool stemmed = false;
  std::size_t frequency = 0;  ///< Occurrences in the article (wdf; title words count extra).
};

/// Why a hit scored what it did (SearchRequest::explain). Plain data (see \ref plain_data).
struct GAZETTE_EXPORT Explanation {
  std::vector<MatchedTerm> terms;  ///< Query terms the article contains, in query order.
  double bm25 = 0;                 ///< BM25 part of Hit::score (title boost included).
  double recency = 0;              ///< Recency part of Hit::score (0 without a half-life).
};

/// One result. Plain data (see \ref plain_data).
struct GAZETTE_EXPORT Hit {
  std::size_t rank = 0;  ///< 1-based position in the whole ranking (offset included).
  double score = 0;      ///< BM25 weight; comparable only within one result.
  Article article;       ///< Stored fields; `body` is left empty to keep results small.
  Snippet snippet;       ///< Best passage of the body (of the title when there is no body).
  /// With SearchRequest::collapse: how many other articles of the same duplicate cluster
  /// matched and were folded into this hit (exact while the result has at most 1000
  /// matches, a lower bound beyond). Always 0 without collapsing.
  std::size_t duplicates = 0;
  /// The article's near-duplicate cluster (16 hex digits): copies of one story share it.
  std::string cluster;
  std::vector<Passage> passages;           ///< With SearchRequest::passages > 0.
  std::optional<Explanation> explanation;  ///< With SearchRequest::explain.
};

/// The answer to a SearchRequest. Plain data (see \ref plain_data).
struct GAZETTE_EXPORT SearchResult {
  std::string query;  ///< The query as given.
  /// Number of matching articles: exact up to 100, estimated beyond (Searcher::count()
  /// counts exactly, at the cost of visiting every match).
  std::size_t total_estimate = 0;
  std::size_t total_lower_bound = 0;    ///< The true count is within these bounds.
  std::size_t total_upper_bound = 0;    ///< See total_lower_bound.
  std::vector<Hit> hits;                ///< The requested page of hits, best first.
  std::vector<std::string> warnings;    ///< e.g. the query had to be read as plain words.
  std::vector<Facet> facets;            ///< In the order of SearchRequest::facets.
  std::vector<TimelinePoint> timeline;  ///< Periods in ascending order, only those with matches.
  /// A corrected query when a word looked misspelt (SearchRequest::suggest), else empty.
  std::optional<std::string> suggestion;
};

/// Read access to one Gazette database. Owns its read-only handle on the database (no lock:
/// any number of Searchers, in any processes, may read while one Indexer writes); move-only.
///
/// Thread safety: a Searcher must not be used by two threads at once; give each thread its
/// own (they are cheap: opening shares the OS page cache). Searchers in different threads
/// are independent and may search the same database at the same time. Searches see the
/// database as of the last open or reopen(); a search that meets a concurrent commit
/// reopens and retries.
///
/// Errors: every member that reads the database can throw gazette::Error with the database
/// codes (see \ref errors): not_found when the database vanished, database_corrupt,
/// database_version, io_error.
class GAZETTE_EXPORT Searcher {
 public:
  /// Opens the database in directory `db_path`. Throws gazette::Error: not_found when there
  /// is no database there, database_version for an unsupported schema version,
  /// database_corrupt when it is not a Gazette database or is damaged.
  explicit Searcher(const std::string& db_path);
  /// Closes the database.
  ~Searcher();
  /// Takes over the other Searcher's database; the moved-from Searcher may then only be
  /// destroyed or assigned to.
  Searcher(Searcher&&) noexcept;
  /// Closes this Searcher's database, then takes over the other's.
  Searcher& operator=(Searcher&&) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  /// Runs a search. Throws gazette::Error: invalid_input for an empty query without a
  /// filter, an unknown facet or a facet_limit of 0 with facets, a limit of 0 or above
  /// 100000, snippet_chars above 100000, passages above 100, a negative recency half-life,
  /// a bad date (naming it), `since` after `until`, an empty filter value or an author
  /// without words, a `like` article without words to search by; not_found for an unknown
  /// `like` key; query_syntax if even the plain-words reading fails; database errors as
  /// above.
  SearchResult search(const SearchRequest& request);

  /// The exact number of hits `request` has (collapsed clusters counting once when
  /// `request.collapse`), ignoring offset and limit. Throws as search(), except that what
  /// only shapes hits (limit, snippet_chars, passages, facets, recency) is not checked.
  std::size_t count(const SearchRequest& request);

  /// Calls `on_hit` for every matching article, in index order (stable for one state of
  /// the database), without ranking, collapsing or paging, in constant memory, for exports.
  /// A request with no query, `like` or filter matches every article.
  /// Hits carry rank (1, 2, …), article, cluster and, when `request.snippet_chars` > 0,
  /// a snippet; score is 0. `on_hit` returns false to stop early. Sort, offset, limit,
  /// collapse, recency, facets and timeline are ignored. Returns the number of hits passed
  /// to `on_hit`. A commit during the stream is followed: each article is passed at most
  /// once. The Hit passed is valid only during the call. Throws as search() (limit and
  /// offset excepted), and lets an exception thrown by `on_hit` through unchanged.
  std::size_t stream(const SearchRequest& request, const std::function<bool(const Hit&)>& on_hit);

  /// The whole stored article with this key (body included), or nullopt when there is none.
  /// Throws gazette::Error only for database failures.
  std::optional<Article> get_article(std::string_view key);

  /// Completions of a partly typed query, for a search box: `partial` with its last word
  /// completed to words of the archive beginning with it (case ignored), the words in most
  /// articles first, at most `limit` of them (1 to 100); the text before the last word is
  /// kept as typed ("oil pr" -> "oil prices", "oil price", …). Empty when `partial` does not
  /// end in a word. Throws gazette::Error: invalid_input for a limit out of range; database
  /// errors as search().
  std::vector<std::string> complete(std::string_view partial, std::size_t limit = 8);
  /// Number of articles in the database, as of the last open or reopen(). Throws
  /// gazette::Error only for database failures.
  std::size_t article_count();

  /// Moves to the latest committed state of the database (following a rebuild or compact
  /// that swapped in a new one). Throws gazette::Error: not_found if the database is gone,
  /// database_version, database_corrupt, io_error; the Searcher then keeps its old state.
  void reopen();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette

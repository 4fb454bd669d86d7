// gazette::Searcher: opens the database, runs ranked searches, builds hits and snippets.
#include <gazette/searcher.hpp>

#include <gazette/error.hpp>
#include <gazette/schema.hpp>

#include "common/src/db_stub.hpp"
#include "common/src/record.hpp"
#include "common/src/schema_check.hpp"
#include "common/src/xapian_error.hpp"
#include "searcher/src/completion.hpp"
#include "searcher/src/docid_range.hpp"
#include "searcher/src/facets.hpp"
#include "searcher/src/filters.hpp"
#include "searcher/src/passages.hpp"
#include "searcher/src/query_builder.hpp"
#include "searcher/src/ranking.hpp"
#include "searcher/src/recency.hpp"
#include "searcher/src/related.hpp"
#include "searcher/src/snippet.hpp"
#include "searcher/src/spelling.hpp"

#include <fmt/format.h>
#include <xapian.h>

#include <filesystem>

namespace gazette {
namespace {

// Attempts at a search that keeps meeting concurrent commits before giving up.
constexpr int kMaxReopenAttempts = 100;
// Upper bounds that keep absurd requests from exhausting memory.
constexpr std::size_t kMaxLimit = 100'000;
constexpr std::size_t kMaxSnippetChars = 100'000;
constexpr std::size_t kMaxPassages = 100;
constexpr std::size_t kMaxCompletions = 100;
// Matches are counted exactly up to this many, estimated beyond (with bounds; count() is
// exact). Counting to 1,000 doubled the median latency on Reuters-21578 (0.83 -> 0.42 ms
// for top 10 with collapsing): benchmarks/README.md.
constexpr Xapian::doccount kExactCountUpTo = 100;
// Document ids per window of Searcher::stream(): bounds its memory (one MSet entry each).
constexpr Xapian::docid kStreamWindow = 10'000;

// Opens the database at its latest revision, checking the schema. A writer committing in
// quick succession can discard the revision being opened (Xapian keeps the last two):
// then open again.
Xapian::Database open_latest(const std::string& db_path) {
  // Xapian would open a stub or a bare file too; a missing directory is a clearer error.
  std::error_code ec;
  if (!std::filesystem::exists(db_path, ec)) {
    throw_error(ErrorCode::not_found,
                fmt::format("{}: no Gazette database here (create one with: gazette-index --db {} "
                            "PATH...)",
                            db_path, db_path));
  }
  return with_xapian_errors(db_path, [&] {
    for (int attempt = 1;; ++attempt) {
      try {
        Xapian::Database db(db_path);
        if (!check_schema_version(db, db_path)) {
          // An empty database without a version was not made by Gazette (it stamps on create).
          throw_error(ErrorCode::database_corrupt,
                      fmt::format("{}: not a Gazette database (no schema version)", db_path));
        }
        return db;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= kMaxReopenAttempts) throw;
      } catch (const Xapian::DatabaseOpeningError&) {
        // The stub named a generation that a rebuild, compaction or first build replaced
        // and removed before it could be opened: the stub names the new one now.
        if (attempt >= kMaxReopenAttempts || !std::filesystem::exists(stub_file(db_path), ec)) {
          throw;
        }
      }
    }
  });
}

// Sorts after every sortable_serialise()d time, so undated articles come last by date.
const std::string kAfterEveryTime(16, '\xff');

// Newest/oldest by publication time, ties by relevance then docid. An article without a
// date has an empty value, which sorts first ascending: give it a key after every date
// (oldest) or rely on the reversed empty key sorting last (newest).
void set_order(Xapian::Enquire& enquire, SortOrder order) {
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  if (order == SortOrder::relevance) return;  // Xapian's default: relevance, then docid.
  auto* keys = new Xapian::MultiValueKeyMaker;
  if (order == SortOrder::newest) {
    keys->add_value(schema::kPublishedTime, true);
  } else {
    keys->add_value(schema::kPublishedTime, false, kAfterEveryTime);
  }
  enquire.set_sort_by_key_then_relevance(keys->release(), false);
}

void validate(const SearchRequest& request) {
  if (request.limit == 0 || request.limit > kMaxLimit) {
    throw_error(ErrorCode::invalid_input,
                fmt::format("limit must be between 1 and {}, not {}", kMaxLimit, request.limit));
  }
  if (request.snippet_chars > kMaxSnippetChars) {
    throw_error(ErrorCode::invalid_input,
                fmt::format("snippet length must be at most {} characters", kMaxSnippetChars));
  }
  if (request.passages > kMaxPassages) {
    throw_error(ErrorCode::invalid_input,
                fmt::format("passages must be at most {}, not {}", kMaxPassages, request.passages));
  }
  if (request.recency_half_life.count() < 0) {
    throw_error(ErrorCode::invalid_input, "the recency half-life cannot be negative");
  }
  searcher::validate_facets(request);
}

// What every hit of one search is built with.
struct HitContext {
  const SearchRequest& request;
  const Xapian::Enquire& enquire;
  const searcher::ArchiveLanguages& languages;  // Snippets stem by the article's language.
  searcher::QueryWords words;                   // For snippets and passages.
  searcher::RecencyBoost recency;
};

// The query terms `hit` contains, by field, with their frequency in it.
std::vector<MatchedTerm> matched_terms(const Xapian::Enquire& enquire,
                                       const Xapian::MSetIterator& hit) {
  std::vector<MatchedTerm> out;
  const Xapian::Document doc = hit.get_document();
  Xapian::TermIterator in_doc = doc.termlist_begin();
  for (auto it = enquire.get_matching_terms_begin(hit); it != enquire.get_matching_terms_end(hit);
       ++it) {
    auto term = searcher::text_term(*it);
    if (!term) continue;  // A filter term: not part of the score.
    in_doc.skip_to(*it);
    const bool found = in_doc != doc.termlist_end() && *in_doc == *it;
    out.push_back({std::move(term->word), std::move(term->field), term->stemmed,
                   found ? std::size_t{in_doc.get_wdf()} : 0});
    in_doc = doc.termlist_begin();  // Matching terms come in query order, not sorted.
  }
  return out;
}

Hit make_hit(const Xapian::MSetIterator& it, const HitContext& ctx) {
  Hit hit;
  hit.rank = static_cast<std::size_t>(it.get_rank()) + 1;
  hit.score = it.get_weight();
  hit.duplicates = it.get_collapse_count();
  const Xapian::Document doc = it.get_document();
  hit.article = record::decode(doc.get_data());
  hit.cluster = doc.get_value(schema::kClusterKey);
  const std::string& text = hit.article.body.empty() ? hit.article.title : hit.article.body;
  const SearchRequest& request = ctx.request;
  const Xapian::Stem stemmer = ctx.languages.stemmer_for(hit.article.lang);
  if (request.snippet_chars > 0) {
    hit.snippet = searcher::make_snippet(text, ctx.words, stemmer, request.snippet_chars);
  }
  if (request.passages > 0) {
    hit.passages = searcher::find_passages(text, ctx.words, stemmer, request.passages,
                                           std::max<std::size_t>(request.snippet_chars, 1));
  }
  if (request.explain) {
    Explanation e;
    e.terms = matched_terms(ctx.enquire, it);
    e.recency = searcher::recency_part(ctx.recency, doc.get_value(schema::kPublishedTime));
    e.bm25 = hit.score - e.recency;
    hit.explanation = std::move(e);
  }
  hit.article.body.clear();
  return hit;
}

}  // namespace

struct Searcher::Impl {
  explicit Impl(const std::string& path)
      : db_path(path), db(open_latest(path)), ranking(searcher::ranking_defaults()) {}

  // Runs `fn`, reopening and retrying while a writer's commit invalidates what we read.
  template <typename Fn>
  auto with_reopen(Fn&& fn) {
    for (int attempt = 1;; ++attempt) {
      try {
        return fn();
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= kMaxReopenAttempts) throw;
        refresh();
      }
    }
  }

  // Moves to the latest commit. Opening the directory again (rather than Database::reopen)
  // also follows a rebuild or compaction that swapped in a new generation. A writer
  // committing in quick succession can discard a revision even while it is being opened:
  // then open again.
  void refresh() {
    db = open_latest(db_path);
    languages_.reset();
  }

  SearchResult search(const SearchRequest& request) {
    validate(request);
    return with_xapian_errors(db_path, [&] { return with_reopen([&] { return run(request); }); });
  }

  std::size_t count(const SearchRequest& request) {
    return with_xapian_errors(db_path, [&] {
      return with_reopen([&] {
        searcher::BuiltQuery built = searcher::build_query(request, db, languages(), ranking);
        // Checking at least every document makes the count exact. Asking for no hits at all
        // would let Xapian answer from term statistics alone, so ask for one.
        const Xapian::MSet mset = make_enquire(request, built).get_mset(0, 1, db.get_doccount());
        return std::size_t{mset.get_matches_lower_bound()};
      });
    });
  }

  Xapian::Enquire make_enquire(const SearchRequest& request, const searcher::BuiltQuery& built) {
    Xapian::Enquire enquire(db);
    enquire.set_query(built.query);
    enquire.set_weighting_scheme(searcher::bm25(ranking));
    set_order(enquire, request.sort);
    // Xapian never collapses documents whose key is empty: articles outside any cluster.
    if (request.collapse) enquire.set_collapse_key(schema::kClusterKey);
    return enquire;
  }

  SearchResult run(const SearchRequest& request) {
    searcher::BuiltQuery built = searcher::build_query(request, db, languages(), ranking);
    const Xapian::Query typed_query = built.query;  // Snippets highlight what was asked.
    if (request.expand && request.sort == SortOrder::relevance) add_feedback(built.query);
    const searcher::RecencyBoost recency =
        searcher::plan_recency(db, built.query, request.recency_half_life, searcher::bm25(ranking));
    const Xapian::Query text_query = built.query;  // Facets count the same matches.
    built.query = searcher::with_recency(built.query, recency);
    Xapian::Enquire enquire = make_enquire(request, built);
    const auto first = static_cast<Xapian::doccount>(request.offset);
    const auto count = static_cast<Xapian::doccount>(request.limit);
    const RankedPage ranked = ranked_matches(enquire, first, count);
    const Xapian::MSet& mset = ranked.mset;
    SearchResult result;
    result.query = request.query;
    result.total_estimate = mset.get_matches_estimated();
    result.total_lower_bound = mset.get_matches_lower_bound();
    result.total_upper_bound = mset.get_matches_upper_bound();
    result.warnings = std::move(built.warnings);
    if (request.suggest && !request.query.empty()) {
      result.suggestion = searcher::suggest_query(db, request.query, languages());
    }
    searcher::add_breakdowns(db, text_query, request, result);
    const HitContext context{request, enquire, languages(), hit_words(request, typed_query),
                             recency};
    for (auto it = ranked.begin(); it != mset.end() && result.hits.size() < count; ++it)
      result.hits.push_back(make_hit(it, context));
    return result;
  }

  // An MSet holding the hits of a page, after `skip` hits before it.
  struct RankedPage {
    Xapian::MSet mset;
    Xapian::doccount skip = 0;

    Xapian::MSetIterator begin() const { return skip >= mset.size() ? mset.end() : mset[skip]; }
  };

  // Hits [first, first + count), counted exactly when no more than kExactCountUpTo
  // documents match. Collapsing counts exactly only the documents that reach the MSet (one
  // dropped for a low weight may or may not share a kept one's cluster): 8 matches were
  // "about 8" for a top 1. So when collapsing left the count inexact and few documents
  // match, the MSet is asked again for kExactCountUpTo hits from the top and the page cut
  // out of it. Only small results pay for the second pass; asking for 100 hits every time
  // cost 45% of the median latency on Reuters-21578 (0.54 -> 0.78 ms).
  static RankedPage ranked_matches(Xapian::Enquire& enquire, Xapian::doccount first,
                                   Xapian::doccount count) {
    const Xapian::doccount check_at_least = std::max(first + count, kExactCountUpTo);
    Xapian::MSet page = enquire.get_mset(first, count, check_at_least);
    const bool exact = page.get_matches_lower_bound() == page.get_matches_upper_bound();
    if (exact || page.get_uncollapsed_matches_upper_bound() > kExactCountUpTo) {
      return {page, 0};
    }
    return {enquire.get_mset(0, check_at_least, check_at_least), first};
  }

  // Pseudo-relevance feedback (SearchRequest::expand): the words of the top hits add
  // weight at a reduced scale through OP_AND_MAYBE, so they re-rank the matches and never
  // add one (an article without the query's words, or outside its filters, stays out).
  void add_feedback(Xapian::Query& query) const {
    const Xapian::Query terms = searcher::feedback_terms(db, query, ranking);
    if (terms.empty()) return;
    query = Xapian::Query(
        Xapian::Query::OP_AND_MAYBE, query,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, terms, ranking.feedback_weight));
  }

  static searcher::QueryWords hit_words(const SearchRequest& request, const Xapian::Query& query) {
    return request.passages > 0 || request.snippet_chars > 0 ? searcher::query_words(query)
                                                             : searcher::QueryWords{};
  }

  std::size_t stream(const SearchRequest& request, const std::function<bool(const Hit&)>& on_hit) {
    validate_stream(request);
    std::size_t passed = 0;
    Xapian::docid next = 1;  // First document id not yet looked at.
    for (bool more = true; more;) {
      with_reopen([&] {
        more = stream_window(request, next, passed, on_hit);
        return 0;
      });
    }
    return passed;
  }

  // Passes the hits among document ids [next, next + kStreamWindow) and moves `next` on
  // past each one passed, so a retry after a concurrent commit never repeats a hit. False
  // when the stream is over (no more ids, or on_hit asked to stop).
  bool stream_window(const SearchRequest& request, Xapian::docid& next, std::size_t& passed,
                     const std::function<bool(const Hit&)>& on_hit) {
    const Xapian::docid last_id = db.get_lastdocid();
    if (next > last_id) return false;
    const Xapian::docid window_end = next + std::min(kStreamWindow - 1, last_id - next);
    searcher::BuiltQuery built = searcher::build_listing_query(request, db, languages(), ranking);
    const Xapian::Query text_query = built.query;
    built.query = Xapian::Query(Xapian::Query::OP_FILTER, built.query,
                                searcher::docid_range(next, window_end));
    Xapian::Enquire enquire(db);
    enquire.set_query(built.query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset = enquire.get_mset(0, kStreamWindow);
    const HitContext context{request, enquire, languages(), hit_words(request, text_query), {}};
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit = make_hit(it, context);
      hit.rank = passed + 1;
      next = *it + 1;
      ++passed;
      if (!on_hit(hit)) return false;
    }
    next = window_end + 1;
    return next <= last_id;
  }

  static void validate_stream(const SearchRequest& request) {
    SearchRequest copy = request;
    copy.limit = 1;  // Limit and offset do not apply to a stream.
    copy.offset = 0;
    validate(copy);
  }

  std::optional<Article> get_article(std::string_view key) {
    return with_xapian_errors(db_path, [&] {
      return with_reopen([&]() -> std::optional<Article> {
        Xapian::PostingIterator it = db.postlist_begin(schema::key_term(key));
        if (it == db.postlist_end(schema::key_term(key))) return std::nullopt;
        return record::decode(db.get_document(*it).get_data());
      });
    });
  }

  std::string db_path;
  Xapian::Database db;
  // The analyses of `db`'s languages, read on first use after each (re)opening: inside a
  // search, so that a commit invalidating the read is retried like any other (with_reopen).
  const searcher::ArchiveLanguages& languages() {
    if (!languages_) languages_.emplace(db);
    return *languages_;
  }
  std::optional<searcher::ArchiveLanguages> languages_;
  searcher::Ranking ranking;
};

Searcher::Searcher(const std::string& db_path) : impl_(std::make_unique<Impl>(db_path)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchRequest& request) {
  return impl_->search(request);
}

std::size_t Searcher::count(const SearchRequest& request) {
  return impl_->count(request);
}

std::size_t Searcher::stream(const SearchRequest& request,
                             const std::function<bool(const Hit&)>& on_hit) {
  return with_xapian_errors(impl_->db_path, [&] { return impl_->stream(request, on_hit); });
}

std::optional<Article> Searcher::get_article(std::string_view key) {
  return impl_->get_article(key);
}

std::vector<std::string> Searcher::complete(std::string_view partial, std::size_t limit) {
  if (limit == 0 || limit > kMaxCompletions) {
    throw_error(ErrorCode::invalid_input,
                fmt::format("completions must be between 1 and {}, not {}", kMaxCompletions, limit));
  }
  return with_xapian_errors(impl_->db_path, [&] {
    return impl_->with_reopen([&] { return searcher::complete_query(impl_->db, partial, limit); });
  });
}

std::size_t Searcher::article_count() {
  return with_xapian_errors(impl_->db_path, [&] { return std::size_t{impl_->db.get_doccount()}; });
}

void Searcher::reopen() {
  with_xapian_errors(impl_->db_path, [&] { impl_->refresh(); });
}

}  // namespace gazette

// gazette::Searcher: opens the database, runs ranked searches, builds hits and snippets.
#include <gazette/searcher.hpp>

#include <gazette/error.hpp>
#include <gazette/schema.hpp>

#include "common/src/record.hpp"
#include "common/src/schema_check.hpp"
#include "common/src/xapian_error.hpp"
#include "searcher/src/facets.hpp"
#include "searcher/src/query_builder.hpp"
#include "searcher/src/snippet.hpp"

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
// Matches are counted exactly up to this many (cheap), estimated beyond.
constexpr Xapian::doccount kExactCountUpTo = 1000;

// Opens the database at its latest revision, checking the schema. A writer committing in
// quick succession can discard the revision being opened (Xapian keeps the last two):
// then open again.
Xapian::Database open_latest(const std::string& db_path) {
  // Xapian would open a stub or a bare file too; a missing directory is a clearer error.
  std::error_code ec;
  if (!std::filesystem::exists(db_path, ec)) {
    throw Error(ErrorCode::not_found,
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
          throw Error(ErrorCode::database_corrupt,
                      fmt::format("{}: not a Gazette database (no schema version)", db_path));
        }
        return db;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= kMaxReopenAttempts) throw;
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
    throw Error(ErrorCode::invalid_input,
                fmt::format("limit must be between 1 and {}, not {}", kMaxLimit, request.limit));
  }
  if (request.snippet_chars > kMaxSnippetChars) {
    throw Error(ErrorCode::invalid_input,
                fmt::format("snippet length must be at most {} characters", kMaxSnippetChars));
  }
  searcher::validate_facets(request);
}

}  // namespace

struct Searcher::Impl {
  explicit Impl(const std::string& path)
      : db_path(path), db(open_latest(path)), stemmer("english") {}

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
  void refresh() { db = open_latest(db_path); }

  SearchResult search(const SearchRequest& request) {
    validate(request);
    return with_xapian_errors(db_path, [&] { return with_reopen([&] { return run(request); }); });
  }

  std::size_t count(const SearchRequest& request) {
    return with_xapian_errors(db_path, [&] {
      return with_reopen([&] {
        searcher::BuiltQuery built = searcher::build_query(request, db, stemmer);
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
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    set_order(enquire, request.sort);
    // Xapian never collapses documents whose key is empty: articles outside any cluster.
    if (request.collapse) enquire.set_collapse_key(schema::kClusterKey);
    return enquire;
  }

  SearchResult run(const SearchRequest& request) {
    searcher::BuiltQuery built = searcher::build_query(request, db, stemmer);
    Xapian::Enquire enquire = make_enquire(request, built);
    const auto first = static_cast<Xapian::doccount>(request.offset);
    const auto count = static_cast<Xapian::doccount>(request.limit);
    const Xapian::MSet mset =
        enquire.get_mset(first, count, std::max(first + count, kExactCountUpTo));
    SearchResult result;
    result.query = request.query;
    result.total_estimate = mset.get_matches_estimated();
    result.total_lower_bound = mset.get_matches_lower_bound();
    result.total_upper_bound = mset.get_matches_upper_bound();
    result.warnings = std::move(built.warnings);
    searcher::add_breakdowns(db, built.query, request, result);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit;
      hit.rank = static_cast<std::size_t>(it.get_rank()) + 1;
      hit.score = it.get_weight();
      hit.duplicates = it.get_collapse_count();
      hit.article = record::decode(it.get_document().get_data());
      const std::string& passage_source =
          hit.article.body.empty() ? hit.article.title : hit.article.body;
      hit.snippet = searcher::make_snippet(mset, passage_source, request.snippet_chars, stemmer);
      hit.article.body.clear();
      result.hits.push_back(std::move(hit));
    }
    return result;
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
  Xapian::Stem stemmer;
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

std::optional<Article> Searcher::get_article(std::string_view key) {
  return impl_->get_article(key);
}

std::size_t Searcher::article_count() {
  return with_xapian_errors(impl_->db_path, [&] { return std::size_t{impl_->db.get_doccount()}; });
}

void Searcher::reopen() {
  with_xapian_errors(impl_->db_path, [&] { impl_->refresh(); });
}

}  // namespace gazette

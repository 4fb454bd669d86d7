// Query building: user query text -> Xapian::Query, with the field names of the schema and
// a plain-words fallback for queries that do not parse.
#pragma once

#include <gazette/searcher.hpp>

#include "searcher/src/languages.hpp"
#include "searcher/src/ranking.hpp"

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::searcher {

/// A parsed query plus anything the user should be told about how it was read.
struct BuiltQuery {
  Xapian::Query query;
  std::vector<std::string> warnings;
};

/// Parses `request.query` against `db` (needed for wildcard expansion) with the analysis
/// (stemmer, stop words) of each of `languages`, each reading matching the articles of its
/// languages, and `ranking`'s stemming, stopword and title boost settings; then narrows it by
/// the request's filters (an empty query then matches every article).
/// Throws gazette::Error(invalid_input) for an empty query without filters or a bad filter
/// value, (query_syntax) if even the plain-words reading fails.
BuiltQuery build_query(const SearchRequest& request, const Xapian::Database& db,
                       const ArchiveLanguages& languages,
                       const Ranking& ranking = ranking_defaults());

/// build_query for listing matches (Searcher::stream): a request with no query, related
/// article or filter lists every article instead of being refused.
BuiltQuery build_listing_query(const SearchRequest& request, const Xapian::Database& db,
                               const ArchiveLanguages& languages, const Ranking& ranking);

/// A query matching every document. Use this, never Xapian::Query::MatchAll: that is one
/// static object whose reference count is not atomic, so copying it from searches on
/// several threads at once races (Xapian's query.h warns about it).
inline Xapian::Query match_all() {
  return Xapian::Query(std::string());
}

/// A term of the free text, split into what the user would recognise.
struct TextTerm {
  std::string word;   ///< Lower-case word or stem, without prefix.
  std::string field;  ///< schema::kTextFieldName (title and body) or a words field's name.
  bool stemmed = false;
};

/// `term` as a free-text term, or nullopt for a boolean filter term (key, language, tag,
/// source slug… see common/include/gazette/schema.hpp).
std::optional<TextTerm> text_term(std::string_view term);

/// `query` with each lower-case initialism outside phrases ("u.s.", "u.n") read both ways:
/// "(u.s. OR U.S.)". The indexer, like Xapian's, reads "U.S." as the word "us" (the acronym
/// rule applies to capitals only) but "u.s." as the phrase "u s"; someone typing lower case
/// means either. Left as typed: initialisms after +, - or a field name, inside quotes, and
/// every one in a query that uses NEAR or ADJ (they take words, not alternatives).
std::string with_initialism_readings(std::string_view query);

/// The query reduced to plain words: everything but letters, digits and non-ASCII becomes
/// a space, and the upper-case operator words (AND OR NOT XOR NEAR ADJ) are dropped unless
/// nothing else is left, so nothing can carry an operator meaning.
std::string plain_words(std::string_view query);

}  // namespace gazette::searcher

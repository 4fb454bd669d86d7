// Multi-passage snippets: the best fragments of a long body for a query, with offsets.
// Xapian's MSet::snippet gives one passage and no position, so this finds the query's words
// in the text itself, with the same rules: a word matches when it or its stem is a query
// term, case and field prefix aside.
#pragma once

#include <gazette/searcher.hpp>

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace gazette::searcher {

/// The free-text words of a query, unstemmed and stemmed, without field prefixes.
struct QueryWords {
  std::unordered_set<std::string> words;  ///< Lower-case words: "oil".
  std::unordered_set<std::string> stems;  ///< Stems of words queried stemmed: "strike".

  bool empty() const { return words.empty() && stems.empty(); }
};

/// The words of `query` that can match text: unprefixed, title, author and publication
/// terms; filter terms (source:, lang:, tag:…) are left out.
QueryWords query_words(const Xapian::Query& query);

/// Up to `count` non-overlapping fragments of about `length` bytes of `body`, the ones
/// holding the most distinct query words first chosen, returned in body order. Each starts
/// and ends at word boundaries (at a sentence start when one is near). A body without any
/// match gives its opening fragment; an empty body gives none.
std::vector<Passage> find_passages(std::string_view body, const QueryWords& query,
                                   const Xapian::Stem& stemmer, std::size_t count,
                                   std::size_t length);

}  // namespace gazette::searcher

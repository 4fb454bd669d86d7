// "More like this": an article's most distinctive words as a query (relevance feedback).
#pragma once

#include <xapian.h>

#include <string_view>

namespace gazette::searcher {

/// A query for articles related to the one with key `key`: the terms Xapian's expansion
/// (ESet, relevance feedback with that article as the relevant set) finds most
/// distinctive of it, OR-ed and weighted, excluding the article itself and every article
/// of its near-duplicate cluster. Throws gazette::Error(not_found) for an unknown key.
Xapian::Query related_query(const Xapian::Database& db, std::string_view key);

}  // namespace gazette::searcher

// "More like this": an article's most distinctive words as a query (relevance feedback).
#pragma once

#include <xapian.h>

#include <string_view>

namespace gazette::searcher {

struct Ranking;

/// The `count` terms Xapian's expansion (ESet) finds most distinctive of the documents in
/// `relevant` (plain words only: no field, filter or stemmed terms, no numbers, nothing in
/// more than half the archive), OR-ed, each scaled by its expansion weight relative to the
/// best (0..1]. An empty query when there is none.
Xapian::Query expansion_terms(const Xapian::Database& db, const Xapian::RSet& relevant,
                              Xapian::termcount count);

/// A query for articles related to the one with key `key`: the terms Xapian's expansion
/// (ESet, relevance feedback with that article as the relevant set) finds most
/// distinctive of it, OR-ed and weighted, excluding the article itself and every article
/// of its near-duplicate cluster. Throws gazette::Error(not_found) for an unknown key.
Xapian::Query related_query(const Xapian::Database& db, std::string_view key);

/// Pseudo-relevance feedback: the `ranking.feedback_terms` words most probable in the top
/// `ranking.feedback_docs` hits of `query` (ranked with `ranking`'s BM25) under a relevance
/// model (Lavrenko and Croft's RM1, as in RM3): each hit's word frequencies relative to its
/// length, weighted by the hit's share of the top scores. Only plain distinctive words
/// count, as for expansion_terms(). OR-ed, each scaled by its probability relative to the
/// best (0..1]; an empty query when nothing matches or feedback is off (0 docs or terms).
Xapian::Query feedback_terms(const Xapian::Database& db, const Xapian::Query& query,
                             const Ranking& ranking);

}  // namespace gazette::searcher

// Recency boost: a PostingSource on the publication-time value slot whose weight halves
// with every half-life of age, added to BM25 without dropping undated articles.
#pragma once

#include <xapian.h>

#include <chrono>

namespace gazette::searcher {

/// How a query's scores are blended with recency.
struct RecencyBoost {
  double newest_time = 0;  ///< Seconds since the epoch of the newest article (age 0).
  double half_life = 0;    ///< Seconds; the boost halves with each.
  double scale = 0;        ///< Boost of an article of age 0 (at or after newest_time).

  /// The boost of an article published at `time` (seconds since the epoch).
  double weight_at(double time) const;
};

/// The boost for `query` on `db`: age counted from the newest dated article, scaled to the
/// query's best BM25 score (scored with `weight`, the search's own) so recency reorders close
/// matches without swamping the text. nullopt-like zero scale when the database has no dated
/// article or nothing matches.
RecencyBoost plan_recency(const Xapian::Database& db, const Xapian::Query& query,
                          std::chrono::seconds half_life, const Xapian::Weight& weight);

/// `query` with the boost added: OP_AND_MAYBE keeps exactly the same matches (undated
/// articles included, without boost) and adds the decay weight of dated ones.
Xapian::Query with_recency(const Xapian::Query& query, const RecencyBoost& boost);

/// The boost part of a hit's score, from its stored publication-time value ("" = undated).
double recency_part(const RecencyBoost& boost, const std::string& time_value);

}  // namespace gazette::searcher

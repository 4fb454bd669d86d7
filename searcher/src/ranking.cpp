// Ranking parameters: see ranking.hpp.
#include "searcher/src/ranking.hpp"

namespace gazette::searcher {

Ranking& ranking_defaults() {
  static Ranking ranking;
  return ranking;
}

Xapian::BM25Weight bm25(const Ranking& ranking) {
  return Xapian::BM25Weight(ranking.k1, 0, 1, ranking.b, 0.5);
}

}  // namespace gazette::searcher

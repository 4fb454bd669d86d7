// Ranking parameters: BM25's k1 and b, the title boost, query stopwords and pseudo-relevance
// feedback. The defaults were chosen on the TIME test collection (benchmarks/README.md,
// "Relevance tuning"); benchmarks/relevance.cpp changes them to measure the alternatives.
#pragma once

#include <xapian.h>

#include <cstddef>

namespace gazette::searcher {

/// How queries are read and scored. The defaults are Gazette's ranking.
struct Ranking {
  /// BM25 term-frequency saturation. 1.2 is the usual value (Robertson; Lucene, FTS5);
  /// Xapian's own default is 1.
  double k1 = 1.2;
  /// BM25 length normalisation. 0.75 is the usual value; Xapian's own default is 0.5.
  double b = 0.75;
  /// Weight of the title-only copy of the query (every query word in the title) added with
  /// OP_AND_MAYBE (0: none).
  double title_weight = 1.0;
  /// How query words are stemmed. STEM_SOME: by their stem, except capitalised words and
  /// words in phrases. STEM_ALL_Z would stem those too, but the index keeps positions for
  /// unstemmed terms only, so a stemmed phrase never matches.
  Xapian::QueryParser::stem_strategy stemming = Xapian::QueryParser::STEM_SOME;
  /// Drop the stop words of each language the query is read in (common/data/stopwords/)
  /// from it, except in phrases and when every word is one.
  bool stopwords = true;
  /// Pseudo-relevance feedback, used when a request asks for it (SearchRequest::expand):
  /// the top `feedback_docs` hits are taken as relevant, and the `feedback_terms` words
  /// most probable in them (a relevance model, RM3) re-rank the matches at
  /// `feedback_weight`. Chosen on TIME, where 2-10 documents, 10-20 terms and weights
  /// 0.2-0.5 all gave MAP 0.62-0.64 (benchmarks/README.md, "Relevance tuning").
  std::size_t feedback_docs = 5;
  std::size_t feedback_terms = 10;  ///< Expansion words added.
  double feedback_weight = 0.3;     ///< Scale of the expansion words' BM25 weights.
};

/// The ranking every new Searcher uses: Gazette's defaults unless a benchmark (and only a
/// benchmark: benchmarks/relevance.cpp) changed it before creating the Searcher. Not
/// synchronised: change it only while no Searcher is being created.
Ranking& ranking_defaults();

/// BM25 with `ranking`'s k1 and b (Xapian's k2 = 0, k3 = 1, min_normlen = 0.5).
Xapian::BM25Weight bm25(const Ranking& ranking);

}  // namespace gazette::searcher

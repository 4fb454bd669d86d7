// The languages of an archive, as the query side needs them: a query is read with the
// analysis (stemmer, stop words) of each language its articles were indexed in, and each
// reading matches only the articles analysed that way. A French article is found by
// "élections" whatever else the archive holds, and no English article by a French stem.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace gazette::searcher {

/// One analysis used in an archive and the articles it applies to.
struct QueryAnalysis {
  std::string name;  ///< analysis::analysis_name(): "english", "french"…
  Xapian::Stem stemmer;
  const Xapian::Stopper* stopper = nullptr;  ///< Null: no stop list for it.
  /// The articles it applies to: those with one of `include` (when not empty), without any
  /// of `exclude` (when not empty). Both are empty when it is the archive's only analysis.
  Xapian::Query include, exclude;
};

/// `query` limited to the articles `analysis` applies to (filters only: scores are kept).
Xapian::Query in_scope(const QueryAnalysis& analysis, Xapian::Query query);

/// The analyses of an archive's articles, from its language (kLang) terms.
class ArchiveLanguages {
 public:
  /// Reads `db`'s language terms. An archive with no articles, or none in a language with
  /// its own analysis, has only the default language's.
  explicit ArchiveLanguages(const Xapian::Database& db);

  /// One analysis for every article: `lang`'s (for tests and benchmarks).
  static ArchiveLanguages only(std::string_view lang);

  /// One per analysis the archive holds, the default language's first when present.
  const std::vector<QueryAnalysis>& analyses() const { return analyses_; }

  /// The stemmer of text in `lang` (an ISO 639-1 code, or empty).
  Xapian::Stem stemmer_for(std::string_view lang) const;

 private:
  ArchiveLanguages() = default;
  std::vector<QueryAnalysis> analyses_;
};

}  // namespace gazette::searcher

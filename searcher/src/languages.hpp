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
  /// The language terms of its articles. The default language's analysis also applies to
  /// every article with no language term, or one no other analysis claims.
  std::vector<std::string> language_terms;
  bool is_default = false;
};

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

  /// `query` limited to the articles of the analyses `members` (indices into analyses(),
  /// ascending), by filters only, so scores are kept; `query` itself when they are all.
  Xapian::Query in_scope(const std::vector<std::size_t>& members, Xapian::Query query) const;

 private:
  ArchiveLanguages() = default;
  std::vector<QueryAnalysis> analyses_;
};

}  // namespace gazette::searcher

// An archive's analyses: see languages.hpp.
#include "searcher/src/languages.hpp"

#include <gazette/schema.hpp>

#include "common/src/analysis.hpp"

#include <map>

namespace gazette::searcher {
namespace {

using Q = Xapian::Query;

// The archive's language terms by the analysis they get, and whether some articles have no
// language term at all (they were analysed as the default language).
struct LanguageTerms {
  std::map<std::string, std::vector<std::string>, std::less<>> by_analysis;
  bool some_without = false;
};

LanguageTerms language_terms(const Xapian::Database& db) {
  LanguageTerms out;
  const std::string prefix(schema::kLang);
  Xapian::doccount with_language = 0;  // An article has at most one language term.
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    const std::string term = *it;
    out.by_analysis[std::string(analysis::analysis_name(term.substr(prefix.size())))].push_back(
        term);
    with_language += it.get_termfreq();
  }
  out.some_without = with_language < db.get_doccount();
  return out;
}

// The analysis of `lang`, applying to every article.
QueryAnalysis analysis_of(std::string_view lang) {
  return {std::string(analysis::analysis_name(lang)), analysis::make_stemmer(lang),
          analysis::stopper(lang), Q(), Q()};
}

Q any_of(const std::vector<std::string>& terms) {
  return Q(Q::OP_OR, terms.begin(), terms.end());
}

}  // namespace

Xapian::Query in_scope(const QueryAnalysis& analysis, Xapian::Query query) {
  if (!analysis.include.empty()) query = Q(Q::OP_FILTER, query, analysis.include);
  if (!analysis.exclude.empty()) query = Q(Q::OP_AND_NOT, query, analysis.exclude);
  return query;
}

ArchiveLanguages::ArchiveLanguages(const Xapian::Database& db) {
  LanguageTerms terms = language_terms(db);
  const std::string default_name(analysis::analysis_name(schema::kDefaultLanguage));
  if (terms.some_without || terms.by_analysis.empty()) terms.by_analysis[default_name];
  // The default analysis takes every article no other one claims (no language, or one
  // without its own analysis); each other one takes the articles of its languages.
  std::vector<std::string> claimed;
  for (const auto& [name, langs] : terms.by_analysis) {
    if (name == default_name) continue;
    claimed.insert(claimed.end(), langs.begin(), langs.end());
  }
  const bool alone = terms.by_analysis.size() == 1;
  for (const auto& [name, langs] : terms.by_analysis) {
    const std::string lang = langs.empty() ? std::string(schema::kDefaultLanguage)
                                           : langs.front().substr(schema::kLang.size());
    QueryAnalysis a = analysis_of(lang);
    if (!alone && name == default_name) a.exclude = any_of(claimed);
    if (!alone && name != default_name) a.include = any_of(langs);
    if (name == default_name) {
      analyses_.insert(analyses_.begin(), std::move(a));
    } else {
      analyses_.push_back(std::move(a));
    }
  }
}

ArchiveLanguages ArchiveLanguages::only(std::string_view lang) {
  ArchiveLanguages out;
  out.analyses_.push_back(analysis_of(lang));
  return out;
}

Xapian::Stem ArchiveLanguages::stemmer_for(std::string_view lang) const {
  const std::string_view name = analysis::analysis_name(lang);
  for (const QueryAnalysis& a : analyses_) {
    if (a.name == name) return a.stemmer;
  }
  return analysis::make_stemmer(lang);  // Indexed since the archive was opened.
}

}  // namespace gazette::searcher

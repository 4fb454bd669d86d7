// An archive's analyses: see languages.hpp.
#include "searcher/src/languages.hpp"

#include <gazette/schema.hpp>

#include "common/src/analysis.hpp"

#include <algorithm>
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

// The analysis of `lang`.
QueryAnalysis analysis_of(std::string_view lang) {
  return {std::string(analysis::analysis_name(lang)),
          analysis::make_stemmer(lang),
          analysis::stopper(lang),
          {},
          lang == schema::kDefaultLanguage};
}

}  // namespace

ArchiveLanguages::ArchiveLanguages(const Xapian::Database& db) {
  LanguageTerms terms = language_terms(db);
  const std::string default_name(analysis::analysis_name(schema::kDefaultLanguage));
  if (terms.some_without || terms.by_analysis.empty()) terms.by_analysis[default_name];
  for (auto& [name, langs] : terms.by_analysis) {
    const bool is_default = name == default_name;
    QueryAnalysis a = analysis_of(is_default ? std::string(schema::kDefaultLanguage)
                                             : langs.front().substr(schema::kLang.size()));
    a.language_terms = std::move(langs);
    // First, so that the archive's main language is read first.
    analyses_.insert(is_default ? analyses_.begin() : analyses_.end(), std::move(a));
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

Xapian::Query ArchiveLanguages::in_scope(const std::vector<std::size_t>& members,
                                         Xapian::Query query) const {
  if (members.size() == analyses_.size()) return query;
  std::vector<bool> member(analyses_.size(), false);
  for (const std::size_t i : members)
    member[i] = true;
  // With the default analysis: every article but those of the others. Without: those of
  // the members.
  const bool with_default = std::any_of(members.begin(), members.end(),
                                        [&](std::size_t i) { return analyses_[i].is_default; });
  std::vector<std::string> terms;
  for (std::size_t i = 0; i < analyses_.size(); ++i) {
    if (member[i] == with_default) continue;
    terms.insert(terms.end(), analyses_[i].language_terms.begin(),
                 analyses_[i].language_terms.end());
  }
  const Q languages(Q::OP_OR, terms.begin(), terms.end());
  return Q(with_default ? Q::OP_AND_NOT : Q::OP_FILTER, query, languages);
}

}  // namespace gazette::searcher

// The analysis of each language as Xapian objects: its stemmer and its stop words, from the
// table in <gazette/schema.hpp> (schema::kLanguages) and common/data/stopwords/. The indexer
// stems an article's words with the stemmer of its language; the searcher parses a query
// with the stemmer and stop words of each language its archive holds.
#pragma once

#include <gazette/schema.hpp>

#include <xapian.h>

#include <string_view>
#include <vector>

namespace gazette::analysis {

/// The name of the analysis text in `lang` (ISO 639-1) gets: its stemmer's ("french";
/// "norwegian" for nb, nn and no), that of schema::kDefaultLanguage for a language with none.
/// Texts with the same name are analysed alike.
inline std::string_view analysis_name(std::string_view lang) {
  return schema::language_analysis(lang).stemmer;
}

/// A stemmer for text in `lang` (see analysis_name()). A new object each time: Xapian's
/// reference counts are not atomic, so threads must not share one.
Xapian::Stem make_stemmer(std::string_view lang);

/// The stop words of text in `lang` (see analysis_name()), or nullptr when it has no list.
/// One shared object per language: a SimpleStopper is only read, and QueryParser holds a
/// plain pointer to it.
const Xapian::Stopper* stopper(std::string_view lang);

/// A stop word list: the ISO 639-1 code and the words, one per line.
struct StopwordList {
  std::string_view language;
  std::string_view words;
};

/// Every list in common/data/stopwords/ (compiled in: see common/CMakeLists.txt).
const std::vector<StopwordList>& stopword_lists();

}  // namespace gazette::analysis

// Turns an Article into a complete Xapian::Document following common/schema.hpp.
#pragma once

#include <gazette/article.hpp>

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace gazette::indexer {

/// Builds documents: terms (free text with positions and stems, boolean filters), values
/// and the stored record. Holds its own TermGenerator and Stems, so give each thread its own.
class DocumentBuilder {
 public:
  DocumentBuilder();
  /// The document for `article` (whose id must not be empty). Its language (declared and
  /// normalised, else detected; see language.hpp) is recorded in the `L` term, the language
  /// value and the stored record, and picks the analysis (schema::kLanguages: the stemmer
  /// of its language, the default language's where there is none).
  Xapian::Document build(const Article& article);

 private:
  Xapian::Document build_with_language(const Article& article);
  const Xapian::Stem& stemmer_for(const std::string& lang);
  void index_free_text(const Article& article);
  static void add_boolean_terms(Xapian::Document& doc, const Article& article);
  static void add_values(Xapian::Document& doc, const Article& article);

  std::unordered_map<std::string, Xapian::Stem> stemmers_;  ///< By language code.
  Xapian::TermGenerator generator_;
};

/// The schema::kTags value of an article: its distinct tags, lower-cased, in order, joined
/// by schema::kTagSeparator ("" without tags).
std::string tag_list(const std::vector<std::string>& tags);

}  // namespace gazette::indexer

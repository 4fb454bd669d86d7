// Tests for common/src/schema.cpp (boolean terms and slugs), the field and analysis tables
// of <gazette/schema.hpp>, and common/src/analysis.cpp.
#include <gazette/schema.hpp>

#include "common/src/analysis.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <set>
#include <string>

using namespace gazette::schema;

TEST_CASE("schema: boolean terms are verbatim when short and hashed when long") {
  CHECK(key_term("bbc/001.txt") == "Qbbc/001.txt");
  const std::string long_a = std::string(400, 'a') + "1";
  const std::string long_b = std::string(400, 'a') + "2";
  CHECK(key_term(long_a).size() <= kMaxKeyTermBytes);
  CHECK(key_term(long_a) != key_term(long_b));
  CHECK(key_term(long_a) == key_term(long_a));
  CHECK(key_term(long_a).starts_with("Qaaaa"));
  // A multi-byte character is never cut in half before the hash.
  std::string accents = "x";
  for (int i = 0; i < 200; ++i)
    accents += "\xC3\xA9";
  const std::string term = boolean_term("U", accents);
  CHECK(term.size() <= kMaxKeyTermBytes);
  const std::string kept = term.substr(0, term.find('#'));
  CHECK((static_cast<unsigned char>(kept.back()) & 0x80) == 0x80);
  CHECK((static_cast<unsigned char>(kept.back()) & 0xC0) == 0x80);  // Ends on a whole é.
}

TEST_CASE("schema: source slugs") {
  CHECK(source_slug("The New York Times") == "the-new-york-times");
  CHECK(source_slug("  BBC News!! ") == "bbc-news");
  CHECK(source_slug("") == "");
  CHECK(source_slug("Reuters") == "reuters");
}

TEST_CASE("schema: query fields and facets have one name each and known prefixes or slots") {
  std::set<std::string_view> names;
  for (const QueryField& field : kQueryFields) {
    CHECK(names.insert(field.name).second);
    CHECK(query_field(field.name) == &field);
    CHECK_FALSE(field.prefix.empty());
  }
  CHECK(query_field("nosuch") == nullptr);
  CHECK(words_field_of_prefix(kTitle)->name == "title");
  CHECK(words_field_of_prefix(kTag) == nullptr);  // A filter, not words.
  std::set<unsigned> slots;
  for (const Facet& f : kFacets) {
    CHECK(facet(f.name) == &f);
    CHECK(slots.insert(f.slot).second);
  }
  CHECK(facet("title") == nullptr);
}

TEST_CASE(
    "analysis: every language of the table has a Xapian stemmer, and unknown ones fall back") {
  for (const LanguageAnalysis& lang : kLanguages) {
    CAPTURE(lang.code);
    CHECK_NOTHROW(Xapian::Stem(std::string(lang.stemmer)));
    CHECK(language_analysis(lang.code).stemmer == lang.stemmer);
  }
  CHECK(language_analysis("ja").code == kDefaultLanguage);
  CHECK(language_analysis("").code == kDefaultLanguage);
  CHECK(gazette::analysis::make_stemmer("fr")("élections") == "élect");
  CHECK(gazette::analysis::make_stemmer("zh")("elections") == "elect");
  CHECK(gazette::analysis::analysis_name("nb") == gazette::analysis::analysis_name("no"));
}

TEST_CASE("analysis: each stop word list belongs to a language of the table and stops its words") {
  for (const auto& list : gazette::analysis::stopword_lists()) {
    CAPTURE(list.language);
    CHECK(language_analysis(list.language).code == list.language);
    CHECK_FALSE(list.words.empty());
  }
  const Xapian::Stopper* french = gazette::analysis::stopper("fr");
  REQUIRE(french != nullptr);
  CHECK((*french)("nous"));
  CHECK_FALSE((*french)("élections"));
  // Norwegian's list serves every code of the language.
  REQUIRE(gazette::analysis::stopper("nb") != nullptr);
  CHECK(gazette::analysis::stopper("nb") == gazette::analysis::stopper("no"));
  const Xapian::Stopper* english = gazette::analysis::stopper("en");
  REQUIRE(english != nullptr);
  CHECK((*english)("the"));
  CHECK((*english)("s"));  // What is left of "Spain's" without its apostrophe.
  CHECK(gazette::analysis::stopper("ca") == nullptr);  // A stemmer but no list.
}

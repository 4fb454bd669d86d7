// Tests for indexer/src/language.cpp and its use in document_builder.cpp: declared codes
// normalised, languages detected, and the language's term, value and stemmer per article.
#include <gazette/schema.hpp>

#include "indexer/src/document_builder.hpp"
#include "indexer/src/language.hpp"
#include "tests/support/index_fixture.hpp"
#include "tests/support/test_support.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

using namespace gazette;
using namespace gazette::indexer;

namespace {

const char* const kEnglish =
    "The government announced on Monday a package of measures to support households facing "
    "rising energy bills, the finance minister told parliament.";
const char* const kFrench =
    "Le gouvernement a annoncé lundi une série de mesures pour soutenir les ménages face à la "
    "hausse des factures d'énergie, a déclaré le ministre des finances devant les députés.";
const char* const kGerman =
    "Die Bundesregierung hat am Montag ein Maßnahmenpaket angekündigt, um Haushalte bei den "
    "steigenden Energiekosten zu entlasten, sagte der Finanzminister im Bundestag.";
const char* const kSpanish =
    "El gobierno anunció el lunes un paquete de medidas para apoyar a los hogares ante el "
    "aumento de las facturas de energía, dijo el ministro de Hacienda ante el parlamento.";
const char* const kRussian =
    "Правительство в понедельник объявило о пакете мер по поддержке семей, столкнувшихся с "
    "ростом счетов за электроэнергию, заявил министр финансов в парламенте.";
const char* const kJapanese =
    "政府は月曜日、光熱費の値上がりに直面する家庭を支援するための一連の対策を発表したと、"
    "財務大臣が国会で述べた。";

bool has_term(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

}  // namespace

TEST_CASE("language: detection from article text") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {kEnglish, "en"},
      {kFrench, "fr"},
      {kGerman, "de"},
      {kSpanish, "es"},
      {kRussian, "ru"},
      {kJapanese, "ja"},
      // Traditional Chinese: CLD2 says "zh-Hant", recorded as "zh".
      {"中國政府今天宣布了新的經濟政策，以促進國內消費和投資增長，並穩定就業市場。", "zh"},
      // Too short or too ambiguous to say.
      {"Hello world", ""},
      {"OK", ""},
      {"Paris", ""},
      {"", ""},
      {"12345 67890 +++ ### 2005-01-01", ""},
      // Broken UTF-8 is repaired first, never read past.
      {"caf\xE9 \xC3", ""},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.text));
    CHECK(detect_language(c.text) == c.expected);
  }
}

TEST_CASE("language: declared language wins, detection fills the gap") {
  Article article = test::make_article("a.txt", "Mesures", kFrench);
  CHECK(article_language(article) == "fr");
  article.lang = "en-GB";  // Declared (even if wrongly): taken as said.
  CHECK(article_language(article) == "en");
  article.lang = "und";  // Declares nothing: detected.
  CHECK(article_language(article) == "fr");
}

TEST_CASE("language: the document gets the L term, the value and the language's stems") {
  DocumentBuilder builder;
  struct Case {
    const char* text;
    const char* declared;
    const char* lang_term;
    const char* stem_term;  // A Z term only that language's stemmer makes.
  };
  const Case cases[] = {
      {kFrench, "", "Lfr", "Zgouvern"},  // French stem of "gouvernement".
      {kGerman, "", "Lde", "Zbundesregier"},
      {kSpanish, "", "Les", "Zanunc"},  // Spanish stem of "anunció".
      {kEnglish, "", "Len", "Zgovern"},
      {kFrench, "French", "Lfr", "Zgouvern"},
      {kEnglish, "fr-CA", "Lfr", "Zgouvern"},  // Declared wins over the text.
  };
  for (const Case& c : cases) {
    INFO(std::string(c.text));
    INFO(std::string(c.declared));
    Article article = test::make_article("a.txt", "Title", c.text);
    article.lang = c.declared;
    const Xapian::Document doc = builder.build(article);
    CHECK(has_term(doc, c.lang_term));
    CHECK(doc.get_value(schema::kLanguage) == std::string(c.lang_term).substr(1));
    if (std::string(c.declared) == "fr-CA") continue;  // English words, French stemmer.
    CHECK(has_term(doc, c.stem_term));
  }
  SUBCASE("no language: no L term, English stems") {
    Article article = test::make_article("b.txt", "Title", "Running fast");
    const Xapian::Document doc = builder.build(article);
    CHECK(doc.get_value(schema::kLanguage).empty());
    CHECK(has_term(doc, "Zrun"));
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to("L");
    CHECK((it == doc.termlist_end() || !(*it).starts_with("L")));
  }
  SUBCASE("a language Xapian cannot stem keeps English stemming") {
    Article article = test::make_article("c.txt", "Title", kJapanese);
    const Xapian::Document doc = builder.build(article);
    CHECK(has_term(doc, "Lja"));
  }
}

TEST_CASE("language: cost of detection per article on the BBC corpus") {
  const std::filesystem::path bbc = test::corpus_or_skip("bbc");
  if (bbc.empty()) return;
  std::size_t articles = 0, bytes = 0, english = 0;
  std::chrono::duration<double> spent{};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(bbc)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".txt") continue;
    const std::string text = test::read_file(entry.path());
    const auto start = std::chrono::steady_clock::now();
    english += detect_language(text) == "en";
    spent += std::chrono::steady_clock::now() - start;
    ++articles;
    bytes += text.size();
  }
  REQUIRE(articles > 0);
  std::printf(
      "language detection: %zu BBC articles (%.1f MB), %.1f us/article, %.0f MB/s, "
      "%zu detected as English\n",
      articles, static_cast<double>(bytes) / 1e6, spent.count() * 1e6 / articles,
      static_cast<double>(bytes) / 1e6 / spent.count(), english);
  CHECK(english >= articles * 99 / 100);
}

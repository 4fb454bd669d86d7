// Language codes: normalising declarations and detecting with CLD2 (which is thread-safe).
#include "indexer/src/language.hpp"

#include "common/src/text.hpp"

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cstdio>

#include <compact_lang_det.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace gazette::indexer {
namespace {

// CLD2 needs this much letter text before its "reliable" means anything ("Hello world" is
// reliably English to it).
constexpr int kMinTextBytes = 40;
// Enough text to decide; the rest of a long article only costs time.
constexpr std::size_t kMaxDetectBytes = 16 * 1024;

struct Alias {
  std::string_view from, to;
};

// Codes CLD2 and older declarations use that ISO 639-1 has replaced, and the ISO 639-2
// codes and native names news metadata uses most.
constexpr std::array<Alias, 50> kAliases = {{
    {"iw", "he"},      {"in", "id"},       {"ji", "yi"},        {"jw", "jv"},
    {"mo", "ro"},      {"eng", "en"},      {"fra", "fr"},       {"fre", "fr"},
    {"deu", "de"},     {"ger", "de"},      {"spa", "es"},       {"ita", "it"},
    {"por", "pt"},     {"rus", "ru"},      {"jpn", "ja"},       {"zho", "zh"},
    {"chi", "zh"},     {"nld", "nl"},      {"dut", "nl"},       {"ara", "ar"},
    {"swe", "sv"},     {"dan", "da"},      {"nor", "no"},       {"nob", "nb"},
    {"nno", "nn"},     {"fin", "fi"},      {"pol", "pl"},       {"tur", "tr"},
    {"ell", "el"},     {"gre", "el"},      {"heb", "he"},       {"hin", "hi"},
    {"kor", "ko"},     {"ces", "cs"},      {"cze", "cs"},       {"hun", "hu"},
    {"ron", "ro"},     {"rum", "ro"},      {"ukr", "uk"},       {"cat", "ca"},
    {"deutsch", "de"}, {"français", "fr"}, {"francais", "fr"},  {"español", "es"},
    {"espanol", "es"}, {"italiano", "it"}, {"português", "pt"}, {"nederlands", "nl"},
    {"русский", "ru"}, {"中文", "zh"},
}};

// Tags that say "no particular language".
constexpr std::array<std::string_view, 4> kNotLanguages = {"und", "mul", "zxx", "mis"};

bool all_letters(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

std::string_view aliased(std::string_view code) {
  for (const Alias& alias : kAliases) {
    if (alias.from == code) return alias.to;
  }
  return code;
}

// A BCP 47-ish code ("en-US", "zh-Hant", "pt_BR", "haw") as 639-1; empty if not one.
std::string code_to_iso(std::string_view code) {
  const std::string lower = text::to_lower_ascii(code);
  const std::string_view primary = std::string_view(lower).substr(0, lower.find_first_of("-_"));
  if (primary.size() < 2 || primary.size() > 3 || !all_letters(primary)) return {};
  if (std::find(kNotLanguages.begin(), kNotLanguages.end(), primary) != kNotLanguages.end()) {
    return {};
  }
  return std::string(aliased(primary));
}

// A language name ("English", "FRENCH", "Chinese"), through CLD2's table of names.
std::string name_to_iso(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (const std::string& candidate : {upper, std::string(name)}) {
    const CLD2::Language language = CLD2::GetLanguageFromName(candidate.c_str());
    if (language != CLD2::UNKNOWN_LANGUAGE) return code_to_iso(CLD2::LanguageCode(language));
  }
  return {};
}

}  // namespace

std::string normalise_language(std::string_view declared) {
  const std::string lower = text::to_lower_ascii(text::trim(declared));
  if (lower.empty()) return {};
  if (const std::string_view alias = aliased(lower); alias != lower) return std::string(alias);
  const std::string_view primary = std::string_view(lower).substr(0, lower.find_first_of("-_"));
  if (primary.size() <= 3) return code_to_iso(lower);
  return name_to_iso(text::trim(declared));
}

std::string detect_language(std::string_view text) {
  text = text::truncate_utf8(text, kMaxDetectBytes);
  std::string repaired;  // CLD2 reads past the end of broken UTF-8 sequences.
  if (!text::is_valid_utf8(text)) {
    repaired = text::decode_to_utf8(text);
    text = repaired;
  }
  CLD2::Language top3[3];
  int percent3[3];
  int text_bytes = 0;
  bool is_reliable = false;
  // ExtDetect… may answer UNKNOWN_LANGUAGE where the plain call defaults to English.
  const CLD2::Language language = CLD2::ExtDetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, top3, percent3,
      &text_bytes, &is_reliable);
  if (!is_reliable || text_bytes < kMinTextBytes || language == CLD2::UNKNOWN_LANGUAGE) {
    return {};
  }
  return code_to_iso(CLD2::LanguageCode(language));
}

std::string article_language(const Article& article) {
  if (std::string declared = normalise_language(article.lang); !declared.empty()) {
    return declared;
  }
  std::string text = article.title;
  text += '\n';
  text.append(text::truncate_utf8(article.body, kMaxDetectBytes));
  return detect_language(text);
}

}  // namespace gazette::indexer

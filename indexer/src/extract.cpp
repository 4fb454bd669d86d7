// The extraction toolkit shared by every reader (see extract.hpp). html_to_text lives in
// html_reader.cpp, beside the libxml2 renderer it shares with the page reader.
#include "indexer/src/extract.hpp"

#include "common/src/text.hpp"

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cstdio>

#include <compact_lang_det.h>

#include <algorithm>
#include <cctype>

namespace gazette::indexer {
namespace {

bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// ---- Languages ----------------------------------------------------------------------------

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

std::string_view aliased(std::string_view code) {
  for (const Alias& alias : kAliases) {
    if (alias.from == code) return alias.to;
  }
  return code;
}

// The primary subtag of a lower-cased BCP 47-ish code: "en" of "en-us" and "en_gb".
std::string_view primary_subtag(std::string_view lower) {
  return lower.substr(0, lower.find_first_of("-_"));
}

// A BCP 47-ish code ("en-us", "zh-hant", "pt_br", "haw"), lower-cased, as 639-1; empty if
// not one.
std::string code_to_iso(std::string_view lower) {
  const std::string_view primary = primary_subtag(lower);
  if (primary.size() < 2 || primary.size() > 3 ||
      !std::all_of(primary.begin(), primary.end(), is_alpha))
    return {};
  if (std::find(kNotLanguages.begin(), kNotLanguages.end(), primary) != kNotLanguages.end())
    return {};
  return std::string(aliased(primary));
}

// A language name ("English", "FRENCH", "Chinese"), through CLD2's table of names.
std::string name_to_iso(std::string_view name) {
  for (const std::string& candidate : {text::to_upper_ascii(name), std::string(name)}) {
    const CLD2::Language language = CLD2::GetLanguageFromName(candidate.c_str());
    if (language != CLD2::UNKNOWN_LANGUAGE) return code_to_iso(CLD2::LanguageCode(language));
  }
  return {};
}

// ---- Bylines ------------------------------------------------------------------------------

bool is_role_word(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kRoles = {
      "writer", "correspondent", "editor",  "reporter", "staff", "columnist",
      "critic", "press",         "special", "service",  "times", "journal"};
  const std::string lower = text::to_lower_ascii(word);
  return std::any_of(kRoles.begin(), kRoles.end(), [&](std::string_view r) {
    return lower == r || lower == std::string(r) + "s";
  });
}

bool names_a_role(std::string_view words) {
  const auto split = text::split_words(words);
  return std::any_of(split.begin(), split.end(), is_role_word);
}

// Splits "A and B", "A AND B", "A & B", "A; B".
std::vector<std::string> split_names(std::string_view names) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    // A connector left alone at an edge ("and Jane Doe" cut short) is no name.
    const std::string_view piece = text::trim(current);
    if (!text::equals_nocase(piece, "and") && piece != "&") text::add_unique(out, piece);
    current.clear();
  };
  for (std::size_t i = 0; i < names.size();) {
    if (text::starts_with_nocase(names.substr(i), " and ")) {
      flush();
      i += 5;
    } else if (names.substr(i).starts_with(" & ")) {
      flush();
      i += 3;
    } else if (names[i] == ';') {
      flush();
      ++i;
    } else {
      current += names[i++];
    }
  }
  flush();
  return out;
}

}  // namespace

// ---- Text ---------------------------------------------------------------------------------

std::string one_line(std::string_view text) {
  return text::collapse_whitespace(text::clean_text(text));
}

void append_paragraph(std::string& body, std::string_view paragraph) {
  const std::string line = one_line(paragraph);
  if (line.empty()) return;
  if (!body.empty()) body += "\n\n";
  body += line;
}

bool has_html_markup(std::string_view text) {
  static constexpr std::string_view kMarkers[] = {"<p>", "<p ", "</p>", "<br", "<div", "</div>"};
  for (std::size_t lt = text.find('<'); lt != std::string_view::npos; lt = text.find('<', lt + 1)) {
    for (std::string_view marker : kMarkers)
      if (text::starts_with_nocase(text.substr(lt), marker)) return true;
  }
  return false;
}

// ---- Languages ----------------------------------------------------------------------------

std::string language_tag(std::string_view declared) {
  const std::string lower = text::to_lower_ascii(text::trim(declared));
  if (lower.empty()) return {};
  if (const std::string_view alias = aliased(lower); alias != lower) return std::string(alias);
  if (primary_subtag(lower).size() <= 3) return code_to_iso(lower);
  return name_to_iso(text::trim(declared));
}

// ---- URLs ---------------------------------------------------------------------------------

std::string url_host(std::string_view url) {
  url = text::trim(url);
  std::size_t start = 0;
  if (const auto scheme_end = url.find("://"); scheme_end != std::string_view::npos)
    start = scheme_end + 3;
  else if (url.starts_with("//"))  // Protocol-relative: "//cdn.example/x".
    start = 2;
  else
    return {};
  std::string_view rest = url.substr(start);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (rest.starts_with('[')) {
    rest = rest.substr(0, rest.find(']') == std::string_view::npos ? 0 : rest.find(']') + 1);
  } else {
    rest = rest.substr(0, rest.find(':'));  // Drop the port.
  }
  return text::to_lower_ascii(rest);
}

std::string url_site(std::string_view url) {
  std::string host = url_host(url);
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

// ---- Titles -------------------------------------------------------------------------------

std::size_t title_separator_at(std::string_view title, std::size_t pos) noexcept {
  if (pos >= title.size()) return 0;
  const std::string_view rest = title.substr(pos);
  for (std::string_view sep : kTitleSeparators)
    if (rest.starts_with(sep)) return sep.size();
  return 0;
}

// ---- People -------------------------------------------------------------------------------

std::string_view without_by(std::string_view byline) noexcept {
  byline = text::trim(byline);
  if (text::starts_with_nocase(byline, "by ") || text::starts_with_nocase(byline, "by:") ||
      text::equals_nocase(byline, "by"))
    byline.remove_prefix(std::min<std::size_t>(byline.size(), 3));
  return text::trim(byline);
}

std::vector<std::string> byline_authors(std::string_view byline) {
  const std::string line = text::collapse_whitespace(byline);
  std::string_view rest = without_by(line);
  // "By JOHN SMITH, Times Staff Writer": the affiliation follows the first comma.
  rest = rest.substr(0, rest.find(','));
  if (names_a_role(rest)) return {};
  return split_names(rest);
}

std::string address_comment(std::string_view address) {
  const std::size_t open = address.find('('), close = address.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return {};
  return one_line(address.substr(open + 1, close - open - 1));
}

}  // namespace gazette::indexer

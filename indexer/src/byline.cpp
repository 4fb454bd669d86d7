// Bylines and datelines: small hand-written parsers over a table of wire agencies, strict
// enough that a sentence opening an article ("By the time he arrived...") is never taken
// for a byline and a dateline ("WASHINGTON (AP) —") never for an author.
#include "indexer/src/byline.hpp"

#include "common/src/text.hpp"
#include "indexer/src/extract.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace gazette::indexer {
namespace {

using text::to_lower_ascii;
using text::trim;

struct Agency {
  std::string_view name;                    // canonical, as the source field shows it
  std::array<std::string_view, 4> aliases;  // lower-case; empty slots unused
};

// Wire agencies whose name in a byline or dateline says who distributed the story.
constexpr std::array<Agency, 11> kAgencies = {{
    {"Associated Press", {"associated press", "ap"}},
    {"Reuters", {"reuters", "thomson reuters"}},
    {"AFP", {"afp", "agence france-presse", "agence france presse"}},
    {"Bloomberg", {"bloomberg", "bloomberg news"}},
    {"Press Association", {"press association", "pa", "pa media"}},
    {"UPI", {"upi", "united press international"}},
    {"dpa", {"dpa", "deutsche presse-agentur"}},
    {"EFE", {"efe", "agencia efe"}},
    {"ANSA", {"ansa"}},
    {"Kyodo", {"kyodo", "kyodo news"}},
    {"Xinhua", {"xinhua", "xinhua news agency"}},
}};

// Words of a job title after a name or an agency: "Associated Press Writer", "Staff Writer",
// "Senior Technology Reporter".
constexpr std::array<std::string_view, 10> kJobWords = {
    "writer",    "reporter",    "correspondent", "editor",       "staff",
    "columnist", "contributor", "journalist",    "photographer", "analyst"};

// Lower-case words inside names: "Ursula von der Leyen", "Abu Bakr al Baghdadi".
constexpr std::array<std::string_view, 14> kNameParticles = {
    "de", "van", "von", "der", "den", "da", "la", "le", "del", "bin", "al", "di", "du", "dos"};

// Capitalised words that never stand in a name: "By Order Of The Court".
constexpr std::array<std::string_view, 12> kNotNameWords = {
    "the", "of", "in", "on", "at", "for", "to", "a", "an", "with", "from", "staff"};

// Words of a publication's name, not a person's: "Orleans Star", "Daily Record".
constexpr std::array<std::string_view, 22> kPublicationWords = {
    "star",   "journal", "times",    "post",      "news",      "herald",    "tribune",  "gazette",
    "daily",  "press",   "record",   "chronicle", "telegraph", "globe",     "observer", "mail",
    "online", "media",   "magazine", "wire",      "newspaper", "newspapers"};

// Separators between the parts of a byline: names, agency, job title.
constexpr std::array<std::string_view, 9> kBylineSeparators = {
    " / ", "/", " | ", "|", ",", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", ";"};

constexpr std::size_t kMaxBylineBytes = 200;
constexpr std::size_t kMaxBylineWords = 20;
constexpr std::size_t kMinNameWords = 2;
constexpr std::size_t kMaxNameWords = 5;

// Headings that open a story in capitals followed by a dash but name no place.
constexpr std::array<std::string_view, 10> kNotPlaces = {
    "update",   "updated", "breaking",   "breaking news", "exclusive",
    "analysis", "opinion", "correction", "editor's note", "watch"};

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};

// Dashes that end a dateline: em dash, en dash, "--" and "-".
constexpr std::array<std::string_view, 4> kDatelineDashes = {"\xE2\x80\x94", "\xE2\x80\x93", "--",
                                                             "-"};

template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_non_ascii(char c) {
  return static_cast<unsigned char>(c) >= 0x80;
}

// Cuts `text` at every occurrence of any of `separators`, longest match first.
template <std::size_t N>
std::vector<std::string_view> split_at(std::string_view text,
                                       const std::array<std::string_view, N>& separators) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t matched = 0;
    for (auto sep : separators)
      if (sep.size() > matched && text.substr(i).starts_with(sep)) matched = sep.size();
    if (matched == 0) {
      ++i;
      continue;
    }
    parts.push_back(trim(text.substr(begin, i - begin)));
    i += matched;
    begin = i;
  }
  parts.push_back(trim(text.substr(begin)));
  return parts;
}

bool is_job_title(std::string_view text) {
  const auto lower = to_lower_ascii(text);  // outlives the views into it
  const auto words = text::split_words(lower);
  return !words.empty() && words.size() <= 4 &&
         std::any_of(words.begin(), words.end(),
                     [](std::string_view w) { return is_one_of(w, kJobWords); });
}

// The agency a byline part names, allowing "The " before it and a job title after it
// ("The Associated Press", "AP Sports Writer", "Reuters correspondent").
std::string agency_in_part(std::string_view part) {
  auto lower = to_lower_ascii(trim(part));
  if (lower.starts_with("the ")) lower.erase(0, 4);
  for (const auto& agency : kAgencies) {
    for (auto alias : agency.aliases) {
      if (alias.empty() || !lower.starts_with(alias)) continue;
      if (lower.size() == alias.size()) return std::string(agency.name);
      if (lower[alias.size()] == ' ' && is_job_title(lower.substr(alias.size() + 1)))
        return std::string(agency.name);
    }
  }
  return {};
}

bool is_name_word(std::string_view word) {
  if (is_one_of(word, kNameParticles)) return true;
  if (is_one_of(to_lower_ascii(word), kNotNameWords)) return false;
  if (!(is_upper(word.front()) || is_non_ascii(word.front()))) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return is_upper(c) || is_lower(c) || is_non_ascii(c) || c == '.' || c == '\'' || c == '-';
  });
}

// "Jane Doe", "JANE DOE", "J.R. de la Cruz", "Jane Doe Jr.": two to five name words.
bool looks_like_name(std::string_view text) {
  const auto words = text::split_words(text);
  if (words.size() < kMinNameWords || words.size() > kMaxNameWords) return false;
  return std::all_of(words.begin(), words.end(), is_name_word) &&
         !is_one_of(words.front(), kNameParticles);
}

bool is_capitals_word(std::string_view word) {
  return std::any_of(word.begin(), word.end(), is_upper) &&
         std::none_of(word.begin(), word.end(), is_lower);
}

// "FRANK BODANI Daily Record": papers print the name in capitals and the paper after it.
// Keeps the leading words in capitals when at least two are and words in other case follow.
std::string_view capitals_prefix_name(std::string_view text) {
  const auto words = text::split_words(text);
  std::size_t caps = 0;
  while (caps < words.size() && is_capitals_word(words[caps]))
    ++caps;
  if (caps < kMinNameWords || caps == words.size()) return text;
  const auto& last = words[caps - 1];
  return text.substr(0, static_cast<std::size_t>(last.data() + last.size() - text.data()));
}

bool is_publication(std::string_view text) {
  const auto lower = to_lower_ascii(text);  // outlives the views into it
  const auto words = text::split_words(lower);
  return std::any_of(words.begin(), words.end(),
                     [](std::string_view w) { return is_one_of(w, kPublicationWords); });
}

// One part of a byline between separators: an agency, a job title, or names joined by "and".
// Returns false when the part is none of these.
bool read_byline_part(std::string_view part, BylineParts& out) {
  // Job titles and dates ("Published: June 12 2025 10:03") beside the names carry no name.
  if (auto agency = agency_in_part(part); !agency.empty()) {
    if (out.agency.empty()) out.agency = std::move(agency);
    return true;
  }
  if (part.empty() || is_job_title(part) || std::any_of(part.begin(), part.end(), is_digit))
    return true;
  static constexpr std::array<std::string_view, 4> kAnd = {" and ", " AND ", " & ", " And "};
  auto names = split_at(part, kAnd);
  for (auto& name : names) {
    const auto cut = capitals_prefix_name(name);
    // "JANE DOE Associated Press Writer": the agency follows the name.
    if (auto agency = agency_in_part(name.substr(cut.size())); out.agency.empty())
      out.agency = std::move(agency);
    name = cut;
  }
  if (!std::all_of(names.begin(), names.end(), looks_like_name)) return false;
  // "Orleans Star / Weekly Journal": the paper, named where a byline names people.
  if (std::any_of(names.begin(), names.end(), is_publication)) return true;
  for (auto name : names)
    out.authors.push_back(title_case_if_capitals(name));
  return true;
}

// "By Jane Doe" -> "Jane Doe"; empty when `text` does not start with "By " or "By:".
std::string_view strip_by(std::string_view text) {
  const std::string_view rest = without_by(text);
  return rest.size() < trim(text).size() ? rest : std::string_view();
}

// Skips `prefix` at the start of `rest`; returns whether it was there.
bool consume(std::string_view& rest, std::string_view prefix) {
  if (!rest.starts_with(prefix)) return false;
  rest.remove_prefix(prefix.size());
  return true;
}

// A word in capitals: "WASHINGTON", "ST.", "O'HARE", "SÃO".
std::size_t capitals_word_length(std::string_view text) {
  std::size_t n = 0;
  bool upper = false;
  while (n < text.size() && (is_upper(text[n]) || is_non_ascii(text[n]) || text[n] == '.' ||
                             text[n] == '\'' || text[n] == '-')) {
    upper = upper || is_upper(text[n]);
    ++n;
  }
  // A trailing '-' is the dateline's dash ("LONDON- The"), not part of the word.
  while (n > 0 && text[n - 1] == '-')
    --n;
  return upper ? n : 0;
}

// The place of a dateline, in capitals: one to five words.
std::size_t read_place(std::string_view text) {
  std::size_t end = 0;
  for (int words = 0; words < 5; ++words) {
    const auto start = words == 0 ? 0 : end + 1;
    if (words > 0 && (end >= text.size() || text[end] != ' ')) break;
    const auto n = capitals_word_length(text.substr(start));
    if (n == 0) break;
    end = start + n;
  }
  return end;
}

// ", June 12" or " Nov. 3" after the place.
bool skip_date(std::string_view& rest) {
  std::string_view probe = rest;
  consume(probe, ",");
  if (!consume(probe, " ")) return false;
  const auto lower = to_lower_ascii(probe.substr(0, 3));
  if (!is_one_of(lower, kMonths)) return false;
  std::size_t n = 0;
  while (n < probe.size() && (is_lower(probe[n]) || is_upper(probe[n]) || probe[n] == '.'))
    ++n;
  if (n >= probe.size() || probe[n] != ' ') return false;
  ++n;
  const auto digits_start = n;
  while (n < probe.size() && is_digit(probe[n]) && n - digits_start < 2)
    ++n;
  if (n == digits_start) return false;
  rest = probe.substr(n);
  return true;
}

// ", Calif." or ", Afghanistan" after the place: one or two capitalised words.
void skip_region(std::string_view& rest) {
  std::string_view date = rest;
  if (skip_date(date)) return;  // "LONDON, June 12": a date, not a region
  std::string_view probe = rest;
  if (!consume(probe, ", ")) return;
  std::size_t n = 0;
  for (int words = 0; words < 2 && n < probe.size() && is_upper(probe[n]); ++words) {
    while (n < probe.size() && probe[n] != ' ' && probe[n] != ',' && probe[n] != '(')
      ++n;
    if (n < probe.size() && probe[n] == ' ' && n + 1 < probe.size() && is_upper(probe[n + 1])) ++n;
  }
  if (n == 0) return;
  rest = probe.substr(n);
}

// " (AP)" or " (Reuters)"; returns the text between the parentheses.
std::optional<std::string_view> read_parenthesis(std::string_view& rest) {
  std::string_view probe = rest;
  consume(probe, " ");
  if (!consume(probe, "(")) return std::nullopt;
  const auto close = probe.find(')');
  if (close == std::string_view::npos || close > 40) return std::nullopt;
  rest = probe.substr(close + 1);
  return probe.substr(0, close);
}

// The dash closing the dateline, followed by a space or the end of the text.
bool read_dash(std::string_view& rest) {
  std::string_view probe = rest;
  consume(probe, " ");
  for (auto dash : kDatelineDashes) {
    std::string_view after = probe;
    if (!consume(after, dash)) continue;
    if (!after.empty() && after.front() != ' ') return false;
    rest = after;
    return true;
  }
  return false;
}

}  // namespace

std::string title_case_if_capitals(std::string_view text) {
  const bool capitals = std::any_of(text.begin(), text.end(), is_upper) &&
                        std::none_of(text.begin(), text.end(), is_lower);
  if (!capitals) return std::string(text);
  std::string out(text);
  bool word_start = true;
  for (char& c : out) {
    if (is_upper(c) && !word_start) c = static_cast<char>(c - 'A' + 'a');
    // Letters after "'" or "-" start a word: "O'Brien", "Smith-Jones".
    word_start = c == ' ' || c == '\'' || c == '-' || c == '.';
  }
  return out;
}

std::string agency_name(std::string_view name) {
  auto lower = to_lower_ascii(trim(name));
  if (lower.starts_with("the ")) lower.erase(0, 4);
  for (const auto& agency : kAgencies)
    if (is_one_of(lower, agency.aliases)) return std::string(agency.name);
  return {};
}

std::optional<BylineParts> parse_byline(std::string_view text, bool marked) {
  text = trim(text);
  if (text.empty() || text.size() > kMaxBylineBytes) return std::nullopt;
  if (text::split_words(text).size() > kMaxBylineWords) return std::nullopt;
  const auto after_by = strip_by(text);
  const bool has_by = !after_by.empty();
  if (!has_by && parse_dateline(text)) return std::nullopt;
  // "(AP)" after a name is the agency in parentheses.
  std::string body(has_by ? after_by : text);
  std::replace(body.begin(), body.end(), '(', '|');
  std::replace(body.begin(), body.end(), ')', '|');
  BylineParts parts;
  for (auto part : split_at(std::string_view(body), kBylineSeparators)) {
    if (read_byline_part(part, parts)) continue;
    if (!marked || (parts.authors.empty() && parts.agency.empty())) return std::nullopt;
    break;
  }
  // Without "By", names alone may be a heading; an agency beside them makes it a byline.
  const bool found = has_by || marked ? !parts.authors.empty() || !parts.agency.empty()
                                      : !parts.authors.empty() && !parts.agency.empty();
  if (!found) return std::nullopt;
  return parts;
}

std::optional<Dateline> parse_dateline(std::string_view text) {
  const auto place_length = read_place(text);
  if (place_length == 0) return std::nullopt;
  const auto place = text.substr(0, place_length);
  if (is_one_of(to_lower_ascii(place), kNotPlaces) ||
      std::count_if(place.begin(), place.end(), is_upper) < 2)
    return std::nullopt;
  std::string_view rest = text.substr(place_length);
  skip_region(rest);
  const auto place_with_region = trim(text.substr(0, text.size() - rest.size()));
  skip_date(rest);
  Dateline dateline;
  if (auto inside = read_parenthesis(rest)) dateline.agency = agency_name(*inside);
  if (!read_dash(rest)) return std::nullopt;
  while (!rest.empty() && rest.front() == ' ')
    rest.remove_prefix(1);
  dateline.place = title_case_if_capitals(place_with_region);
  // A region in title case after the place ("LOS ANGELES, Calif.") keeps its own case.
  if (place_with_region.size() > place.size())
    dateline.place =
        title_case_if_capitals(place) + std::string(place_with_region.substr(place.size()));
  dateline.length = text.size() - rest.size();
  return dateline;
}

}  // namespace gazette::indexer

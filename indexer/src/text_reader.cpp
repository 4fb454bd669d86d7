// Plain-text article reader: header blocks, YAML front matter, and the clean-up of news
// pages saved as text (junk lines, repeated headline, byline, trailing non-article blocks).
#include "indexer/src/text_reader.hpp"

#include "common/src/text.hpp"
#include "indexer/src/extract.hpp"

#include <gazette/date.hpp>
#include <gazette/error.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <span>
#include <string>
#include <vector>

// Strategy for scraped pages. Every line is classified once, out of context, by small
// tables matched case-insensitively on the whole trimmed line (plus a few hand-matched
// shapes such as "12 Comments", "Current Time 0:00", "5 min read"):
//   * junk lines (navigation, share buttons, video-player strings, ads, credits) are
//     dropped wherever they are, and never end the article;
//   * trailing-section lines ("Related Articles", "More from X", "Comments", app prompts,
//     "© 2025 ...") end the article, but only once a real paragraph (>= 20 words) has
//     been seen; before that they are merely dropped, so a menu entry never empties a page.
// The title is the headline the page repeats near its top ("Headline" / "Headline | Site");
// without a repeat, it is the first line that is not junk or part of a navigation run.
// Byline and date lines between the title and the first real paragraph feed authors and
// published and are kept out of the body. Only short lines (<= kMaxRuleBytes) are ever
// matched, so a huge line costs one pass. Paragraphs are blocks separated by blank (or
// dropped) lines; their inner line breaks are joined with spaces, which reads better in
// snippets, and paragraphs are joined with "\n\n".

namespace gazette::indexer {
namespace {

using text::count_words;
using text::equals_nocase;
using text::starts_with_nocase;
using text::trim;

constexpr std::size_t kBinarySniffBytes = 8192;  // NUL bytes here mean a binary file.
constexpr std::size_t kMaxRuleBytes = 400;       // Longer lines are always article text.
constexpr std::size_t kRealParagraphWords = 20;  // A block this long is article text.
constexpr std::size_t kMaxTitleBytes = 300;      // Longer first lines are not headlines.
constexpr std::size_t kMaxHeadCandidates = 150;  // Lines searched for a repeated headline.
constexpr std::size_t kMaxBylineWords = 25;
constexpr std::size_t kMaxPrefixRuleWords = 25;  // "Watch: <a video title>".
constexpr std::size_t kMaxDateWords = 9;         // "Thursday, June 12, 2025 at 10:03 a.m. ET".
constexpr std::size_t kNavRunLength = 3;         // This many short lines in a row are a menu.
constexpr std::size_t kNavItemWords = 2;

// ---------------------------------------------------------------------------------------
// Rule tables. Patterns are lower-case; lines are compared after lower-casing, collapsing
// spaces and dropping trailing ':' '.' '!' (see rule_key).

// Exact lines (in rule_key form).
constexpr std::string_view kJunkLines[] = {
    // Site chrome and navigation.
    "logo", "skip to content", "skip to main content", "skip to navigation", "menu", "main menu",
    "open menu", "close menu", "toggle navigation", "navigation", "search", "search for", "sign in",
    "sign up", "log in", "login", "log out", "register", "my account", "account", "subscribe",
    "subscribe now", "subscribe today", "home", "back to top", "close", "open", "more", "sections",
    "edition", "advertisement", "advertisement - scroll to continue", "ad", "ads", "sponsored",
    "story continues below advertisement", "article continues below", "continue reading",
    "continue reading below", "accept cookies", "accept all cookies", "cookie settings",
    "manage cookies", "accessibility help", "listen", "audio", "save", "save article", "saved",
    "follow", "follow us", "gift this article", "gift article", "print", "print this page", "email",
    "copy link", "copy url", "link copied", "link copied!", "key points", "in brief", "show more",
    "show less", "load more", "view all", "see all", "breaking news", "opinion", "analysis",
    "exclusive",
    // Sharing.
    "share", "shares", "share this", "share this article", "share this story", "share article",
    "share story", "share full article", "tweet", "facebook", "twitter", "x", "linkedin",
    "whatsapp", "reddit", "pinterest", "flipboard", "threads", "bluesky", "comment",
    // Newsletters (often promoted mid-article, so dropped rather than ending the article).
    "newsletter", "newsletters", "sign up here", "skip past newsletter promotion",
    "after newsletter promotion",
    // Links scraped as lines inside the article.
    "watch now", "watch",
    // Image credits.
    "getty images", "image", "photo", "enlarge this image", "expand", "view image in fullscreen",
    "toggle caption", "hide caption",
    // Video players (video.js and friends).
    "video player is loading", "play video", "play", "pause", "mute", "unmute", "live", "1x",
    "playback rate", "chapters", "descriptions", "captions", "subtitles", "audio track",
    "fullscreen", "non-fullscreen", "exit fullscreen", "picture-in-picture",
    "this is a modal window", "end of dialog window", "close modal dialog", "now playing",
    "up next", "video", "videos", "replay", "autoplay", "done", "reset", "settings", "quality",
    "media playback is unsupported on your device", "watch video", "copy video url", "loop"};

// Line openings (lines of at most kMaxPrefixRuleWords words).
constexpr std::string_view kJunkPrefixes[] = {
    // Site chrome and navigation.
    "skip to ", "listen to this article", "follow us on ", "click here to ",
    // Sharing.
    "share on ", "share via ", "share this article on ",
    // Newsletters (often promoted mid-article, so dropped rather than ending the article).
    "sign up for our newsletter", "sign up for the ", "sign up to ", "subscribe to our newsletter",
    "get our newsletter", "enter your email", "privacy notice: newsletters may contain",
    // Links scraped as lines inside the article.
    "read more: ", "read more on ", "related: ", "see also: ", "also read: ", "read also: ",
    "recommended: ", "more: ", "watch: ", "watch now: ", "watch live: ", "listen: ",
    // Image credits.
    "photo: ", "photo by ", "photograph: ", "image: ", "image credit",
    "image source: ", "image source, ", "image caption, ",
    "picture: ", "credit: ", "illustration: ", "(photo", "(image",
    // Video players (video.js and friends).
    "descriptions off", "captions settings", "captions off", "subtitles settings", "subtitles off",
    "beginning of dialog window", "text color ", "text background ", "caption area background ",
    "font size ", "text edge style ", "font family ", "window color ", "reset restore all settings",
    "stream type ", "seek to live", "now playing: ", "up next: "};

// Trailing sections: other stories, comments, app prompts, footers. Exact lines.
constexpr std::string_view kEndLines[] = {
    // Other stories and their teasers.
    "related", "related articles", "related stories", "related content", "related coverage",
    "related news", "related posts", "related reading", "related links", "related video",
    "related videos", "more on this story", "more on this topic", "more stories", "more news",
    "more articles", "more to explore", "more to read", "read more", "read next",
    "what to read next", "recommended", "recommended for you", "recommended stories",
    "recommended reading", "we recommend", "you may also like", "you might also like",
    "you may be interested in", "you might be interested in", "you may also be interested in",
    "most read", "most popular", "most viewed", "most shared", "popular", "popular now", "trending",
    "trending now", "trending stories", "top stories", "latest", "latest news", "latest stories",
    "editor's picks", "editors' picks", "around the web", "from our partners", "sponsored content",
    "paid content", "promoted stories", "partner content",
    // Comments, app prompts, footers.
    "related topics", "about the author", "tags", "topics", "comments", "show comments",
    "view comments", "leave a comment", "leave a reply", "post a comment", "add a comment",
    "join the conversation", "join the discussion", "get the app", "download the app",
    "download our app", "all rights reserved", "terms of use", "terms of service", "privacy policy",
    "contact us", "about us"};

// Trailing-section openings ("More from Reuters"); short lines only, not sentences.
constexpr std::string_view kEndPrefixes[] = {"more from ", "more in ", "available on the app store",
                                             "download on the app store", "get it on google play"};

// ---------------------------------------------------------------------------------------
// Small string helpers.

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper_start(std::string_view word) {
  return !word.empty() &&
         ((word[0] >= 'A' && word[0] <= 'Z') || static_cast<unsigned char>(word[0]) >= 0x80);
}

bool has_letter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0x80;
  });
}

bool ends_with_nocase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && equals_nocase(s.substr(s.size() - suffix.size()), suffix);
}

// Splits on any of `separators` (each a whole string), trimming pieces, dropping empties.
std::vector<std::string_view> split_any(std::string_view s,
                                        std::initializer_list<std::string_view> separators) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t hit = 0;
    for (auto sep : separators) {
      if (s.size() - i >= sep.size() && equals_nocase(s.substr(i, sep.size()), sep)) {
        hit = sep.size();
        break;
      }
    }
    if (hit == 0) {
      ++i;
      continue;
    }
    pieces.push_back(trim(s.substr(start, i - start)));
    i += hit;
    start = i;
  }
  pieces.push_back(trim(s.substr(start)));
  std::erase_if(pieces, [](std::string_view p) { return p.empty(); });
  return pieces;
}

// Removes one pair of matching quotes around a YAML or header value.
std::string_view unquote(std::string_view s) {
  s = trim(s);
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
    return s.substr(1, s.size() - 2);
  }
  return s;
}

// The form a line is compared in against the tables: lower case, single spaces, no trailing
// ':' '.' '!' '…' '»' (so "Related Articles:" and "Video Player is loading." match).
std::string rule_key(std::string_view line) {
  std::string key = text::to_lower_ascii(text::collapse_whitespace(line));
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view tail : {":", ".", "!", "\u2026", "\u00BB", " "}) {
      if (key.ends_with(tail)) {
        key.resize(key.size() - tail.size());
        stripped = true;
      }
    }
  }
  return key;
}

// ---------------------------------------------------------------------------------------
// Shapes the tables cannot express.

// "0:00", "02:31", "1:02:31", "-0:00".
bool is_clock(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  const auto parts = split_any(s, {":"});
  if (parts.size() < 2 || parts.size() > 3 || s.back() == ':') return false;
  return std::all_of(parts.begin(), parts.end(), [](std::string_view p) {
    return !p.empty() && p.size() <= 2 && std::all_of(p.begin(), p.end(), is_ascii_digit);
  });
}

bool is_number(std::string_view s) {
  std::string cleaned;
  for (char c : s) {
    if (c != ',' && c != '.') cleaned += c;
  }
  if (!cleaned.empty() && (cleaned.back() == 'k' || cleaned.back() == 'K')) cleaned.pop_back();
  return !cleaned.empty() && std::all_of(cleaned.begin(), cleaned.end(), is_ascii_digit);
}

// "Current Time 0:00", "Duration 2:31", "Remaining Time -0:00", "Loaded: 0%".
bool is_player_counter(const std::string& key) {
  for (std::string_view label : {"current time", "duration", "remaining time", "loaded"}) {
    if (key.starts_with(label)) {
      auto rest = trim(std::string_view(key).substr(label.size()));
      if (!rest.empty() && rest[0] == ':') rest = trim(rest.substr(1));
      return rest.empty() || is_clock(rest) ||
             (rest.back() == '%' && is_number(rest.substr(0, rest.size() - 1)));
    }
  }
  return false;
}

// "5 min read", "3 minute read", "Reading time: 4 minutes", "10 min listen".
bool is_reading_time(const std::string& key) {
  if (key.starts_with("reading time")) return true;
  const auto words = text::split_words(key);
  if (words.size() < 2 || words.size() > 4 || !is_number(words[0])) return false;
  const std::string_view unit = words[1];
  return (unit.starts_with("min") || unit == "mins") &&
         (words.size() == 2 || words[2] == "read" || words[2] == "listen");
}

enum class Kind { blank, text, junk, end_article };

// "12 Comments" ends the article; "1.2K shares", "340 views" are junk.
std::optional<Kind> counted_label(const std::string& key) {
  const auto words = text::split_words(key);
  if (words.size() != 2 || !is_number(words[0])) return std::nullopt;
  if (words[1] == "comments" || words[1] == "comment" || words[1] == "responses" ||
      words[1] == "replies") {
    return Kind::end_article;
  }
  if (words[1] == "shares" || words[1] == "views" || words[1] == "likes") return Kind::junk;
  return std::nullopt;
}

// "© 2025 Company", "Copyright 2025 ...", "(c) 2025 ..." end the article.
bool is_copyright(std::string_view line, const std::string& key) {
  if (line.starts_with("\u00A9")) return true;
  if (key.starts_with("(c) ") || key.starts_with("copyright ") ||
      key.starts_with("copyright \u00A9")) {
    return std::any_of(key.begin(), key.end(), is_ascii_digit) ||
           key.find("all rights reserved") != std::string::npos;
  }
  return false;
}

// "Home > Tech > AI", "News / Technology": short pieces around >, », ›, /.
bool is_breadcrumb(std::string_view line) {
  const auto pieces = split_any(line, {" > ", " \u00BB ", " \u203A ", " / "});
  if (pieces.size() < 2 || count_words(line) > 12) return false;
  return std::all_of(pieces.begin(), pieces.end(),
                     [](std::string_view p) { return count_words(p) <= 4; });
}

// "The Verge logo", "Site Name Logo".
bool is_logo_line(const std::string& key) {
  return key.ends_with(" logo") && count_words(key) <= 5;
}

bool in_table(std::span<const std::string_view> table, const std::string& key) {
  return std::find(table.begin(), table.end(), key) != table.end();
}

bool has_prefix_in(std::span<const std::string_view> table, const std::string& key) {
  return std::any_of(table.begin(), table.end(),
                     [&](std::string_view prefix) { return key.starts_with(prefix); });
}

Kind classify(std::string_view raw) {
  const std::string_view line = trim(raw);
  if (line.empty()) return Kind::blank;
  if (line.size() > kMaxRuleBytes) return Kind::text;
  // Lines without letters: timestamps "02:31", "/", "0%", counters, rules "---", bullets.
  if (!has_letter(line)) return line.size() <= 40 ? Kind::junk : Kind::text;
  const std::string key = rule_key(line);
  const std::size_t words = count_words(key);
  if (in_table(kJunkLines, key)) return Kind::junk;
  if (in_table(kEndLines, key)) return Kind::end_article;
  if (words <= kMaxPrefixRuleWords && has_prefix_in(kJunkPrefixes, key)) return Kind::junk;
  // "More from X" headings are short and do not read like a sentence.
  if (words <= 8 && line.back() != '.' && line.back() != '?' && has_prefix_in(kEndPrefixes, key)) {
    return Kind::end_article;
  }
  if (key.starts_with("download the ") && key.find("app") != std::string::npos &&
      count_words(key) <= 12) {
    return Kind::end_article;
  }
  if (is_copyright(line, key)) return Kind::end_article;
  if (auto kind = counted_label(key)) return *kind;
  if (is_player_counter(key) || is_reading_time(key) || is_logo_line(key)) return Kind::junk;
  if (key.size() <= 6 && key.back() == 'x' && is_number(key.substr(0, key.size() - 1))) {
    return Kind::junk;  // Playback rates "1.5x".
  }
  return Kind::text;
}

// ---------------------------------------------------------------------------------------
// Metadata fields shared by header blocks and YAML front matter.

enum class Field { none, title, date, source, authors, url, tags, lang };

Field field_for_key(std::string_view raw_key) {
  std::string key = text::to_lower_ascii(text::collapse_whitespace(raw_key));
  std::replace(key.begin(), key.end(), '_', ' ');
  std::replace(key.begin(), key.end(), '-', ' ');
  struct Entry {
    std::string_view key;
    Field field;
  };
  static constexpr Entry kFields[] = {
      {"title", Field::title},
      {"headline", Field::title},
      {"date", Field::date},
      {"published", Field::date},
      {"pubdate", Field::date},
      {"published date", Field::date},
      {"date published", Field::date},
      {"publication date", Field::date},
      {"source", Field::source},
      {"publication", Field::source},
      {"publisher", Field::source},
      {"site", Field::source},
      {"site name", Field::source},
      {"author", Field::authors},
      {"authors", Field::authors},
      {"by", Field::authors},
      {"byline", Field::authors},
      {"writer", Field::authors},
      {"url", Field::url},
      {"link", Field::url},
      {"canonical", Field::url},
      {"canonical url", Field::url},
      {"tags", Field::tags},
      {"tag", Field::tags},
      {"keywords", Field::tags},
      {"section", Field::tags},
      {"sections", Field::tags},
      {"category", Field::tags},
      {"categories", Field::tags},
      {"language", Field::lang},
      {"lang", Field::lang},
      {"locale", Field::lang},
  };
  for (const Entry& e : kFields) {
    if (key == e.key) return e.field;
  }
  return Field::none;
}

// Authors listed as "A and B", "A; B", "A, B", "A & B".
std::vector<std::string_view> split_names(std::string_view value) {
  return split_any(value, {";", ",", " and ", " & "});
}

void apply_field(Article& article, Field field, const std::vector<std::string_view>& values,
                 ArticleSink* notes) {
  if (values.empty()) return;
  const std::string_view first = unquote(values.front());
  switch (field) {
    case Field::title:
      article.title = text::collapse_whitespace(first);
      break;
    case Field::date:
      // Unreadable: left empty, never guessed, and counted when someone listens.
      article.published = notes ? parse_date_noting(first, *notes) : parse_date(first);
      break;
    case Field::source:
      article.source = text::collapse_whitespace(first);
      break;
    case Field::url:
      article.url = std::string(trim(first));
      break;
    case Field::lang:
      article.lang = language_tag(first);
      break;
    case Field::authors:
    case Field::tags:
      for (std::string_view v : values) {
        const auto pieces =
            field == Field::authors ? split_names(unquote(v)) : split_any(unquote(v), {",", ";"});
        for (std::string_view piece : pieces) {
          text::add_unique(field == Field::authors ? article.authors : article.tags,
                           unquote(piece));
        }
      }
      break;
    case Field::none:
      break;
  }
}

// Splits "Key: value" where the key is 1-3 words of letters, '-' or '_'.
bool split_key_value(std::string_view line, std::string_view& key, std::string_view& value) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 30) return false;
  key = trim(line.substr(0, colon));
  if (key.empty() || count_words(key) > 3) return false;
  if (!std::all_of(key.begin(), key.end(),
                   [](char c) { return is_ascii_alpha(c) || c == '-' || c == '_' || c == ' '; })) {
    return false;
  }
  value = trim(line.substr(colon + 1));
  return true;
}

std::size_t skip_blank(const std::vector<std::string_view>& lines, std::size_t pos) {
  while (pos < lines.size() && trim(lines[pos]).empty())
    ++pos;
  return pos;
}

// `Key: value` lines at the top, ending at the first blank or non-`Key:` line. The first
// key must be a known one, so "Breaking: fire downtown" stays a headline. Returns the line
// after the block, or `pos` when there is none.
std::size_t read_header_block(const std::vector<std::string_view>& lines, std::size_t pos,
                              Article& article, ArticleSink* notes) {
  std::string_view key, value;
  if (pos >= lines.size() || !split_key_value(trim(lines[pos]), key, value) ||
      field_for_key(key) == Field::none) {
    return pos;
  }
  while (pos < lines.size() && split_key_value(trim(lines[pos]), key, value)) {
    apply_field(article, field_for_key(key), {value}, notes);
    ++pos;
  }
  return pos;
}

// YAML inline list "[a, 'b', c]" -> pieces.
std::vector<std::string_view> yaml_values(std::string_view value) {
  value = trim(value);
  if (value.size() >= 2 && value.front() == '[' && value.back() == ']') {
    return split_any(value.substr(1, value.size() - 2), {","});
  }
  return {value};
}

// YAML front matter between `---` lines: scalars, quoted scalars, `[a, b]` lists and
// `- item` lists. Anything that is not such a line means it was not front matter (a
// Markdown rule, say), and so does a missing closing line: the text is then read as text.
std::size_t read_front_matter(const std::vector<std::string_view>& lines, std::size_t pos,
                              Article& article, ArticleSink* notes) {
  if (pos >= lines.size() || trim(lines[pos]) != "---") return pos;
  struct Entry {
    Field field;
    std::vector<std::string_view> values;
  };
  std::vector<Entry> entries;
  for (std::size_t i = pos + 1; i < lines.size(); ++i) {
    const std::string_view line = trim(lines[i]);
    if (line == "---" || line == "...") {
      for (const Entry& e : entries)
        apply_field(article, e.field, e.values, notes);
      return i + 1;
    }
    std::string_view key, value;
    if (line.empty() || line.starts_with('#')) continue;
    if (line.starts_with("- ") && !entries.empty()) {
      entries.back().values.push_back(trim(line.substr(2)));
    } else if (split_key_value(line, key, value)) {
      entries.push_back({field_for_key(key),
                         value.empty() ? std::vector<std::string_view>{} : yaml_values(value)});
    } else {
      return pos;
    }
  }
  return pos;
}

// ---------------------------------------------------------------------------------------
// Headlines.

// Comparison form of a headline: ASCII letters and digits lower-cased, other non-ASCII
// letters kept, spaces, punctuation and typographic quotes/dashes (U+2000-U+206F) dropped.
std::string headline_key(std::string_view s) {
  std::string key;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x81) {
      i += 2;  // General punctuation block.
    } else if (c == 0xC2) {
      ++i;  // Latin-1 punctuation and symbols.
    } else if (std::isalnum(c)) {
      key += static_cast<char>(std::tolower(c));
    } else if (c >= 0x80) {
      key += static_cast<char>(c);
    }
  }
  return key;
}

// A page title holds the headline among site and section names: "Headline - Site",
// "Site | Section | Headline", "AFP: Headline". Finds the run of its separator-delimited
// pieces whose key is `headline_key`; `site` is the one other piece, when there is one.
struct SiteTitle {
  std::string_view headline;
  std::string_view site;
};
std::optional<SiteTitle> find_in_page_title(std::string_view page_title, const std::string& key) {
  // Besides the usual separators, saved text pages put the agency before a colon ("AFP:")
  // and scrapers turn separators into underscores.
  static constexpr std::string_view kTextSeparators[] = {": ", " _", "_ "};
  auto separator_at = [&](std::size_t i) {
    if (const std::size_t n = title_separator_at(page_title, i)) return n;
    for (std::string_view sep : kTextSeparators)
      if (page_title.substr(i).starts_with(sep)) return sep.size();
    return std::size_t{0};
  };
  std::vector<std::size_t> starts{0}, ends;
  for (std::size_t i = 0; i < page_title.size() && starts.size() < 12; ++i) {
    if (const std::size_t n = separator_at(i)) {
      ends.push_back(i);
      starts.push_back(i + n);
      i += n - 1;
    }
  }
  ends.push_back(page_title.size());
  for (std::size_t first = 0; first < starts.size(); ++first) {
    for (std::size_t last = first; last < ends.size(); ++last) {
      if (first == 0 && last + 1 == ends.size()) continue;  // The whole title.
      if (ends[last] <= starts[first]) continue;
      const std::string_view run = page_title.substr(starts[first], ends[last] - starts[first]);
      if (headline_key(run) != key) continue;
      SiteTitle found{trim(run), {}};
      if (starts.size() == 2) {
        const std::string_view other =
            first == 0 ? page_title.substr(starts[1]) : page_title.substr(0, ends[0]);
        if (count_words(other) <= 5) found.site = trim(other);
      }
      return found;
    }
  }
  return std::nullopt;
}

enum class Repeat { none, same, first_has_site, second_has_site };

Repeat compare_headlines(std::string_view a, std::string_view b) {
  const std::string ka = headline_key(a), kb = headline_key(b);
  if (ka.empty() || kb.empty()) return Repeat::none;
  if (ka == kb) return Repeat::same;
  // The headline is most of a page title; "Site | Section | Headline" holds little else.
  const auto is_part = [](std::string_view title, const std::string& title_key,
                          std::string_view headline, const std::string& key) {
    return key.size() * 2 >= title_key.size() && count_words(headline) >= 3 &&
           find_in_page_title(title, key).has_value();
  };
  if (ka.size() > kb.size() && is_part(a, ka, b, kb)) return Repeat::first_has_site;
  if (kb.size() > ka.size() && is_part(b, kb, a, ka)) return Repeat::second_has_site;
  return Repeat::none;
}

// Of two copies of a headline, the one in normal case without a closing full stop wins.
int headline_quality(std::string_view s) {
  const bool all_caps =
      std::none_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  const bool lower_start = !s.empty() && s[0] >= 'a' && s[0] <= 'z';
  return int{!all_caps} + int{!lower_start} + int{!s.ends_with('.')};
}

// A title is one line; Markdown heading marks go; an over-long first line (a file without
// headline) is cut at a word boundary.
std::string make_title(std::string_view line) {
  line = trim(line);
  while (line.starts_with('#'))
    line.remove_prefix(1);
  std::string title = text::collapse_whitespace(line);
  if (title.size() > kMaxTitleBytes) {
    std::string_view cut = text::truncate_utf8(title, kMaxTitleBytes);
    if (const std::size_t space = cut.rfind(' '); space != std::string_view::npos && space > 0) {
      cut = cut.substr(0, space);
    }
    title = std::string(cut) + "\u2026";
  }
  return title;
}

// ---------------------------------------------------------------------------------------
// Bylines and dates.

constexpr std::string_view kAuthorPrefixes[] = {
    "written by ", "words by ", "story by ", "reported by ", "posted by ", "by: ", "by "};
constexpr std::string_view kPublishedLabels[] = {
    "first published on ", "first published ", "published on ", "published: ", "published ",
    "posted on ",          "posted: ",         "posted ",       "date: "};
constexpr std::string_view kUpdatedLabels[] = {
    "last updated on ", "last updated: ", "last updated ",  "updated on ",
    "updated: ",        "updated ",       "last modified ", "modified "};
constexpr std::string_view kJobWords[] = {"reporter",  "correspondent", "editor",
                                          "writer",    "staff",         "contributor",
                                          "columnist", "analyst",       "journalist"};
constexpr std::string_view kNameConnectors[] = {"and", "&",  "de", "van", "von", "der",
                                                "da",  "la", "le", "del", "bin", "al"};

// What byline and date lines found; applied only when nothing better (a header) gave it.
struct Byline {
  std::vector<std::string> authors;
  std::string source;
  std::optional<Timestamp> published;
  std::optional<Timestamp> updated;
};

std::string_view strip_label(std::string_view s, std::span<const std::string_view> labels) {
  for (std::string_view label : labels) {
    if (starts_with_nocase(s, label)) return trim(s.substr(label.size()));
  }
  return {};
}

// Words a person's name (or an agency's) is made of: capitalised, no digits.
bool looks_like_names(std::string_view s, std::size_t max_words) {
  const auto words = text::split_words(s);
  if (words.empty() || words.size() > max_words) return false;
  return std::all_of(words.begin(), words.end(), [](std::string_view w) {
    const bool connector = std::any_of(std::begin(kNameConnectors), std::end(kNameConnectors),
                                       [&](std::string_view c) { return w == c; });
    const bool digits = std::any_of(w.begin(), w.end(), is_ascii_digit);
    return !digits && (connector || is_upper_start(w));
  });
}

// "2 hours ago", "3 days ago".
bool is_relative_time(std::string_view s) {
  return ends_with_nocase(s, " ago") && count_words(s) <= 4;
}

// parse_date ignores trailing words, so a date line must also be short and hold few
// lower-case words ("at", "a.m."): "June 12, 2025 the firm said" is a sentence.
bool looks_like_date_text(std::string_view s) {
  const auto words = text::split_words(s);
  const auto lower = std::count_if(words.begin(), words.end(),
                                   [](std::string_view w) { return w[0] >= 'a' && w[0] <= 'z'; });
  return words.size() <= kMaxDateWords && lower <= 2;
}

// One piece of a byline line: "By ...", a date, or a name. False when it is none.
bool read_byline_piece(std::string_view piece, bool allow_bare_name, Byline& out) {
  std::string_view names = strip_label(piece, kAuthorPrefixes);
  if (names.empty()) {
    if (auto rest = strip_label(piece, kUpdatedLabels); !rest.empty()) {
      if (!out.updated && looks_like_date_text(rest)) out.updated = parse_date(rest);
      return out.updated || is_relative_time(rest) ||
             (count_words(rest) <= kMaxDateWords &&
              std::any_of(rest.begin(), rest.end(), is_ascii_digit));
    }
    std::string_view date_text = strip_label(piece, kPublishedLabels);
    const bool labelled = !date_text.empty();
    if (!labelled) date_text = piece;
    if (looks_like_date_text(date_text)) {
      if (auto date = parse_date(date_text)) {
        if (!out.published) out.published = date;
        return true;
      }
    }
    if (is_relative_time(date_text) || is_reading_time(rule_key(piece))) return true;
    if (labelled || !allow_bare_name) return false;
    names = piece;
  }
  if (!looks_like_names(names, 16)) return false;
  for (std::string_view name : split_names(names)) {
    const std::string lower = text::to_lower_ascii(name);
    if (std::any_of(std::begin(kJobWords), std::end(kJobWords),
                    [&](std::string_view job) { return lower.find(job) != std::string::npos; })) {
      continue;  // "Senior Technology Reporter".
    }
    if (count_words(name) == 1) {
      // "By Jane Doe, Reuters" names an agency; a lone word beside a date may be anything.
      if (out.source.empty() && names != piece) out.source = text::collapse_whitespace(name);
    } else {
      text::add_unique(out.authors, name);
    }
  }
  return true;
}

// A line such as "By Jane Doe and John Roe, Reuters", "Jane Doe | June 12, 2025",
// "Published June 12, 2025 10:03 AM EDT", "Updated 2 hours ago" or a bare date. Fills
// `out` and returns true only when the whole line is such metadata.
bool read_byline(std::string_view line, Byline& out) {
  line = trim(line);
  if (line.size() > kMaxRuleBytes || count_words(line) > kMaxBylineWords) return false;
  const auto pieces = split_any(line, {" | ", "|", " \u00B7 ", " \u2022 ", " \u2014 ", " \u2013 "});
  // A bare name counts only beside a date or "By" piece: "Jane Doe | June 12, 2025".
  Byline trial = out;
  bool anchored = false;
  for (std::string_view piece : pieces) {
    Byline probe;
    if (read_byline_piece(piece, false, probe)) anchored = true;
  }
  if (!anchored) return false;
  for (std::string_view piece : pieces) {
    if (!read_byline_piece(piece, pieces.size() > 1, trial)) return false;
  }
  out = std::move(trial);
  return true;
}

// ---------------------------------------------------------------------------------------
// The page: title, then body.

struct Line {
  std::string_view text;  // Trimmed.
  Kind kind;
};

// Index of the first line of the first block (blank-, junk- or end-separated run of text
// lines) holding at least kRealParagraphWords words; lines.size() when there is none.
std::size_t first_real_paragraph(const std::vector<Line>& lines, std::size_t from) {
  std::size_t block_start = from, words = 0;
  for (std::size_t i = from; i < lines.size(); ++i) {
    if (lines[i].kind != Kind::text) {
      words = 0;
      block_start = i + 1;
      continue;
    }
    words += count_words(lines[i].text);
    if (words >= kRealParagraphWords) return block_start;
  }
  return lines.size();
}

struct TitleChoice {
  std::size_t line;        // Index of the headline line used as title.
  std::size_t body_start;  // First line after the headline (and its repeat).
  std::string title;
  std::string site;                        // From "Headline | Site", when seen.
  std::size_t meta_from = 0, meta_to = 0;  // Lines between the two copies (bylines).
};

bool is_head_candidate(const Line& line) {
  if (line.kind != Kind::text || line.text.size() > kMaxTitleBytes) return false;
  Byline scratch;
  return !is_breadcrumb(line.text) && !read_byline(line.text, scratch);
}

// The headline a saved page shows twice near its top: within the lines before the first
// real paragraph (and that paragraph's first line), two candidates of >= 3 words that are
// the same but for case, spacing, punctuation or a " | Site" suffix.
std::optional<TitleChoice> find_repeated_headline(const std::vector<Line>& lines,
                                                  std::size_t head_end) {
  // Menus glued into long lines can look like a paragraph, so the second copy may lie
  // beyond head_end, but only when the first copy is a page title ("Headline | Site").
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < lines.size() && candidates.size() < kMaxHeadCandidates; ++i) {
    if (is_head_candidate(lines[i])) candidates.push_back(i);
  }
  for (std::size_t a = 0; a < candidates.size() && candidates[a] <= head_end; ++a) {
    const Line& first = lines[candidates[a]];
    if (count_words(first.text) < 3) continue;
    for (std::size_t b = a + 1; b < candidates.size(); ++b) {
      const Line& second = lines[candidates[b]];
      const Repeat repeat = compare_headlines(first.text, second.text);
      if (repeat == Repeat::none ||
          (candidates[b] > head_end && repeat != Repeat::first_has_site)) {
        continue;
      }
      const bool use_first =
          repeat == Repeat::second_has_site ||
          (repeat == Repeat::same && headline_quality(first.text) >= headline_quality(second.text));
      TitleChoice choice{use_first ? candidates[a] : candidates[b],
                         candidates[b] + 1,
                         make_title(use_first ? first.text : second.text),
                         {},
                         candidates[a] + 1,
                         candidates[b]};
      if (repeat != Repeat::same) {
        const bool first_has_site = repeat == Repeat::first_has_site;
        const auto found =
            find_in_page_title(first_has_site ? first.text : second.text,
                               headline_key(first_has_site ? second.text : first.text));
        choice.site = std::string(found->site);
      }
      return choice;
    }
  }
  return std::nullopt;
}

// Navigation menus: runs of kNavRunLength or more short lines (<= kNavItemWords words, no
// sentence punctuation) before the article starts.
std::vector<bool> navigation_lines(const std::vector<Line>& lines, std::size_t head_end) {
  std::vector<bool> nav(lines.size(), false);
  std::vector<std::size_t> run;
  const auto flush = [&] {
    if (run.size() >= kNavRunLength) {
      for (std::size_t i : run)
        nav[i] = true;
    }
    run.clear();
  };
  for (std::size_t i = 0; i < head_end && i < lines.size(); ++i) {
    if (lines[i].kind == Kind::blank) continue;
    const std::string_view t = lines[i].text;
    if (lines[i].kind == Kind::text && t.size() <= kMaxTitleBytes && !is_head_candidate(lines[i])) {
      flush();  // A byline or date: the article has begun.
      continue;
    }
    const bool short_item =
        lines[i].kind != Kind::text || (count_words(t) <= kNavItemWords && t.size() <= 30 &&
                                        t.back() != '.' && t.back() != '?' && t.back() != '!');
    if (short_item) {
      if (lines[i].kind == Kind::text) run.push_back(i);
    } else {
      flush();
    }
  }
  // A run reaching the article itself is only a menu if the article follows it.
  if (head_end >= lines.size()) run.clear();
  flush();
  return nav;
}

TitleChoice title_at(const std::vector<Line>& lines, std::size_t i) {
  TitleChoice choice;
  choice.line = i;
  choice.body_start = i + 1;
  choice.title = make_title(lines[i].text);
  return choice;
}

// News pages put the byline or date right under the headline, so when the first such
// line comes before the article, the text line just above it (blank lines aside) is the
// headline, and a site name or tagline above that is not.
std::optional<TitleChoice> headline_above_byline(const std::vector<Line>& lines,
                                                 std::size_t head_end) {
  for (std::size_t i = 0; i < head_end && i < lines.size(); ++i) {
    Byline scratch;
    if (lines[i].kind != Kind::text || lines[i].text.size() > kMaxTitleBytes ||
        !read_byline(lines[i].text, scratch)) {
      continue;
    }
    for (std::size_t j = i; j-- > 0;) {
      if (lines[j].kind == Kind::blank) continue;
      if (is_head_candidate(lines[j]) && count_words(lines[j].text) >= 3) {
        return title_at(lines, j);
      }
      break;
    }
    return std::nullopt;  // Only the first byline says where the headline is.
  }
  return std::nullopt;
}

std::optional<TitleChoice> choose_title(const std::vector<Line>& lines) {
  const std::size_t real = first_real_paragraph(lines, 0);
  if (auto repeated = find_repeated_headline(lines, real)) return repeated;
  if (auto above_byline = headline_above_byline(lines, real)) return above_byline;
  const auto nav = navigation_lines(lines, real);
  std::optional<std::size_t> fallback;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind != Kind::text) continue;
    if (!fallback) fallback = i;
    if (i >= real || (!nav[i] && is_head_candidate(lines[i]))) {
      return title_at(lines, i);
    }
  }
  if (fallback) return title_at(lines, *fallback);
  return std::nullopt;
}

// Collects paragraphs: text lines joined with spaces, broken by blank or dropped lines.
class BodyBuilder {
 public:
  void add(std::string_view line) {
    if (!current_.empty()) current_ += ' ';
    current_ += line;
    words_ += count_words(line);
  }
  void end_paragraph() {
    if (words_ >= kRealParagraphWords) seen_real_ = true;
    if (!current_.empty()) paragraphs_.push_back(text::collapse_whitespace(current_));
    current_.clear();
    words_ = 0;
  }
  // True once a paragraph of kRealParagraphWords words exists (ended or still open).
  bool has_real_paragraph() const { return seen_real_ || words_ >= kRealParagraphWords; }
  std::string finish() {
    end_paragraph();
    std::string body;
    for (const std::string& p : paragraphs_) {
      if (!body.empty()) body += "\n\n";
      body += p;
    }
    return body;
  }

 private:
  std::vector<std::string> paragraphs_;
  std::string current_;
  std::size_t words_ = 0;
  bool seen_real_ = false;
};

// The body from `from` on: junk dropped, cut at the first trailing section after a real
// paragraph; before that paragraph, bylines, dates and repeats of the title are taken out.
std::string read_body(const std::vector<Line>& lines, std::size_t from, const std::string& title,
                      Byline& byline) {
  BodyBuilder body;
  for (std::size_t i = from; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (line.kind == Kind::end_article && body.has_real_paragraph()) break;
    if (line.kind != Kind::text) {
      body.end_paragraph();
      continue;
    }
    if (!body.has_real_paragraph() && line.text.size() <= kMaxTitleBytes &&
        (read_byline(line.text, byline) || is_breadcrumb(line.text) ||
         compare_headlines(line.text, title) != Repeat::none)) {
      body.end_paragraph();
      continue;
    }
    body.add(line.text);
  }
  return body.finish();
}

void throw_invalid(const char* reason) {
  throw_error(ErrorCode::invalid_input, reason);
}

}  // namespace

Article read_text_article(std::string_view bytes, ArticleSink* notes) {
  if (bytes.substr(0, kBinarySniffBytes).find('\0') != std::string_view::npos) {
    throw_invalid("binary file (NUL bytes), not text");
  }
  const std::string content = text::clean_text(text::decode_entities(text::decode_to_utf8(bytes)));
  if (trim(content).empty()) throw_invalid("empty file");

  const std::vector<std::string_view> raw = text::split_lines(content);
  Article article;
  std::size_t pos = skip_blank(raw, 0);
  if (const std::size_t after = read_front_matter(raw, pos, article, notes); after != pos) {
    pos = after;
  } else {
    pos = read_header_block(raw, pos, article, notes);
  }

  std::vector<Line> lines;
  lines.reserve(raw.size() - pos);
  for (std::size_t i = pos; i < raw.size(); ++i)
    lines.push_back({trim(raw[i]), classify(raw[i])});

  Byline byline;
  std::size_t body_start = 0;
  if (article.title.empty()) {
    const auto choice = choose_title(lines);
    if (!choice) throw_invalid("no text");
    article.title = choice->title;
    body_start = choice->body_start;
    for (std::size_t i = choice->meta_from; i < choice->meta_to; ++i) {
      if (lines[i].kind == Kind::text) read_byline(lines[i].text, byline);
    }
    if (article.source.empty()) article.source = choice->site;
    // An over-long first line was only shortened into a title: it stays body text.
    if (article.title.ends_with("\u2026") && lines[choice->line].text.size() > kMaxTitleBytes) {
      body_start = choice->line;
    }
  }
  article.body = read_body(lines, body_start, article.title, byline);
  if (article.title.empty() && article.body.empty()) throw_invalid("no text");

  if (article.authors.empty()) article.authors = std::move(byline.authors);
  if (article.source.empty()) article.source = std::move(byline.source);
  if (!article.published) article.published = byline.published ? byline.published : byline.updated;
  return article;
}

}  // namespace gazette::indexer

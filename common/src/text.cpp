// Text utilities: UTF-8 validation and fallback decoding, entities, cleaning.
#include "common/src/text.hpp"

#include "common/src/charset.hpp"

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

namespace gazette::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Windows-1252 bytes 0x80..0x9F; 0 marks the five undefined bytes.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Decodes one UTF-8 sequence at text[i]; returns its length, or 0 when malformed.
std::size_t decode_one(std::string_view text, std::size_t i, char32_t& cp) noexcept {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_removed_control(char32_t cp) noexcept {
  if (cp == '\t' || cp == '\n') return false;
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

bool is_unicode_space(char32_t cp) noexcept {
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

// Parses the numeric part of "&#...;" starting after "&#"; returns false if malformed.
bool parse_numeric_reference(std::string_view digits, char32_t& cp) noexcept {
  int base = 10;
  if (!digits.empty() && (digits[0] == 'x' || digits[0] == 'X')) {
    base = 16;
    digits.remove_prefix(1);
  }
  if (digits.empty() || digits.size() > 8) return false;
  std::uint32_t value = 0;
  for (char c : digits) {
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return false;
    value = value * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(d);
  }
  cp = value;
  return true;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) noexcept {
  char32_t cp;
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t len = decode_one(bytes, i, cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string windows1252_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out += c;
    } else if (b < 0xA0) {
      const char16_t mapped = kCp1252High[b - 0x80];
      append_utf8(out, mapped ? mapped : kReplacement);
    } else {
      append_utf8(out, b);
    }
  }
  return out;
}

namespace {

// UTF-8 with the odd invalid byte: valid sequences kept, each invalid byte read as 1252.
std::string mixed_utf8_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  char32_t cp;
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t len = decode_one(bytes, i, cp);
    if (len == 0) {
      out += windows1252_to_utf8(bytes.substr(i, 1));
      ++i;
    } else {
      out.append(bytes, i, len);
      i += len;
    }
  }
  return out;
}

// `bytes` decoded as `charset`; empty optional when the name is not a known charset.
std::optional<std::string> decode_as(std::string_view bytes, std::string_view charset) {
  std::string icu_name;
  switch (classify_charset(charset, &icu_name)) {
    case CharsetFamily::utf8:
      return mixed_utf8_to_utf8(bytes);
    case CharsetFamily::windows1252:
      return windows1252_to_utf8(bytes);
    case CharsetFamily::icu:
      return icu_to_utf8(bytes, icu_name);
    case CharsetFamily::unknown:
      break;
  }
  return std::nullopt;
}

}  // namespace

std::string decode_to_utf8(std::string_view bytes, std::string_view declared_charset) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  // Valid UTF-8 wins over any declaration: re-saved pages keep stale ones.
  if (is_valid_utf8(bytes)) return std::string(bytes);
  if (auto decoded = decode_as(bytes, declared_charset)) return std::move(*decoded);
  if (auto decoded = decode_as(bytes, detect_charset(bytes))) return std::move(*decoded);
  return windows1252_to_utf8(bytes);
}

std::string decode_entities(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const std::size_t amp = in.find('&', i);
    if (amp == std::string_view::npos) break;
    out.append(in, i, amp - i);
    i = amp;
    // References are short; a ';' further away means this '&' is literal.
    const std::size_t semi = in.find(';', amp + 1);
    if (semi == std::string_view::npos || semi - amp > 33) {
      out += '&';
      ++i;
      continue;
    }
    const std::string_view name = in.substr(amp + 1, semi - amp - 1);
    char32_t cp = 0;
    if (!name.empty() && name[0] == '#') {
      if (parse_numeric_reference(name.substr(1), cp)) {
        if (!is_removed_control(cp) && cp != 0) append_utf8(out, cp);
        i = semi + 1;
        continue;
      }
    } else if (!name.empty()) {
      const std::string key(name);
      if (key == "apos") {
        out += '\'';
        i = semi + 1;
        continue;
      }
      if (const htmlEntityDesc* entity =
              htmlEntityLookup(reinterpret_cast<const xmlChar*>(key.c_str()))) {
        append_utf8(out, entity->value);
        i = semi + 1;
        continue;
      }
    }
    out += '&';
    ++i;
  }
  out.append(in.substr(std::min(i, in.size())));
  return out;
}

std::string clean_text(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  int pending_newlines = 0;  // Newlines seen since the last visible character.
  std::size_t pending_spaces = 0;
  auto flush_break = [&] {
    if (!out.empty()) out.append(static_cast<std::size_t>(std::min(pending_newlines, 2)), '\n');
    pending_newlines = 0;
    pending_spaces = 0;
  };
  for (std::size_t i = 0; i < in.size();) {
    char32_t cp;
    std::size_t len = decode_one(in, i, cp);
    if (len == 0) {  // Callers pass UTF-8; be safe anyway.
      cp = kReplacement;
      len = 1;
    }
    i += len;
    if (cp == '\r') {
      if (i < in.size() && in[i] == '\n') continue;
      cp = '\n';
    }
    if (cp == '\n') {
      ++pending_newlines;
      pending_spaces = 0;  // Trailing spaces of a line are dropped.
      continue;
    }
    if (is_removed_control(cp)) continue;
    if (cp == ' ' || cp == '\t' || is_unicode_space(cp)) {
      ++pending_spaces;
      continue;
    }
    if (pending_newlines > 0) {
      const std::size_t indent = pending_spaces;
      flush_break();
      pending_spaces = indent;
    }
    if (pending_spaces > 0) {
      // Leading spaces of a line are dropped; inner runs become one space.
      if (!out.empty() && out.back() != '\n') out += ' ';
      pending_spaces = 0;
    }
    append_utf8(out, cp);
  }
  return out;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && is_space(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && is_space(text.back()))
    text.remove_suffix(1);
  return text;
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string to_upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

namespace {
char lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
}  // namespace

bool starts_with_nocase(std::string_view text, std::string_view prefix) noexcept {
  return text.size() >= prefix.size() && equals_nocase(text.substr(0, prefix.size()), prefix);
}

bool equals_nocase(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i]))
      ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_space(text[i]))
      ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

std::size_t count_words(std::string_view text) noexcept {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    if (is_space(c)) {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++words;
    }
  }
  return words;
}

std::string_view truncate_utf8(std::string_view utf8, std::size_t max_bytes) noexcept {
  if (utf8.size() <= max_bytes) return utf8;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80)
    --end;
  return utf8.substr(0, end);
}

void add_unique(std::vector<std::string>& list, std::string_view value) {
  std::string collapsed = collapse_whitespace(value);
  if (collapsed.empty()) return;
  for (const auto& existing : list) {
    if (equals_nocase(existing, collapsed)) return;
  }
  list.push_back(std::move(collapsed));
}

}  // namespace gazette::text

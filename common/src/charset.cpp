// Legacy charsets through ICU (conversion) and uchardet (detection), named as browsers do.
#include "common/src/charset.hpp"

#include "common/src/text.hpp"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <utility>

namespace gazette::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// uchardet reads this much at most: enough to decide, cheap on big files.
constexpr std::size_t kDetectBytes = 64 * 1024;
// Fewer non-ASCII bytes than this and uchardet guesses ("caf\xE9" -> ISO-8859-2).
constexpr std::size_t kMinDetectNonAscii = 8;

// "  'KOI8-R' " -> "koi8-r".
std::string normalise_name(std::string_view name) {
  std::string out = to_lower_ascii(trim(name));
  std::erase_if(out, [](char c) { return c == '"' || c == '\''; });
  return std::string(trim(out));
}

// Labels whose WHATWG decoder is a superset charset that ICU names differently.
struct Widening {
  std::string_view label, icu_name;
};
constexpr std::array<Widening, 12> kWidenings = {{
    {"gb2312", "gb18030"},
    {"gbk", "gb18030"},
    {"x-gbk", "gb18030"},
    {"shift_jis", "windows-31j"},
    {"shift-jis", "windows-31j"},
    {"sjis", "windows-31j"},
    {"x-sjis", "windows-31j"},
    {"euc-kr", "windows-949"},
    {"ks_c_5601-1987", "windows-949"},
    {"iso-8859-9", "windows-1254"},
    {"tis-620", "windows-874"},
    {"iso-8859-11", "windows-874"},
}};

struct ConverterCloser {
  void operator()(UConverter* c) const noexcept { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr open_converter(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status)) return nullptr;
  return converter;
}

// Unmappable and illegal input becomes U+FFFD (ICU's default may write U+001A, which text
// cleaning would then drop silently).
void write_replacement(const void*, UConverterToUnicodeArgs* args, const char*, int32_t,
                       UConverterCallbackReason reason, UErrorCode* status) {
  if (reason > UCNV_IRREGULAR) return;  // Reset, close, clone: nothing to write.
  static constexpr UChar kReplacementUnit = 0xFFFD;
  *status = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacementUnit, 1, 0, status);
}

// Appends UTF-16 units as UTF-8, carrying a high surrogate split across two buffers.
void append_utf16(std::string& out, const UChar* begin, const UChar* end, UChar& pending_high) {
  for (const UChar* p = begin; p != end; ++p) {
    const UChar unit = *p;
    if (pending_high != 0) {
      const UChar high = std::exchange(pending_high, 0);
      if (U16_IS_TRAIL(unit)) {
        append_utf8(out, U16_GET_SUPPLEMENTARY(high, unit));
        continue;
      }
      append_utf8(out, kReplacement);
    }
    if (U16_IS_LEAD(unit)) {
      pending_high = unit;
    } else {
      append_utf8(out, unit);  // A lone trail surrogate becomes U+FFFD there.
    }
  }
}

}  // namespace

CharsetFamily classify_charset(std::string_view name, std::string* icu_name) {
  const std::string label = normalise_name(name);
  if (label.empty()) return CharsetFamily::unknown;
  if (label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8") {
    return CharsetFamily::utf8;
  }
  std::string open_name = label;
  for (const Widening& w : kWidenings) {
    if (label == w.label) open_name = w.icu_name;
  }
  const ConverterPtr converter = open_converter(open_name);
  if (!converter) return CharsetFamily::unknown;
  UErrorCode status = U_ZERO_ERROR;
  const std::string canonical = ucnv_getName(converter.get(), &status);
  // Browsers read Latin-1 and ASCII labels as windows-1252; ICU's names for the three.
  if (canonical == "ISO-8859-1" || canonical == "US-ASCII" || canonical == "ibm-5348_P100-1997") {
    return CharsetFamily::windows1252;
  }
  if (canonical == "UTF-8") return CharsetFamily::utf8;
  if (icu_name) *icu_name = std::move(open_name);
  return CharsetFamily::icu;
}

std::optional<std::string> icu_to_utf8(std::string_view bytes, const std::string& icu_name) {
  const ConverterPtr converter = open_converter(icu_name);
  if (!converter) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setToUCallBack(converter.get(), write_replacement, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return std::nullopt;

  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  const char* source = bytes.data();
  const char* const source_end = bytes.data() + bytes.size();
  std::array<UChar, 16 * 1024> buffer;
  UChar pending_high = 0;
  for (;;) {
    UChar* target = buffer.data();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(converter.get(), &target, buffer.data() + buffer.size(), &source, source_end,
                   nullptr, /*flush=*/true, &status);
    append_utf16(out, buffer.data(), target, pending_high);
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) {
      // Not expected with a replacing callback; still never drop the rest.
      out += windows1252_to_utf8(
          std::string_view(source, static_cast<std::size_t>(source_end - source)));
    }
    break;
  }
  if (pending_high != 0) append_utf8(out, kReplacement);
  return out;
}

std::string detect_charset(std::string_view bytes) {
  bytes = bytes.substr(0, kDetectBytes);
  const auto non_ascii = static_cast<std::size_t>(std::count_if(
      bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
  if (non_ascii < kMinDetectNonAscii) return {};
  const std::unique_ptr<uchardet, decltype(&uchardet_delete)> detector(uchardet_new(),
                                                                       uchardet_delete);
  if (!detector) return {};
  if (uchardet_handle_data(detector.get(), bytes.data(), bytes.size()) != 0) return {};
  uchardet_data_end(detector.get());
  const char* found = uchardet_get_charset(detector.get());
  std::string name = found ? found : "";
  if (name.empty() || equals_nocase(name, "ASCII")) return {};
  return name;
}

namespace {

bool is_charset_char(char c) noexcept {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
         c == ':';
}

// The value after `key` ("charset", "encoding") in `tag`: `key = "name"` or `key=name`.
std::string value_after(std::string_view tag, std::string_view key) {
  for (std::size_t at = tag.find(key); at != std::string_view::npos; at = tag.find(key, at + 1)) {
    std::size_t i = at + key.size();
    while (i < tag.size() && tag[i] == ' ')
      ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '"' || tag[i] == '\''))
      ++i;
    std::size_t end = i;
    while (end < tag.size() && is_charset_char(tag[end]))
      ++end;
    if (end > i) return std::string(tag.substr(i, end - i));
  }
  return {};
}

}  // namespace

std::string html_declared_charset(std::string_view bytes) {
  // Browsers look only this far for a declaration (HTML's prescan uses 1024 bytes).
  constexpr std::size_t kScanBytes = 2048;
  const std::string head = to_lower_ascii(bytes.substr(0, kScanBytes));
  if (head.starts_with("<?xml")) {
    if (auto encoding = value_after(head.substr(0, head.find("?>")), "encoding");
        !encoding.empty()) {
      return encoding;
    }
  }
  for (std::size_t at = head.find("<meta"); at != std::string::npos;
       at = head.find("<meta", at + 1)) {
    const std::size_t end = head.find('>', at);
    const std::string_view tag =
        std::string_view(head).substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (auto charset = value_after(tag, "charset"); !charset.empty()) return charset;
  }
  return {};
}

}  // namespace gazette::text

// Legacy charsets: naming them the way browsers do, converting with ICU, detecting them with
// uchardet. Used by text::decode_to_utf8; all functions are thread-safe and never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gazette::text {

/// How a charset name is to be decoded.
enum class CharsetFamily {
  unknown,      ///< Neither this code nor ICU knows the name.
  utf8,         ///< "utf-8", "utf8".
  windows1252,  ///< windows-1252 and what browsers read as it: iso-8859-1, us-ascii, latin1.
  icu,          ///< Anything else ICU can convert.
};

/// The family of `name` (case, spaces and quotes ignored) and, for `icu`, the name to open:
/// labels that browsers read as a superset are widened (gb2312 -> gb18030, shift_jis ->
/// windows-31j, euc-kr -> windows-949, iso-8859-9 -> windows-1254, tis-620 -> windows-874).
CharsetFamily classify_charset(std::string_view name, std::string* icu_name = nullptr);

/// `bytes` decoded from the ICU charset `icu_name` to UTF-8; sequences the charset cannot
/// map become U+FFFD. Empty optional when ICU cannot open the charset.
std::optional<std::string> icu_to_utf8(std::string_view bytes, const std::string& icu_name);

/// The charset uchardet finds in `bytes` (which are not valid UTF-8) when it has enough to go
/// on: at least a few non-ASCII bytes and an answer other than "ASCII" or nothing. Empty
/// otherwise, so that the caller falls back to Windows-1252.
std::string detect_charset(std::string_view bytes);

}  // namespace gazette::text

// Text utilities shared by readers and the searcher: decoding bytes to UTF-8, entity
// decoding, cleaning control characters, and small string helpers. All functions are pure
// and thread-safe; none throws on malformed input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gazette::text {

/// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values > U+10FFFF).
bool is_valid_utf8(std::string_view bytes) noexcept;

/// Bytes to UTF-8: a UTF-8 byte-order mark is dropped; valid UTF-8 is kept as it is (pages
/// re-saved by crawlers often keep a stale single-byte declaration); otherwise the
/// `declared_charset` (from an HTML meta tag, XML declaration or MIME header; may be empty)
/// is honoured when ICU knows it (iso-8859-1 and us-ascii read as windows-1252, as browsers
/// do), else the charset is detected (uchardet, when it has enough non-ASCII bytes to go
/// on); what cannot be decoded falls back to Windows-1252 (a superset of Latin-1 for
/// printable text). Bytes a charset cannot map become U+FFFD; in text declared or detected
/// as UTF-8, each invalid byte is read as Windows-1252 (a stray Latin-1 byte in a UTF-8
/// page). No byte sequence is ever dropped or rejected.
std::string decode_to_utf8(std::string_view bytes, std::string_view declared_charset = {});

/// The charset an HTML or XHTML page declares in its first 2 KB (`<meta charset=...>`,
/// `<meta http-equiv="Content-Type" content="...; charset=...">`, `<?xml encoding=...?>`),
/// lower-cased; empty when it declares none.
std::string html_declared_charset(std::string_view bytes);

/// Windows-1252 to UTF-8; the five bytes 1252 leaves undefined map to U+FFFD.
std::string windows1252_to_utf8(std::string_view bytes);

/// Appends the UTF-8 encoding of `code_point` (U+FFFD for invalid values).
void append_utf8(std::string& out, char32_t code_point);

/// Decodes HTML character references: named (`&amp;`, `&eacute;`, `&nbsp;`) and numeric
/// (`&#8217;`, `&#x2019;`). Unknown or unterminated references are left as they are;
/// numeric references to C0/C1 controls are dropped (Reuters' `&#3;`).
std::string decode_entities(std::string_view utf8);

/// Cleans decoded text: CRLF and CR become LF, NUL and other C0/C1 control characters
/// (except tab and newline) and U+FFFE/U+FFFF are removed, no-break and other Unicode
/// spaces become plain spaces, trailing spaces are trimmed from each line, and runs of
/// more than one blank line shrink to one.
std::string clean_text(std::string_view utf8);

/// Collapses every run of whitespace (including newlines) to one space and trims.
std::string collapse_whitespace(std::string_view text);

/// Removes leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text) noexcept;

/// ASCII lower-casing (other bytes unchanged).
std::string to_lower_ascii(std::string_view text);

/// ASCII upper-casing (other bytes unchanged).
std::string to_upper_ascii(std::string_view text);

/// True when `text` starts with `prefix`, comparing ASCII letters case-insensitively.
bool starts_with_nocase(std::string_view text, std::string_view prefix) noexcept;

/// True when `a` equals `b`, comparing ASCII letters case-insensitively.
bool equals_nocase(std::string_view a, std::string_view b) noexcept;

/// Splits on '\n' (a final empty piece after a trailing newline is not returned).
std::vector<std::string_view> split_lines(std::string_view text);

/// The whitespace-separated words of `text` (views into it).
std::vector<std::string_view> split_words(std::string_view text);

/// Number of whitespace-separated words.
std::size_t count_words(std::string_view text) noexcept;

/// The longest prefix of `utf8` of at most `max_bytes` bytes that ends on a character
/// boundary.
std::string_view truncate_utf8(std::string_view utf8, std::size_t max_bytes) noexcept;

/// Appends `value`, whitespace collapsed, to `list` unless it is empty or already there
/// (compared ignoring ASCII case): authors and tags gathered from several places.
void add_unique(std::vector<std::string>& list, std::string_view value);

}  // namespace gazette::text

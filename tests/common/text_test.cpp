// Tests for common/src/text.cpp: decoding, entities, cleaning, helpers.
#include "common/src/text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace gazette::text;

TEST_CASE("text: decode_to_utf8 keeps valid UTF-8 and falls back to Windows-1252") {
  struct Case {
    std::string in, expected;
  };
  const Case cases[] = {
      {"plain ascii", "plain ascii"},
      {"caf\xC3\xA9", "caf\xC3\xA9"},                        // Valid UTF-8 stays.
      {"\xEF\xBB\xBFwith bom", "with bom"},                  // BOM dropped.
      {"caf\xE9", "caf\xC3\xA9"},                            // Latin-1 é.
      {"\x93quoted\x94", "\xE2\x80\x9Cquoted\xE2\x80\x9D"},  // 1252 curly quotes.
      {"a \xA3"
       "15m deal",
       "a \xC2\xA3"
       "15m deal"},                                      // Pound sign.
      {"\x80", "\xE2\x82\xAC"},                          // Euro.
      {"\x81", "\xEF\xBF\xBD"},                          // Undefined -> U+FFFD.
      {"\xC3\x28", "\xC3\x83("},                         // Broken UTF-8 -> 1252.
      {"\xED\xA0\x80", "\xC3\xAD\xC2\xA0\xE2\x82\xAC"},  // Surrogate is invalid.
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(decode_to_utf8(c.in) == c.expected);
    CHECK(is_valid_utf8(decode_to_utf8(c.in)));
  }
}

TEST_CASE("text: is_valid_utf8 rejects overlongs and truncation") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // Overlong '/'.
  CHECK_FALSE(is_valid_utf8("\xF0\x9F\x98"));      // Truncated.
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // Above U+10FFFF.
}

TEST_CASE("text: decode_entities") {
  struct Case {
    std::string in, expected;
  };
  const Case cases[] = {
      {"Tom &amp; Jerry", "Tom & Jerry"},
      {"caf&eacute;", "caf\xC3\xA9"},
      {"it&#8217;s", "it\xE2\x80\x99s"},
      {"it&#x2019;s", "it\xE2\x80\x99s"},
      {"&lt;b&gt;", "<b>"},
      {"a&nbsp;b",
       "a\xC2\xA0"
       "b"},
      {"don&apos;t", "don't"},
      {"AT&T and R&D", "AT&T and R&D"},        // Bare ampersands stay.
      {"&unknownentity;", "&unknownentity;"},  // Unknown names stay.
      {"ctrl&#3;x&#127;y", "ctrlxy"},          // Control references dropped (Reuters).
      {"&#;", "&#;"},
      {"&#99999999999;", "&#99999999999;"},  // Absurd numbers left alone.
      {"tail &amp", "tail &amp"},            // Unterminated.
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(decode_entities(c.in) == c.expected);
  }
}

TEST_CASE("text: clean_text normalises lines and removes control characters") {
  struct Case {
    std::string in, expected;
  };
  const Case cases[] = {
      {"a\r\nb\rc", "a\nb\nc"},
      {"a\x01\x02"
       "b\x7F",
       "ab"},
      {"x\xC2\x85y", "xy"},  // C1 control (NEL) removed.
      {"one  two\tthree", "one two three"},
      {"trailing   \nnext", "trailing\nnext"},
      {"p1\n\n\n\n\np2", "p1\n\np2"},  // Blank runs shrink to one.
      {"\n\n  lead", "lead"},
      {"no\xC2\xA0"
       "break",
       "no break"},  // NBSP becomes a space.
      {std::string("nul\0byte", 8), "nulbyte"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(clean_text(c.in) == c.expected);
  }
}

TEST_CASE("text: small helpers") {
  CHECK(collapse_whitespace("  a \n\t b  ") == "a b");
  CHECK(trim(" \t x y \n") == "x y");
  CHECK(to_lower_ascii("ABC déf") == "abc déf");
  CHECK(starts_with_nocase("Related Articles", "related"));
  CHECK_FALSE(starts_with_nocase("Rel", "related"));
  CHECK(equals_nocase("COMMENTS", "comments"));
  CHECK(split_lines("a\nb\n").size() == 2);
  CHECK(split_lines("a\n\nb").size() == 3);
  CHECK(count_words(" one two\nthree ") == 3);
  CHECK(truncate_utf8("caf\xC3\xA9", 4) == "caf");
  CHECK(truncate_utf8("abc", 10) == "abc");
  CHECK(windows1252_to_utf8("\x9C") == "\xC5\x93");
}

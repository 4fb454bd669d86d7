// Tests for common/src/schema.cpp: boolean terms and slugs.
#include <gazette/schema.hpp>

#include <doctest/doctest.h>

using namespace gazette::schema;

TEST_CASE("schema: boolean terms are verbatim when short and hashed when long") {
  CHECK(key_term("bbc/001.txt") == "Qbbc/001.txt");
  const std::string long_a = std::string(400, 'a') + "1";
  const std::string long_b = std::string(400, 'a') + "2";
  CHECK(key_term(long_a).size() <= kMaxKeyTermBytes);
  CHECK(key_term(long_a) != key_term(long_b));
  CHECK(key_term(long_a) == key_term(long_a));
  CHECK(key_term(long_a).starts_with("Qaaaa"));
  // A multi-byte character is never cut in half before the hash.
  std::string accents = "x";
  for (int i = 0; i < 200; ++i)
    accents += "\xC3\xA9";
  const std::string term = boolean_term("U", accents);
  CHECK(term.size() <= kMaxKeyTermBytes);
  const std::string kept = term.substr(0, term.find('#'));
  CHECK((static_cast<unsigned char>(kept.back()) & 0x80) == 0x80);
  CHECK((static_cast<unsigned char>(kept.back()) & 0xC0) == 0x80);  // Ends on a whole é.
}

TEST_CASE("schema: source slugs") {
  CHECK(source_slug("The New York Times") == "the-new-york-times");
  CHECK(source_slug("  BBC News!! ") == "bbc-news");
  CHECK(source_slug("") == "");
  CHECK(source_slug("Reuters") == "reuters");
}

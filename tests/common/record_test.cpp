// Tests for common/src/record.cpp: stored records round-trip every field.
#include "common/src/record.hpp"

#include <gazette/date.hpp>

#include <doctest/doctest.h>

TEST_CASE("record: encode/decode round-trips every field, escapes included") {
  gazette::Article a;
  a.id = "bbc/business/001.txt";
  a.title = "Ad sales boost Time Warner profit";
  a.body = "First paragraph with a back\\slash.\n\nSecond = paragraph\nwith line=break.";
  a.published = gazette::parse_date("2005-01-12T10:00:00Z");
  a.source = "BBC News";
  a.authors = {"Jane Doe", "John Roe"};
  a.url = "https://news.bbc.co.uk/1/hi/business/4176803.stm";
  a.lang = "en";
  a.tags = {"business", "media"};
  a.format = "text";
  a.origin = {"/archive/bbc/business/001.txt", "3"};
  CHECK(gazette::record::decode(gazette::record::encode(a)) == a);
}

TEST_CASE("record: empty fields are omitted and junk lines ignored") {
  gazette::Article a;
  a.id = "x";
  const std::string data = gazette::record::encode(a);
  CHECK(data == "id=x\n");
  const auto decoded =
      gazette::record::decode("garbage line\nid=y\nfuture_field=1\ndate=nonsense\n");
  CHECK(decoded.id == "y");
  CHECK_FALSE(decoded.published.has_value());
}

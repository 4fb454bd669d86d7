// Tests for common/src/date.cpp: the date formats of news archives, and refusals.
#include <gazette/date.hpp>

#include <doctest/doctest.h>

#include <string>

using gazette::format_iso8601;
using gazette::parse_date;

TEST_CASE("date: accepted forms normalise to UTC") {
  struct Case {
    std::string in, expected;
  };
  const Case cases[] = {
      {"2025-06-12", "2025-06-12T00:00:00Z"},
      {"2025-06-12T14:03:00Z", "2025-06-12T14:03:00Z"},
      {"2025-06-12T14:03:00.123+02:00", "2025-06-12T12:03:00Z"},
      {"2025-06-12 14:03", "2025-06-12T14:03:00Z"},
      {"2025-06-12T14:03:00-0500", "2025-06-12T19:03:00Z"},
      {"20250612", "2025-06-12T00:00:00Z"},
      {"20250612T140300Z", "2025-06-12T14:03:00Z"},
      {"20250612T1403-0400", "2025-06-12T18:03:00Z"},
      {"Thu, 12 Jun 2025 14:03:00 GMT", "2025-06-12T14:03:00Z"},
      {"Thu, 12 Jun 2025 14:03:00 +0100", "2025-06-12T13:03:00Z"},
      {"12 Jun 2025 14:03 EDT", "2025-06-12T18:03:00Z"},
      {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01Z"},
      {"June 12, 2025", "2025-06-12T00:00:00Z"},
      {"12 June 2025", "2025-06-12T00:00:00Z"},
      {"Jun. 12, 2025 2:03 PM EDT", "2025-06-12T18:03:00Z"},
      {"December 12, 1989, Tuesday, Home Edition", "1989-12-12T00:00:00Z"},
      {"Published June 12th, 2025", "2025-06-12T00:00:00Z"},
      {"Sept 3, 2004", "2004-09-03T00:00:00Z"},
      {"01/04/63", "1963-01-04T00:00:00Z"},
      {"12/31/2004", "2004-12-31T00:00:00Z"},
      {"12:00 AM, March 1, 2020", "2020-03-01T00:00:00Z"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    const auto parsed = parse_date(c.in);
    REQUIRE(parsed.has_value());
    CHECK(format_iso8601(*parsed) == c.expected);
  }
}

TEST_CASE("date: uncertain or impossible dates are refused, never guessed") {
  const std::string refused[] = {"",
                                 "yesterday",
                                 "5 min read",
                                 "Updated 3 hours ago",
                                 "2025-13-01",
                                 "2025-02-30",
                                 "February 30, 2025",
                                 "June 2025",
                                 "June 12",
                                 "2025-06-12T25:00:00Z",
                                 "13/45/2020",
                                 "June July 12, 2025",
                                 std::string(500, '9')};
  for (const auto& s : refused) {
    CAPTURE(s);
    CHECK_FALSE(parse_date(s).has_value());
  }
}

// Dates: parsing the many ways news archives write them, and formatting as ISO 8601.
#pragma once

#include <gazette/article.hpp>
#include <gazette/export.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace gazette {

/// Parses a date or date-time into UTC. Accepts ISO 8601 / RFC 3339 ("2025-06-12",
/// "2025-06-12T14:03:00Z", "2025-06-12 14:03:00+02:00"), RFC 822/1123 ("Thu, 12 Jun 2025
/// 14:03:00 GMT"), Reuters style ("26-FEB-1987 15:01:01.79"), and written dates ("June 12,
/// 2025", "12 June 2025", "Jun. 12, 2025 2:03 PM EDT"); a trailing weekday or edition note
/// is ignored. Times without a zone are taken as UTC. Returns nullopt for anything it
/// cannot read with certainty (never a guess): an impossible day, an unknown word.
/// Throws nothing but std::bad_alloc.
GAZETTE_EXPORT std::optional<Timestamp> parse_date(std::string_view text);

/// `time` in ISO 8601 / RFC 3339 form, UTC, to the second: "2025-06-12T14:03:00Z".
/// Throws nothing but std::bad_alloc.
GAZETTE_EXPORT std::string format_iso8601(Timestamp time);

/// The UTC day of `time`, ISO 8601: "2025-06-12". Throws nothing but std::bad_alloc.
GAZETTE_EXPORT std::string format_date(Timestamp time);

}  // namespace gazette

// Narrowing a search: the filter fields of SearchRequest and the filter fields of the query
// language (source: lang: tag: site: date: year:), all as boolean Xapian queries that
// restrict what matches without changing any score.
#pragma once

#include <gazette/searcher.hpp>

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::searcher {

/// Which end of a partial date's period a bound stands for.
enum class DateEnd { first_day, last_day };

/// "1987", "1987-03" or "1987-03-09" as the first or last day of that period, in the
/// "YYYYMMDD" form of schema::kDateYmd; nullopt when it is not such a date (1987-13,
/// 1987-02-30, yesterday).
std::optional<std::string> date_bound(std::string_view text, DateEnd end);

/// Articles of `db` dated within [first, last] ("YYYYMMDD", either may be empty for no
/// bound); an empty Query when both are empty. An OR of the fewest day, month and year
/// terms that cover the range when `db` has them (schema::kDateTermsKey), else a range of
/// kDateYmd values.
Xapian::Query date_range(const std::string& first, const std::string& last,
                         const Xapian::Database& db);

/// The filter fields of `request` as one boolean query: values of one field OR together,
/// fields AND together. An empty Query when there are none. Throws gazette::Error
/// (invalid_input) for a bad date, `since` after `until`, or a value that is empty.
Xapian::Query request_filter(const SearchRequest& request, const Xapian::Database& db);

/// Registers the query language's filter fields on `parser`, for searching `db`. A bad date
/// met while parsing is appended to `bad_dates` (which, like `db`, must outlive the
/// parser), so that the caller can reject it once Xapian's parser has returned.
void add_filter_fields(Xapian::QueryParser& parser, std::vector<std::string>& bad_dates,
                       const Xapian::Database& db);

}  // namespace gazette::searcher

// Facets and the timeline: exact counts of values over every article a query matches,
// gathered by Xapian match spies in one extra pass that neither ranks nor collapses.
#pragma once

#include <gazette/searcher.hpp>

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace gazette::searcher {

/// Throws gazette::Error (invalid_input) for an unknown facet name or a facet_limit of 0.
void validate_facets(const SearchRequest& request);

/// The ISO 8601 week "YYYY-Www" of a "YYYYMMDD" date; "" when it is not a valid date.
std::string iso_week(std::string_view ymd);

/// Counts the facets and timeline `request` asks for over every document matching `query`
/// and stores them in `result`. Does nothing when neither is asked for.
void add_breakdowns(const Xapian::Database& db, const Xapian::Query& query,
                    const SearchRequest& request, SearchResult& result);

}  // namespace gazette::searcher

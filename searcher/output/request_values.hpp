// Checks of the values a front end hands to a SearchRequest (limits, sort, match,
// timeline, recency, facet and field lists), shared by gazette-search's options and
// gazette-serve's parameters so that both refuse a bad value with the same one-line
// message. Each check names the option or parameter as the caller spells it ("--sort",
// "sort") and throws gazette::InvalidInputError.
#pragma once

#include <gazette/searcher.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::output {

/// `value` when within [min, max], else throws "NAME must be between MIN and MAX, not V".
std::size_t in_range(long long value, long long min, long long max, std::string_view name);

/// A whole decimal number; throws "NAME must be a whole number, not 'TEXT'" otherwise.
long long whole_number(const std::string& text, std::string_view name);

/// "relevance", "newest" or "oldest".
SortOrder sort_order(const std::string& text, std::string_view name);

/// "all" or "any".
MatchMode match_mode(const std::string& text, std::string_view name);

/// "none", "day", "week", "month" or "year".
TimelineGranularity timeline_granularity(const std::string& text, std::string_view name);

/// "30d" -> 30 days. Units: h(ours), d(ays), w(eeks), m(onths of 30.44 days), y(ears of
/// 365.25 days); "0" alone turns recency off.
std::chrono::seconds half_life(const std::string& text, std::string_view name);

/// "source,year" -> {"source", "year"}; "" -> {}.
std::vector<std::string> comma_list(const std::string& list);

/// A comma-separated list of hit field names (output::hit_field_names()), checked.
std::vector<std::string> hit_fields(const std::string& list, std::string_view name);

}  // namespace gazette::output

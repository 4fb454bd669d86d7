// Checks of search request values shared by the front ends: see request_values.hpp.
#include "searcher/output/request_values.hpp"

#include "searcher/output/json_output.hpp"

#include <gazette/error.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace gazette::output {

std::size_t in_range(long long value, long long min, long long max, std::string_view name) {
  if (value < min || value > max) {
    throw InvalidInputError(
        fmt::format("{} must be between {} and {}, not {}", name, min, max, value));
  }
  return static_cast<std::size_t>(value);
}

long long whole_number(const std::string& text, std::string_view name) {
  long long value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end) {
    throw InvalidInputError(fmt::format("{} must be a whole number, not '{}'", name, text));
  }
  return value;
}

SortOrder sort_order(const std::string& text, std::string_view name) {
  if (text == "relevance") return SortOrder::relevance;
  if (text == "newest") return SortOrder::newest;
  if (text == "oldest") return SortOrder::oldest;
  throw InvalidInputError(
      fmt::format("{} must be relevance, newest or oldest, not '{}'", name, text));
}

MatchMode match_mode(const std::string& text, std::string_view name) {
  if (text == "all") return MatchMode::all;
  if (text == "any") return MatchMode::any;
  throw InvalidInputError(fmt::format("{} must be all or any, not '{}'", name, text));
}

TimelineGranularity timeline_granularity(const std::string& text, std::string_view name) {
  using G = TimelineGranularity;
  if (text == "none") return G::none;
  if (text == "day") return G::day;
  if (text == "week") return G::week;
  if (text == "month") return G::month;
  if (text == "year") return G::year;
  throw InvalidInputError(fmt::format("{} must be day, week, month or year, not '{}'", name, text));
}

std::chrono::seconds half_life(const std::string& text, std::string_view name) {
  constexpr double kDay = 86'400;
  const std::pair<char, double> units[] = {
      {'h', 3'600}, {'d', kDay}, {'w', 7 * kDay}, {'m', 30.436875 * kDay}, {'y', 365.25 * kDay}};
  if (text == "0") return std::chrono::seconds{0};
  std::size_t used = 0;
  double amount = -1;
  try {
    amount = std::stod(text, &used);
  } catch (const std::exception&) {
  }
  const auto unit = std::find_if(std::begin(units), std::end(units), [&](const auto& u) {
    return used + 1 == text.size() && text[used] == u.first;
  });
  if (amount < 0 || !std::isfinite(amount) || unit == std::end(units) || amount > 1000) {
    throw InvalidInputError(fmt::format(
        "{} must be a half-life such as 12h, 30d, 6w, 3m or 2y (or 0 for none), not '{}'", name,
        text));
  }
  return std::chrono::seconds{static_cast<long long>(amount * unit->second)};
}

std::vector<std::string> comma_list(const std::string& list) {
  std::vector<std::string> names;
  if (list.empty()) return names;
  for (std::size_t begin = 0;;) {
    const std::size_t end = std::min(list.find(',', begin), list.size());
    names.push_back(list.substr(begin, end - begin));
    if (end == list.size()) return names;
    begin = end + 1;
  }
}

std::vector<std::string> hit_fields(const std::string& list, std::string_view name) {
  std::vector<std::string> fields = comma_list(list);
  const auto& known = hit_field_names();
  for (const auto& f : fields) {
    if (std::find(known.begin(), known.end(), f) == known.end()) {
      throw InvalidInputError(
          fmt::format("{}: unknown field '{}' (known: {})", name, f, fmt::join(known, ",")));
    }
  }
  return fields;
}

}  // namespace gazette::output

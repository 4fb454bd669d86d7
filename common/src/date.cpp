// Date parsing for news archives: ISO 8601, RFC 822, Reuters and written dates.
#include <gazette/date.hpp>

#include "common/src/text.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cstdlib>

namespace gazette {
namespace {

using namespace std::chrono;

struct Fields {
  int year = -1, month = -1, day = -1;
  int hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;  // Zone offset east of UTC.
  bool has_time = false;
};

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Reads exactly `n` digits at s[pos]; advances pos.
bool read_digits(std::string_view s, std::size_t& pos, int n, int& value) noexcept {
  if (pos + static_cast<std::size_t>(n) > s.size()) return false;
  value = 0;
  for (int k = 0; k < n; ++k) {
    const char c = s[pos + static_cast<std::size_t>(k)];
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(n);
  return true;
}

std::optional<Timestamp> to_timestamp(const Fields& f) {
  if (f.year < 1 || f.year > 9999) return std::nullopt;
  const year_month_day ymd{year{f.year}, month{static_cast<unsigned>(f.month)},
                           day{static_cast<unsigned>(f.day)}};
  if (f.month < 1 || f.month > 12 || f.day < 1 || !ymd.ok()) return std::nullopt;
  if (f.hour < 0 || f.hour > 23 || f.minute < 0 || f.minute > 59 || f.second < 0 || f.second > 60)
    return std::nullopt;
  const auto local =
      sys_days{ymd} + hours{f.hour} + minutes{f.minute} + seconds{std::min(f.second, 59)};
  return time_point_cast<seconds>(local - minutes{f.offset_minutes});
}

// "+02:00", "-0500", "+02", "Z"; returns false if s[pos] starts no offset.
bool read_numeric_offset(std::string_view s, std::size_t& pos, int& offset) noexcept {
  if (pos >= s.size()) return false;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
    offset = 0;
    return true;
  }
  if (s[pos] != '+' && s[pos] != '-') return false;
  const int sign = s[pos] == '-' ? -1 : 1;
  std::size_t p = pos + 1;
  int hh = 0, mm = 0;
  if (!read_digits(s, p, 2, hh)) return false;
  if (p < s.size() && s[p] == ':') ++p;
  std::size_t after_hours = p;
  if (!read_digits(s, p, 2, mm)) {  // Minutes are optional ("+02").
    mm = 0;
    p = after_hours;
  }
  if (hh > 14 || mm > 59) return false;
  offset = sign * (hh * 60 + mm);
  pos = p;
  return true;
}

// ISO 8601 / RFC 3339: YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][zone]. Also YYYYMMDD.
// ISO 8601 basic date-time, "20250612T140300Z" or "20250612T1403-0400", as NITF's
// norm attributes write it.
std::optional<Timestamp> parse_iso_basic(std::string_view s) {
  Fields f;
  std::size_t pos = 0;
  if (!read_digits(s, pos, 4, f.year) || !read_digits(s, pos, 2, f.month) ||
      !read_digits(s, pos, 2, f.day) || pos >= s.size() || (s[pos] != 'T' && s[pos] != 't'))
    return std::nullopt;
  ++pos;
  if (!read_digits(s, pos, 2, f.hour) || !read_digits(s, pos, 2, f.minute)) return std::nullopt;
  if (pos < s.size() && is_digit(s[pos]) && !read_digits(s, pos, 2, f.second)) return std::nullopt;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    while (pos < s.size() && is_digit(s[pos]))
      ++pos;
  }
  if (pos < s.size() && !read_numeric_offset(s, pos, f.offset_minutes)) return std::nullopt;
  if (pos != s.size()) return std::nullopt;
  return to_timestamp(f);
}

std::optional<Timestamp> parse_iso(std::string_view s) {
  Fields f;
  std::size_t pos = 0;
  if (!read_digits(s, pos, 4, f.year)) return std::nullopt;
  if (pos < s.size() && s[pos] == '-') {
    ++pos;
    if (!read_digits(s, pos, 2, f.month) || pos >= s.size() || s[pos] != '-') return std::nullopt;
    ++pos;
    if (!read_digits(s, pos, 2, f.day)) return std::nullopt;
  } else if (s.size() == 8) {
    if (!read_digits(s, pos, 2, f.month) || !read_digits(s, pos, 2, f.day)) return std::nullopt;
  } else if (s.size() > 8 && (s[8] == 'T' || s[8] == 't')) {
    return parse_iso_basic(s);
  } else {
    return std::nullopt;
  }
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) {
    ++pos;
    if (!read_digits(s, pos, 2, f.hour) || pos >= s.size() || s[pos] != ':') return std::nullopt;
    ++pos;
    if (!read_digits(s, pos, 2, f.minute)) return std::nullopt;
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!read_digits(s, pos, 2, f.second)) return std::nullopt;
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        while (pos < s.size() && is_digit(s[pos]))
          ++pos;
      }
    }
    while (pos < s.size() && s[pos] == ' ')
      ++pos;
    if (pos < s.size() && !read_numeric_offset(s, pos, f.offset_minutes)) {
      const std::string_view rest = text::trim(s.substr(pos));
      if (!text::equals_nocase(rest, "UTC") && !text::equals_nocase(rest, "GMT"))
        return std::nullopt;
      pos = s.size();
    }
  }
  if (pos != s.size()) return std::nullopt;
  return to_timestamp(f);
}

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> kMonthNames = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

int month_from_word(const std::string& w) noexcept {
  for (std::size_t m = 0; m < 12; ++m) {
    if (w == kMonths[m] || w == kMonthNames[m] || (m == 8 && w == "sept"))
      return static_cast<int>(m) + 1;
  }
  return -1;
}

bool is_weekday(const std::string& w) noexcept {
  static constexpr std::array<std::string_view, 7> days = {"mon", "tue", "wed", "thu",
                                                           "fri", "sat", "sun"};
  static constexpr std::array<std::string_view, 7> names = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (std::size_t d = 0; d < 7; ++d) {
    if (w == days[d] || w == names[d] || w == std::string(days[d]) + "s") return true;
  }
  return w == "tues" || w == "thur" || w == "thurs";
}

// Offset in minutes of a named zone; false when the word is no zone we know.
bool zone_offset(const std::string& w, int& offset) noexcept {
  struct Zone {
    std::string_view name;
    int hours;
  };
  static constexpr std::array<Zone, 16> zones = {{{"utc", 0},
                                                  {"gmt", 0},
                                                  {"ut", 0},
                                                  {"z", 0},
                                                  {"est", -5},
                                                  {"edt", -4},
                                                  {"cst", -6},
                                                  {"cdt", -5},
                                                  {"mst", -7},
                                                  {"mdt", -6},
                                                  {"pst", -8},
                                                  {"pdt", -7},
                                                  {"bst", 1},
                                                  {"cet", 1},
                                                  {"cest", 2},
                                                  {"et", -5}}};
  for (const auto& z : zones) {
    if (w == z.name) {
      offset = z.hours * 60;
      return true;
    }
  }
  return false;
}

// Two-digit years: 00-49 are 2000-2049, 50-99 are 1950-1999 (RFC 2822 §4.3 style).
int expand_year(int yy) noexcept {
  return yy < 50 ? 2000 + yy : 1900 + yy;
}

// "HH:MM[:SS[.ff]]" at s[pos].
bool read_clock(std::string_view s, std::size_t& pos, Fields& f) noexcept {
  std::size_t p = pos;
  int hh = 0;
  std::size_t start = p;
  while (p < s.size() && is_digit(s[p]))
    ++p;
  if (p - start < 1 || p - start > 2 || p >= s.size() || s[p] != ':') return false;
  hh = std::atoi(std::string(s.substr(start, p - start)).c_str());
  ++p;
  int mm = 0, ss = 0;
  if (!read_digits(s, p, 2, mm)) return false;
  if (p < s.size() && s[p] == ':') {
    ++p;
    if (!read_digits(s, p, 2, ss)) return false;
    if (p < s.size() && s[p] == '.') {
      ++p;
      while (p < s.size() && is_digit(s[p]))
        ++p;
    }
  }
  f.hour = hh, f.minute = mm, f.second = ss, f.has_time = true;
  pos = p;
  return true;
}

// Everything that is not ISO: a token walk over words, numbers, clock times and zones.
std::optional<Timestamp> parse_words(std::string_view s) {
  Fields f;
  std::vector<int> numbers;  // Day/year candidates, in order of appearance.
  std::vector<std::size_t> number_digits;
  bool pm = false, am = false, zone_seen = false;
  bool date_complete = false;  // Once day, month and year are known, trailing words are notes.
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char c = s[pos];
    if (is_digit(c)) {
      if (read_clock(s, pos, f)) continue;
      const std::size_t start = pos;
      while (pos < s.size() && is_digit(s[pos]))
        ++pos;
      // Numeric dates "01/04/63", "12/06/2025": month/day/year (US order).
      if (pos < s.size() && (s[pos] == '/') && numbers.empty() && f.month < 0) {
        int parts[3] = {0, 0, 0};
        std::size_t digits[3] = {0, 0, 0};
        std::size_t p = start;
        int k = 0;
        for (; k < 3; ++k) {
          const std::size_t b = p;
          while (p < s.size() && is_digit(s[p]))
            ++p;
          if (p == b || p - b > 4) return std::nullopt;
          parts[k] = std::atoi(std::string(s.substr(b, p - b)).c_str());
          digits[k] = p - b;
          if (k < 2) {
            if (p >= s.size() || s[p] != '/') return std::nullopt;
            ++p;
          }
        }
        if (digits[0] > 2 || digits[1] > 2 || (digits[2] != 2 && digits[2] != 4))
          return std::nullopt;
        f.month = parts[0];
        f.day = parts[1];
        f.year = digits[2] == 2 ? expand_year(parts[2]) : parts[2];
        pos = p;
        date_complete = true;
        continue;
      }
      // Reuters "26-FEB-1987".
      if (pos < s.size() && s[pos] == '-' && pos + 1 < s.size() && is_alpha(s[pos + 1])) {
        numbers.push_back(std::atoi(std::string(s.substr(start, pos - start)).c_str()));
        number_digits.push_back(pos - start);
        ++pos;
        continue;
      }
      if (date_complete) break;
      numbers.push_back(std::atoi(std::string(s.substr(start, pos - start)).c_str()));
      number_digits.push_back(pos - start);
      // Ordinal suffixes: "12th".
      if (pos + 1 < s.size() && is_alpha(s[pos]) && is_alpha(s[pos + 1])) {
        const std::string suffix = text::to_lower_ascii(s.substr(pos, 2));
        if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") pos += 2;
      }
      continue;
    }
    if (is_alpha(c)) {
      const std::size_t start = pos;
      while (pos < s.size() && is_alpha(s[pos]))
        ++pos;
      const std::string word = text::to_lower_ascii(s.substr(start, pos - start));
      if (const int m = month_from_word(word); m > 0) {
        if (f.month > 0) {
          if (date_complete) break;
          return std::nullopt;  // Two months: not one date.
        }
        f.month = m;
        if (pos < s.size() && s[pos] == '-' && pos + 1 < s.size() && is_digit(s[pos + 1])) ++pos;
      } else if (word == "am" || word == "pm" || word == "a" || word == "p") {
        if (word[0] == 'p')
          pm = true;
        else
          am = true;
        if (pos + 1 < s.size() && s[pos] == '.' && (s[pos + 1] == 'm' || s[pos + 1] == 'M'))
          pos += 2;
      } else if (!zone_seen && f.has_time && zone_offset(word, f.offset_minutes)) {
        zone_seen = true;
      } else if (word == "t" && f.has_time == false && pos < s.size() && is_digit(s[pos])) {
        // "T" separating date and time.
      } else if (is_weekday(word)) {
      } else if (date_complete || f.month > 0 || !numbers.empty()) {
        // Trailing notes ("Home Edition") or words between parts ("of", "at"): ignore.
      }
      continue;
    }
    if ((c == '+' || c == '-') && f.has_time && !zone_seen) {
      std::size_t p = pos;
      int offset = 0;
      if (read_numeric_offset(s, p, offset) && p - pos >= 5) {
        f.offset_minutes = offset;
        zone_seen = true;
        pos = p;
        continue;
      }
    }
    ++pos;
    if (f.month > 0 && numbers.size() >= 2) date_complete = true;
  }
  if (f.month < 0) return std::nullopt;
  if (f.day < 0) {
    // Exactly a day (1-2 digits) and a year (4 digits, or 2 with a documented century rule).
    if (numbers.size() != 2) return std::nullopt;
    int day = -1, yr = -1;
    for (std::size_t k = 0; k < 2; ++k) {
      if (number_digits[k] == 4) {
        if (yr >= 0) return std::nullopt;
        yr = numbers[k];
      } else if (number_digits[k] <= 2 && day < 0 && k == 0) {
        day = numbers[k];
      } else if (number_digits[k] <= 2 && day >= 0 && yr < 0) {
        yr = expand_year(numbers[k]);
      } else if (number_digits[k] <= 2 && yr >= 0 && day < 0) {
        day = numbers[k];
      } else {
        return std::nullopt;
      }
    }
    if (day < 0 || yr < 0) return std::nullopt;
    f.day = day;
    f.year = yr;
  }
  if (pm && f.hour < 12) f.hour += 12;
  if (am && f.hour == 12) f.hour = 0;
  if ((pm || am) && (f.hour > 23)) return std::nullopt;
  return to_timestamp(f);
}

}  // namespace

std::optional<Timestamp> parse_date(std::string_view input) {
  const std::string_view s = text::trim(input);
  if (s.empty() || s.size() > 200) return std::nullopt;
  if (s.size() >= 8 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3])) {
    if (auto iso = parse_iso(s)) return iso;
  }
  return parse_words(s);
}

std::string format_iso8601(Timestamp time) {
  const auto days = floor<std::chrono::days>(time);
  const year_month_day ymd{days};
  const hh_mm_ss hms{time - days};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

std::string format_date(Timestamp time) {
  return format_iso8601(time).substr(0, 10);
}

}  // namespace gazette

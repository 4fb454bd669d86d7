// Filters: request fields and query-language fields turned into boolean Xapian queries.
#include "searcher/src/filters.hpp"

#include "searcher/src/query_builder.hpp"

#include <gazette/error.hpp>
#include <gazette/schema.hpp>

#include "common/src/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>

namespace gazette::searcher {
namespace {

// Parses exactly `digits` ASCII digits.
std::optional<int> fixed_digits(std::string_view text, std::size_t digits) {
  int value = 0;
  if (text.size() != digits) return std::nullopt;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string ymd(std::chrono::year_month_day day) {
  return fmt::format("{:04}{:02}{:02}", static_cast<int>(day.year()),
                     static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
}

std::string require_date(std::string_view text, DateEnd end, std::string_view what) {
  if (auto bound = date_bound(text, end)) return *bound;
  throw_error(ErrorCode::invalid_input,
              fmt::format("{} '{}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", what, text));
}

// `value` of the boolean `field` (lower or slug) normalised as the indexer normalised it.
std::string filter_value(const schema::QueryField& field, std::string_view value) {
  return field.kind == schema::FieldKind::slug ? schema::source_slug(value)
                                               : text::to_lower_ascii(value);
}

// ORs the terms of the values of the boolean query field `name`; empty Query for no values.
Xapian::Query any_term(const std::vector<std::string>& values, std::string_view name,
                       std::string_view what) {
  const schema::QueryField& field = *schema::query_field(name);
  std::vector<Xapian::Query> terms;
  for (const auto& value : values) {
    const std::string normal = filter_value(field, text::trim(value));
    if (normal.empty()) {
      throw_error(ErrorCode::invalid_input, fmt::format("{} '{}' is empty", what, value));
    }
    terms.emplace_back(schema::boolean_term(field.prefix, normal));
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// An author is matched as a phrase of A-prefixed words, parsed the way the indexer's
// TermGenerator split it (so "Doe, Jane" and "jane doe" both become words, in order).
Xapian::Query author_phrase(const std::string& author) {
  std::string words = author;
  std::replace(words.begin(), words.end(), '"', ' ');
  Xapian::QueryParser parser;
  const Xapian::Query phrase = parser.parse_query(
      '"' + words + '"', Xapian::QueryParser::FLAG_PHRASE, std::string(schema::kAuthor));
  if (phrase.empty()) {
    throw_error(ErrorCode::invalid_input, fmt::format("author '{}' has no words", author));
  }
  return phrase;
}

Xapian::Query any_author(const std::vector<std::string>& authors) {
  std::vector<Xapian::Query> phrases;
  for (const auto& author : authors)
    phrases.push_back(author_phrase(author));
  return Xapian::Query(Xapian::Query::OP_OR, phrases.begin(), phrases.end());
}

// "YYYYMMDD" as a day; nothing for anything else (an empty bound of an empty archive).
std::optional<std::chrono::sys_days> parse_ymd(std::string_view ymd) {
  using namespace std::chrono;
  if (ymd.size() != 8) return std::nullopt;
  const auto y = fixed_digits(ymd.substr(0, 4), 4), m = fixed_digits(ymd.substr(4, 2), 2),
             d = fixed_digits(ymd.substr(6, 2), 2);
  if (!y || !m || !d) return std::nullopt;
  const year_month_day day{year{*y}, month(*m), std::chrono::day(*d)};
  if (!day.ok()) return std::nullopt;
  return sys_days(day);
}

// The fewest day, month and year terms whose days make up [from, to]: whole years as year
// terms, whole months as month terms, the other days as day terms (at most 60 + 22 + the
// years between).
std::vector<std::string> covering_date_terms(std::chrono::sys_days from, std::chrono::sys_days to) {
  using namespace std::chrono;
  std::vector<std::string> terms;
  for (sys_days day = from; day <= to;) {
    const year_month_day ymd{day};
    const int y = static_cast<int>(ymd.year());
    const unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
    const sys_days year_end{ymd.year() / December / 31};
    const sys_days month_end{year_month_day_last(ymd.year(), month_day_last(ymd.month()))};
    if (m == 1 && d == 1 && year_end <= to) {
      terms.push_back(fmt::format("{}{:04}", schema::kYearTerm, y));
      day = year_end + days(1);
    } else if (d == 1 && month_end <= to) {
      terms.push_back(fmt::format("{}{:04}{:02}", schema::kMonthTerm, y, m));
      day = month_end + days(1);
    } else {
      terms.push_back(fmt::format("{}{:04}{:02}{:02}", schema::kDayTerm, y, m, d));
      day += days(1);
    }
  }
  return terms;
}

Xapian::Query request_dates(const SearchRequest& request, const Xapian::Database& db) {
  const std::string first =
      request.since.empty() ? "" : require_date(request.since, DateEnd::first_day, "since");
  const std::string last =
      request.until.empty() ? "" : require_date(request.until, DateEnd::last_day, "until");
  if (!first.empty() && !last.empty() && first > last) {
    throw_error(ErrorCode::invalid_input,
                fmt::format("since '{}' is after until '{}'", request.since, request.until));
  }
  return date_range(first, last, db);
}

// Exceptions must not cross Xapian's parser: a bad date is remembered for the caller to
// reject after parsing, and a placeholder (never searched) keeps the parse going.
Xapian::Query bad_date(std::vector<std::string>& bad_dates, std::string_view text) {
  bad_dates.emplace_back(text);
  return match_all();
}

// date:A..B and year:A..B: either end may be a partial date, or absent.
class DateRangeProcessor final : public Xapian::RangeProcessor {
 public:
  DateRangeProcessor(const std::string& field, std::vector<std::string>& bad_dates,
                     const Xapian::Database& db)
      : Xapian::RangeProcessor(schema::kDateYmd, field + ":"), bad_dates_(bad_dates), db_(db) {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    const auto first =
        begin.empty() ? std::optional<std::string>("") : date_bound(begin, DateEnd::first_day);
    const auto last =
        end.empty() ? std::optional<std::string>("") : date_bound(end, DateEnd::last_day);
    if (!first) return bad_date(bad_dates_, begin);
    if (!last) return bad_date(bad_dates_, end);
    return date_range(*first, *last, db_);
  }

 private:
  std::vector<std::string>& bad_dates_;
  const Xapian::Database& db_;
};

// date:1987-03 and year:1987: the whole period of one partial date.
class DateFieldProcessor final : public Xapian::FieldProcessor {
 public:
  DateFieldProcessor(std::vector<std::string>& bad_dates, const Xapian::Database& db)
      : bad_dates_(bad_dates), db_(db) {}

  Xapian::Query operator()(const std::string& text) override {
    const auto first = date_bound(text, DateEnd::first_day);
    const auto last = date_bound(text, DateEnd::last_day);
    if (!first || !last) return bad_date(bad_dates_, text);
    return date_range(*first, *last, db_);
  }

 private:
  std::vector<std::string>& bad_dates_;
  const Xapian::Database& db_;
};

// source:, lang:, tag:, site:: a boolean term, normalised as the indexer normalised it.
class TermFieldProcessor final : public Xapian::FieldProcessor {
 public:
  explicit TermFieldProcessor(const schema::QueryField& field) : field_(field) {}

  Xapian::Query operator()(const std::string& text) override {
    return Xapian::Query(schema::boolean_term(field_.prefix, filter_value(field_, text)));
  }

 private:
  const schema::QueryField& field_;  // In schema::kQueryFields: lives for the program.
};

}  // namespace

std::optional<std::string> date_bound(std::string_view text, DateEnd end) {
  using namespace std::chrono;
  const auto y = fixed_digits(text.substr(0, 4), 4);
  if (!y) return std::nullopt;
  const year yr{*y};
  if (text.size() == 4) {
    return ymd(end == DateEnd::first_day ? yr / January / 1 : yr / December / 31);
  }
  if (text.size() < 7 || text[4] != '-') return std::nullopt;
  const auto m = fixed_digits(text.substr(5, 2), 2);
  if (!m || !month(*m).ok()) return std::nullopt;
  const year_month ym = yr / month(*m);
  if (text.size() == 7) {
    return ymd(end == DateEnd::first_day ? ym / 1 : year_month_day(ym / last));
  }
  if (text[7] != '-') return std::nullopt;
  const auto d = fixed_digits(text.substr(8), 2);
  if (!d) return std::nullopt;
  const year_month_day day = ym / *d;
  if (!day.ok()) return std::nullopt;
  return ymd(day);
}

Xapian::Query date_range(const std::string& first, const std::string& last,
                         const Xapian::Database& db) {
  using Q = Xapian::Query;
  if (first.empty() && last.empty()) return Q();
  if (db.get_metadata(std::string(schema::kDateTermsKey)) != "1") {
    if (first.empty()) return Q(Q::OP_VALUE_LE, schema::kDateYmd, last);
    if (last.empty()) return Q(Q::OP_VALUE_GE, schema::kDateYmd, first);
    return Q(Q::OP_VALUE_RANGE, schema::kDateYmd, first, last);
  }
  // An open end stops at the archive's first or last date.
  const std::string from = first.empty() ? db.get_value_lower_bound(schema::kDateYmd) : first;
  const std::string to = last.empty() ? db.get_value_upper_bound(schema::kDateYmd) : last;
  const auto from_day = parse_ymd(from), to_day = parse_ymd(to);
  if (!from_day || !to_day || *from_day > *to_day) {
    // No dated article can match. Not an empty Query, which would mean "no filter".
    return Q(std::string(schema::kDayTerm) + "-");
  }
  const std::vector<std::string> terms = covering_date_terms(*from_day, *to_day);
  return Q(Q::OP_OR, terms.begin(), terms.end());
}

Xapian::Query request_filter(const SearchRequest& request, const Xapian::Database& db) {
  const Xapian::Query fields[] = {
      request_dates(request, db),           any_term(request.sources, "source", "source"),
      any_author(request.authors),          any_term(request.langs, "lang", "language"),
      any_term(request.tags, "tag", "tag"),
  };
  std::vector<Xapian::Query> present;
  std::copy_if(std::begin(fields), std::end(fields), std::back_inserter(present),
               [](const Xapian::Query& q) { return !q.empty(); });
  return Xapian::Query(Xapian::Query::OP_AND, present.begin(), present.end());
}

void add_filter_fields(Xapian::QueryParser& parser, std::vector<std::string>& bad_dates,
                       const Xapian::Database& db) {
  // Xapian counts references to processors handed over with release().
  for (const schema::QueryField& field : schema::kQueryFields) {
    const std::string name(field.name);
    switch (field.kind) {
      case schema::FieldKind::words:
        break;  // Free text: query_builder.cpp adds it with the stemmer.
      case schema::FieldKind::date:
        parser.add_rangeprocessor((new DateRangeProcessor(name, bad_dates, db))->release());
        parser.add_boolean_prefix(name, (new DateFieldProcessor(bad_dates, db))->release());
        break;
      case schema::FieldKind::lower:
      case schema::FieldKind::slug:
        parser.add_boolean_prefix(name, (new TermFieldProcessor(field))->release());
        break;
    }
  }
}

}  // namespace gazette::searcher

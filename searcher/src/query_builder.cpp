// QueryParser set-up shared by every search: fields, stemming, flags, fallback.
#include "searcher/src/query_builder.hpp"

#include <gazette/error.hpp>
#include <gazette/schema.hpp>

#include "common/src/text.hpp"
#include "searcher/src/filters.hpp"
#include "searcher/src/ranking.hpp"
#include "searcher/src/related.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace gazette::searcher {
namespace {

// Wildcards expand to at most this many terms (the most frequent), so "a*" stays cheap.
constexpr Xapian::termcount kMaxWildcardExpansion = 1000;

Xapian::QueryParser make_parser(const Xapian::Database& db, const QueryAnalysis& analysis,
                                MatchMode match, const Ranking& ranking,
                                std::vector<std::string>& bad_dates) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(analysis.stemmer);
  parser.set_stemming_strategy(ranking.stemming);
  // Xapian keeps stopwords in phrases and when the query has nothing else.
  if (ranking.stopwords && analysis.stopper != nullptr) parser.set_stopper(analysis.stopper);
  parser.set_default_op(match == MatchMode::all ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
  parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  for (const schema::QueryField& field : schema::kQueryFields) {
    if (field.kind == schema::FieldKind::words) {
      parser.add_prefix(std::string(field.name), std::string(field.prefix));
    }
  }
  add_filter_fields(parser, bad_dates, db);
  return parser;
}

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                            Xapian::QueryParser::FLAG_LOVEHATE |
                            Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;

// Articles whose title matches the query rank higher: the same query restricted to title
// terms joins with OP_AND_MAYBE, so it adds weight without changing what matches. BM25 on
// the body alone lets a long story that repeats a word outrank the story headlined by it.
Xapian::Query with_title_boost(Xapian::QueryParser& parser, const std::string& query,
                               double title_weight) {
  const Xapian::Query main = parser.parse_query(query, kFlags);
  if (title_weight <= 0 || main.empty()) return main;
  // Every word in the title: a headline that is about the query. Rewarding any one word in
  // it (the default OR) cost 0.09 MAP on TIME written as TREC newspapers, where long
  // queries share some word with many headlines (benchmarks/README.md, "TREC newspaper layouts").
  const Xapian::Query::op default_op = parser.get_default_op();
  parser.set_default_op(Xapian::Query::OP_AND);
  const Xapian::Query in_title = parser.parse_query(query, kFlags, std::string(schema::kTitle));
  parser.set_default_op(default_op);
  if (in_title.empty()) return main;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, main,
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, in_title, title_weight));
}

}  // namespace

std::optional<TextTerm> text_term(std::string_view term) {
  TextTerm out;
  out.stemmed = term.starts_with('Z');
  if (out.stemmed) term.remove_prefix(1);
  // Prefixes are upper case; indexed words never are.
  const auto prefix_end = static_cast<std::size_t>(
      std::find_if(term.begin(), term.end(), [](char c) { return c < 'A' || c > 'Z'; }) -
      term.begin());
  if (prefix_end == term.size()) return std::nullopt;
  const std::string_view prefix = term.substr(0, prefix_end);
  const schema::QueryField* field = schema::words_field_of_prefix(prefix);
  if (field == nullptr && !prefix.empty()) return std::nullopt;  // A filter's term.
  out.word = std::string(term.substr(prefix_end));
  out.field = std::string(field == nullptr ? schema::kTextFieldName : field->name);
  return out;
}

std::string plain_words(std::string_view query) {
  std::string spaced;
  spaced.reserve(query.size());
  for (char c : query) {
    const auto b = static_cast<unsigned char>(c);
    const bool word_char =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || b >= 0x80;
    spaced += word_char ? c : ' ';
  }
  // Upper-case operator words were meant as operators (that is what failed): drop them.
  static constexpr std::string_view kOperators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  std::string out;
  for (std::string_view rest = spaced; !rest.empty();) {
    const std::size_t end = std::min(rest.find(' '), rest.size());
    const std::string_view word = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    if (word.empty() ||
        std::find(std::begin(kOperators), std::end(kOperators), word) != std::end(kOperators)) {
      continue;
    }
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out.empty() ? text::collapse_whitespace(spaced) : out;  // "AND" alone is a word.
}

namespace {

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_alnum(char c) {
  return is_ascii_letter(c) || (c >= '0' && c <= '9');
}

// The end of the initialism starting at `at` ("u.s.", "u.n", "e.g."), or `at` if there is
// none there: single letters joined by dots, at least two, not followed by a letter or digit.
std::size_t initialism_end(std::string_view query, std::size_t at) {
  std::size_t end = at;
  int letters = 0;
  while (end < query.size() && is_ascii_letter(query[end]) &&
         (end + 1 == query.size() || !is_ascii_alnum(query[end + 1]))) {
    ++letters;
    ++end;
    if (end == query.size() || query[end] != '.') break;
    ++end;
  }
  const bool ends_word = end == query.size() || !is_ascii_alnum(query[end]);
  return letters >= 2 && ends_word ? end : at;
}

// Where a bracketed alternative may start: a word of its own, not an operand of +, -, a
// field name or a phrase.
bool starts_free_word(std::string_view query, std::size_t at) {
  return at == 0 || query[at - 1] == ' ' || query[at - 1] == '\t' || query[at - 1] == '(';
}

}  // namespace

std::string with_initialism_readings(std::string_view query) {
  // NEAR and ADJ (also NEAR/n, ADJ/n) take words, not bracketed alternatives.
  for (const std::string_view word : text::split_words(query)) {
    const std::string_view op = word.substr(0, word.find('/'));
    if (op == "NEAR" || op == "ADJ") return std::string(query);
  }
  std::string out;
  bool in_phrase = false;
  for (std::size_t i = 0; i < query.size();) {
    const std::size_t end = in_phrase || !starts_free_word(query, i) ? i : initialism_end(query, i);
    const std::string_view typed = query.substr(i, end - i);
    const std::string upper = text::to_upper_ascii(typed);
    if (end == i || upper == typed) {
      in_phrase ^= query[i] == '"';
      out += query[i++];
      continue;
    }
    out += fmt::format("({} OR {})", typed, upper);
    i = end;
  }
  return out;
}

namespace {

void reject_bad_dates(const std::vector<std::string>& bad_dates) {
  if (bad_dates.empty()) return;
  throw_error(ErrorCode::invalid_input,
              fmt::format("'{}' in the query is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)",
                          bad_dates.front()));
}

// The query text as a Xapian query with one language's analysis, read as plain words when it
// does not parse.
BuiltQuery parse_with(const SearchRequest& request, const Xapian::Database& db,
                      const QueryAnalysis& analysis, const Ranking& ranking) {
  std::vector<std::string> bad_dates;
  Xapian::QueryParser parser = make_parser(db, analysis, request.match, ranking, bad_dates);
  BuiltQuery built;
  try {
    built.query =
        with_title_boost(parser, with_initialism_readings(request.query), ranking.title_weight);
    reject_bad_dates(bad_dates);
    return built;
  } catch (const Xapian::QueryParserError& e) {
    reject_bad_dates(bad_dates);  // A bad date is an error, never a reason to guess.
    built.warnings.push_back(
        fmt::format("could not parse the query ({}); searched for its words", e.get_msg()));
  }
  const std::string words = plain_words(request.query);
  if (words.empty()) {
    throw_error(
        ErrorCode::query_syntax,
        fmt::format("cannot parse query '{}' and it has no words to search for", request.query));
  }
  try {
    built.query = parser.parse_query(words, 0);
  } catch (const Xapian::QueryParserError& e) {
    throw_error(ErrorCode::query_syntax, fmt::format("cannot parse query: {}", e.get_msg()));
  }
  return built;
}

// The query text read with the analysis of each language of the archive, each reading
// matching the articles analysed that way (see languages.hpp). Languages that read it alike
// (names, numbers, words their stemmers agree on) share one reading.
BuiltQuery parse_text(const SearchRequest& request, const Xapian::Database& db,
                      const ArchiveLanguages& languages, const Ranking& ranking) {
  struct Reading {
    Xapian::Query query;
    std::vector<std::size_t> analyses;  // Whose articles it applies to.
  };
  std::map<std::string, Reading> readings;  // By Query::get_description().
  BuiltQuery out;
  const std::vector<QueryAnalysis>& analyses = languages.analyses();
  for (std::size_t i = 0; i < analyses.size(); ++i) {
    BuiltQuery built = parse_with(request, db, analyses[i], ranking);
    Reading& reading = readings[built.query.get_description()];
    reading.query = std::move(built.query);
    reading.analyses.push_back(i);
    for (const std::string& warning : built.warnings)
      text::add_unique(out.warnings, warning);
  }
  std::vector<Xapian::Query> scoped;
  for (auto& [description, reading] : readings)
    scoped.push_back(languages.in_scope(reading.analyses, std::move(reading.query)));
  out.query = scoped.size() == 1
                  ? scoped.front()
                  : Xapian::Query(Xapian::Query::OP_OR, scoped.begin(), scoped.end());
  return out;
}

}  // namespace

BuiltQuery build_query(const SearchRequest& request, const Xapian::Database& db,
                       const ArchiveLanguages& languages, const Ranking& ranking) {
  const Xapian::Query filter = request_filter(request, db);
  const bool no_text = text::trim(request.query).empty();
  const bool like = !request.like.empty();
  if (no_text && !like && filter.empty()) {
    throw_error(ErrorCode::invalid_input,
                "empty query: give at least one word to search for, or a filter");
  }
  BuiltQuery built;
  if (!no_text) built = parse_text(request, db, languages, ranking);
  if (like) {
    const Xapian::Query related = related_query(db, request.like);
    built.query = no_text ? related : Xapian::Query(Xapian::Query::OP_AND, built.query, related);
  } else if (no_text) {
    built.query = match_all();
  }
  // OP_FILTER narrows without adding weight, so scores are those of the query alone.
  if (!filter.empty()) built.query = Xapian::Query(Xapian::Query::OP_FILTER, built.query, filter);
  return built;
}

BuiltQuery build_listing_query(const SearchRequest& request, const Xapian::Database& db,
                               const ArchiveLanguages& languages, const Ranking& ranking) {
  if (text::trim(request.query).empty() && request.like.empty() &&
      request_filter(request, db).empty()) {
    return {match_all(), {}};
  }
  return build_query(request, db, languages, ranking);
}

}  // namespace gazette::searcher

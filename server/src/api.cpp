// Api: see api.hpp. Parameters are read strictly (an unknown or repeated one is refused,
// as gazette-search refuses an unknown option) so that a typo never silently widens a search.
#include "server/src/api.hpp"

#include <gazette/indexer.hpp>

#include "indexer/cli/report.hpp"
#include "searcher/output/json_output.hpp"
#include "searcher/output/request_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>
#include <vector>

namespace gazette::server {
namespace {

constexpr int kOk = 200;
constexpr int kBadRequest = 400;
constexpr int kNotFound = 404;
constexpr int kUriTooLong = 414;
constexpr int kUnavailable = 503;

constexpr std::size_t kDefaultPageSize = 10;
constexpr long long kMaxPageSize = 100;
constexpr long long kMaxPage = 10'000;
constexpr std::size_t kDefaultCompletions = 8;

// Parameters /search takes; `source`, `author`, `tag` and `lang` may be repeated.
constexpr std::array kSearchParams{"q",        "since", "until",  "source",   "author",
                                   "tag",      "lang",  "like",   "sort",     "recency",
                                   "page",     "n",     "facets", "timeline", "normalise",
                                   "collapse", "match", "expand", "passages", "fields"};
constexpr std::array kRepeatable{"source", "author", "tag", "lang"};
constexpr std::array kSuggestParams{"q", "n"};

// A request's parameters, checked against the names an endpoint takes.
class ParamReader {
 public:
  template <std::size_t N>
  ParamReader(const Params& params, const std::array<const char*, N>& known) : params_(params) {
    for (const auto& [name, value] : params) {
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        throw InvalidInputError(fmt::format("unknown parameter '{}'", name));
      }
      const bool repeatable =
          std::find(kRepeatable.begin(), kRepeatable.end(), name) != kRepeatable.end();
      if (!repeatable && params.count(name) > 1) {
        throw InvalidInputError(fmt::format("parameter '{}' given more than once", name));
      }
    }
  }

  std::optional<std::string> get(const std::string& name) const {
    const auto it = params_.find(name);
    if (it == params_.end()) return std::nullopt;
    return it->second;
  }

  std::string get_or(const std::string& name, std::string fallback) const {
    return get(name).value_or(std::move(fallback));
  }

  std::vector<std::string> all(const std::string& name) const {
    std::vector<std::string> values;
    const auto [begin, end] = params_.equal_range(name);
    for (auto it = begin; it != end; ++it)
      values.push_back(it->second);
    return values;
  }

  // "1"/"true" or "0"/"false"; `fallback` when absent.
  bool flag(const std::string& name, bool fallback) const {
    const auto value = get(name);
    if (!value) return fallback;
    if (*value == "1" || *value == "true") return true;
    if (*value == "0" || *value == "false") return false;
    throw InvalidInputError(fmt::format("{} must be 0 or 1, not '{}'", name, *value));
  }

  std::size_t number(const std::string& name, long long min, long long max,
                     std::size_t fallback) const {
    const auto value = get(name);
    if (!value) return fallback;
    return output::in_range(output::whole_number(*value, name), min, max, name);
  }

 private:
  const Params& params_;
};

// Thrown for a q over the length limit: answered 414 rather than 400.
struct QueryTooLong {
  std::string message;
};

// One line of JSON with <, > and & written as \u escapes (legal only inside strings, where
// they mean the same): a body a browser or a careless embedder reads as HTML holds no tag.
std::string html_safe_json(const nlohmann::ordered_json& document) {
  const std::string text = output::dump(document);
  std::string safe;
  safe.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '<':
        safe += "\\u003c";
        break;
      case '>':
        safe += "\\u003e";
        break;
      case '&':
        safe += "\\u0026";
        break;
      default:
        safe += c;
    }
  }
  return safe;
}

ApiResponse json_response(const nlohmann::ordered_json& document) {
  return {kOk, html_safe_json(document)};
}

// Thrown when the database cannot be opened: 503 whatever the error's code (a missing
// database is not a 404 of the request, it is a server not ready to answer).
struct Unavailable {
  Error error;
};

SearcherPool::Lease lease(SearcherPool& pool) {
  try {
    return pool.lease();
  } catch (const Error& e) {
    throw Unavailable{e};
  }
}

// Runs `answer`, turning a failure into its status and error document. Parameters are
// checked before the database is touched, so a bad request is a 400 even while it is down.
template <class Answer>
ApiResponse answering(Answer&& answer) {
  try {
    return answer();
  } catch (const QueryTooLong& e) {
    return error_response(kUriTooLong, ErrorCode::invalid_input, e.message);
  } catch (const Unavailable& e) {
    return error_response(kUnavailable, e.error.code(), e.error.what());
  } catch (const Error& e) {
    return error_response(http_status(e.code()), e.code(), e.what());
  }
}

void set_filters(const ParamReader& in, SearchRequest& r) {
  r.since = in.get_or("since", "");
  r.until = in.get_or("until", "");
  r.sources = in.all("source");
  r.authors = in.all("author");
  r.tags = in.all("tag");
  r.langs = in.all("lang");
  r.like = in.get_or("like", "");
}

void set_page(const ParamReader& in, SearchRequest& r) {
  r.limit = in.number("n", 1, kMaxPageSize, kDefaultPageSize);
  const std::size_t page = in.number("page", 1, kMaxPage, 1);
  r.offset = (page - 1) * r.limit;
}

// The request gazette-search builds from the same options (searcher/cli/options.cpp),
// with page/n in place of --offset/--limit and the CLI's defaults for the rest.
SearchRequest search_request(const ParamReader& in, std::string query) {
  SearchRequest r;
  r.query = std::move(query);
  set_filters(in, r);
  set_page(in, r);
  r.sort = output::sort_order(in.get_or("sort", "relevance"), "sort");
  r.match = output::match_mode(in.get_or("match", "all"), "match");
  r.collapse = in.flag("collapse", true);
  r.expand = in.flag("expand", false);
  if (r.expand && r.sort != SortOrder::relevance) {
    throw InvalidInputError("expand re-ranks by relevance; it cannot be combined with sort");
  }
  r.facets = output::comma_list(in.get_or("facets", ""));
  r.timeline = output::timeline_granularity(in.get_or("timeline", "none"), "timeline");
  r.normalise = in.flag("normalise", false);
  if (r.normalise && r.timeline == TimelineGranularity::none) {
    throw InvalidInputError("normalise needs timeline");
  }
  r.recency_half_life = output::half_life(in.get_or("recency", "0"), "recency");
  r.passages = in.number("passages", 0, 100, 0);
  return r;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One name or value of a query string; nullopt on a malformed %-escape.
std::optional<std::string> form_decoded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] != '%') {
      out += text[i];
    } else {
      const int high = i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
      const int low = high >= 0 ? hex_digit(text[i + 2]) : -1;
      if (low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    }
  }
  return out;
}

}  // namespace

Params query_parameters(std::string_view target) {
  Params params;
  const auto question = target.find('?');
  if (question == std::string_view::npos) return params;
  std::string_view rest = target.substr(question + 1);
  rest = rest.substr(0, rest.find('#'));
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    const auto name = form_decoded(pair.substr(0, equals));
    const auto value =
        form_decoded(equals == std::string_view::npos ? "" : pair.substr(equals + 1));
    if (!name || !value) {
      throw InvalidInputError(fmt::format("parameter '{}' has a malformed %-escape",
                                          name.value_or(std::string(pair.substr(0, equals)))));
    }
    params.emplace(*name, *value);
  }
  return params;
}

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
    case ErrorCode::query_syntax:
      return kBadRequest;
    case ErrorCode::not_found:
      return kNotFound;
    case ErrorCode::database_locked:
    case ErrorCode::database_version:
    case ErrorCode::database_corrupt:
    case ErrorCode::io_error:
    case ErrorCode::interrupted:
      return kUnavailable;
  }
  return kUnavailable;
}

ApiResponse error_response(int status, ErrorCode code, const std::string& message) {
  return {status, html_safe_json(output::error_json(code, message))};
}

Api::Api(std::string db_path, ApiLimits limits) : pool_(std::move(db_path)), limits_(limits) {}

// q, refused when longer than the limit (a query that long is a mistake or an attack).
std::string Api::query_text(const Params& params) const {
  const auto it = params.find("q");
  if (it == params.end()) return "";
  if (it->second.size() > limits_.max_query_bytes) {
    throw QueryTooLong{fmt::format("q is {} bytes long; at most {} are accepted", it->second.size(),
                                   limits_.max_query_bytes)};
  }
  return it->second;
}

ApiResponse Api::search(const Params& params) {
  return answering([&] {
    const ParamReader in(params, kSearchParams);
    const SearchRequest request = search_request(in, query_text(params));
    const auto fields = output::hit_fields(in.get_or("fields", ""), "fields");
    return json_response(output::result_json(lease(pool_)->search(request), fields));
  });
}

ApiResponse Api::article(const std::string& key) {
  return answering([&] {
    const auto found = lease(pool_)->get_article(key);
    if (!found) {
      return error_response(kNotFound, ErrorCode::not_found,
                            fmt::format("no article with key '{}'", key));
    }
    return json_response(output::article_document(*found));
  });
}

ApiResponse Api::suggest(const Params& params) {
  return answering([&] {
    const ParamReader in(params, kSuggestParams);
    const std::string query = query_text(params);
    const std::size_t n = in.number("n", 1, 100, kDefaultCompletions);
    nlohmann::ordered_json document{{"schema", output::kOutputSchema},
                                    {"query", query},
                                    {"suggestions", lease(pool_)->complete(query, n)}};
    return json_response(document);
  });
}

ApiResponse Api::health() {
  return answering([&] {
    return json_response({{"status", "ok"}, {"articles", lease(pool_)->article_count()}});
  });
}

ApiResponse Api::stats() {
  return answering([&] {
    try {
      return json_response(cli::to_json(database_stats(pool_.db_path())));
    } catch (const Error& e) {
      throw Unavailable{e};
    }
  });
}

}  // namespace gazette::server

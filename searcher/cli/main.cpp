// gazette-search: parses options into a gazette::SearchRequest, runs the Searcher and
// hands the result to the printer for --format. All behaviour lives in the library.
#include <gazette/error.hpp>
#include <gazette/exit_code.hpp>
#include <gazette/searcher.hpp>
#include <gazette/version.hpp>

#include "searcher/cli/printers.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include "common/cli/database_path.hpp"

#include <boost/program_options.hpp>

#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>

namespace po = boost::program_options;

namespace {

constexpr const char* kUsage =
    "Usage: gazette-search --db DIR [options] [QUERY...]\n"
    "Search a Gazette database. QUERY uses Xapian's syntax: words, \"exact phrases\",\n"
    "AND OR NOT, +required -excluded, NEAR, wildcards (econom*), the fields title:\n"
    "author: publication:, and the filters source:SLUG lang: tag: site:HOST\n"
    "date:1987-03-09 date:1987-03..1987-04 year:1987. Results are ranked by BM25 with\n"
    "title words weighted higher. QUERY may be left out when a filter option is given.\n";

struct Options {
  std::string db;
  std::vector<std::string> words;
  long long limit = 10;
  long long offset = 0;
  long long snippet_chars = 200;
  std::string format = "text";
  std::string color = "auto";
  std::string match = "all";
  std::string sort = "relevance";
  std::string facets;
  long long facet_limit = 10;
  std::string timeline = "none";
  std::string recency = "0";
  long long passages = 0;
  std::string fields;
};

struct Parsed {
  gazette::SearchRequest request;
  gazette::cli::OutputFormat format = gazette::cli::OutputFormat::text;
  gazette::cli::TextStyle style;
  std::string db;
  bool count_only = false;  ///< --count: print the number of matches only.
  bool all = false;         ///< --all: stream every match.
  std::string show;         ///< --show KEY: print this article.
};

gazette::SortOrder sort_order(const std::string& name) {
  if (name == "relevance") return gazette::SortOrder::relevance;
  if (name == "newest") return gazette::SortOrder::newest;
  if (name == "oldest") return gazette::SortOrder::oldest;
  throw po::error(fmt::format("--sort must be relevance, newest or oldest, not '{}'", name));
}

gazette::TimelineGranularity timeline_granularity(const std::string& name) {
  using G = gazette::TimelineGranularity;
  if (name == "none") return G::none;
  if (name == "day") return G::day;
  if (name == "week") return G::week;
  if (name == "month") return G::month;
  if (name == "year") return G::year;
  throw po::error(fmt::format("--timeline must be day, week, month or year, not '{}'", name));
}

// "source,year" -> {"source", "year"}.
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

// "30d" -> 30 days. Units: h(ours), d(ays), w(eeks), m(onths of 30.44 days), y(ears of
// 365.25 days); "0" alone turns recency off.
std::chrono::seconds half_life(const std::string& text) {
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
    throw po::error(fmt::format(
        "--recency must be a half-life such as 12h, 30d, 6w, 3m or 2y (or 0 for none), not '{}'",
        text));
  }
  return std::chrono::seconds{static_cast<long long>(amount * unit->second)};
}

// --fields: known hit field names only.
std::vector<std::string> hit_fields(const std::string& list) {
  std::vector<std::string> fields = comma_list(list);
  const auto& known = gazette::cli::hit_field_names();
  for (const auto& f : fields) {
    if (std::find(known.begin(), known.end(), f) == known.end()) {
      throw po::error(
          fmt::format("--fields: unknown field '{}' (known: {})", f, fmt::join(known, ",")));
    }
  }
  return fields;
}

bool has_filter(const gazette::SearchRequest& r) {
  return !r.since.empty() || !r.until.empty() || !r.sources.empty() || !r.authors.empty() ||
         !r.langs.empty() || !r.tags.empty();
}

// --color auto means: stdout is a terminal, NO_COLOR is unset or empty, TERM is not dumb.
bool want_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return ::isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
         !(term && std::string_view(term) == "dumb");
}

long long in_range(long long value, long long min, long long max, const char* name) {
  if (value < min || value > max) {
    throw po::error(fmt::format("{} must be between {} and {}, not {}", name, min, max, value));
  }
  return value;
}

// Options that make no sense together are refused rather than silently ignored.
void check_combinations(const Parsed& parsed, const po::variables_map& vm) {
  using gazette::cli::OutputFormat;
  const auto& r = parsed.request;
  if (parsed.all) {
    if (vm.count("count")) throw po::error("--all and --count cannot be combined");
    if (r.sort != gazette::SortOrder::relevance) {
      throw po::error("--all lists matches in index order; --sort cannot be combined with it");
    }
    if (!r.facets.empty() || r.timeline != gazette::TimelineGranularity::none) {
      throw po::error("--all cannot be combined with --facets or --timeline (run them separately)");
    }
  }
  if (r.expand) {
    if (r.sort != gazette::SortOrder::relevance) {
      throw po::error("--expand re-ranks by relevance; it cannot be combined with --sort");
    }
    if (parsed.all || parsed.count_only) {
      throw po::error("--expand changes the ranking only; --all and --count have none");
    }
  }
  if (!parsed.show.empty()) {
    if (parsed.format == OutputFormat::tsv || parsed.format == OutputFormat::ids ||
        parsed.format == OutputFormat::keys) {
      throw po::error("--show prints text, json or jsonl");
    }
    if (parsed.all || parsed.count_only) throw po::error("--show stands alone");
  }
  if (!parsed.style.fields.empty() &&
      (parsed.format == OutputFormat::text || parsed.format == OutputFormat::ids ||
       parsed.format == OutputFormat::keys)) {
    throw po::error("--fields applies to --format json, jsonl and tsv");
  }
}

// Parses argv into `parsed`; returns an exit code when the program should stop right away.
std::optional<int> parse(int argc, char** argv, Parsed& parsed) {
  Options o;
  po::options_description visible("Options");
  visible.add_options()("db,d", po::value(&o.db)->value_name("DIR"), gazette::cli::kDatabaseHelp)(
      "limit,n", po::value(&o.limit)->value_name("N")->default_value(10), "hits to show")(
      "offset", po::value(&o.offset)->value_name("N")->default_value(0), "hits to skip first")(
      "match", po::value(&o.match)->value_name("all|any")->default_value("all"),
      "words must all match, or any may")(
      "expand",
      "re-rank by the words of the best hits (pseudo-relevance feedback), for long "
      "descriptive queries; costs a second search")(
      "format,f",
      po::value(&o.format)->value_name("text|json|jsonl|tsv|ids|keys")->default_value("text"),
      "output format (ids: each article's own id, such as a TREC DOCNO, else its key; keys: "
      "keys)")("snippet-chars", po::value(&o.snippet_chars)->value_name("N")->default_value(200),
               "approximate snippet length")(
      "color", po::value(&o.color)->value_name("auto|always|never")->default_value("auto"),
      "highlight with ANSI colours (auto: on a terminal, unless NO_COLOR is set)")(
      "passages", po::value(&o.passages)->value_name("N")->default_value(0),
      "show up to N passages of each article instead of one snippet")(
      "fields", po::value(&o.fields)->value_name("LIST"),
      "hit fields for json, jsonl and tsv, in order (e.g. id,date,title)")(
      "explain", "show why each hit matched: terms by field, BM25 and recency parts, cluster")(
      "no-suggest", "do not suggest a corrected query for misspelt words")(
      "show", po::value(&parsed.show)->value_name("KEY"),
      "print the whole article with this key (text, json or jsonl) and stop")(
      "help,h", "show this help")("version", "show the version");
  po::options_description filters("Filters (repeat an option to accept any of its values)");
  gazette::SearchRequest& r = parsed.request;
  filters.add_options()("since", po::value(&r.since)->value_name("DATE"),
                        "published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")(
      "until", po::value(&r.until)->value_name("DATE"), "published on or before the end of DATE")(
      "source", po::value(&r.sources)->value_name("NAME")->composing(),
      "publication name or slug (reuters, \"New York Times\")")(
      "author", po::value(&r.authors)->value_name("NAME")->composing(),
      "byline containing these words in this order")(
      "lang", po::value(&r.langs)->value_name("CODE")->composing(), "language (ISO 639-1: en)")(
      "tag", po::value(&r.tags)->value_name("TAG")->composing(), "tag, section or keyword")(
      "sort", po::value(&o.sort)->value_name("relevance|newest|oldest")->default_value("relevance"),
      "order of hits (undated articles last by date)")(
      "no-collapse", "show every near-duplicate copy instead of one hit per story")(
      "count", "print only the exact number of matching articles")(
      "all", "stream every matching article in index order (no ranking or collapsing)")(
      "recency", po::value(&o.recency)->value_name("HALF-LIFE"),
      "favour recent articles: the boost halves every HALF-LIFE (12h, 30d, 6w, 3m, 2y) of age "
      "before the newest article; 0: pure relevance")(
      "like", po::value(&r.like)->value_name("KEY"),
      "articles related to the article with this key (its distinctive words as the query)");
  po::options_description breakdowns("Facets and timeline (counted over every match)");
  breakdowns.add_options()("facets", po::value(&o.facets)->value_name("LIST"),
                           "count values of these fields: source,year,month,lang,tag")(
      "facet-limit", po::value(&o.facet_limit)->value_name("N")->default_value(10),
      "values shown per facet, most frequent first")(
      "timeline", po::value(&o.timeline)->value_name("day|week|month|year"),
      "matches per period of publication date")(
      "normalise", "timeline as a share of all articles published in each period");
  visible.add(filters).add(breakdowns);
  po::options_description hidden;
  hidden.add_options()("query", po::value(&o.words));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << kUsage << '\n'
              << visible
              << "\nExit status: 0 hits found, 1 no hits, 2 error (usage, missing or damaged "
                 "database).\n";
    return gazette::exit_code::success;
  }
  if (vm.count("version")) {
    std::cout << "gazette-search " << gazette::version() << '\n';
    return gazette::exit_code::success;
  }
  o.db = gazette::cli::database_path(o.db);
  parsed.count_only = vm.count("count") > 0;
  parsed.request.collapse = vm.count("no-collapse") == 0;
  parsed.request.sort = sort_order(o.sort);
  parsed.all = vm.count("all") > 0;
  if (o.words.empty() && !has_filter(parsed.request) && parsed.request.like.empty() &&
      !parsed.all && parsed.show.empty()) {
    throw po::error("give a QUERY to search for, a filter option, --like, --all or --show");
  }
  for (const auto& word : o.words) {
    if (!parsed.request.query.empty()) parsed.request.query += ' ';
    parsed.request.query += word;
  }
  parsed.db = o.db;
  parsed.request.limit = static_cast<std::size_t>(in_range(o.limit, 1, 10'000, "--limit"));
  parsed.request.offset = static_cast<std::size_t>(in_range(o.offset, 0, 1'000'000, "--offset"));
  parsed.request.snippet_chars =
      static_cast<std::size_t>(in_range(o.snippet_chars, 0, 10'000, "--snippet-chars"));
  if (o.match == "all")
    parsed.request.match = gazette::MatchMode::all;
  else if (o.match == "any")
    parsed.request.match = gazette::MatchMode::any;
  else
    throw po::error(fmt::format("--match must be all or any, not '{}'", o.match));
  if (o.format == "text")
    parsed.format = gazette::cli::OutputFormat::text;
  else if (o.format == "json")
    parsed.format = gazette::cli::OutputFormat::json;
  else if (o.format == "jsonl")
    parsed.format = gazette::cli::OutputFormat::jsonl;
  else if (o.format == "tsv")
    parsed.format = gazette::cli::OutputFormat::tsv;
  else if (o.format == "ids")
    parsed.format = gazette::cli::OutputFormat::ids;
  else if (o.format == "keys")
    parsed.format = gazette::cli::OutputFormat::keys;
  else
    throw po::error(
        fmt::format("--format must be text, json, jsonl, tsv, ids or keys, not '{}'", o.format));
  if (o.color != "auto" && o.color != "always" && o.color != "never") {
    throw po::error(fmt::format("--color must be auto, always or never, not '{}'", o.color));
  }
  parsed.style.color = want_color(o.color);
  parsed.style.utf8 = gazette::cli::utf8_locale();
  parsed.request.facets = comma_list(o.facets);
  parsed.request.facet_limit =
      static_cast<std::size_t>(in_range(o.facet_limit, 1, 10'000, "--facet-limit"));
  parsed.request.timeline = timeline_granularity(o.timeline);
  parsed.request.normalise = vm.count("normalise") > 0;
  if (parsed.request.normalise && parsed.request.timeline == gazette::TimelineGranularity::none) {
    throw po::error("--normalise needs --timeline");
  }
  parsed.request.recency_half_life = half_life(o.recency);
  parsed.request.passages = static_cast<std::size_t>(in_range(o.passages, 0, 100, "--passages"));
  parsed.request.explain = vm.count("explain") > 0;
  parsed.request.suggest = vm.count("no-suggest") == 0;
  parsed.request.expand = vm.count("expand") > 0;
  parsed.style.fields = hit_fields(o.fields);
  check_combinations(parsed, vm);
  return std::nullopt;
}

int show(gazette::Searcher& searcher, const std::string& key, gazette::cli::Printer& printer) {
  const auto article = searcher.get_article(key);
  if (!article) {
    std::cerr << "gazette-search: no article with key '" << key << "'\n";
    return gazette::exit_code::partial;
  }
  printer.article(*article, std::cout);
  return gazette::exit_code::success;
}

// Hits are printed as they come; a closed pipe (`| head`) stops the stream.
int stream_all(gazette::Searcher& searcher, const gazette::SearchRequest& request,
               gazette::cli::Printer& printer) {
  printer.begin_stream(request.query, std::cout);
  const std::size_t count = searcher.stream(request, [&](const gazette::Hit& hit) {
    printer.hit(hit, std::cout);
    return static_cast<bool>(std::cout);
  });
  printer.end_stream(count, std::cout);
  std::cout.flush();
  return count > 0 ? gazette::exit_code::success : gazette::exit_code::partial;
}

}  // namespace

int main(int argc, char** argv) {
  Parsed parsed;
  try {
    if (auto done = parse(argc, argv, parsed)) return *done;
  } catch (const po::error& e) {
    std::cerr << "gazette-search: " << e.what() << " (see gazette-search --help)\n";
    return gazette::exit_code::error;
  }
  try {
    gazette::Searcher searcher(parsed.db);
    auto printer = gazette::cli::make_printer(parsed.format, parsed.style);
    if (!parsed.show.empty()) return show(searcher, parsed.show, *printer);
    if (parsed.all) return stream_all(searcher, parsed.request, *printer);
    if (parsed.count_only) {
      const std::size_t matches = searcher.count(parsed.request);
      std::cout << matches << '\n';
      return matches > 0 ? gazette::exit_code::success : gazette::exit_code::partial;
    }
    const gazette::SearchResult result = searcher.search(parsed.request);
    for (const auto& warning : result.warnings)
      std::cerr << "gazette-search: " << warning << '\n';
    printer->print(result, std::cout);
    std::cout.flush();
    return result.total_upper_bound > 0 && !result.hits.empty() ? gazette::exit_code::success
                                                                : gazette::exit_code::partial;
  } catch (const gazette::Error& e) {
    std::cerr << "gazette-search: " << e.what() << '\n';
    return gazette::exit_code::for_error(e.code());
  } catch (const std::exception& e) {
    std::cerr << "gazette-search: " << e.what() << '\n';
    return gazette::exit_code::error;
  }
}

// gazette-search options: their descriptions by group, and the checks that turn what was
// given into a SearchRequest and output settings.
#include "searcher/cli/options.hpp"

#include "common/cli/database_path.hpp"
#include "searcher/output/request_values.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace po = boost::program_options;

namespace gazette::cli {
namespace {

constexpr const char* kUsage =
    "Usage: gazette-search --db DIR [options] [QUERY...]\n"
    "Search a Gazette database. QUERY uses Xapian's syntax: words, \"exact phrases\",\n"
    "AND OR NOT, +required -excluded, NEAR, wildcards (econom*), the fields title:\n"
    "author: publication:, and the filters source:SLUG lang: tag: site:HOST\n"
    "date:1987-03-09 date:1987-03..1987-04 year:1987. Results are ranked by BM25 with\n"
    "title words weighted higher. QUERY may be left out when a filter option is given.\n";

constexpr const char* kExitStatusHelp =
    "\nExit status: 0 hits found, 1 no hits, 2 error (usage, missing or damaged database).\n";

// --- Option descriptions, in the order --help lists them ---

// Which database, which hits and how the query words combine.
void add_query_options(po::options_description& d, CommandLine& given) {
  d.add_options()("db,d", po::value(&given.db)->value_name("DIR"), kDatabaseHelp)(
      "limit,n", po::value(&given.limit)->value_name("N")->default_value(10), "hits to show")(
      "offset", po::value(&given.offset)->value_name("N")->default_value(0), "hits to skip first")(
      "match", po::value(&given.match)->value_name("all|any")->default_value("all"),
      "words must all match, or any may")(
      "expand", po::bool_switch(&given.expand),
      "re-rank by the words of the best hits (pseudo-relevance feedback), for long "
      "descriptive queries; costs a second search");
}

// What each hit shows and in which format; --show prints one article instead.
void add_output_options(po::options_description& d, CommandLine& given) {
  d.add_options()(
      "format,f",
      po::value(&given.format)->value_name("text|json|jsonl|tsv|ids|keys")->default_value("text"),
      "output format (ids: each article's own id, such as a TREC DOCNO, else its key; keys: "
      "keys)")("snippet-chars",
               po::value(&given.snippet_chars)->value_name("N")->default_value(200),
               "approximate snippet length")(
      "color", po::value(&given.color)->value_name("auto|always|never")->default_value("auto"),
      "highlight with ANSI colours (auto: on a terminal, unless NO_COLOR is set)")(
      "passages", po::value(&given.passages)->value_name("N")->default_value(0),
      "show up to N passages of each article instead of one snippet")(
      "fields", po::value(&given.fields)->value_name("LIST"),
      "hit fields for json, jsonl and tsv, in order (e.g. id,date,title)")(
      "explain", po::bool_switch(&given.explain),
      "show why each hit matched: terms by field, BM25 and recency parts, cluster")(
      "no-suggest", po::bool_switch(&given.no_suggest),
      "do not suggest a corrected query for misspelt words")(
      "show", po::value(&given.show)->value_name("KEY"),
      "print the whole article with this key (text, json or jsonl) and stop");
}

void add_program_options(po::options_description& d, CommandLine& given) {
  d.add_options()("help,h", po::bool_switch(&given.help), "show this help")(
      "version", po::bool_switch(&given.version), "show the version");
}

// Which articles may match at all.
void add_filter_options(po::options_description& d, CommandLine& given) {
  d.add_options()("since", po::value(&given.since)->value_name("DATE"),
                  "published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")(
      "until", po::value(&given.until)->value_name("DATE"),
      "published on or before the end of DATE")(
      "source", po::value(&given.sources)->value_name("NAME")->composing(),
      "publication name or slug (reuters, \"New York Times\")")(
      "author", po::value(&given.authors)->value_name("NAME")->composing(),
      "byline containing these words in this order")(
      "lang", po::value(&given.langs)->value_name("CODE")->composing(), "language (ISO 639-1: en)")(
      "tag", po::value(&given.tags)->value_name("TAG")->composing(), "tag, section or keyword");
}

// How matches are ordered, ranked, collapsed or listed; listed under the filters in --help.
void add_ranking_options(po::options_description& d, CommandLine& given) {
  d.add_options()(
      "sort",
      po::value(&given.sort)->value_name("relevance|newest|oldest")->default_value("relevance"),
      "order of hits (undated articles last by date)")(
      "no-collapse", po::bool_switch(&given.no_collapse),
      "show every near-duplicate copy instead of one hit per story")(
      "count", po::bool_switch(&given.count), "print only the exact number of matching articles")(
      "all", po::bool_switch(&given.all),
      "stream every matching article in index order (no ranking or collapsing)")(
      "recency", po::value(&given.recency)->value_name("HALF-LIFE"),
      "favour recent articles: the boost halves every HALF-LIFE (12h, 30d, 6w, 3m, 2y) of age "
      "before the newest article; 0: pure relevance")(
      "like", po::value(&given.like)->value_name("KEY"),
      "articles related to the article with this key (its distinctive words as the query)");
}

void add_breakdown_options(po::options_description& d, CommandLine& given) {
  d.add_options()("facets", po::value(&given.facets)->value_name("LIST"),
                  "count values of these fields: source,year,month,lang,tag")(
      "facet-limit", po::value(&given.facet_limit)->value_name("N")->default_value(10),
      "values shown per facet, most frequent first")(
      "timeline", po::value(&given.timeline)->value_name("day|week|month|year"),
      "matches per period of publication date")(
      "normalise", po::bool_switch(&given.normalise),
      "timeline as a share of all articles published in each period");
}

// The options --help lists, bound to `given`.
po::options_description visible_options(CommandLine& given) {
  po::options_description visible("Options");
  add_query_options(visible, given);
  add_output_options(visible, given);
  add_program_options(visible, given);
  po::options_description filters("Filters (repeat an option to accept any of its values)");
  add_filter_options(filters, given);
  add_ranking_options(filters, given);
  po::options_description breakdowns("Facets and timeline (counted over every match)");
  add_breakdown_options(breakdowns, given);
  visible.add(filters).add(breakdowns);
  return visible;
}

// --- Checks of single values ---
// Those a front end shares with gazette-serve are in searcher/output/request_values.hpp;
// they throw gazette::InvalidInputError, reported like a boost::program_options::error.

using output::comma_list;
using output::half_life;
using output::hit_fields;
using output::in_range;
using output::match_mode;
using output::sort_order;
using output::timeline_granularity;

OutputFormat output_format(const std::string& name) {
  using F = OutputFormat;
  const std::pair<std::string_view, F> formats[] = {{"text", F::text},   {"json", F::json},
                                                    {"jsonl", F::jsonl}, {"tsv", F::tsv},
                                                    {"ids", F::ids},     {"keys", F::keys}};
  for (const auto& [known, format] : formats) {
    if (name == known) return format;
  }
  throw po::error(
      fmt::format("--format must be text, json, jsonl, tsv, ids or keys, not '{}'", name));
}

// --color auto means: stdout is a terminal, NO_COLOR is unset or empty, TERM is not dumb.
bool want_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  if (mode != "auto") {
    throw po::error(fmt::format("--color must be auto, always or never, not '{}'", mode));
  }
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return ::isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
         !(term && std::string_view(term) == "dumb");
}

// --- Checks of the request as a whole ---

bool has_filter(const SearchRequest& r) {
  return !r.since.empty() || !r.until.empty() || !r.sources.empty() || !r.authors.empty() ||
         !r.langs.empty() || !r.tags.empty();
}

std::string joined_words(const std::vector<std::string>& words) {
  std::string query;
  for (const auto& word : words) {
    if (!query.empty()) query += ' ';
    query += word;
  }
  return query;
}

// Which articles match and which page of them: the query, filters, order and paging.
void set_matching(const CommandLine& given, const SearchOptions& checked, SearchRequest& r) {
  r.since = given.since;
  r.until = given.until;
  r.sources = given.sources;
  r.authors = given.authors;
  r.langs = given.langs;
  r.tags = given.tags;
  r.like = given.like;
  r.collapse = !given.no_collapse;
  r.sort = sort_order(given.sort, "--sort");
  if (given.words.empty() && !has_filter(r) && r.like.empty() && !checked.all &&
      checked.show.empty()) {
    throw po::error("give a QUERY to search for, a filter option, --like, --all or --show");
  }
  r.query = joined_words(given.words);
  r.limit = in_range(given.limit, 1, 10'000, "--limit");
  r.offset = in_range(given.offset, 0, 1'000'000, "--offset");
  r.snippet_chars = in_range(given.snippet_chars, 0, 10'000, "--snippet-chars");
  r.match = match_mode(given.match, "--match");
}

// What is counted besides the hits, how they are scored and what each one carries.
void set_breakdowns_and_ranking(const CommandLine& given, SearchRequest& r) {
  r.facets = comma_list(given.facets);
  r.facet_limit = in_range(given.facet_limit, 1, 10'000, "--facet-limit");
  r.timeline = timeline_granularity(given.timeline, "--timeline");
  r.normalise = given.normalise;
  if (r.normalise && r.timeline == TimelineGranularity::none) {
    throw po::error("--normalise needs --timeline");
  }
  r.recency_half_life = half_life(given.recency, "--recency");
  r.passages = in_range(given.passages, 0, 100, "--passages");
  r.explain = given.explain;
  r.suggest = !given.no_suggest;
  r.expand = given.expand;
}

void check_all(const SearchOptions& checked) {
  const auto& r = checked.request;
  if (checked.count_only) throw po::error("--all and --count cannot be combined");
  if (r.sort != SortOrder::relevance) {
    throw po::error("--all lists matches in index order; --sort cannot be combined with it");
  }
  if (!r.facets.empty() || r.timeline != TimelineGranularity::none) {
    throw po::error("--all cannot be combined with --facets or --timeline (run them separately)");
  }
}

void check_expand(const SearchOptions& checked) {
  if (checked.request.sort != SortOrder::relevance) {
    throw po::error("--expand re-ranks by relevance; it cannot be combined with --sort");
  }
  if (checked.all || checked.count_only) {
    throw po::error("--expand changes the ranking only; --all and --count have none");
  }
}

bool is_line_per_hit(OutputFormat format) {
  return format == OutputFormat::ids || format == OutputFormat::keys;
}

// Options that make no sense together are refused rather than silently ignored.
void check_combinations(const SearchOptions& checked) {
  if (checked.all) check_all(checked);
  if (checked.request.expand) check_expand(checked);
  if (!checked.show.empty()) {
    if (checked.format == OutputFormat::tsv || is_line_per_hit(checked.format)) {
      throw po::error("--show prints text, json or jsonl");
    }
    if (checked.all || checked.count_only) throw po::error("--show stands alone");
  }
  if (!checked.style.fields.empty() &&
      (checked.format == OutputFormat::text || is_line_per_hit(checked.format))) {
    throw po::error("--fields applies to --format json, jsonl and tsv");
  }
}

}  // namespace

CommandLine read_command_line(int argc, char** argv) {
  CommandLine given;
  po::options_description all = visible_options(given);
  all.add_options()("query", po::value(&given.words));
  po::positional_options_description positional;
  positional.add("query", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
  po::notify(vm);
  return given;
}

// The checks run in the order of the options' groups; with several bad values, the first
// one in that order is the one reported.
SearchOptions search_options(const CommandLine& given) {
  SearchOptions checked;
  checked.db = database_path(given.db);
  checked.count_only = given.count;
  checked.all = given.all;
  checked.show = given.show;
  set_matching(given, checked, checked.request);
  checked.format = output_format(given.format);
  checked.style.color = want_color(given.color);
  checked.style.utf8 = utf8_locale();
  set_breakdowns_and_ranking(given, checked.request);
  checked.style.fields = hit_fields(given.fields, "--fields");
  check_combinations(checked);
  return checked;
}

void print_help(std::ostream& out) {
  CommandLine unused;
  out << kUsage << '\n' << visible_options(unused) << kExitStatusHelp;
}

}  // namespace gazette::cli

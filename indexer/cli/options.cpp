// gazette-index option parsing and value checks.
#include "indexer/cli/options.hpp"

#include "common/cli/database_path.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace po = boost::program_options;

namespace gazette::cli {
namespace {

// Limits of the numeric options: wide enough for any real use, narrow enough to catch typos.
constexpr long long kMaxBatch = 1'000'000'000;
constexpr long long kMaxThreads = 256;
constexpr long long kMaxBatchMegabytes = 1'048'576;  // 1 TiB.
constexpr double kMaxWaitSeconds = 86'400;           // A day.

// `text` as a number in [min, max] (whole when `whole`), or a one-line usage error.
double checked_number(std::string_view option, const std::string& text, double min, double max,
                      bool whole) {
  const char* end = text.data() + text.size();
  double value = 0;
  std::from_chars_result parsed{};
  if (whole) {
    long long n = 0;
    parsed = std::from_chars(text.data(), end, n);
    value = static_cast<double>(n);
  } else {
    parsed = std::from_chars(text.data(), end, value, std::chars_format::fixed);
  }
  if (parsed.ec != std::errc() || parsed.ptr != end || !(value >= min && value <= max)) {
    throw po::error(fmt::format("{} must be a {} from {} to {}, not '{}'", option,
                                whole ? "whole number" : "number of seconds", min, max, text));
  }
  return value;
}

std::pair<std::string, std::string> checked_map(const std::string& map) {
  const auto eq = map.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == map.size()) {
    throw po::error(fmt::format("--map takes FIELD=KEY (e.g. title=headline), not '{}'", map));
  }
  return {map.substr(0, eq), map.substr(eq + 1)};
}

}  // namespace

po::options_description describe_options(unsigned groups, CliOptions& opts) {
  po::options_description d("Options");
  d.add_options()("db,d", po::value(&opts.db)->value_name("DIR"), kDatabaseHelp);
  if (groups & kIndexingOptions) {
    d.add_options()("dry-run,n", po::bool_switch(&opts.dry_run),
                    "print what would be added, replaced, moved and deleted; write nothing")(
        "no-prune", po::bool_switch(&opts.no_prune),
        "keep the articles of files that vanished from a root")(
        "no-spelling", po::bool_switch(&opts.no_spelling),
        "keep no spelling data for \"did you mean\" (recorded: later runs keep to it)")(
        "batch", po::value(&opts.batch)->value_name("N"),
        "commit at least every N articles (default 1000); a crash loses at most one batch")(
        "batch-mb", po::value(&opts.batch_mb)->value_name("M"),
        "commit at least every M megabytes of text (default 64)")(
        "resumable", po::bool_switch(&opts.resumable),
        "a first build commits every batch, so a crash loses one batch, not the whole build "
        "(slower and larger: one writer, no merge)")(
        "threads,j", po::value(&opts.threads)->value_name("N"),
        "threads reading and analysing files (default 0: one per core); the index is the same "
        "whatever N")(
        "format", po::value(&opts.format)->value_name("NAME"),
        "read every file as this format (see the list in --help) instead of recognising it")(
        "map", po::value(&opts.maps)->value_name("FIELD=KEY")->composing(),
        "JSON input: read article FIELD (title body date url authors source lang tags id) "
        "from KEY (dotted for nested objects: meta.headline); repeatable");
  }
  if (groups & kWaitOption) {
    d.add_options()("wait", po::value(&opts.wait)->value_name("SECONDS"),
                    "wait up to SECONDS for another writer to finish (default 0: fail at once)");
  }
  if (groups & kJsonOption) {
    d.add_options()("json", po::bool_switch(&opts.json), "print the result as JSON on stdout");
  }
  if (groups & kQuietOption) {
    d.add_options()("quiet,q", po::bool_switch(&opts.quiet),
                    "print only problems, no progress and no summary");
  }
  d.add_options()("help,h", "show this help");
  return d;
}

bool parse_options(const std::vector<std::string>& args, unsigned groups, CliOptions& opts) {
  const po::options_description visible = describe_options(groups, opts);
  po::options_description all;
  all.add(visible).add_options()("arg", po::value(&opts.args));
  po::positional_options_description positional;
  positional.add("arg", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  po::notify(vm);
  if (vm.count("help")) return false;
  opts.db = database_path(opts.db);
  (void)indexer_options(opts);  // Every value checked before the command starts.
  return true;
}

IndexerOptions indexer_options(const CliOptions& opts) {
  IndexerOptions out;
  if (!opts.batch.empty()) {
    out.batch_articles =
        static_cast<std::size_t>(checked_number("--batch", opts.batch, 1, kMaxBatch, true));
  }
  if (!opts.batch_mb.empty()) {
    out.batch_megabytes = static_cast<std::size_t>(
        checked_number("--batch-mb", opts.batch_mb, 1, kMaxBatchMegabytes, true));
  }
  if (!opts.threads.empty()) {
    out.threads =
        static_cast<std::size_t>(checked_number("--threads", opts.threads, 0, kMaxThreads, true));
  }
  if (!opts.wait.empty()) {
    const double seconds = checked_number("--wait", opts.wait, 0, kMaxWaitSeconds, false);
    out.wait_for_lock = std::chrono::milliseconds(std::llround(seconds * 1000));
  }
  for (const auto& map : opts.maps)
    out.json_fields.push_back(checked_map(map));
  out.format = opts.format;
  out.prune = !opts.no_prune;
  out.spelling = !opts.no_spelling;
  out.segmented_first_build = !opts.resumable;
  out.dry_run = opts.dry_run;
  return out;
}

}  // namespace gazette::cli

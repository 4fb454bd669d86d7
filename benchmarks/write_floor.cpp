// The floor under Gazette's indexing time (issue 7): how long Xapian alone takes to WRITE
// documents that are already built, with no reading or analysis in the timed part. Every
// document is built in memory first (untimed, reported as the analysis cost); then each
// case writes all of them into a fresh database under WORKDIR and reports wall time, CPU
// time, articles/s and the final size on disk. If even the cheapest case is slower than a
// peer's whole run (reading, analysis and writing) — or its CPU time over the number of
// cores is — no pipeline around Xapian can beat that peer on those cores: the writing alone
// already takes longer.
//
//   write_floor [--threads N] [--segment DOCS] [--runs N] [--only CASE,...] [--json FILE]
//               WORKDIR JSONL...
//
// --threads: segment writers (default: one per core); --segment: documents per segment (250,
// Gazette's); --runs: runs of each case, the fastest reported (1); --only: these cases (names
// below) and no others; --json: the results as JSON too. CPU s (user + system of every
// thread) is what a case costs whatever else the machine runs; wall times are only worth
// quoting from an idle machine (the load average is printed before and after).
//
// e.g. (Reuters-21578 as benchmarks/peers.sh prepares it):
//   build/bench-release/benchmarks/write_floor --threads 2 --json floor.json build/floor
//       build/bench-data/peers/reuters-1x/jsonl/copy0/*.jsonl
//
// Two sets of documents are built from the same articles:
//  - "gazette": exactly what gazette-index writes (DocumentBuilder: title and body with
//    positions and stems, boolean filters, value slots, near-duplicate fingerprint terms,
//    the stored record, and the cluster key a segmented first build assigns);
//  - "plain": a bare TermGenerator (English stemmer, STEM_SOME, positions) over the title
//    then the body, with the body as data: a plain single-threaded Xapian indexer.
// Cases:
//  - plain-1thread-default: one WritableDatabase, Xapian's default autoflush (every 10,000
//    documents unless XAPIAN_FLUSH_THRESHOLD says otherwise), one final commit;
//  - plain-1thread-commit1000: the same, committing every 1,000 documents (the peers' and
//    gazette-index's cadence);
//  - *-segments: N threads each take the next DOCS documents and write them into a fresh
//    segment database (DB_CREATE | DB_NO_SYNC, one commit); one Compactor pass merges the
//    segments in order into the final database (write s and merge s apart), as Gazette's
//    segmented first build does (which also merges every 32 segments into a run early);
//  - plain-segments-dangerous: the segments also opened with DB_DANGEROUS;
//  - gazette-segments-nopositions: Gazette's documents with the positions left out (same
//    terms, wdf, values and data): what positions cost Xapian's writer;
//  - gazette-segments-spelling: plus the spelling table (counted untimed, as Gazette counts
//    it in memory) written as one more source of the merge, its time in merge s: what
//    gazette-index writes by default.
#include <gazette/schema.hpp>

#include "indexer/src/document_builder.hpp"
#include "indexer/src/fingerprint.hpp"
#include "indexer/src/json_reader.hpp"
#include "indexer/src/spelling.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
namespace gi = gazette::indexer;
using Clock = std::chrono::steady_clock;
using Docs = std::vector<Xapian::Document>;

constexpr const char* kUsage =
    "usage: write_floor [--threads N] [--segment DOCS] [--runs N] [--only CASE,...] [--json FILE] "
    "WORKDIR JSONL...";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::size_t segment = 250;      // Gazette's segment size: the fastest it measured.
  unsigned runs = 1;              // Of each case; the fastest is reported.
  std::vector<std::string> only;  // Case names to run (--only); empty: all.
  std::string json;
  fs::path workdir;
  std::vector<fs::path> inputs;
};

struct CaseResult {
  std::string name;
  unsigned threads = 1;
  double write_s = 0;
  std::optional<double> merge_s;  // Only for the segmented cases.
  double total_s = 0;
  double cpu_s = 0;  // User + system, all threads: what the case would cost on idle cores.
  double articles_per_s = 0;
  double index_mb = 0;
  Xapian::doccount docs = 0;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A positive count from a command-line value, or a usage error naming the option.
std::size_t positive(const std::string& option, const char* value) {
  char* end = nullptr;
  const long long n = std::strtoll(value, &end, 10);
  if (*value == '\0' || *end != '\0' || n < 1) {
    throw UsageError(fmt::format("{} needs a positive number, not '{}'", option, value));
  }
  return static_cast<std::size_t>(n);
}

Options parse_args(int argc, char** argv) {
  Options options;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--threads" && has_value) {
      options.threads = static_cast<unsigned>(positive(arg, argv[++i]));
    } else if (arg == "--segment" && has_value) {
      options.segment = positive(arg, argv[++i]);
    } else if (arg == "--runs" && has_value) {
      options.runs = static_cast<unsigned>(positive(arg, argv[++i]));
    } else if (arg == "--only" && has_value) {
      std::istringstream names(argv[++i]);
      for (std::string name; std::getline(names, name, ',');)
        options.only.push_back(name);
    } else if (arg == "--json" && has_value) {
      options.json = argv[++i];
    } else if (arg.starts_with("-")) {
      throw UsageError("unknown option or missing value: " + arg);
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() < 2) throw UsageError("WORKDIR and at least one JSONL file are needed");
  options.workdir = positional.front();
  options.inputs.assign(positional.begin() + 1, positional.end());
  return options;
}

// ---------------------------------------------------------------------------------------
// Building the documents (untimed by the cases)

// Keys articles as gazette-index does for a file given on the command line: the file name,
// then '#' and the article's position in the file; format and origin as its Collector sets.
class Collector final : public gi::ArticleSink {
 public:
  Collector(std::vector<gazette::Article>& out, const fs::path& file)
      : out_(out), key_(file.filename().string()), origin_(file.string()) {}

  void article(gazette::Article article) override {
    article.id = article.origin.position.empty() ? key_ : key_ + "#" + article.origin.position;
    article.format = "json";
    article.origin.path = origin_;
    out_.push_back(std::move(article));
  }
  void problem(std::string location, std::string reason) override {
    throw std::runtime_error(fmt::format("{}:{}: {}", origin_, location, reason));
  }

 private:
  std::vector<gazette::Article>& out_;
  std::string key_;
  std::string origin_;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

std::vector<gazette::Article> read_articles(const std::vector<fs::path>& files) {
  std::vector<gazette::Article> articles;
  const gi::ReadOptions options;
  for (const auto& file : files) {
    Collector collector(articles, file);
    gi::read_json(slurp(file), options, collector);
  }
  return articles;
}

Docs gazette_documents(const std::vector<gazette::Article>& articles) {
  gi::DocumentBuilder builder;
  Docs docs;
  docs.reserve(articles.size());
  for (const auto& article : articles)
    docs.push_back(builder.build(article));
  return docs;
}

// The cluster key each document gets in a segmented first build (SegmentedBuild::replace),
// so that the values written are Gazette's; the keys are unique, so docids are 1, 2, ...
Docs with_clusters(const std::vector<gazette::Article>& articles, Docs docs) {
  gi::RememberedArticles remembered;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const std::string key_term = gazette::schema::key_term(articles[i].id);
    docs[i].add_value(gazette::schema::kClusterKey,
                      gi::choose_cluster(remembered, key_term, docs[i]));
    remembered.remember(static_cast<Xapian::docid>(i + 1), key_term, docs[i]);
  }
  return docs;
}

Docs plain_documents(const std::vector<gazette::Article>& articles) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  Docs docs;
  docs.reserve(articles.size());
  for (const auto& article : articles) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(article.title);
    generator.index_text(article.body);
    doc.set_data(article.body);
    docs.push_back(std::move(doc));
  }
  return docs;
}

// A copy of each document without positions: same terms and wdf, values and data.
// (Document::clear_terms would drop the terms too.)
Docs without_positions(const Docs& docs) {
  Docs out;
  out.reserve(docs.size());
  for (const auto& doc : docs) {
    Xapian::Document copy;
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term)
      copy.add_term(*term, term.get_wdf());
    for (auto value = doc.values_begin(); value != doc.values_end(); ++value)
      copy.add_value(value.get_valueno(), *value);
    copy.set_data(doc.get_data());
    out.push_back(std::move(copy));
  }
  return out;
}

gi::SpellingCounts spelling_counts(const Docs& docs) {
  gi::SpellingCounts counts;
  for (const auto& doc : docs)
    counts.count(doc, 1);
  return counts;
}

// ---------------------------------------------------------------------------------------
// Writing (timed)

double size_mb(const fs::path& dir) {
  std::uintmax_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return static_cast<double>(bytes) / 1e6;
}

// An empty directory for one case (what an interrupted earlier run left there goes).
fs::path fresh_dir(const fs::path& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// The 1-, 5- and 15-minute load averages, to tell whether other work shared the cores.
std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return fmt::format("{} {} {}", one, five, fifteen);
}

// The process's CPU time so far (user + system, every thread).
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// What one run of a case measured; the final database is left in CASE_DIR/db.
struct Timings {
  double write_s = 0;
  std::optional<double> merge_s;  // Only for the segmented cases.
  double total_s = 0;
};

fs::path final_db(const fs::path& case_dir) {
  return case_dir / "db";
}

// Runs `write` `runs` times, each into a fresh `case_dir` (removed after), and keeps the
// fastest run: on a shared machine the other runs are the ones something else slowed.
template <typename Write>
CaseResult run_case(const std::string& name, unsigned threads, const Options& options,
                    std::size_t articles, Write write) {
  const fs::path case_dir = options.workdir / ("write-floor-" + name);
  CaseResult best;
  for (unsigned run = 0; run < options.runs; ++run) {
    fresh_dir(case_dir);
    const double cpu_start = cpu_seconds();
    const Timings t = write(case_dir);
    const double cpu_s = cpu_seconds() - cpu_start;
    if (run == 0 || t.total_s < best.total_s) {
      best = {name,
              threads,
              t.write_s,
              t.merge_s,
              t.total_s,
              cpu_s,
              static_cast<double>(articles) / t.total_s,
              size_mb(final_db(case_dir)),
              Xapian::Database(final_db(case_dir).string()).get_doccount()};
    }
    fs::remove_all(case_dir);
  }
  std::cerr << fmt::format("write_floor: {} done (best of {}), load average {}\n", name,
                           options.runs, load_average());
  return best;
}

// One writer, as a plain indexer: `commit_every` 0 leaves flushing to Xapian's autoflush.
Timings write_single(const Docs& docs, std::size_t commit_every, const fs::path& case_dir) {
  const auto start = Clock::now();
  {
    Xapian::WritableDatabase db(final_db(case_dir).string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (std::size_t i = 0; i < docs.size(); ++i) {
      db.add_document(docs[i]);
      if (commit_every != 0 && (i + 1) % commit_every == 0) db.commit();
    }
    db.commit();
  }  // Closed: the timing includes everything Xapian writes.
  const double seconds = seconds_since(start);
  return {seconds, std::nullopt, seconds};
}

fs::path segment_dir(const fs::path& case_dir, std::size_t index) {
  return case_dir / fmt::format("segment-{:06}", index);
}

// Documents [first, last) into a fresh segment database, committed once.
void write_segment(const Docs& docs, std::size_t first, std::size_t last, const fs::path& dir,
                   int flags) {
  Xapian::WritableDatabase db(dir.string(), flags);
  for (std::size_t i = first; i < last; ++i)
    db.add_document(docs[i]);
  db.commit();
  db.close();
}

// `threads` writers take the next segment from a shared counter until none is left. The
// first failure is rethrown once every writer has stopped.
void write_segments(const Docs& docs, std::size_t segment, unsigned threads, int flags,
                    const fs::path& case_dir) {
  const std::size_t count = (docs.size() + segment - 1) / segment;
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::exception_ptr failure;
  {
    std::vector<std::jthread> writers;
    for (unsigned t = 0; t < threads; ++t) {
      writers.emplace_back([&] {
        try {
          for (std::size_t s = next++; s < count; s = next++) {
            write_segment(docs, s * segment, std::min(docs.size(), (s + 1) * segment),
                          segment_dir(case_dir, s), flags);
          }
        } catch (...) {
          next = count;  // The others stop after their current segment.
          const std::lock_guard lock(mutex);
          if (!failure) failure = std::current_exception();
        }
      });
    }
  }  // jthreads join here.
  if (failure) std::rethrow_exception(failure);
}

// A source with no documents holding the spelling table, as Gazette's write_tables().
fs::path write_spelling(const gi::SpellingCounts& counts, const fs::path& case_dir) {
  const fs::path dir = case_dir / "tables";
  Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  counts.write_to(db);
  db.commit();
  return dir;
}

// One Compactor pass over the segments in order (and the spelling source, if any). Docids
// are renumbered, each source's after the previous one's: the order of the documents.
void merge_segments(std::size_t count, const gi::SpellingCounts* spelling, const fs::path& case_dir,
                    const fs::path& out) {
  Xapian::Database sources;
  for (std::size_t s = 0; s < count; ++s)
    sources.add_database(Xapian::Database(segment_dir(case_dir, s).string()));
  if (spelling)
    sources.add_database(Xapian::Database(write_spelling(*spelling, case_dir).string()));
  sources.compact(out.string(), Xapian::Compactor::STANDARD);
}

struct SegmentCase {
  std::string name;
  const Docs* docs;
  int extra_flags = 0;                           // Added to DB_CREATE | DB_NO_SYNC.
  const gi::SpellingCounts* spelling = nullptr;  // Written at the merge when set.
};

Timings write_segmented(const SegmentCase& c, const Options& options, const fs::path& case_dir) {
  const Docs& docs = *c.docs;
  const int flags = Xapian::DB_CREATE | Xapian::DB_NO_SYNC | c.extra_flags;
  const auto start = Clock::now();
  write_segments(docs, options.segment, options.threads, flags, case_dir);
  const double write_s = seconds_since(start);
  const auto merge_start = Clock::now();
  merge_segments((docs.size() + options.segment - 1) / options.segment, c.spelling, case_dir,
                 final_db(case_dir));
  return {write_s, seconds_since(merge_start), seconds_since(start)};
}

// ---------------------------------------------------------------------------------------
// Reporting

std::string table(const std::vector<CaseResult>& results) {
  std::string out =
      "| case | threads | write s | merge s | total s | CPU s | articles/s | index MB | docs |\n"
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
  for (const auto& r : results) {
    out +=
        fmt::format("| {} | {} | {:.2f} | {} | {:.2f} | {:.2f} | {:.0f} | {:.1f} | {} |\n", r.name,
                    r.threads, r.write_s, r.merge_s ? fmt::format("{:.2f}", *r.merge_s) : "–",
                    r.total_s, r.cpu_s, r.articles_per_s, r.index_mb, r.docs);
  }
  return out;
}

nlohmann::json to_json(const std::vector<CaseResult>& results) {
  auto cases = nlohmann::json::array();
  for (const auto& r : results) {
    cases.push_back({{"name", r.name},
                     {"threads", r.threads},
                     {"write_s", r.write_s},
                     {"merge_s", r.merge_s ? nlohmann::json(*r.merge_s) : nlohmann::json()},
                     {"total_s", r.total_s},
                     {"cpu_s", r.cpu_s},
                     {"articles_per_s", r.articles_per_s},
                     {"index_mb", r.index_mb},
                     {"docs", r.docs}});
  }
  return cases;
}

// Runs `step`, adds its wall time to `timings` under `name`, and returns its result.
template <typename Step>
auto timed(nlohmann::json& timings, const char* name, Step step) {
  const auto start = Clock::now();
  auto result = step();
  timings[name] = seconds_since(start);
  return result;
}

double text_mb(const std::vector<gazette::Article>& articles) {
  std::size_t bytes = 0;
  for (const auto& a : articles)
    bytes += a.title.size() + a.body.size();
  return static_cast<double>(bytes) / 1e6;
}

// Every set of documents the cases write, built before any case runs.
struct DocumentSets {
  std::vector<gazette::Article> articles;
  Docs gazette, plain, no_positions;
  gi::SpellingCounts spelling;
  nlohmann::json analysis_s;  // How long building each took.
};

void build_documents(const Options& options, DocumentSets& sets) {
  auto& t = sets.analysis_s;
  sets.articles = timed(t, "read", [&] { return read_articles(options.inputs); });
  const auto& articles = sets.articles;
  sets.gazette = timed(t, "gazette_build", [&] { return gazette_documents(articles); });
  sets.gazette = timed(t, "gazette_clusters",
                       [&] { return with_clusters(articles, std::move(sets.gazette)); });
  sets.plain = timed(t, "plain_build", [&] { return plain_documents(articles); });
  sets.no_positions = timed(t, "strip_positions", [&] { return without_positions(sets.gazette); });
  sets.spelling = timed(t, "spelling_counts", [&] { return spelling_counts(sets.gazette); });
}

struct NamedCase {
  std::string name;
  unsigned threads;
  std::function<Timings(const fs::path& case_dir)> write;
};

// The cases, in the order they run; they read `sets` only when run.
std::vector<NamedCase> make_cases(const DocumentSets& sets, const Options& options) {
  std::vector<NamedCase> cases;
  for (const std::size_t commit_every : {std::size_t{0}, std::size_t{1000}}) {
    cases.push_back({commit_every ? "plain-1thread-commit1000" : "plain-1thread-default", 1,
                     [&sets, commit_every](const fs::path& dir) {
                       return write_single(sets.plain, commit_every, dir);
                     }});
  }
  const SegmentCase segmented[] = {
      {"plain-segments", &sets.plain},
      {"plain-segments-dangerous", &sets.plain, Xapian::DB_DANGEROUS},
      {"gazette-segments", &sets.gazette},
      {"gazette-segments-nopositions", &sets.no_positions},
      {"gazette-segments-spelling", &sets.gazette, 0, &sets.spelling},
  };
  for (const auto& c : segmented) {
    cases.push_back({c.name, options.threads, [c, &options](const fs::path& dir) {
                       return write_segmented(c, options, dir);
                     }});
  }
  return cases;
}

// The cases --only names (all without it); a usage error for a name that is no case.
std::vector<NamedCase> select_cases(std::vector<NamedCase> cases, const Options& options) {
  if (options.only.empty()) return cases;
  std::vector<NamedCase> chosen;
  for (const auto& name : options.only) {
    const auto found = std::find_if(cases.begin(), cases.end(),
                                    [&](const NamedCase& c) { return c.name == name; });
    if (found == cases.end()) throw UsageError("--only: no case named '" + name + "'");
    chosen.push_back(*found);
  }
  return chosen;
}

int run(const Options& options) {
  DocumentSets sets;
  const auto cases = select_cases(make_cases(sets, options), options);
  build_documents(options, sets);
  std::cout << fmt::format(
      "{} articles, {:.1f} MB of title+body text; building the documents "
      "(untimed below), s: {}\n\n",
      sets.articles.size(), text_mb(sets.articles), sets.analysis_s.dump());

  const std::string load_before = load_average();
  std::vector<CaseResult> results;
  for (const auto& c : cases)
    results.push_back(run_case(c.name, c.threads, options, sets.articles.size(), c.write));
  const std::string load_after = load_average();
  std::cout << table(results)
            << fmt::format("\nload average before the cases: {}; after: {}\n", load_before,
                           load_after);

  if (!options.json.empty()) {
    const nlohmann::json out = {{"articles", sets.articles.size()},
                                {"text_mb", text_mb(sets.articles)},
                                {"threads", options.threads},
                                {"segment", options.segment},
                                {"runs", options.runs},
                                {"load_average_before", load_before},
                                {"load_average_after", load_after},
                                {"analysis_s", sets.analysis_s},
                                {"cases", to_json(results)}};
    std::ofstream(options.json) << out.dump(2) << '\n';
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_args(argc, argv));
  } catch (const UsageError& e) {
    std::cerr << "write_floor: " << e.what() << " (" << kUsage << ")\n";
    return 2;
  } catch (const Xapian::Error& e) {
    std::cerr << "write_floor: " << e.get_description() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "write_floor: " << e.what() << '\n';
    return 1;
  }
}

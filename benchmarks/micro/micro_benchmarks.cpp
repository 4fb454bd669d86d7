// Micro-benchmarks of Gazette's hot paths, so that a regression in one stage shows up here
// before it is lost in the noise of the end-to-end indexing and search figures:
//
//   - readers: HTML main-text extraction, plain text, Reuters SGML, JSON Lines;
//   - analysis: DocumentBuilder::build (terms, values, record, language), with bare
//     Xapian::TermGenerator for comparison, and the MinHash fingerprint;
//   - search: query parsing (build_query), make_snippet and find_passages over the hits of a
//     small real index built from examples/archive.
//
// Inputs are real articles from the source tree (located through GAZETTE_SOURCE_DIR), so the
// binary runs from anywhere. Each iteration processes a whole input set; bytes/s and items/s
// (pages, articles, snippets, queries) are per input, not per iteration.
//
//   gazette_micro [--benchmark_filter=REGEX] [--benchmark_min_time=0.2] [...]
#include <gazette/indexer.hpp>
#include <gazette/schema.hpp>
#include <gazette/searcher.hpp>

#include "common/src/record.hpp"
#include "indexer/src/document_builder.hpp"
#include "indexer/src/fingerprint.hpp"
#include "indexer/src/html_reader.hpp"
#include "indexer/src/json_reader.hpp"
#include "indexer/src/reuters_reader.hpp"
#include "indexer/src/text_reader.hpp"
#include "searcher/src/passages.hpp"
#include "searcher/src/query_builder.hpp"
#include "searcher/src/snippet.hpp"

#include <benchmark/benchmark.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
namespace gi = gazette::indexer;
namespace gs = gazette::searcher;

// Snippet length of the CLI and the search benchmarks, and passages per hit when asked for.
constexpr std::size_t kSnippetChars = 200;
constexpr std::size_t kPassagesPerHit = 3;
// Hits per query whose snippets are timed: one results page.
constexpr Xapian::doccount kHitsPerQuery = 10;

fs::path source_path(std::string_view relative) {
  return fs::path(GAZETTE_SOURCE_DIR) / relative;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every file under `dir` whose name ends with `extension`, in path order (a stable input set
// from run to run).
std::vector<fs::path> files_under(std::string_view dir, std::string_view extension) {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::recursive_directory_iterator(source_path(dir))) {
    if (entry.is_regular_file() && entry.path().extension() == extension) {
      paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::vector<std::string> file_contents(std::string_view dir, std::string_view extension) {
  std::vector<std::string> contents;
  for (const auto& path : files_under(dir, extension))
    contents.push_back(slurp(path));
  return contents;
}

// The inputs are loaded once, on first use, so a --benchmark_filter run loads only what it
// needs and no benchmark times file I/O.
const std::vector<std::string>& web_pages() {
  static const auto pages = file_contents("examples/archive/web", ".html");
  return pages;
}

const std::vector<std::string>& bbc_texts() {
  static const auto texts = file_contents("examples/archive/bbc", ".txt");
  return texts;
}

// The BBC texts as the indexer sees them after reading: DocumentBuilder needs an id.
const std::vector<gazette::Article>& bbc_articles() {
  static const auto articles = [] {
    std::vector<gazette::Article> out;
    for (const auto& text : bbc_texts()) {
      out.push_back(gi::read_text_article(text));
      out.back().id = "bbc/" + std::to_string(out.size());
    }
    return out;
  }();
  return articles;
}

std::size_t total_bytes(const std::vector<std::string>& inputs) {
  std::size_t bytes = 0;
  for (const auto& input : inputs)
    bytes += input.size();
  return bytes;
}

std::size_t body_bytes(const std::vector<gazette::Article>& articles) {
  std::size_t bytes = 0;
  for (const auto& article : articles)
    bytes += article.title.size() + article.body.size();
  return bytes;
}

// Reports throughput for `items` inputs of `bytes` in total processed per iteration.
void set_throughput(benchmark::State& state, std::size_t items, std::size_t bytes) {
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(items));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}

// Runs `process` on every input once per iteration and reports the inputs' throughput.
template <typename Input, typename Process>
void each_input(benchmark::State& state, const std::vector<Input>& inputs, std::size_t bytes,
                Process process) {
  for (auto _ : state) {
    for (const auto& input : inputs)
      process(input);
  }
  set_throughput(state, inputs.size(), bytes);
}

// ---------------------------------------------------------------------------------------
// Readers

void BM_HtmlExtraction(benchmark::State& state) {
  const auto& pages = web_pages();
  each_input(state, pages, total_bytes(pages), [](const std::string& page) {
    benchmark::DoNotOptimize(gi::read_html_article(page));
  });
}
BENCHMARK(BM_HtmlExtraction)->Unit(benchmark::kMillisecond);

void BM_TextReader(benchmark::State& state) {
  const auto& texts = bbc_texts();
  each_input(state, texts, total_bytes(texts), [](const std::string& text) {
    benchmark::DoNotOptimize(gi::read_text_article(text));
  });
}
BENCHMARK(BM_TextReader)->Unit(benchmark::kMicrosecond);

// Counts the articles a container reader finds and drops them: what the indexer does with
// them next is timed by BM_DocumentBuild.
class CountingSink : public gi::ArticleSink {
 public:
  void article(gazette::Article article) override {
    benchmark::DoNotOptimize(article);
    ++articles;
  }
  void problem(std::string, std::string) override { ++problems; }

  std::size_t articles = 0;
  std::size_t problems = 0;
};

// A container reader over one small fixture file; items are the articles it holds.
void run_container_reader(benchmark::State& state, gi::ReadFunction read,
                          std::string_view fixture) {
  const std::string bytes = slurp(source_path(fixture));
  const gi::ReadOptions options;
  CountingSink sink;
  for (auto _ : state) {
    sink.articles = 0;
    read(bytes, options, sink);
  }
  if (sink.problems > 0) state.SkipWithError("the reader reported problems with its fixture");
  set_throughput(state, sink.articles, bytes.size());
}

void BM_ReutersReader(benchmark::State& state) {
  run_container_reader(state, gi::read_reuters, "tests/fixtures/reuters/sample.sgm");
}
BENCHMARK(BM_ReutersReader)->Unit(benchmark::kMicrosecond);

void BM_JsonLinesReader(benchmark::State& state) {
  run_container_reader(state, gi::read_json, "tests/fixtures/json/articles.jsonl");
}
BENCHMARK(BM_JsonLinesReader)->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------------------
// Analysis

// The full document build. Without a declared language, build() runs language detection
// (CLD2) first; the `declared_lang` variant leaves it out, so the two show its share.
void BM_DocumentBuild(benchmark::State& state, bool declared_lang) {
  std::vector<gazette::Article> articles = bbc_articles();
  for (auto& article : articles)
    article.lang = declared_lang ? "en" : "";
  gi::DocumentBuilder builder;
  each_input(state, articles, body_bytes(articles), [&](const gazette::Article& article) {
    benchmark::DoNotOptimize(builder.build(article));
  });
}
BENCHMARK_CAPTURE(BM_DocumentBuild, detected_lang, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_DocumentBuild, declared_lang, true)->Unit(benchmark::kMicrosecond);

// Xapian's own tokeniser and stemmer on the same text, configured as DocumentBuilder's
// (positions, STEM_SOME, prefixed and boosted title): the floor under build()'s cost.
void BM_TermGenerator(benchmark::State& state) {
  const auto& articles = bbc_articles();
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  const std::string title_prefix(gazette::schema::kTitle);
  each_input(state, articles, body_bytes(articles), [&](const gazette::Article& article) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(article.title, 1, title_prefix);
    generator.index_text(article.title, gazette::schema::kTitleWdfBoost);
    generator.index_text(article.body);
    benchmark::DoNotOptimize(doc);
  });
}
BENCHMARK(BM_TermGenerator)->Unit(benchmark::kMicrosecond);

void BM_Fingerprint(benchmark::State& state) {
  const auto& articles = bbc_articles();
  std::size_t bytes = 0;
  for (const auto& article : articles)
    bytes += article.body.size();
  each_input(state, articles, bytes, [](const gazette::Article& article) {
    benchmark::DoNotOptimize(gi::fingerprint(article.body));
  });
}
BENCHMARK(BM_Fingerprint)->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------------------
// Search

// A real index of examples/archive (61 articles) in a temporary directory, built with
// gazette::Indexer on first use (about half a second, outside any timing) and deleted at exit.
class SampleIndex {
 public:
  static const SampleIndex& get() {
    static const SampleIndex index;
    return index;
  }
  ~SampleIndex() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  SampleIndex(const SampleIndex&) = delete;
  SampleIndex& operator=(const SampleIndex&) = delete;

  const Xapian::Database& db() const { return db_; }
  const gs::ArchiveLanguages& languages() const { return languages_; }
  Xapian::Stem stemmer() const { return languages_.stemmer_for("en"); }

 private:
  SampleIndex() : dir_(make_index()), db_(dir_.string()), languages_(db_) {}

  static fs::path make_index() {
    const fs::path dir = fs::temp_directory_path() / ("gazette-micro-" + std::to_string(getpid()));
    fs::remove_all(dir);
    gazette::Indexer indexer(dir.string());
    indexer.add_paths({source_path("examples/archive").string()});
    return dir;
  }

  fs::path dir_;
  Xapian::Database db_;
  gs::ArchiveLanguages languages_;
};

gazette::SearchRequest request_for(std::string query) {
  gazette::SearchRequest request;
  request.query = std::move(query);
  return request;
}

// One results page for `query` as the searcher produces it: the MSet (which keeps its
// Enquire's statistics for MSet::snippet), the parsed query, and each hit's body text.
struct ResultPage {
  explicit ResultPage(const std::string& query) {
    const SampleIndex& index = SampleIndex::get();
    built = gs::build_query(request_for(query), index.db(), index.languages());
    Xapian::Enquire enquire(index.db());
    enquire.set_query(built.query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    mset = enquire.get_mset(0, kHitsPerQuery);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      gazette::Article article = gazette::record::decode(it.get_document().get_data());
      texts.push_back(article.body.empty() ? article.title : article.body);
    }
  }

  gs::BuiltQuery built;
  Xapian::MSet mset;
  std::vector<std::string> texts;  ///< In rank order.
};

// Runs `make` on the text of every hit of `page`; items are hits. A query that matches
// nothing would time nothing, so it is an error.
template <typename Make>
void each_hit(benchmark::State& state, const ResultPage& page, Make make) {
  if (page.texts.empty()) {
    state.SkipWithError("the query matches nothing in examples/archive");
    return;
  }
  each_input(state, page.texts, total_bytes(page.texts),
             [&](const std::string& text) { make(text); });
}

void BM_Snippet(benchmark::State& state, const std::string& query) {
  const Xapian::Stem stemmer = SampleIndex::get().stemmer();
  const ResultPage page(query);
  const gs::QueryWords words = gs::query_words(page.built.query);
  each_hit(state, page, [&](const std::string& text) {
    benchmark::DoNotOptimize(gs::make_snippet(text, words, stemmer, kSnippetChars));
  });
}
BENCHMARK_CAPTURE(BM_Snippet, word, std::string("oil"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Snippet, words, std::string("oil prices"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Snippet, phrase, std::string("\"six nations\""))
    ->Unit(benchmark::kMicrosecond);

// Multi-passage snippets (SearchRequest::passages) at the CLI's snippet length.
void BM_Passages(benchmark::State& state, const std::string& query) {
  const Xapian::Stem stemmer = SampleIndex::get().stemmer();
  const ResultPage page(query);
  const gs::QueryWords words = gs::query_words(page.built.query);
  each_hit(state, page, [&](const std::string& text) {
    benchmark::DoNotOptimize(
        gs::find_passages(text, words, stemmer, kPassagesPerHit, kSnippetChars));
  });
}
BENCHMARK_CAPTURE(BM_Passages, words, std::string("oil prices"))->Unit(benchmark::kMicrosecond);

// Query text to Xapian::Query (parser set-up, field prefixes, date ranges, filters). Xapian 1.4
// expands a wildcard when the query runs, not here: the wildcard row is parsing alone.
void BM_BuildQuery(benchmark::State& state, const std::string& query) {
  const SampleIndex& index = SampleIndex::get();
  const gazette::SearchRequest request = request_for(query);
  for (auto _ : state)
    benchmark::DoNotOptimize(gs::build_query(request, index.db(), index.languages()));
  state.SetItemsProcessed(state.iterations());  // Queries/s; bytes/s says nothing here.
}
BENCHMARK_CAPTURE(BM_BuildQuery, simple, std::string("oil prices"));
BENCHMARK_CAPTURE(BM_BuildQuery, phrase, std::string("\"six nations\" wales"));
BENCHMARK_CAPTURE(BM_BuildQuery, field, std::string("title:oil author:smith"));
BENCHMARK_CAPTURE(BM_BuildQuery, wildcard, std::string("econom* growth"));
BENCHMARK_CAPTURE(BM_BuildQuery, date_range, std::string("oil date:2004-01..2005-06"));

}  // namespace

BENCHMARK_MAIN();

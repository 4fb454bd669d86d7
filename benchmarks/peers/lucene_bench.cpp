// Lucene++ peer (Debian's liblucene++, a port of Lucene 3.0) for peers.sh. Analysis is
// Lucene's SnowballAnalyzer("english"): StandardTokenizer, lower-casing, the English stop
// list and the Snowball English stemmer (the stemmer Gazette/Xapian use too); ranking is
// Lucene's default (classic TF-IDF similarity); snippets come from its Highlighter.
//
//   lucene_bench index JSONL... DIR               build DIR from the common JSON Lines text
//   lucene_bench query DIR QUERIES [RUNS]        top 10 with highlighted snippets, warm; JSON
//   lucene_bench trec DIR TIME-QUERIES RUN [N]   TREC run file: OR of the words, top N (1000)
//
// Query syntax of queries/*.txt, through QueryParser over title and body: words AND'ed (as
// FTS5 and gazette-search), "phrases" stay phrases, title:w and tag:w (the tags field) kept.
#include "benchmarks/peers/peer_common.hpp"

// LuceneHeaders.h first: the other Lucene++ headers rely on its declarations.
#include <lucene++/LuceneHeaders.h>

#include <lucene++/Highlighter.h>
#include <lucene++/MultiFieldQueryParser.h>
#include <lucene++/QueryScorer.h>
#include <lucene++/QueryWrapperFilter.h>
#include <lucene++/SimpleFragmenter.h>
#include <lucene++/SimpleHTMLFormatter.h>
#include <lucene++/SnowballAnalyzer.h>
#include <lucene++/TermRangeQuery.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

namespace {

namespace peers = gazette::bench::peers;
using namespace Lucene;

AnalyzerPtr analyzer() {
  return newLucene<SnowballAnalyzer>(LuceneVersion::LUCENE_CURRENT, L"english",
                                     StopAnalyzer::ENGLISH_STOP_WORDS_SET());
}

DocumentPtr to_document(const peers::Article& a) {
  DocumentPtr doc = newLucene<Document>();
  doc->add(newLucene<Field>(L"id", StringUtils::toUnicode(a.id), Field::STORE_YES,
                            Field::INDEX_NOT_ANALYZED));
  // Day resolution (Lucene's DateTools advice): a range filter then walks a few hundred
  // terms, not one per second-precise timestamp.
  doc->add(newLucene<Field>(L"date", StringUtils::toUnicode(a.date.substr(0, 10)), Field::STORE_NO,
                            Field::INDEX_NOT_ANALYZED));
  doc->add(newLucene<Field>(L"title", StringUtils::toUnicode(a.title), Field::STORE_YES,
                            Field::INDEX_ANALYZED));
  // Stored as Gazette and FTS5 store it: the highlighter needs the text back.
  doc->add(newLucene<Field>(L"body", StringUtils::toUnicode(a.body), Field::STORE_YES,
                            Field::INDEX_ANALYZED));
  doc->add(newLucene<Field>(L"tags", StringUtils::toUnicode(a.tags), Field::STORE_NO,
                            Field::INDEX_ANALYZED));
  return doc;
}

// Commits every 1,000 articles, as gazette-index and fts5_bench do.
int index_articles(const std::vector<std::string>& jsonl, const std::string& dir) {
  IndexWriterPtr writer =
      newLucene<IndexWriter>(FSDirectory::open(StringUtils::toUnicode(dir)), analyzer(), true,
                             IndexWriter::MaxFieldLengthUNLIMITED);
  std::size_t pending = 0;
  std::size_t n = 0;
  for (const auto& file : jsonl)
    n += peers::for_each_article(file, [&](const peers::Article& a) {
      writer->addDocument(to_document(a));
      if (++pending == 1000) {
        writer->commit();
        pending = 0;
      }
    });
  writer->close();
  std::cout << "{\"articles\": " << n << "}\n";
  return 0;
}

/// Gazette query syntax -> QueryParser syntax (field names as ours; "tags" for tag:).
String to_lucene(const std::string& query) {
  std::string s;
  for (const auto& p : peers::parse_query(query)) {
    std::string term;
    for (const auto& w : p.words)
      term += (term.empty() ? "" : " ") + w;
    if (p.phrase) term = '"' + term + '"';
    s += (s.empty() ? "" : " ") + (p.field.empty() ? term : p.field + ":" + term);
  }
  return StringUtils::toUnicode(s);
}

QueryParserPtr parser(const AnalyzerPtr& a, QueryParser::Operator op) {
  Collection<String> fields = newCollection<String>(L"title", L"body");
  QueryParserPtr qp = newLucene<MultiFieldQueryParser>(LuceneVersion::LUCENE_CURRENT, fields, a);
  qp->setDefaultOperator(op);
  return qp;
}

int time_searches(const std::string& dir, const std::string& queries_path, int runs) {
  const AnalyzerPtr a = analyzer();
  IndexSearcherPtr searcher =
      newLucene<IndexSearcher>(FSDirectory::open(StringUtils::toUnicode(dir)), true);
  const QueryParserPtr qp = parser(a, QueryParser::AND_OPERATOR);
  // [kSince, kUntilExclusive) on the untokenised ISO date.
  const FilterPtr date_filter = newLucene<QueryWrapperFilter>(
      newLucene<TermRangeQuery>(L"date", StringUtils::toUnicode(peers::kSince),
                                StringUtils::toUnicode(peers::kUntilExclusive), true, false));
  const auto queries = gazette::bench::read_queries(queries_path);
  peers::time_queries(queries, runs, [&](const std::string& q, bool filtered) {
    const QueryPtr parsed = qp->parse(to_lucene(q));
    const TopDocsPtr top = searcher->search(parsed, filtered ? date_filter : FilterPtr(), 10);
    // A ~200-character fragment, as Gazette's default snippet.
    HighlighterPtr hl = newLucene<Highlighter>(
        newLucene<SimpleHTMLFormatter>(L"<mark>", L"</mark>"), newLucene<QueryScorer>(parsed));
    hl->setTextFragmenter(newLucene<SimpleFragmenter>(200));
    std::size_t bytes = 0;
    for (const auto& sd : top->scoreDocs) {
      const DocumentPtr doc = searcher->doc(sd->doc);
      bytes +=
          doc->get(L"title").size() + hl->getBestFragment(a, L"body", doc->get(L"body")).size();
    }
    return bytes > 0 ? top->scoreDocs.size() : 0;
  });
  return 0;
}

/// `text` with QueryParser's syntax characters backslash-escaped, as QueryParser::escape
/// does (Lucene++ makes that one protected).
String escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (std::string_view("\\+-!():^[]\"{}~*?|&/").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return StringUtils::toUnicode(out);
}

int write_trec_run(const std::string& dir, const std::string& queries_path,
                   const std::string& run_path, int depth) {
  const AnalyzerPtr a = analyzer();
  IndexSearcherPtr searcher =
      newLucene<IndexSearcher>(FSDirectory::open(StringUtils::toUnicode(dir)), true);
  const QueryParserPtr qp = parser(a, QueryParser::OR_OPERATOR);
  std::ofstream out(run_path);
  for (const auto& [qid, text] : peers::read_trec_queries(queries_path)) {
    // The text as typed, escaped: QueryParser and its analyzer read it as Lucene users get it.
    const QueryPtr query = qp->parse(escaped(text));
    const TopDocsPtr top = searcher->search(query, depth);
    int rank = 0;
    for (const auto& sd : top->scoreDocs)
      out << qid << " Q0 " << StringUtils::toUTF8(searcher->doc(sd->doc)->get(L"id")) << ' '
          << ++rank << ' ' << sd->score << " lucene\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  return peers::dispatch(argc, argv, "lucene_bench", "DIR",
                         {index_articles, time_searches, write_trec_run});
} catch (const Lucene::LuceneException& e) {
  std::cerr << "lucene_bench: " << Lucene::StringUtils::toUTF8(e.getError()) << '\n';
  return 2;
} catch (const std::exception& e) {
  std::cerr << "lucene_bench: " << e.what() << '\n';
  return 2;
}

// Raw Xapian peer for the relevance comparisons (benchmarks/trec_layouts.py): what a program
// gets from Xapian's own defaults, without Gazette's analysis. TermGenerator with the English
// stemmer indexes the title, then the body, unprefixed; QueryParser (STEM_SOME, no stop list)
// ORs the words; BM25Weight with its defaults ranks.
//
//   xapian_bench index JSONL... DB               build DB from the common JSON Lines text
//   xapian_bench trec DB TIME-QUERIES RUN [N]    TREC run file: OR of the words, top N (1000)
#include "benchmarks/peers/peer_common.hpp"

#include <xapian.h>

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

namespace peers = gazette::bench::peers;

int index_articles(const std::vector<std::string>& jsonl, const std::string& path) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("en"));
  std::size_t n = 0;
  for (const auto& file : jsonl)
    n += peers::for_each_article(file, [&](const peers::Article& a) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(a.title);
      generator.increase_termpos();  // no phrase across the title's end
      generator.index_text(a.body);
      doc.set_data(a.id);
      db.add_document(doc);
    });
  db.commit();
  std::cerr << "xapian_bench: indexed " << n << " articles\n";
  return 0;
}

int unsupported_query(const std::string&, const std::string&, int) {
  std::cerr << "xapian_bench: only index and trec (relevance); no latency pass\n";
  return 2;
}

int write_trec_run(const std::string& path, const std::string& queries_path,
                   const std::string& run_path, int depth) {
  Xapian::Database db(path);
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(Xapian::Stem("en"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_OR);
  Xapian::Enquire enquire(db);  // BM25Weight() is the default weighting scheme
  std::ofstream out(run_path);
  for (const auto& [qid, text] : peers::read_trec_queries(queries_path)) {
    enquire.set_query(parser.parse_query(text));
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
    for (auto it = mset.begin(); it != mset.end(); ++it)
      out << qid << " Q0 " << it.get_document().get_data() << ' ' << it.get_rank() + 1 << ' '
          << it.get_weight() << " xapian\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  return peers::dispatch(argc, argv, "xapian_bench", "DB",
                         {index_articles, unsupported_query, write_trec_run});
} catch (const Xapian::Error& e) {
  std::cerr << "xapian_bench: " << e.get_description() << '\n';
  return 2;
} catch (const std::exception& e) {
  std::cerr << "xapian_bench: " << e.what() << '\n';
  return 2;
}

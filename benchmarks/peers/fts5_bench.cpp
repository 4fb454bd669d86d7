// SQLite FTS5 peer (porter stemming over unicode61, default bm25 ranking) for peers.sh:
//
//   fts5_bench index JSONL... DB                 build DB from the common JSON Lines text
//   fts5_bench query DB QUERIES [RUNS]          top 10 by bm25() with snippet(), warm; JSON
//   fts5_bench trec DB TIME-QUERIES RUN [N]     TREC run file: OR of the words, top N (1000)
//
// Query syntax of queries/*.txt: words are AND'ed (FTS5's implicit operator), "phrases" stay
// phrases, title:w searches the title column, tag:w the tags column. Every word is quoted so
// that words such as "and"/"not" are not read as FTS5 operators.
#include "benchmarks/peers/peer_common.hpp"

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

namespace {

namespace peers = gazette::bench::peers;

using Db = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using Stmt = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Db open_db(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open(path.c_str(), &db);
  Db owned(db, &sqlite3_close);
  if (rc != SQLITE_OK) throw std::runtime_error(path + ": " + sqlite3_errmsg(db));
  return owned;
}

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err ? err : "?";
    sqlite3_free(err);
    throw std::runtime_error(sql + ": " + msg);
  }
}

Stmt prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
    throw std::runtime_error(sql + ": " + sqlite3_errmsg(db));
  return Stmt(s, &sqlite3_finalize);
}

void bind_text(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

// Commits every 1,000 articles, as gazette-index does by default: the same durability
// cadence for both, with SQLite's default (rollback journal, synchronous=FULL) settings.
int index_articles(const std::vector<std::string>& jsonl, const std::string& path) {
  std::filesystem::remove(path);
  const Db db = open_db(path);
  exec(db.get(),
       "CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, date UNINDEXED, title, body, "
       "tags, tokenize='porter unicode61')");
  const Stmt insert = prepare(
      db.get(), "INSERT INTO articles(id, date, title, body, tags) VALUES (?1, ?2, ?3, ?4, ?5)");
  std::size_t pending = 0;
  exec(db.get(), "BEGIN");
  std::size_t n = 0;
  for (const auto& file : jsonl)
    n += peers::for_each_article(file, [&](const peers::Article& a) {
      bind_text(insert.get(), 1, a.id);
      bind_text(insert.get(), 2, a.date);
      bind_text(insert.get(), 3, a.title);
      bind_text(insert.get(), 4, a.body);
      bind_text(insert.get(), 5, a.tags);
      if (sqlite3_step(insert.get()) != SQLITE_DONE)
        throw std::runtime_error(sqlite3_errmsg(db.get()));
      sqlite3_reset(insert.get());
      if (++pending == 1000) {
        exec(db.get(), "COMMIT; BEGIN");
        pending = 0;
      }
    });
  exec(db.get(), "COMMIT");
  std::cout << "{\"articles\": " << n << "}\n";
  return 0;
}

std::string quoted(const std::vector<std::string>& words) {
  std::string s = "\"";
  for (const auto& w : words)
    s += (s.size() > 1 ? " " : "") + w;
  return s + "\"";
}

/// Gazette query syntax -> FTS5 MATCH expression; `op` joins the parts ("AND" or "OR").
std::string to_fts5(const std::string& query, const std::string& op) {
  std::string expr;
  for (const auto& p : peers::parse_query(query)) {
    if (!expr.empty()) expr += " " + op + " ";
    // A multi-word part that is not a phrase cannot occur: parse_query splits on spaces.
    const std::string term = quoted(p.words);
    expr += p.field.empty() ? term : p.field + " : " + term;
  }
  return expr;
}

int time_searches(const std::string& path, const std::string& queries_path, int runs) {
  const Db db = open_db(path);
  const auto queries = gazette::bench::read_queries(queries_path);
  const std::string select =
      "SELECT id, title, snippet(articles, 3, '<mark>', '</mark>', '…', 30) FROM articles "
      "WHERE articles MATCH ?1";
  const Stmt plain = prepare(db.get(), select + " ORDER BY rank LIMIT 10");
  const Stmt filtered =
      prepare(db.get(), select + " AND date >= ?2 AND date < ?3 ORDER BY rank LIMIT 10");
  peers::time_queries(queries, runs, [&](const std::string& q, bool with_filter) {
    sqlite3_stmt* s = with_filter ? filtered.get() : plain.get();
    bind_text(s, 1, to_fts5(q, "AND"));
    if (with_filter) {
      bind_text(s, 2, peers::kSince);
      bind_text(s, 3, peers::kUntilExclusive);
    }
    std::size_t hits = 0;
    std::size_t bytes = 0;  // read every column, so that the snippet is really built
    while (sqlite3_step(s) == SQLITE_ROW) {
      ++hits;
      for (int c = 0; c < 3; ++c)
        bytes += static_cast<std::size_t>(sqlite3_column_bytes(s, c));
    }
    sqlite3_reset(s);
    return bytes > 0 ? hits : 0;
  });
  return 0;
}

/// The words of a query typed as text: FTS5's MATCH has no free-text mode (punctuation is
/// syntax there), so an application splits the text as FTS5's unicode61 tokenizer would.
std::string words_only(std::string text) {
  for (char& c : text)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = ' ';
  return text;
}

int write_trec_run(const std::string& path, const std::string& queries_path,
                   const std::string& run_path, int depth) {
  const Db db = open_db(path);
  const Stmt s = prepare(
      db.get(),
      "SELECT id, bm25(articles) FROM articles WHERE articles MATCH ?1 ORDER BY rank LIMIT ?2");
  std::ofstream out(run_path);
  for (const auto& [qid, text] : peers::read_trec_queries(queries_path)) {
    bind_text(s.get(), 1, to_fts5(words_only(text), "OR"));
    sqlite3_bind_int(s.get(), 2, depth);
    for (int rank = 1; sqlite3_step(s.get()) == SQLITE_ROW; ++rank) {
      // bm25() is negated (lower is better); TREC wants higher-is-better scores.
      out << qid << " Q0 " << reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0)) << ' '
          << rank << ' ' << -sqlite3_column_double(s.get(), 1) << " fts5\n";
    }
    sqlite3_reset(s.get());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  return peers::dispatch(argc, argv, "fts5_bench", "DB",
                         {index_articles, time_searches, write_trec_run});
} catch (const std::exception& e) {
  std::cerr << "fts5_bench: " << e.what() << '\n';
  return 2;
}

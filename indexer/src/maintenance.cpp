// Read-only maintenance of a Gazette database: statistics (`gazette-index stats`) and the
// consistency check (`gazette-index check`). Neither takes the write lock, so both run
// while an indexer is writing; they see the last commit.
#include <gazette/date.hpp>
#include <gazette/error.hpp>
#include <gazette/indexer.hpp>
#include <gazette/schema.hpp>

#include "common/src/record.hpp"
#include "common/src/schema_check.hpp"
#include "common/src/text.hpp"
#include "common/src/xapian_error.hpp"
#include "indexer/src/db_layout.hpp"
#include "indexer/src/file_state.hpp"
#include "indexer/src/incremental.hpp"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <unordered_set>

#if defined(__SANITIZE_ADDRESS__)
// Xapian 1.4's Database::check() frees one of its own objects through a base pointer of
// another size (a sized-delete mismatch inside libxapian, harmless with glibc's allocator).
// AddressSanitizer builds would abort in every check; this file is linked into any program
// that can call check_database(), so the exemption lives here and nowhere else. The
// sanitizer runtime looks the hook up by name, so it must stay visible despite the
// library's hidden default visibility.
extern "C" __attribute__((visibility("default"))) const char* __asan_default_options() {
  return "new_delete_type_mismatch=0";
}
#endif

namespace gazette {
namespace fs = std::filesystem;

namespace {

using Counts = std::vector<std::pair<std::string, std::size_t>>;

// Exact counts of each distinct value in `slot`, most frequent first, ties by name. The
// value stream reads only that slot, so this stays cheap on large databases.
Counts count_values(const Xapian::Database& db, Xapian::valueno slot) {
  std::map<std::string, std::size_t> counts;
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    ++counts[*it];
  }
  Counts out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

std::optional<Timestamp> to_timestamp(const std::string& serialised) {
  if (serialised.empty()) return std::nullopt;
  const double seconds = Xapian::sortable_unserialise(serialised);
  return Timestamp(std::chrono::seconds(static_cast<long long>(std::floor(seconds))));
}

// Every recorded file state, as (metadata key, raw record).
template <typename Fn>
void for_each_file_state(const Xapian::Database& db, Fn&& fn) {
  const std::string prefix(schema::kFileStatePrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    fn(*it, db.get_metadata(*it));
  }
}

std::size_t count_file_states(const Xapian::Database& db) {
  std::size_t n = 0;
  for_each_file_state(db, [&](const std::string&, const std::string&) { ++n; });
  return n;
}

// Opens the database read-only; a missing or unreadable one becomes gazette::Error.
Xapian::Database open_database(const std::string& db_path) {
  return with_xapian_errors(db_path, [&] { return Xapian::Database(db_path); });
}

// The directory holding the live glass tables: follow stub files to the generation they
// name (a generation is itself checked for a stub, so a nested layout is still found); a
// database made before the stub layout is its own directory.
fs::path tables_directory(const std::string& db_path) {
  constexpr int kMaxStubDepth = 8;  // Stubs naming stubs in a loop must not hang the check.
  fs::path dir = db_path;
  for (int depth = 0; depth < kMaxStubDepth && indexer::has_stub_layout(dir); ++depth) {
    dir = indexer::live_generation(dir);
  }
  return dir;
}

// Xapian's own structural check (what xapian-check does), counted into `report`.
void check_tables(const std::string& db_path, CheckReport& report) {
  std::ostringstream out;
  try {
    const std::size_t errors = Xapian::Database::check(tables_directory(db_path).string(), 0, &out);
    if (errors > 0) {
      report.errors += errors;
      const std::string output = out.str();  // Outlives the line views.
      const auto lines = text::split_lines(output);
      report.problems.push_back(fmt::format("Xapian check found {} error{}{}{}", errors,
                                            errors == 1 ? "" : "s", lines.empty() ? "" : ": ",
                                            lines.empty() ? "" : lines.front()));
    }
  } catch (const Xapian::Error& e) {
    ++report.errors;
    report.problems.push_back(fmt::format("Xapian check failed: {}", e.get_description()));
  } catch (const Error& e) {  // An unreadable stub file.
    ++report.errors;
    report.problems.push_back(e.what());
  }
}

bool under_any_root(const std::string& path, const std::vector<fs::path>& roots) {
  return std::any_of(roots.begin(), roots.end(),
                     [&](const fs::path& root) { return indexer::is_under(path, root); });
}

// The key an article's stored record names (for messages; the Q term may be hashed).
std::string article_key(const Xapian::Database& db, Xapian::docid id) {
  std::string key = record::decode(db.get_document(id).get_data()).id;
  return key.empty() ? fmt::format("#{}", id) : key;
}

// Each file state's articles exist; returns the documents the states account for.
std::unordered_set<Xapian::docid> check_states_have_articles(const Xapian::Database& db,
                                                             CheckReport& report) {
  std::unordered_set<Xapian::docid> covered;
  for_each_file_state(db, [&](const std::string& meta_key, const std::string& record) {
    const auto state = indexer::decode_state(record);
    if (!state) {
      report.problems.push_back(fmt::format("file state {} has no path", meta_key));
      return;
    }
    for (const std::string& key : state->keys) {
      const std::string term = schema::key_term(key);
      const auto postings = db.postlist_begin(term);
      if (postings == db.postlist_end(term)) {
        report.problems.push_back(
            fmt::format("{}: article {} is recorded but missing from the index", state->path, key));
      } else {
        covered.insert(*postings);
      }
    }
  });
  return covered;
}

// Each article that came from a file under a recorded root is listed in a file state, else
// `update` would never replace or delete it. Articles a program added with add_article
// (outside the roots) are not tied to a file and are fine.
void check_articles_have_states(const Xapian::Database& db, const std::vector<fs::path>& roots,
                                const std::unordered_set<Xapian::docid>& covered,
                                CheckReport& report) {
  const std::string prefix(schema::kPath);
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    const std::string path = (*term).substr(prefix.size());
    if (!under_any_root(path, roots)) continue;
    for (auto doc = db.postlist_begin(*term); doc != db.postlist_end(*term); ++doc) {
      if (covered.contains(*doc)) continue;
      report.problems.push_back(
          fmt::format("{}: article {} has no file state", path, article_key(db, *doc)));
    }
  }
}

}  // namespace

DatabaseStats database_stats(const std::string& db_path) {
  Xapian::Database db = open_database(db_path);
  return with_xapian_errors(db_path, [&] {
    DatabaseStats stats;
    stats.path = db_path;
    stats.schema_version = check_schema_version(db, db_path) ? schema::kVersion : 0;
    stats.articles = db.get_doccount();
    stats.files = count_file_states(db);
    for (const auto& root : indexer::recorded_roots(db))
      stats.roots.push_back(root.string());
    stats.sources = count_values(db, schema::kSource);
    stats.languages = count_values(db, schema::kLanguage);
    stats.earliest = to_timestamp(db.get_value_lower_bound(schema::kPublishedTime));
    stats.latest = to_timestamp(db.get_value_upper_bound(schema::kPublishedTime));
    stats.last_update = parse_date(db.get_metadata(std::string(schema::kLastUpdateKey)));
    stats.size_bytes = indexer::size_on_disk(db_path);
    stats.revision = db.get_revision();
    return stats;
  });
}

CheckReport check_database(const std::string& db_path) {
  CheckReport report;
  std::optional<Xapian::Database> db;
  try {
    db.emplace(open_database(db_path));
  } catch (const Error& e) {
    if (e.code() == ErrorCode::not_found) throw;
    report.problems.push_back(e.what());  // Damaged: Xapian's check says where.
  }
  check_tables(db_path, report);
  if (!db) return report;
  try {
    with_xapian_errors(db_path, [&] {
      check_schema_version(*db, db_path);
      const auto covered = check_states_have_articles(*db, report);
      check_articles_have_states(*db, indexer::recorded_roots(*db), covered, report);
    });
  } catch (const Error& e) {  // Wrong schema, or tables too damaged to read.
    report.problems.push_back(e.what());
  }
  return report;
}

}  // namespace gazette

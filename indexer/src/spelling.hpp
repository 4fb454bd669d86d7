// The spelling table behind "did you mean": every article adds each distinct word of its
// title and body once, so a word's spelling frequency is the number of articles holding it.
// Every path that replaces or deletes an article first takes the old version's words back
// out, so the table stays truthful across updates and removals.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace gazette::indexer {

/// True for a term that belongs in the spelling table: an unprefixed, unstemmed word of
/// 3 or more letters and at most kMaxSpellingBytes bytes, without digits.
bool is_spelling_word(std::string_view term);
inline constexpr std::size_t kMaxSpellingBytes = 30;

/// Records in a new database whether it keeps spelling data (not committed).
void record_spelling(Xapian::WritableDatabase& db, bool on);

/// Whether the database keeps spelling data. A recorded "off" wins over `wanted` true, so
/// later runs honour a choice made once; `wanted` false on a database that keeps spelling
/// data empties its table and records "off", committed (unless `dry_run`: nothing written).
bool settle_spelling(Xapian::WritableDatabase& db, bool wanted, bool dry_run);

/// Keeps the table in step before the article stored under `key_term` is replaced by
/// `replacement` or deleted (`replacement` null): the words of the stored version (if any)
/// go out, those of the replacement come in.
void respell(Xapian::WritableDatabase& db, const std::string& key_term,
             const Xapian::Document* replacement);

/// Spelling frequencies gathered in memory and written to a database at once. A segmented
/// build keeps these instead of a spelling table per segment: Xapian works out the
/// fragments of every word new to a table when it commits, and each segment's words would
/// all be new.
class SpellingCounts {
 public:
  /// Counts each distinct spelling word of `doc` once, with `step` (+1 for an article
  /// that comes in, -1 for one that goes).
  void count(const Xapian::Document& doc, int step);
  /// Adds `other`'s counts to these.
  void merge(const SpellingCounts& other);
  /// Adds the counts to `db`'s spelling table (not committed).
  void write_to(Xapian::WritableDatabase& db) const;

 private:
  std::unordered_map<std::string, std::int64_t> counts_;
};

/// Deletes the article stored under `key_term`, taking its words out of the spelling table
/// when `spelling`; false (and nothing done) when there is no such article. Every deletion
/// goes through here.
bool delete_article(Xapian::WritableDatabase& db, const std::string& key_term, bool spelling);

}  // namespace gazette::indexer

// The spelling table: which words go in, and keeping their frequencies truthful as articles
// are replaced and deleted. See spelling.hpp.
#include "indexer/src/spelling.hpp"

#include <gazette/schema.hpp>

#include <map>
#include <utility>
#include <vector>

namespace gazette::indexer {

namespace {

constexpr std::size_t kMinSpellingLetters = 3;  // "of", "mr": nothing worth suggesting.

// Terms sort bytewise, so every term below "[" (0x5B, just after 'Z') starts with a digit,
// punctuation or an upper-case prefix letter (stems are "Z..."): none is a spelling word.
// Skipping straight past them saves reading the prefixed half of a document's terms.
constexpr std::string_view kFirstUnprefixed = "[";

std::size_t letters(std::string_view utf8) {
  std::size_t n = 0;
  for (Xapian::Utf8Iterator it(utf8.data(), utf8.size()); it != Xapian::Utf8Iterator(); ++it)
    ++n;
  return n;
}

// Calls fn(word) for each spelling word in [it, end).
template <typename Fn>
void for_each_word(Xapian::TermIterator it, const Xapian::TermIterator& end, Fn&& fn) {
  for (it.skip_to(std::string(kFirstUnprefixed)); it != end; ++it) {
    const std::string term = *it;
    if (is_spelling_word(term)) fn(term);
  }
}

// Adds `step` to the pending change of every spelling word in [it, end).
void count_words(Xapian::TermIterator it, const Xapian::TermIterator& end, int step,
                 std::map<std::string, int>& delta) {
  for_each_word(std::move(it), end, [&](const std::string& word) { delta[word] += step; });
}

void apply_delta(Xapian::WritableDatabase& db, const std::map<std::string, int>& delta) {
  for (const auto& [word, change] : delta) {
    if (change > 0) db.add_spelling(word, static_cast<Xapian::termcount>(change));
    if (change < 0) db.remove_spelling(word, static_cast<Xapian::termcount>(-change));
  }
}

void add_words(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  for_each_word(doc.termlist_begin(), doc.termlist_end(),
                [&](const std::string& word) { db.add_spelling(word, 1); });
}

void clear_spelling_table(Xapian::WritableDatabase& db) {
  std::vector<std::pair<std::string, Xapian::termcount>> words;  // Not removed mid-iteration.
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it)
    words.emplace_back(*it, it.get_termfreq());
  for (const auto& [word, freq] : words)
    db.remove_spelling(word, freq);
}

}  // namespace

bool is_spelling_word(std::string_view term) {
  if (term.empty() || term.size() > kMaxSpellingBytes) return false;
  if (term.front() >= 'A' && term.front() <= 'Z') return false;  // A prefix, or a Z stem.
  // Numbers, and words with digits ("mp3", "g8"), make poor corrections: "1987" -> "1986".
  for (const char c : term) {
    if (c >= '0' && c <= '9') return false;
  }
  return letters(term) >= kMinSpellingLetters;
}

void record_spelling(Xapian::WritableDatabase& db, bool on) {
  db.set_metadata(std::string(schema::kSpellingKey), on ? "on" : "off");
}

bool settle_spelling(Xapian::WritableDatabase& db, bool wanted, bool dry_run) {
  if (db.get_metadata(std::string(schema::kSpellingKey)) == "off") return false;
  if (wanted) return true;
  if (dry_run) return false;
  // Stale frequencies would be worse than none: the table goes with the choice.
  clear_spelling_table(db);
  record_spelling(db, false);
  db.commit();
  return false;
}

void respell(Xapian::WritableDatabase& db, const std::string& key_term,
             const Xapian::Document* replacement) {
  auto stored = db.postlist_begin(key_term);
  if (stored == db.postlist_end(key_term)) {  // A new article, the common case: no diff.
    if (replacement) add_words(db, *replacement);
    return;
  }
  // One map for both versions, so the words an edit leaves alone cost no table write.
  std::map<std::string, int> delta;
  for (; stored != db.postlist_end(key_term); ++stored)
    count_words(db.termlist_begin(*stored), db.termlist_end(*stored), -1, delta);
  if (replacement)
    count_words(replacement->termlist_begin(), replacement->termlist_end(), 1, delta);
  apply_delta(db, delta);
}

void SpellingCounts::count(const Xapian::Document& doc, int step) {
  for_each_word(doc.termlist_begin(), doc.termlist_end(),
                [&](const std::string& word) { counts_[word] += step; });
}

void SpellingCounts::merge(const SpellingCounts& other) {
  for (const auto& [word, count] : other.counts_)
    counts_[word] += count;
}

void SpellingCounts::write_to(Xapian::WritableDatabase& db) const {
  for (const auto& [word, count] : counts_) {
    if (count > 0) db.add_spelling(word, static_cast<Xapian::termcount>(count));
  }
}

bool delete_article(Xapian::WritableDatabase& db, const std::string& key_term, bool spelling) {
  if (db.get_termfreq(key_term) == 0) return false;
  if (spelling) respell(db, key_term, nullptr);
  db.delete_document(key_term);
  return true;
}

}  // namespace gazette::indexer

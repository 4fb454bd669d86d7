// Near-duplicate detection at index time: a MinHash fingerprint of each article's body,
// LSH band terms to find candidate copies with a cheap term lookup, and the duplicate
// cluster key (schema::kClusterKey) that lets the searcher collapse wire copies.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gazette::indexer {

/// Bodies with fewer normalised words than this cluster only when identical: a few
/// shared words ("Qtly div 20 cts") say nothing about being the same story.
inline constexpr std::size_t kMinNearDuplicateWords = 20;
/// Words per shingle. Four keeps a one-word edit from touching more than four shingles.
inline constexpr std::size_t kShingleWords = 4;
/// MinHash values per fingerprint, split into kBands bands of kRowsPerBand rows for LSH.
inline constexpr std::size_t kMinHashes = 64;
inline constexpr std::size_t kBands = 16;
inline constexpr std::size_t kRowsPerBand = kMinHashes / kBands;
/// Estimated Jaccard similarity of the shingle sets at or above which two bodies are
/// near-duplicates. A banded pair at 0.7 is a candidate with probability 0.99.
inline constexpr double kNearDuplicateJaccard = 0.7;

/// What two bodies are compared by. `exact` is 0 only for a body with no words.
struct Fingerprint {
  std::uint64_t exact = 0;             ///< XXH3 of the normalised body.
  std::vector<std::uint16_t> minhash;  ///< kMinHashes values; empty for short bodies.

  bool operator==(const Fingerprint&) const = default;
};

/// `text` as compared for duplicates: words lower-cased (ASCII), punctuation dropped,
/// joined by single spaces. "Net 2,028,000 vs. 1,879,000" -> "net 2028000 vs 1879000".
std::string normalise_for_fingerprint(std::string_view text);

/// The fingerprint of an article body.
Fingerprint fingerprint(std::string_view body);

/// The estimated Jaccard similarity of two long bodies' shingle sets (0 if either is short).
double estimated_jaccard(const Fingerprint& a, const Fingerprint& b);

/// True if `a` and `b` belong in one cluster: identical, or both long and similar enough.
bool same_story(const Fingerprint& a, const Fingerprint& b);

/// The fingerprint as stored in the kFingerprint value: lower-case hex, the exact hash
/// (16 digits) then each MinHash value (4 digits). decode_fingerprint() reverses it and
/// returns nothing for a malformed value.
std::string encode_fingerprint(const Fingerprint& fp);
std::optional<Fingerprint> decode_fingerprint(std::string_view hex);

/// The boolean terms that find candidate duplicates: `XLSHe<exact>` and, for long bodies,
/// one `XLSH<band><hash>` per band. Empty for a body with no words.
std::vector<std::string> lookup_terms(const Fingerprint& fp);

/// Adds the kFingerprint value and the lookup terms of `body` to `doc`.
void add_fingerprint(Xapian::Document& doc, std::string_view body);

/// The stored articles a new one is compared with to find its cluster.
class StoredArticles {
 public:
  /// What is stored of an article: its fingerprint (none if its kFingerprint value is
  /// missing or malformed) and its kClusterKey value.
  struct Entry {
    std::optional<Fingerprint> fingerprint;
    std::string cluster;
  };
  virtual ~StoredArticles() = default;
  /// The article stored under `key_term`, if any.
  virtual std::optional<Xapian::docid> find(const std::string& key_term) const = 0;
  /// Calls `fn` with each article holding `term`, in increasing docid order, until it
  /// returns false.
  virtual void for_each_holding(const std::string& term,
                                const std::function<bool(Xapian::docid)>& fn) const = 0;
  virtual Entry entry(Xapian::docid id) const = 0;
};

/// The cluster of `doc` (with add_fingerprint()'s value), about to be stored under
/// `key_term`: the cluster of the first verified duplicate among `stored` (the previous
/// version of the same article first, so re-indexing keeps clusters stable), else a new
/// cluster named by a hash of `key_term`.
std::string choose_cluster(const StoredArticles& stored, const std::string& key_term,
                           const Xapian::Document& doc);

/// Sets the kClusterKey value of `doc` by choose_cluster() among the articles of `db`.
void assign_cluster(const Xapian::Database& db, const std::string& key_term, Xapian::Document& doc);

/// The articles of a database being built in memory, for choose_cluster() when they are
/// not (yet) readable from a database: what a segmented build remembers of each.
class RememberedArticles final : public StoredArticles {
 public:
  /// Records `doc` (cluster assigned) as stored under `key_term` at `id`, replacing what
  /// was at `id` before.
  void remember(Xapian::docid id, const std::string& key_term, const Xapian::Document& doc);
  std::optional<Xapian::docid> find(const std::string& key_term) const override;
  void for_each_holding(const std::string& term,
                        const std::function<bool(Xapian::docid)>& fn) const override;
  Entry entry(Xapian::docid id) const override;

 private:
  // Lookup terms by a 64-bit hash: a 10x Reuters build remembers 3.7 million of them, most
  // held by one article, so the lowest docid of each is kept apart from the rest.
  void hold(std::uint64_t term, Xapian::docid id);
  void release(std::uint64_t term, Xapian::docid id);

  std::vector<Entry> entries_;  // By docid - 1.
  std::unordered_map<std::uint64_t, Xapian::docid> first_holder_;
  std::unordered_map<std::uint64_t, std::vector<Xapian::docid>> other_holders_;  // Sorted.
  std::unordered_map<std::string, Xapian::docid> by_key_;
};

/// Stores `doc` under `key_term` (replacing the article's previous version) with its
/// cluster assigned, and the spelling table updated when `spelling` (see spelling.hpp):
/// what every indexing path calls instead of replace_document().
void replace_clustered(Xapian::WritableDatabase& db, const std::string& key_term,
                       Xapian::Document doc, bool spelling);

}  // namespace gazette::indexer

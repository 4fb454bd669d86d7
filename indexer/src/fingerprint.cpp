// MinHash over word shingles with LSH banding; see fingerprint.hpp for the contract.
#include "indexer/src/fingerprint.hpp"

#include <gazette/schema.hpp>

#include "indexer/src/spelling.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <unordered_set>

namespace gazette::indexer {

namespace {

// Band terms add two band digits to the prefix, the exact-body term an 'e'.
constexpr std::string_view kLshPrefix = schema::kDuplicateLookup;
constexpr std::size_t kExactHexDigits = 16;
constexpr std::size_t kMinHashHexDigits = 4;
// Verifications per article at most, so a band shared by thousands of template stories
// (market reports) cannot make indexing quadratic. A true copy shares the exact term or
// most bands, so it is met long before the cap.
constexpr std::size_t kMaxCandidates = 100;

// SplitMix64's finaliser: a strong 64-bit mix, so that mix(h ^ seed) for different seeds
// behaves like independent random permutations of the shingle hashes.
constexpr std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr std::array<std::uint64_t, kMinHashes> make_seeds() {
  std::array<std::uint64_t, kMinHashes> seeds{};
  std::uint64_t state = 0x9e3779b97f4a7c15ULL;
  for (auto& seed : seeds) {
    state += 0x9e3779b97f4a7c15ULL;
    seed = mix(state);
  }
  return seeds;
}
constexpr auto kSeeds = make_seeds();  // Part of the on-disk format: never change.

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// ASCII punctuation and symbols are dropped; bytes of non-ASCII UTF-8 letters are kept.
bool is_ascii_punct(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && !std::isalnum(u);
}

std::uint64_t xxh3(std::string_view bytes, std::uint64_t seed = 0) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

// Start offsets of the words of a normalised text (words separated by single spaces).
std::vector<std::size_t> word_starts(std::string_view normalised) {
  std::vector<std::size_t> starts;
  if (normalised.empty()) return starts;
  starts.push_back(0);
  for (std::size_t i = 0; i < normalised.size(); ++i) {
    if (normalised[i] == ' ') starts.push_back(i + 1);
  }
  return starts;
}

// One hash per run of kShingleWords consecutive words, read straight from the text.
std::vector<std::uint64_t> shingle_hashes(std::string_view normalised,
                                          const std::vector<std::size_t>& starts) {
  std::vector<std::uint64_t> hashes;
  for (std::size_t first = 0; first + kShingleWords <= starts.size(); ++first) {
    const std::size_t next = first + kShingleWords;
    const std::size_t end = next < starts.size() ? starts[next] - 1 : normalised.size();
    hashes.push_back(xxh3(normalised.substr(starts[first], end - starts[first])));
  }
  return hashes;
}

std::vector<std::uint16_t> minhash(const std::vector<std::uint64_t>& shingles) {
  std::vector<std::uint16_t> values(kMinHashes);
  for (std::size_t i = 0; i < kMinHashes; ++i) {
    std::uint64_t lowest = std::numeric_limits<std::uint64_t>::max();
    for (const std::uint64_t s : shingles)
      lowest = std::min(lowest, mix(s ^ kSeeds[i]));
    // The low bits: the high bits of a minimum cluster near zero and would collide.
    values[i] = static_cast<std::uint16_t>(lowest);
  }
  return values;
}

std::string band_term(const Fingerprint& fp, std::size_t band) {
  const auto* rows = fp.minhash.data() + band * kRowsPerBand;
  const std::string_view bytes(reinterpret_cast<const char*>(rows),
                               kRowsPerBand * sizeof(std::uint16_t));
  // 32 bits of the band are plenty: a collision only costs one wasted verification.
  return fmt::format("{}{:02d}{:08x}", kLshPrefix, band,
                     static_cast<std::uint32_t>(xxh3(bytes, band)));
}

std::optional<std::uint64_t> parse_hex(std::string_view hex) {
  std::uint64_t value = 0;
  for (const char c : hex) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (digit < 0) return std::nullopt;
    value = value << 4 | static_cast<std::uint64_t>(digit);
  }
  return value;
}

// Walks the documents that might be copies of a fingerprint, each at most once.
class CandidateSearch {
 public:
  CandidateSearch(const StoredArticles& stored, const Fingerprint& fp) : stored_(stored), fp_(fp) {}

  // The cluster of `id` if it holds the same story, else nothing.
  std::optional<std::string> verify(Xapian::docid id) {
    if (!seen_.insert(id).second || seen_.size() > kMaxCandidates) return std::nullopt;
    StoredArticles::Entry entry = stored_.entry(id);
    if (!entry.fingerprint || !same_story(fp_, *entry.fingerprint) || entry.cluster.empty()) {
      return std::nullopt;
    }
    return std::move(entry.cluster);
  }

  std::optional<std::string> first_match(const std::string& term) {
    std::optional<std::string> cluster;
    stored_.for_each_holding(term, [&](Xapian::docid id) {
      if (seen_.size() >= kMaxCandidates) return false;
      cluster = verify(id);
      return !cluster;
    });
    return cluster;
  }

 private:
  const StoredArticles& stored_;
  const Fingerprint& fp_;
  std::unordered_set<Xapian::docid> seen_;
};

// The articles of a Xapian database.
class DatabaseArticles final : public StoredArticles {
 public:
  explicit DatabaseArticles(const Xapian::Database& db) : db_(db) {}

  std::optional<Xapian::docid> find(const std::string& key_term) const override {
    const auto it = db_.postlist_begin(key_term);
    if (it == db_.postlist_end(key_term)) return std::nullopt;
    return *it;
  }

  void for_each_holding(const std::string& term,
                        const std::function<bool(Xapian::docid)>& fn) const override {
    for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
      if (!fn(*it)) return;
    }
  }

  Entry entry(Xapian::docid id) const override {
    const Xapian::Document doc = db_.get_document(id, Xapian::DOC_ASSUME_VALID);
    return {decode_fingerprint(doc.get_value(schema::kFingerprint)),
            doc.get_value(schema::kClusterKey)};
  }

 private:
  const Xapian::Database& db_;
};

}  // namespace

std::string normalise_for_fingerprint(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool word_open = false;  // A space goes in only between two non-empty words.
  for (const char c : text) {
    if (is_ascii_space(c)) {
      word_open = false;
      continue;
    }
    if (is_ascii_punct(c)) continue;  // "U.K." and "2,028" stay one word.
    if (!word_open && !out.empty()) out += ' ';
    word_open = true;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

Fingerprint fingerprint(std::string_view body) {
  const std::string normalised = normalise_for_fingerprint(body);
  Fingerprint fp;
  if (normalised.empty()) return fp;
  // Seeded so that no body hashes to 0, which marks "no words".
  fp.exact = std::max<std::uint64_t>(1, xxh3(normalised));
  const auto starts = word_starts(normalised);
  if (starts.size() >= kMinNearDuplicateWords) {
    fp.minhash = minhash(shingle_hashes(normalised, starts));
  }
  return fp;
}

double estimated_jaccard(const Fingerprint& a, const Fingerprint& b) {
  if (a.minhash.size() != kMinHashes || b.minhash.size() != kMinHashes) return 0;
  std::size_t equal = 0;
  for (std::size_t i = 0; i < kMinHashes; ++i)
    equal += a.minhash[i] == b.minhash[i];
  return static_cast<double>(equal) / kMinHashes;
}

bool same_story(const Fingerprint& a, const Fingerprint& b) {
  if (a.exact == 0 || b.exact == 0) return false;  // Nothing to compare: never a copy.
  return a.exact == b.exact || estimated_jaccard(a, b) >= kNearDuplicateJaccard;
}

std::string encode_fingerprint(const Fingerprint& fp) {
  if (fp.exact == 0) return {};
  std::string hex = fmt::format("{:016x}", fp.exact);
  for (const std::uint16_t value : fp.minhash)
    hex += fmt::format("{:04x}", value);
  return hex;
}

std::optional<Fingerprint> decode_fingerprint(std::string_view hex) {
  const bool long_body = hex.size() == kExactHexDigits + kMinHashes * kMinHashHexDigits;
  if (hex.size() != kExactHexDigits && !long_body) return std::nullopt;
  Fingerprint fp;
  const auto exact = parse_hex(hex.substr(0, kExactHexDigits));
  if (!exact || *exact == 0) return std::nullopt;
  fp.exact = *exact;
  for (std::size_t pos = kExactHexDigits; pos < hex.size(); pos += kMinHashHexDigits) {
    const auto value = parse_hex(hex.substr(pos, kMinHashHexDigits));
    if (!value) return std::nullopt;
    fp.minhash.push_back(static_cast<std::uint16_t>(*value));
  }
  return fp;
}

std::vector<std::string> lookup_terms(const Fingerprint& fp) {
  std::vector<std::string> terms;
  if (fp.exact == 0) return terms;
  terms.push_back(fmt::format("{}e{:016x}", kLshPrefix, fp.exact));
  if (fp.minhash.size() != kMinHashes) return terms;
  for (std::size_t band = 0; band < kBands; ++band)
    terms.push_back(band_term(fp, band));
  return terms;
}

void add_fingerprint(Xapian::Document& doc, std::string_view body) {
  const Fingerprint fp = fingerprint(body);
  if (fp.exact == 0) return;
  doc.add_value(schema::kFingerprint, encode_fingerprint(fp));
  for (const auto& term : lookup_terms(fp))
    doc.add_boolean_term(term);
}

std::string choose_cluster(const StoredArticles& stored, const std::string& key_term,
                           const Xapian::Document& doc) {
  const auto fp = decode_fingerprint(doc.get_value(schema::kFingerprint));
  if (fp) {
    CandidateSearch search(stored, *fp);
    std::optional<std::string> cluster;
    // The previous version of this article first: re-indexing an unchanged file must not
    // move it to another cluster.
    if (const auto self = stored.find(key_term)) cluster = search.verify(*self);
    for (const auto& term : lookup_terms(*fp)) {
      if (cluster) return *cluster;
      cluster = search.first_match(term);
    }
    if (cluster) return *cluster;
  }
  return fmt::format("{:016x}", XXH3_64bits(key_term.data(), key_term.size()));
}

void assign_cluster(const Xapian::Database& db, const std::string& key_term,
                    Xapian::Document& doc) {
  doc.add_value(schema::kClusterKey, choose_cluster(DatabaseArticles(db), key_term, doc));
}

namespace {

std::uint64_t term_hash(const std::string& term) {
  return XXH3_64bits(term.data(), term.size());
}

}  // namespace

void RememberedArticles::remember(Xapian::docid id, const std::string& key_term,
                                  const Xapian::Document& doc) {
  if (id > entries_.size()) entries_.resize(id);
  Entry& entry = entries_[id - 1];
  if (entry.fingerprint) {  // A replaced version.
    for (const auto& term : lookup_terms(*entry.fingerprint))
      release(term_hash(term), id);
  }
  entry = {decode_fingerprint(doc.get_value(schema::kFingerprint)),
           doc.get_value(schema::kClusterKey)};
  if (entry.fingerprint) {
    for (const auto& term : lookup_terms(*entry.fingerprint))
      hold(term_hash(term), id);
  }
  by_key_[key_term] = id;
}

void RememberedArticles::hold(std::uint64_t term, Xapian::docid id) {
  const auto [first, inserted] = first_holder_.try_emplace(term, id);
  if (inserted) return;
  if (id < first->second) std::swap(id, first->second);
  auto& others = other_holders_[term];
  others.insert(std::lower_bound(others.begin(), others.end(), id), id);
}

void RememberedArticles::release(std::uint64_t term, Xapian::docid id) {
  const auto first = first_holder_.find(term);
  if (first == first_holder_.end()) return;
  const auto others = other_holders_.find(term);
  if (first->second == id) {
    if (others == other_holders_.end()) {
      first_holder_.erase(first);
      return;
    }
    first->second = others->second.front();  // The next lowest takes its place.
    others->second.erase(others->second.begin());
  } else if (others != other_holders_.end()) {
    std::erase(others->second, id);
  }
  if (others != other_holders_.end() && others->second.empty()) other_holders_.erase(others);
}

std::optional<Xapian::docid> RememberedArticles::find(const std::string& key_term) const {
  const auto it = by_key_.find(key_term);
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

void RememberedArticles::for_each_holding(const std::string& term,
                                          const std::function<bool(Xapian::docid)>& fn) const {
  const std::uint64_t hash = term_hash(term);
  const auto first = first_holder_.find(hash);
  if (first == first_holder_.end() || !fn(first->second)) return;
  const auto others = other_holders_.find(hash);
  if (others == other_holders_.end()) return;
  for (const Xapian::docid id : others->second) {
    if (!fn(id)) return;
  }
}

StoredArticles::Entry RememberedArticles::entry(Xapian::docid id) const {
  return id >= 1 && id <= entries_.size() ? entries_[id - 1] : Entry{};
}

void replace_clustered(Xapian::WritableDatabase& db, const std::string& key_term,
                       Xapian::Document doc, bool spelling) {
  assign_cluster(db, key_term, doc);
  if (spelling) respell(db, key_term, &doc);  // Reads the old version: before it is gone.
  db.replace_document(key_term, doc);
}

}  // namespace gazette::indexer

// "More like this": see related.hpp.
#include "searcher/src/related.hpp"

#include "searcher/src/ranking.hpp"

#include <gazette/error.hpp>
#include <gazette/schema.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gazette::searcher {
namespace {

// Expansion terms kept: enough to characterise a story, few enough to stay fast.
constexpr Xapian::termcount kExpansionTerms = 30;

// Only distinctive plain words of the text are worth expanding with: no prefixed field or
// filter terms (they repeat the words or are metadata), no stems (their words are there
// already), no numbers, no one- or two-letter words, and no word in more than half the
// articles ("the", "said": they describe no story).
class DistinctiveWords final : public Xapian::ExpandDecider {
 public:
  explicit DistinctiveWords(const Xapian::Database& db)
      : db_(db), common_above_(db.get_doccount() / 2) {}

  bool operator()(const std::string& term) const override {
    if (term.size() < 3) return false;
    const auto first = static_cast<unsigned char>(term.front());
    if (first >= 'A' && first <= 'Z') return false;
    if (std::all_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return false;
    return db_.get_termfreq(term) <= common_above_;
  }

 private:
  const Xapian::Database& db_;
  Xapian::doccount common_above_;
};

Xapian::docid docid_of(const Xapian::Database& db, std::string_view key) {
  const std::string term = schema::key_term(key);
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) {
    throw_error(ErrorCode::not_found, fmt::format("no article with key '{}'", key));
  }
  return *it;
}

// The article and every copy of its story: what "related" must not return.
Xapian::Query same_story(const Xapian::Database& db, Xapian::docid id, std::string_view key) {
  const Xapian::Query self(schema::key_term(key));
  const std::string cluster = db.get_document(id).get_value(schema::kClusterKey);
  if (cluster.empty()) return self;
  return Xapian::Query(
      Xapian::Query::OP_OR, self,
      Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kClusterKey, cluster, cluster));
}

// Word -> probability in the relevance model of `top` (Lavrenko and Croft's RM1): each
// hit's word frequencies over its length, weighted by the hit's share of the top scores.
// Xapian's ESet (Robertson's offer weight) was tried first: on TIME its MAP swung from 0.60
// to 0.64 with the number of hits, where this model stays within 0.61-0.64.
std::unordered_map<std::string, double> relevance_model(const Xapian::Database& db,
                                                        const Xapian::MSet& top) {
  std::unordered_map<std::string, double> probability;
  double total_score = 0;
  for (auto hit = top.begin(); hit != top.end(); ++hit)
    total_score += hit.get_weight();
  if (total_score <= 0) return probability;
  const DistinctiveWords decider(db);
  for (auto hit = top.begin(); hit != top.end(); ++hit) {
    const double length = std::max<double>(1, db.get_doclength(*hit));
    const double hit_share = hit.get_weight() / total_score;
    for (auto term = db.termlist_begin(*hit); term != db.termlist_end(*hit); ++term) {
      if (decider(*term)) probability[*term] += term.get_wdf() / length * hit_share;
    }
  }
  return probability;
}

// The `count` most probable words, OR-ed, each scaled by its probability relative to the
// best's; ties broken by word, so the query never depends on hash order.
Xapian::Query most_probable(const std::unordered_map<std::string, double>& probability,
                            std::size_t count) {
  std::vector<std::pair<double, std::string>> best;
  for (const auto& [term, p] : probability)
    best.emplace_back(p, term);
  const std::size_t kept = std::min(best.size(), count);
  std::partial_sort(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(kept), best.end(),
                    [](const auto& a, const auto& b) {
                      return a.first > b.first || (a.first == b.first && a.second < b.second);
                    });
  best.resize(kept);
  if (best.empty()) return Xapian::Query();
  std::vector<Xapian::Query> terms;
  for (const auto& [p, term] : best)
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), p / best.front().first);
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

Xapian::Query expansion_terms(const Xapian::Database& db, const Xapian::RSet& relevant,
                              Xapian::termcount count) {
  Xapian::Enquire enquire(db);
  const DistinctiveWords decider(db);
  const Xapian::ESet eset = enquire.get_eset(count, relevant, &decider);
  if (eset.empty()) return Xapian::Query();
  std::vector<Xapian::Query> terms;
  const double top_weight = eset.begin().get_weight();
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    // Each term's BM25 weight is scaled by how distinctive it is of the set (0..1].
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it),
                       top_weight > 0 ? it.get_weight() / top_weight : 1.0);
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query related_query(const Xapian::Database& db, std::string_view key) {
  const Xapian::docid id = docid_of(db, key);
  Xapian::RSet relevant;
  relevant.add_document(id);
  const Xapian::Query terms = expansion_terms(db, relevant, kExpansionTerms);
  if (terms.empty()) {
    throw_error(ErrorCode::invalid_input,
                fmt::format("article '{}' has no words to find related articles by", key));
  }
  return Xapian::Query(Xapian::Query::OP_AND_NOT, terms, same_story(db, id, key));
}

Xapian::Query feedback_terms(const Xapian::Database& db, const Xapian::Query& query,
                             const Ranking& ranking) {
  if (ranking.feedback_docs == 0 || ranking.feedback_terms == 0) return Xapian::Query();
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(bm25(ranking));
  const Xapian::MSet top =
      enquire.get_mset(0, static_cast<Xapian::doccount>(ranking.feedback_docs));
  return most_probable(relevance_model(db, top), ranking.feedback_terms);
}

}  // namespace gazette::searcher

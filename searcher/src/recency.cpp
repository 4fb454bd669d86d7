// Recency boost: see recency.hpp.
#include "searcher/src/recency.hpp"

#include <gazette/schema.hpp>

#include <cmath>

namespace gazette::searcher {
namespace {

// Weight = scale * 2^(-age / half_life) for each article with a publication time. Xapian
// calls get_weight() only for documents the rest of the query matched (OP_AND_MAYBE), so
// the value is read for candidates only.
class RecencySource final : public Xapian::ValuePostingSource {
 public:
  explicit RecencySource(const RecencyBoost& boost)
      : Xapian::ValuePostingSource(schema::kPublishedTime), boost_(boost) {}

  void init(const Xapian::Database& db) override {
    Xapian::ValuePostingSource::init(db);
    set_maxweight(boost_.scale);
  }

  double get_weight() const override {
    return boost_.weight_at(Xapian::sortable_unserialise(get_value()));
  }

  Xapian::PostingSource* clone() const override { return new RecencySource(boost_); }

  std::string name() const override { return "gazette::RecencySource"; }

 private:
  RecencyBoost boost_;
};

}  // namespace

double RecencyBoost::weight_at(double time) const {
  const double age = std::max(0.0, newest_time - time);
  return scale * std::exp2(-age / half_life);
}

RecencyBoost plan_recency(const Xapian::Database& db, const Xapian::Query& query,
                          std::chrono::seconds half_life, const Xapian::Weight& weight) {
  RecencyBoost boost;
  const std::string newest = db.get_value_upper_bound(schema::kPublishedTime);
  if (half_life.count() <= 0 || newest.empty()) return boost;
  boost.newest_time = Xapian::sortable_unserialise(newest);
  boost.half_life = static_cast<double>(half_life.count());
  // The best BM25 score of this query: one cheap top-1 match.
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(weight);
  boost.scale = enquire.get_mset(0, 1).get_max_attained();
  return boost;
}

Xapian::Query with_recency(const Xapian::Query& query, const RecencyBoost& boost) {
  if (boost.scale <= 0) return query;
  auto* source = new RecencySource(boost);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(source->release()));
}

double recency_part(const RecencyBoost& boost, const std::string& time_value) {
  if (boost.scale <= 0 || time_value.empty()) return 0;
  return boost.weight_at(Xapian::sortable_unserialise(time_value));
}

}  // namespace gazette::searcher

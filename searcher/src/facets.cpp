// Facets and timeline: a ValueCountMatchSpy per value slot. Tags are counted from the
// kTags slot (all of an article's tags in one value), splitting each distinct list.
#include "searcher/src/facets.hpp"

#include "searcher/src/query_builder.hpp"

#include <gazette/error.hpp>
#include <gazette/schema.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <memory>

namespace gazette::searcher {
namespace {

using Counts = std::map<std::string, std::size_t>;

// "source, year, …": the facets users can ask for.
std::string known_facets() {
  std::string out;
  for (const schema::Facet& facet : schema::kFacets)
    out += (out.empty() ? "" : ", ") + std::string(facet.name);
  return out;
}

// Counts the tags (K terms) of every document it is shown: for databases indexed before
// tags had a value slot, where reading term lists is the only way (and much slower).
class TagSpy final : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    const std::string prefix(schema::kTag);
    Xapian::TermIterator it = doc.termlist_begin();
    for (it.skip_to(prefix); it != doc.termlist_end(); ++it) {
      const std::string term = *it;
      if (term.compare(0, prefix.size(), prefix) != 0) break;
      ++counts_[term.substr(prefix.size())];
    }
  }
  const Counts& counts() const { return counts_; }

 private:
  Counts counts_;
};

Counts spy_counts(const Xapian::ValueCountMatchSpy& spy) {
  Counts out;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
    out[*it] = it.get_termfreq();
  return out;
}

// Counts of tag lists ("crude\ngrain": 3) turned into counts of tags (crude: 3, grain: 3).
Counts split_tag_lists(const Counts& lists) {
  Counts out;
  for (const auto& [list, count] : lists) {
    for (std::size_t begin = 0; begin <= list.size();) {
      const std::size_t end = std::min(list.find(schema::kTagSeparator, begin), list.size());
      if (end > begin) out[list.substr(begin, end - begin)] += count;
      begin = end + 1;
    }
  }
  return out;
}

// "YYYYMM" -> "YYYY-MM", "YYYYMMDD" -> "YYYY-MM-DD"; anything else unchanged.
std::string dashed(const std::string& digits) {
  if (digits.size() == 6) return digits.substr(0, 4) + '-' + digits.substr(4);
  if (digits.size() == 8)
    return digits.substr(0, 4) + '-' + digits.substr(4, 2) + '-' + digits.substr(6);
  return digits;
}

// Counts re-keyed by `label` (several keys may share one label); empty labels dropped.
template <typename Label>
Counts relabel(const Counts& counts, Label label) {
  Counts out;
  for (const auto& [key, n] : counts) {
    std::string l = label(key);
    if (!l.empty()) out[l] += n;
  }
  return out;
}

std::vector<FacetValue> top_values(const Counts& counts, std::size_t limit) {
  std::vector<FacetValue> values;
  for (const auto& [value, n] : counts)
    values.push_back({value, n});
  // Counts come from a map, so equal counts are already in value order: a stable sort keeps it.
  std::stable_sort(values.begin(), values.end(),
                   [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  if (values.size() > limit) values.resize(limit);
  return values;
}

unsigned timeline_slot(TimelineGranularity g) {
  switch (g) {
    case TimelineGranularity::year:
      return schema::kYear;
    case TimelineGranularity::month:
      return schema::kYearMonth;
    default:
      return schema::kDateYmd;
  }
}

std::string period_label(TimelineGranularity g, const std::string& value) {
  return g == TimelineGranularity::week ? iso_week(value) : dashed(value);
}

// Runs `query` over every document, showing each match to the spies.
void run_spies(const Xapian::Database& db, const Xapian::Query& query,
               const std::vector<Xapian::MatchSpy*>& spies) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  for (auto* spy : spies)
    enquire.add_matchspy(spy);
  // Checking at least every document makes the spies see every match.
  enquire.get_mset(0, 1, db.get_doccount());
}

// The matches per period of granularity `g`, counted by `spy`.
Counts period_counts(const Xapian::ValueCountMatchSpy& spy, TimelineGranularity g) {
  return relabel(spy_counts(spy), [g](const std::string& v) { return period_label(g, v); });
}

std::vector<TimelinePoint> timeline_points(const Counts& matches, const Counts* totals) {
  std::vector<TimelinePoint> points;
  for (const auto& [period, n] : matches) {
    TimelinePoint p{period, n, std::nullopt};
    if (totals) {
      const auto it = totals->find(period);
      p.share = it == totals->end() || it->second == 0 ? 0.0 : double(n) / double(it->second);
    }
    points.push_back(std::move(p));
  }
  return points;
}

// The archive's articles per period, for normalising.
Counts archive_totals(const Xapian::Database& db, TimelineGranularity g) {
  Xapian::ValueCountMatchSpy spy(timeline_slot(g));
  run_spies(db, match_all(), {&spy});
  return period_counts(spy, g);
}

// The spies of one request: one per requested facet, plus one for the timeline.
struct Spies {
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> values;  // parallel to facets
  std::unique_ptr<TagSpy> tags;
  std::unique_ptr<Xapian::ValueCountMatchSpy> timeline;

  Spies(const SearchRequest& request, const Xapian::Database& db) {
    // A database with tags (K terms) but no kTags values predates the slot.
    const bool tags_in_terms =
        db.get_value_freq(schema::kTags) == 0 &&
        db.allterms_begin(std::string(schema::kTag)) != db.allterms_end(std::string(schema::kTag));
    for (const auto& name : request.facets) {
      const unsigned slot = schema::facet(name)->slot;
      if (slot == schema::kTags && tags_in_terms) {
        values.push_back(nullptr);
        if (!tags) tags = std::make_unique<TagSpy>();
        continue;
      }
      values.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
    }
    if (request.timeline != TimelineGranularity::none) {
      timeline = std::make_unique<Xapian::ValueCountMatchSpy>(timeline_slot(request.timeline));
    }
  }

  std::vector<Xapian::MatchSpy*> all() const {
    std::vector<Xapian::MatchSpy*> out;
    for (const auto& v : values)
      if (v) out.push_back(v.get());
    if (tags) out.push_back(tags.get());
    if (timeline) out.push_back(timeline.get());
    return out;
  }

  Counts facet_counts(std::size_t i, const std::string& name) const {
    if (!values[i]) return tags->counts();
    Counts counts = spy_counts(*values[i]);
    const unsigned slot = schema::facet(name)->slot;
    if (slot == schema::kTags) return split_tag_lists(counts);
    return slot == schema::kYearMonth ? relabel(counts, dashed) : counts;
  }
};

}  // namespace

void validate_facets(const SearchRequest& request) {
  for (const auto& name : request.facets) {
    if (schema::facet(name) == nullptr) {
      throw_error(ErrorCode::invalid_input,
                  fmt::format("unknown facet '{}' (known: {})", name, known_facets()));
    }
  }
  if (!request.facets.empty() && request.facet_limit == 0) {
    throw_error(ErrorCode::invalid_input, "facet limit must be at least 1");
  }
}

std::string iso_week(std::string_view ymd) {
  using namespace std::chrono;
  int y = 0;
  unsigned m = 0, d = 0;
  if (ymd.size() != 8 || std::from_chars(ymd.data(), ymd.data() + 4, y).ptr != ymd.data() + 4 ||
      std::from_chars(ymd.data() + 4, ymd.data() + 6, m).ptr != ymd.data() + 6 ||
      std::from_chars(ymd.data() + 6, ymd.data() + 8, d).ptr != ymd.data() + 8) {
    return {};
  }
  const year_month_day date{year{y}, month{m}, day{d}};
  if (!date.ok()) return {};
  const sys_days day_point{date};
  // The ISO week belongs to the year of its Thursday; weeks start on Monday.
  const sys_days thursday = day_point + days{4 - int(weekday{day_point}.iso_encoding())};
  const year iso_year = year_month_day{thursday}.year();
  const sys_days jan1{iso_year / January / 1};
  const auto week = (thursday - jan1).count() / 7 + 1;
  return fmt::format("{:04}-W{:02}", int(iso_year), week);
}

void add_breakdowns(const Xapian::Database& db, const Xapian::Query& query,
                    const SearchRequest& request, SearchResult& result) {
  const Spies spies(request, db);
  const auto all = spies.all();
  if (all.empty()) return;
  run_spies(db, query, all);
  for (std::size_t i = 0; i < request.facets.size(); ++i) {
    const std::string& name = request.facets[i];
    result.facets.push_back({name, top_values(spies.facet_counts(i, name), request.facet_limit)});
  }
  if (!spies.timeline) return;
  const Counts matches = period_counts(*spies.timeline, request.timeline);
  if (!request.normalise) {
    result.timeline = timeline_points(matches, nullptr);
    return;
  }
  const Counts totals = archive_totals(db, request.timeline);
  result.timeline = timeline_points(matches, &totals);
}

}  // namespace gazette::searcher

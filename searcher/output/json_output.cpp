// The JSON shapes of search output: see json_output.hpp and docs/search-output.md.
#include "searcher/output/json_output.hpp"

#include <gazette/date.hpp>

namespace gazette::output {
namespace {

using json = nlohmann::ordered_json;

json optional_date(const std::optional<Timestamp>& time) {
  return time ? json(format_iso8601(*time)) : json(nullptr);
}

// Byte offset `bytes` of UTF-8 `text` as a count of code points (what JSON users index by).
std::size_t code_point_offset(std::string_view text, std::size_t bytes) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < bytes && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++points;
  }
  return points;
}

json passage_json(const Passage& p) {
  json highlights = json::array();
  for (const auto& span : p.snippet.highlights) {
    highlights.push_back({code_point_offset(p.snippet.text, span.begin),
                          code_point_offset(p.snippet.text, span.end)});
  }
  return json{{"start", p.char_begin},
              {"end", p.char_end},
              {"text", p.snippet.text},
              {"html", p.snippet.to_html()},
              {"highlights", std::move(highlights)}};
}

json explanation_json(const Explanation& e, const std::string& cluster) {
  json terms = json::array();
  for (const auto& t : e.terms) {
    terms.push_back(
        {{"term", t.term}, {"field", t.field}, {"stemmed", t.stemmed}, {"frequency", t.frequency}});
  }
  return json{{"bm25", e.bm25}, {"recency", e.recency}, {"cluster", cluster}, {"terms", terms}};
}

// The fields of an article, named alike in hits and in --show (schema 2).
json article_fields(const Article& a) {
  return json{{"id", a.id},
              {"docno", a.docno},
              {"title", a.title},
              {"date", optional_date(a.published)},
              {"source", a.source},
              {"authors", a.authors},
              {"url", a.url},
              {"lang", a.lang},
              {"tags", a.tags},
              {"format", a.format},
              {"path", a.origin.path},
              {"position", a.origin.position}};
}

}  // namespace

json hit_json(const Hit& hit) {
  json out{{"rank", hit.rank}};
  out.update(article_fields(hit.article));
  out.update(json{{"score", hit.score},
                  {"duplicates", hit.duplicates},
                  {"cluster", hit.cluster},
                  {"snippet", hit.snippet.to_html()}});
  if (!hit.passages.empty()) {
    json passages = json::array();
    for (const auto& p : hit.passages)
      passages.push_back(passage_json(p));
    out["passages"] = std::move(passages);
  }
  if (hit.explanation) out["explanation"] = explanation_json(*hit.explanation, hit.cluster);
  return out;
}

const std::vector<std::string>& hit_field_names() {
  static const std::vector<std::string> names = [] {
    Hit sample;
    sample.passages.emplace_back();
    sample.explanation.emplace();
    std::vector<std::string> out;
    const json full = hit_json(sample);
    for (const auto& item : full.items())
      out.push_back(item.key());
    return out;
  }();
  return names;
}

json select_fields(const json& full, const std::vector<std::string>& fields) {
  if (fields.empty()) return full;
  json out = json::object();
  for (const auto& name : fields)
    out[name] = full.contains(name) ? full[name] : json(nullptr);
  return out;
}

json article_json(const Article& a) {
  json out = article_fields(a);
  out["body"] = a.body;
  return out;
}

json article_document(const Article& article) {
  json doc = article_json(article);
  doc["schema"] = kOutputSchema;
  return doc;
}

json summary_json(const SearchResult& result) {
  json out{{"schema", kOutputSchema},
           {"query", result.query},
           {"total_estimate", result.total_estimate},
           {"total_exact", result.total_lower_bound == result.total_upper_bound}};
  if (result.suggestion) out["suggestion"] = *result.suggestion;
  if (!result.warnings.empty()) out["warnings"] = result.warnings;
  return out;
}

json facets_json(const std::vector<Facet>& facets) {
  json out = json::object();
  for (const auto& facet : facets) {
    json values = json::array();
    for (const auto& v : facet.values)
      values.push_back({{"value", v.value}, {"count", v.count}});
    out[facet.name] = std::move(values);
  }
  return out;
}

json point_json(const TimelinePoint& p) {
  json out{{"period", p.period}, {"count", p.count}};
  if (p.share) out["share"] = *p.share;
  return out;
}

json result_json(const SearchResult& result, const std::vector<std::string>& fields) {
  json doc = summary_json(result);
  json hits = json::array();
  for (const auto& hit : result.hits)
    hits.push_back(select_fields(hit_json(hit), fields));
  doc["hits"] = std::move(hits);
  if (!result.facets.empty()) doc["facets"] = facets_json(result.facets);
  if (!result.timeline.empty()) {
    json timeline = json::array();
    for (const auto& p : result.timeline)
      timeline.push_back(point_json(p));
    doc["timeline"] = std::move(timeline);
  }
  return doc;
}

json error_json(ErrorCode code, const std::string& message) {
  return json{{"schema", kOutputSchema},
              {"error", {{"code", std::string(to_string(code))}, {"message", message}}}};
}

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace gazette::output

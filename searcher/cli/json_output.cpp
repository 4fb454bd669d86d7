// JSON and JSON Lines output: see json_output.hpp and docs/search-output.md.
#include "searcher/cli/json_output.hpp"

#include <gazette/date.hpp>

namespace gazette::cli {
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

// What describes a whole result: the same keys in the JSON object and the JSONL summary.
json summary_json(const SearchResult& result) {
  json out{{"schema", kOutputSchema},
           {"query", result.query},
           {"total_estimate", result.total_estimate},
           {"total_exact", result.total_lower_bound == result.total_upper_bound}};
  if (result.suggestion) out["suggestion"] = *result.suggestion;
  if (!result.warnings.empty()) out["warnings"] = result.warnings;
  return out;
}

class JsonPrinter final : public Printer {
 public:
  explicit JsonPrinter(TextStyle style) : style_(std::move(style)) {}

  void print(const SearchResult& result, std::ostream& out) override {
    json doc = summary_json(result);
    json hits = json::array();
    for (const auto& hit : result.hits)
      hits.push_back(select_fields(hit_json(hit), style_.fields));
    doc["hits"] = std::move(hits);
    if (!result.facets.empty()) doc["facets"] = facets_json(result.facets);
    if (!result.timeline.empty()) {
      json timeline = json::array();
      for (const auto& p : result.timeline)
        timeline.push_back(point_json(p));
      doc["timeline"] = std::move(timeline);
    }
    out << dump(doc) << '\n';
  }

  // One object written piece by piece: hits are never all in memory.
  void begin_stream(const std::string& query, std::ostream& out) override {
    json head{{"schema", kOutputSchema}, {"query", query}};
    const std::string text = dump(head);
    out << text.substr(0, text.size() - 1) << ",\"hits\":[";
    first_ = true;
  }

  void hit(const Hit& hit, std::ostream& out) override {
    out << (first_ ? "" : ",") << '\n' << dump(select_fields(hit_json(hit), style_.fields));
    first_ = false;
  }

  void end_stream(std::size_t count, std::ostream& out) override {
    out << (first_ ? "" : "\n") << "],\"total\":" << count << "}\n";
  }

  void article(const Article& article, std::ostream& out) override {
    json doc = article_json(article);
    doc["schema"] = kOutputSchema;
    out << dump(doc) << '\n';
  }

 private:
  TextStyle style_;
  bool first_ = true;
};

class JsonLinesPrinter final : public Printer {
 public:
  explicit JsonLinesPrinter(TextStyle style) : style_(std::move(style)) {}

  void print(const SearchResult& result, std::ostream& out) override {
    for (const auto& h : result.hits)
      hit(h, out);
    for (const auto& facet : result.facets) {
      for (const auto& v : facet.values) {
        out << dump({{"type", "facet"},
                     {"facet", facet.name},
                     {"value", v.value},
                     {"count", v.count}})
            << '\n';
      }
    }
    for (const auto& p : result.timeline) {
      json line = point_json(p);
      line["type"] = "timeline";
      out << dump(line) << '\n';
    }
    json summary = summary_json(result);
    summary["type"] = "summary";
    summary["hits"] = result.hits.size();
    out << dump(summary) << '\n';
  }

  void begin_stream(const std::string&, std::ostream&) override {}

  void hit(const Hit& hit, std::ostream& out) override {
    json line{{"type", "hit"}};
    line.update(select_fields(hit_json(hit), style_.fields));
    out << dump(line) << '\n';
  }

  void end_stream(std::size_t count, std::ostream& out) override {
    out << dump({{"type", "summary"}, {"schema", kOutputSchema}, {"hits", count}}) << '\n';
  }

  void article(const Article& article, std::ostream& out) override {
    json line{{"type", "article"}, {"schema", kOutputSchema}};
    line.update(article_json(article));
    out << dump(line) << '\n';
  }

 private:
  TextStyle style_;
};

}  // namespace

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

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::unique_ptr<Printer> make_json_printer(TextStyle style) {
  return std::make_unique<JsonPrinter>(std::move(style));
}

std::unique_ptr<Printer> make_jsonl_printer(TextStyle style) {
  return std::make_unique<JsonLinesPrinter>(std::move(style));
}

}  // namespace gazette::cli

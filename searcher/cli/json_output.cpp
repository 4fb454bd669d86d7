// JSON and JSON Lines printers over the shared shapes of searcher/output/json_output.hpp
// (docs/search-output.md): the CLI and gazette-serve print the same documents.
#include "searcher/cli/json_output.hpp"

#include "searcher/output/json_output.hpp"

namespace gazette::cli {
namespace {

using json = nlohmann::ordered_json;
using namespace gazette::output;

class JsonPrinter final : public Printer {
 public:
  explicit JsonPrinter(TextStyle style) : style_(std::move(style)) {}

  void print(const SearchResult& result, std::ostream& out) override {
    out << dump(result_json(result, style_.fields)) << '\n';
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
    out << dump(article_document(article)) << '\n';
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

std::unique_ptr<Printer> make_json_printer(TextStyle style) {
  return std::make_unique<JsonPrinter>(std::move(style));
}

std::unique_ptr<Printer> make_jsonl_printer(TextStyle style) {
  return std::make_unique<JsonLinesPrinter>(std::move(style));
}

}  // namespace gazette::cli

// Text, JSON and JSON Lines printers for search results.
#include "searcher/cli/printers.hpp"

#include <gazette/date.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace gazette::cli {
namespace {

using nlohmann::json;

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kMatch = "\x1b[1;31m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kReset = "\x1b[0m";

json hit_to_json(const Hit& hit) {
  const Article& a = hit.article;
  return json{{"rank", hit.rank},
              {"id", a.id},
              {"title", a.title},
              {"date", a.published ? json(format_iso8601(*a.published)) : json(nullptr)},
              {"source", a.source},
              {"authors", a.authors},
              {"url", a.url},
              {"path", a.origin.path},
              {"score", hit.score},
              {"duplicates", hit.duplicates},
              {"snippet", hit.snippet.to_html()}};
}

json facets_to_json(const std::vector<Facet>& facets) {
  json out = json::object();
  for (const auto& facet : facets) {
    json values = json::array();
    for (const auto& v : facet.values)
      values.push_back({{"value", v.value}, {"count", v.count}});
    out[facet.name] = std::move(values);
  }
  return out;
}

json point_to_json(const TimelinePoint& p) {
  json out{{"period", p.period}, {"count", p.count}};
  if (p.share) out["share"] = *p.share;
  return out;
}

// Invalid UTF-8 cannot reach here (the indexer stores UTF-8), but never throw on output.
std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

class JsonPrinter final : public Printer {
 public:
  void print(const SearchResult& result, std::ostream& out) const override {
    json hits = json::array();
    for (const auto& hit : result.hits)
      hits.push_back(hit_to_json(hit));
    json doc{{"query", result.query},
             {"total_estimate", result.total_estimate},
             {"hits", std::move(hits)}};
    if (!result.warnings.empty()) doc["warnings"] = result.warnings;
    if (!result.facets.empty()) doc["facets"] = facets_to_json(result.facets);
    if (!result.timeline.empty()) {
      json timeline = json::array();
      for (const auto& p : result.timeline)
        timeline.push_back(point_to_json(p));
      doc["timeline"] = std::move(timeline);
    }
    out << dump(doc) << '\n';
  }
};

class JsonLinesPrinter final : public Printer {
 public:
  void print(const SearchResult& result, std::ostream& out) const override {
    for (const auto& hit : result.hits) {
      json line = hit_to_json(hit);
      line["type"] = "hit";
      out << dump(line) << '\n';
    }
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
      json line = point_to_json(p);
      line["type"] = "timeline";
      out << dump(line) << '\n';
    }
  }
};

class TextPrinter final : public Printer {
 public:
  explicit TextPrinter(TextStyle style) : style_(style) {}

  void print(const SearchResult& result, std::ostream& out) const override {
    for (const auto& hit : result.hits)
      print_hit(hit, out);
    if (result.hits.empty()) {
      out << (result.query.empty() ? std::string("No articles match the filters.\n")
                                   : fmt::format("No articles match '{}'.\n", result.query));
    } else {
      const std::size_t first = result.hits.front().rank;
      out << fmt::format("{}Showing {}–{} of {}{} matching articles.{}\n", on(kDim), first,
                         result.hits.back().rank,
                         result.total_lower_bound == result.total_upper_bound ? "" : "about ",
                         result.total_estimate, off());
    }
    for (const auto& facet : result.facets)
      print_facet(facet, out);
    if (!result.timeline.empty()) print_timeline(result.timeline, out);
  }

 private:
  void print_hit(const Hit& hit, std::ostream& out) const {
    const Article& a = hit.article;
    const std::string title = a.title.empty() ? std::string("(untitled)") : a.title;
    out << fmt::format("{:>2}. {}{}{}\n", hit.rank, on(kBold), title, off());
    std::string meta = a.published ? format_date(*a.published) : std::string("no date");
    if (!a.source.empty()) meta += " · " + a.source;
    meta += " · " + display_path(a.origin.path);
    if (hit.duplicates > 0) {
      meta += fmt::format(" · +{} duplicate{}", hit.duplicates, hit.duplicates == 1 ? "" : "s");
    }
    out << fmt::format("    {}{}{}\n", on(kDim), meta, off());
    if (!hit.snippet.text.empty()) out << "    " << highlighted(hit.snippet) << '\n';
    out << '\n';
  }

  void print_facet(const Facet& facet, std::ostream& out) const {
    out << fmt::format("\n{}{}{}\n", on(kBold), facet.name, off());
    std::size_t width = 0;
    for (const auto& v : facet.values)
      width = std::max(width, v.value.size());
    for (const auto& v : facet.values)
      out << fmt::format("  {:<{}}  {:>6}\n", v.value, width, v.count);
    if (facet.values.empty()) out << "  (none)\n";
  }

  void print_timeline(const std::vector<TimelinePoint>& points, std::ostream& out) const {
    constexpr std::size_t kBarWidth = 40;
    std::size_t largest = 0;
    for (const auto& p : points)
      largest = std::max(largest, p.count);
    out << fmt::format("\n{}timeline{}\n", on(kBold), off());
    for (const auto& p : points) {
      const std::size_t cells =
          std::max<std::size_t>(1, (p.count * kBarWidth + largest / 2) / largest);
      std::string line = fmt::format("  {:<10} {} {}", p.period, bar(cells), p.count);
      if (p.share) line += fmt::format(" ({:.1f}%)", *p.share * 100);
      out << line << '\n';
    }
  }

  std::string bar(std::size_t cells) const {
    std::string out;
    for (std::size_t i = 0; i < cells; ++i)
      out += style_.utf8 ? "█" : "#";
    return out;
  }

  std::string highlighted(const Snippet& snippet) const {
    if (!style_.color) return snippet.text;
    return snippet.marked(kMatch, kReset);
  }

  const char* on(const char* code) const { return style_.color ? code : ""; }
  const char* off() const { return style_.color ? kReset : ""; }

  TextStyle style_;
};

// A field made safe for one TSV cell: tabs and line breaks become spaces.
std::string tsv_cell(std::string_view value) {
  std::string cell(value);
  for (char& c : cell) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return cell;
}

// One hit per line under a header row, for spreadsheets and `cut`.
class TsvPrinter final : public Printer {
 public:
  void print(const SearchResult& result, std::ostream& out) const override {
    out << "rank\tid\tdate\tsource\ttitle\tscore\tpath\n";
    for (const auto& hit : result.hits) {
      const Article& a = hit.article;
      out << hit.rank << '\t' << tsv_cell(a.id) << '\t'
          << (a.published ? format_iso8601(*a.published) : std::string()) << '\t'
          << tsv_cell(a.source) << '\t' << tsv_cell(a.title) << '\t'
          << fmt::format("{:.4f}", hit.score) << '\t' << tsv_cell(a.origin.path) << '\n';
    }
  }
};

// Bare article keys, one per line, for scripts (`gazette-index remove`, xargs).
class IdsPrinter final : public Printer {
 public:
  void print(const SearchResult& result, std::ostream& out) const override {
    for (const auto& hit : result.hits)
      out << hit.article.id << '\n';
  }
};

}  // namespace

std::unique_ptr<Printer> make_printer(OutputFormat format, TextStyle style) {
  switch (format) {
    case OutputFormat::json:
      return std::make_unique<JsonPrinter>();
    case OutputFormat::jsonl:
      return std::make_unique<JsonLinesPrinter>();
    case OutputFormat::tsv:
      return std::make_unique<TsvPrinter>();
    case OutputFormat::ids:
      return std::make_unique<IdsPrinter>();
    case OutputFormat::text:
      break;
  }
  return std::make_unique<TextPrinter>(style);
}

bool utf8_locale() {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (!value || !*value) continue;
    std::string v(value);
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
    return v.find("utf-8") != std::string::npos || v.find("utf8") != std::string::npos;
  }
  return false;
}

std::string display_path(const std::string& path) {
  std::error_code ec;
  const auto cwd = std::filesystem::current_path(ec);
  if (ec) return path;
  const auto relative = std::filesystem::path(path).lexically_relative(cwd);
  if (relative.empty() || relative.begin()->string() == "..") return path;
  return relative.string();
}

}  // namespace gazette::cli

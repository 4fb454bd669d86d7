// Text, JSON and JSON Lines printers for search results.
#include "searcher/cli/printers.hpp"

#include "searcher/cli/json_output.hpp"
#include "searcher/output/json_output.hpp"

#include <gazette/date.hpp>

#include <fmt/format.h>

#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace gazette::cli {
namespace {

// The number of matches is known exactly, not estimated.
bool exact_count(const SearchResult& result) {
  return result.total_lower_bound == result.total_upper_bound;
}

using nlohmann::ordered_json;
using output::article_json;
using output::dump;
using output::hit_json;

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kMatch = "\x1b[1;31m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kReset = "\x1b[0m";

// The snippet on one line: passages keep the body's paragraph breaks, a text line shows
// each run of white space as one space. Highlights move with their words.
Snippet on_one_line(const Snippet& snippet) {
  Snippet out;
  std::vector<std::size_t> moved(snippet.text.size() + 1);
  for (std::size_t i = 0; i < snippet.text.size(); ++i) {
    moved[i] = out.text.size();
    const char c = snippet.text[i];
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.text.empty() || out.text.back() == ' ')) continue;
    out.text += space ? ' ' : c;
  }
  moved[snippet.text.size()] = out.text.size();
  for (const auto& span : snippet.highlights)
    out.highlights.push_back({moved[span.begin], moved[span.end]});
  return out;
}

class TextPrinter final : public Printer {
 public:
  explicit TextPrinter(TextStyle style) : style_(std::move(style)) {}

  void print(const SearchResult& result, std::ostream& out) override {
    if (result.suggestion) {
      out << fmt::format("Did you mean: {}{}{}\n\n", on(kBold), *result.suggestion, off());
    }
    for (const auto& h : result.hits)
      hit(h, out);
    if (result.hits.empty() && result.total_upper_bound > 0) {
      out << fmt::format(
          "No articles on this page: {}{} match, and the page starts past the last.\n",
          exact_count(result) ? "" : "about ", result.total_estimate);
    } else if (result.hits.empty()) {
      out << (result.query.empty() ? std::string("No articles match the filters.\n")
                                   : fmt::format("No articles match '{}'.\n", result.query));
    } else {
      const std::size_t first = result.hits.front().rank;
      out << fmt::format("{}Showing {}–{} of {}{} matching articles.{}\n", on(kDim), first,
                         result.hits.back().rank, exact_count(result) ? "" : "about ",
                         result.total_estimate, off());
    }
    for (const auto& facet : result.facets)
      print_facet(facet, out);
    if (!result.timeline.empty()) print_timeline(result.timeline, out);
  }

  void begin_stream(const std::string&, std::ostream&) override {}

  void hit(const Hit& hit, std::ostream& out) override {
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
    if (!hit.passages.empty()) {
      for (const auto& p : hit.passages)
        out << "    " << (p.begin > 0 ? "…" : "") << highlighted(p.snippet) << "…\n";
    } else if (!hit.snippet.text.empty()) {
      out << "    " << highlighted(hit.snippet) << '\n';
    }
    if (hit.explanation) print_explanation(hit, out);
    out << '\n';
  }

  void end_stream(std::size_t count, std::ostream& out) override {
    out << fmt::format("{}{} matching article{}.{}\n", on(kDim), count, count == 1 ? "" : "s",
                       off());
  }

  void article(const Article& a, std::ostream& out) override {
    out << on(kBold) << (a.title.empty() ? "(untitled)" : a.title) << off() << "\n\n";
    auto line = [&](std::string_view label, const std::string& value) {
      if (!value.empty()) out << fmt::format("{}{:<9}{} {}\n", on(kDim), label, off(), value);
    };
    line("Date", a.published ? format_iso8601(*a.published) : std::string());
    line("Source", a.source);
    line("Authors", fmt::format("{}", fmt::join(a.authors, "; ")));
    line("URL", a.url);
    line("Language", a.lang);
    line("Tags", fmt::format("{}", fmt::join(a.tags, "; ")));
    line("Key", a.id);
    line("File", a.origin.position.empty()
                     ? a.origin.path
                     : fmt::format("{} ({})", a.origin.path, a.origin.position));
    line("Format", a.format);
    out << '\n' << a.body << (a.body.ends_with('\n') ? "" : "\n");
  }

 private:
  // "score 7.31 = BM25 6.90 + recency 0.41 · cluster 3fa9… · oil (text ×4), …"
  void print_explanation(const Hit& hit, std::ostream& out) const {
    const Explanation& e = *hit.explanation;
    std::string terms;
    for (const auto& t : e.terms) {
      if (!terms.empty()) terms += ", ";
      terms += fmt::format("{}{} ({} ×{})", t.term, t.stemmed ? "~" : "", t.field, t.frequency);
    }
    out << fmt::format("    {}score {:.3f} = BM25 {:.3f} + recency {:.3f} · cluster {} · {}{}\n",
                       on(kDim), hit.score, e.bm25, e.recency,
                       hit.cluster.empty() ? "none" : hit.cluster,
                       terms.empty() ? "no text terms" : terms, off());
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
    const Snippet flat = on_one_line(snippet);
    return style_.color ? flat.marked(kMatch, kReset) : flat.text;
  }

  const char* on(const char* code) const { return style_.color ? code : ""; }
  const char* off() const { return style_.color ? kReset : ""; }

  TextStyle style_;
};

// A field made safe for one TSV cell: tabs and line breaks become spaces; lists are
// joined with "; ", other JSON values written as JSON.
std::string tsv_cell(const ordered_json& value) {
  std::string cell;
  if (value.is_string()) {
    cell = value.get<std::string>();
  } else if (value.is_array() &&
             std::all_of(value.begin(), value.end(), [](const auto& v) { return v.is_string(); })) {
    for (const auto& v : value)
      cell += (cell.empty() ? "" : "; ") + v.get<std::string>();
  } else if (value.is_number_float()) {
    cell = fmt::format("{:.4f}", value.get<double>());
  } else if (!value.is_null()) {
    cell = dump(value);
  }
  for (char& c : cell) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return cell;
}

// One hit per line under a header row, for spreadsheets and `cut`.
class TsvPrinter final : public Printer {
 public:
  explicit TsvPrinter(TextStyle style) : fields_(std::move(style.fields)) {
    if (fields_.empty()) fields_ = {"rank", "id", "date", "source", "title", "score", "path"};
  }

  void print(const SearchResult& result, std::ostream& out) override {
    begin_stream(result.query, out);
    for (const auto& h : result.hits)
      hit(h, out);
  }

  void begin_stream(const std::string&, std::ostream& out) override {
    out << fmt::format("{}\n", fmt::join(fields_, "\t"));
  }

  void hit(const Hit& hit, std::ostream& out) override {
    const ordered_json full = hit_json(hit);
    std::string line;
    for (const auto& name : fields_) {
      if (!line.empty() || &name != &fields_.front()) line += '\t';
      if (full.contains(name)) line += tsv_cell(full[name]);
    }
    out << line << '\n';
  }

  void end_stream(std::size_t, std::ostream&) override {}

  void article(const Article& a, std::ostream& out) override {
    out << dump(article_json(a)) << '\n';  // Unreachable: the CLI refuses --show with tsv.
  }

 private:
  std::vector<std::string> fields_;
};

// One name per hit, one per line, for scripts: `ids` the article's own id where its source
// gives one (a TREC DOCNO exactly, for trec_eval run files) and else its key; `keys` always
// the key (what --show, --like and `gazette-index remove` take).
class NamePrinter final : public Printer {
 public:
  explicit NamePrinter(bool own_ids) : own_ids_(own_ids) {}
  void print(const SearchResult& result, std::ostream& out) override {
    for (const auto& h : result.hits)
      hit(h, out);
  }
  void begin_stream(const std::string&, std::ostream&) override {}
  void hit(const Hit& hit, std::ostream& out) override { article(hit.article, out); }
  void end_stream(std::size_t, std::ostream&) override {}
  void article(const Article& a, std::ostream& out) override {
    out << (own_ids_ && !a.docno.empty() ? a.docno : a.id) << '\n';
  }

 private:
  bool own_ids_;
};

}  // namespace

std::unique_ptr<Printer> make_printer(OutputFormat format, TextStyle style) {
  switch (format) {
    case OutputFormat::json:
      return make_json_printer(std::move(style));
    case OutputFormat::jsonl:
      return make_jsonl_printer(std::move(style));
    case OutputFormat::tsv:
      return std::make_unique<TsvPrinter>(std::move(style));
    case OutputFormat::ids:
      return std::make_unique<NamePrinter>(true);
    case OutputFormat::keys:
      return std::make_unique<NamePrinter>(false);
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

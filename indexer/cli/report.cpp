// Text and JSON renderings of gazette-index results.
#include "indexer/cli/report.hpp"

#include <gazette/date.hpp>

#include <fmt/format.h>

#include <cmath>
#include <optional>

namespace gazette::cli {
namespace {

constexpr std::size_t kTopSources = 10;
constexpr int kLabelWidth = 13;

std::string count(std::size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

Json iso_or_null(const std::optional<Timestamp>& time) {
  return time ? Json(format_iso8601(*time)) : Json(nullptr);
}

double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

// The dry-run verb of a change: what would be done to the file.
std::string_view verb(FileAction action) {
  switch (action) {
    case FileAction::added:
      return "add";
    case FileAction::replaced:
      return "replace";
    case FileAction::moved:
      return "move";
    case FileAction::deleted:
      return "delete";
    case FileAction::failed:
      return "";
  }
  return "";
}

// "label       value" lines; a list continues under its first value.
class Table {
 public:
  void row(std::string_view label, std::string_view value) {
    out_ += fmt::format("{:<{}}{}\n", label, kLabelWidth, value);
  }
  void rows(std::string_view label, const std::vector<std::string>& values,
            std::string_view if_empty) {
    if (values.empty()) return row(label, if_empty);
    for (std::size_t i = 0; i < values.size(); ++i)
      row(i == 0 ? label : "", values[i]);
  }
  std::string str() const { return out_; }

 private:
  std::string out_;
};

// "reuters    5" lines, the first `limit`, then "… and N more".
std::vector<std::string> counted(const std::vector<std::pair<std::string, std::size_t>>& values,
                                 std::size_t limit) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < values.size() && i < limit; ++i)
    width = std::max(width, values[i].first.size());
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < values.size() && i < limit; ++i)
    lines.push_back(fmt::format("{:<{}}  {}", values[i].first, width, values[i].second));
  if (values.size() > limit) lines.push_back(fmt::format("… and {} more", values.size() - limit));
  return lines;
}

Json counted_json(const std::vector<std::pair<std::string, std::size_t>>& values,
                  std::string_view name) {
  Json out = Json::array();
  for (const auto& [value, n] : values)
    out.push_back({{name, value}, {"count", n}});
  return out;
}

std::string date_span(const DatabaseStats& s) {
  if (!s.earliest || !s.latest) return "(no dated articles)";
  return fmt::format("{} .. {}", format_date(*s.earliest), format_date(*s.latest));
}

}  // namespace

std::string human_size(std::uint64_t bytes) {
  constexpr const char* kUnits[] = {"kB", "MB", "GB", "TB"};
  if (bytes < 1000) return count(bytes, "byte");
  double value = static_cast<double>(bytes) / 1000;
  std::size_t unit = 0;
  while (value >= 1000 && unit + 1 < std::size(kUnits)) {
    value /= 1000;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

// "61 articles from 61 files"; a dry run reads no file, so it can only count files.
std::string indexed(const IndexReport& r) {
  if (r.dry_run) return "dry run: would index " + count(r.files_indexed, "file");
  return fmt::format("indexed {} from {}", count(r.articles_indexed, "article"),
                     count(r.files_indexed, "file"));
}

std::string summary(const IndexReport& r) {
  std::string line = fmt::format("{}, {} skipped, {} ignored by type", indexed(r),
                                 count(r.files_failed, "file"), r.files_ignored);
  if (r.files_moved > 0) line += ", " + count(r.files_moved, "file") + " moved";
  if (r.files_deleted > 0) {
    line += ", " + count(r.files_deleted, "file") + " deleted";
    if (!r.dry_run) line += fmt::format(" ({})", count(r.articles_deleted, "article"));
  }
  if (r.files_unchanged > 0) line += fmt::format(", {} unchanged", r.files_unchanged);
  if (r.parts_failed > 0) line += ", " + count(r.parts_failed, "unreadable record");
  if (r.dates_unreadable > 0) line += ", " + count(r.dates_unreadable, "unreadable date");
  line += fmt::format(", in {:.2f} s", r.elapsed.count());
  if (r.interrupted) line += " (interrupted; work so far committed)";
  if (r.dry_run) line += " (nothing written)";
  return line;
}

std::string dry_run_lines(const IndexReport& report) {
  std::string out;
  for (const FileChange& c : report.changes) {
    if (c.action == FileAction::failed) continue;
    if (c.action == FileAction::moved) {
      out += fmt::format("move {} -> {}\n", c.detail, c.path);
    } else {
      out += fmt::format("{} {}\n", verb(c.action), c.path);
    }
  }
  return out;
}

Json to_json(const IndexReport& r, std::string_view command) {
  Json failures = Json::array();
  for (const FileProblem& p : r.problems)
    failures.push_back({{"path", p.path}, {"reason", p.reason}});
  Json changes = Json::array();
  for (const FileChange& c : r.changes) {
    changes.push_back({{"action", to_string(c.action)},
                       {"path", c.path},
                       {"detail", c.detail},
                       {"articles", c.articles}});
  }
  const double seconds = r.elapsed.count();
  const double rate = seconds > 0 ? static_cast<double>(r.articles_indexed) / seconds : 0;
  return Json{{"schema", kJsonSchema},
              {"command", command},
              {"added", r.files_added},
              {"replaced", r.files_replaced},
              {"moved", r.files_moved},
              {"deleted", r.files_deleted},
              {"unchanged", r.files_unchanged},
              {"failed", r.files_failed},
              {"ignored", r.files_ignored},
              {"failures", failures},
              {"changes", changes},
              {"articles_indexed", r.articles_indexed},
              {"articles_deleted", r.articles_deleted},
              {"records_failed", r.parts_failed},
              {"dates_unreadable", r.dates_unreadable},
              {"bytes_read", r.bytes_read},
              {"articles_per_second", rounded(rate, 1)},
              {"elapsed_seconds", rounded(seconds, 3)},
              {"revision", r.revision},
              {"dry_run", r.dry_run},
              {"interrupted", r.interrupted}};
}

std::string summary(const RemoveReport& r) {
  return fmt::format("removed {}, forgot {} and {}", count(r.articles_deleted, "article"),
                     count(r.files_forgotten, "file"), count(r.roots_forgotten, "root"));
}

Json to_json(const RemoveReport& r) {
  return Json{{"schema", kJsonSchema},
              {"command", "remove"},
              {"articles_deleted", r.articles_deleted},
              {"files_forgotten", r.files_forgotten},
              {"roots_forgotten", r.roots_forgotten},
              {"not_found", r.not_found}};
}

std::string compact_summary(const std::string& db, std::uint64_t before, std::uint64_t after) {
  return fmt::format("compacted {}: {} -> {}", db, human_size(before), human_size(after));
}

Json compact_json(const std::string& db, std::uint64_t before, std::uint64_t after) {
  return Json{{"schema", kJsonSchema},
              {"command", "compact"},
              {"database", db},
              {"size_before", before},
              {"size_after", after}};
}

std::string stats_table(const DatabaseStats& s) {
  Table t;
  t.row("database", s.path);
  t.row("articles", std::to_string(s.articles));
  t.row("files", std::to_string(s.files));
  t.rows("roots", s.roots, "(none)");
  t.rows("sources", counted(s.sources, kTopSources), "(none)");
  t.rows("languages", counted(s.languages, s.languages.size()), "(none)");
  t.row("date span", date_span(s));
  t.row("size", human_size(s.size_bytes));
  t.row("last update", s.last_update ? format_iso8601(*s.last_update) : "never");
  t.row("schema", std::to_string(s.schema_version));
  t.row("revision", std::to_string(s.revision));
  return t.str();
}

Json to_json(const DatabaseStats& s) {
  return Json{{"schema", kJsonSchema},
              {"command", "stats"},
              {"database", s.path},
              {"articles", s.articles},
              {"files", s.files},
              {"roots", s.roots},
              {"sources", counted_json(s.sources, "source")},
              {"languages", counted_json(s.languages, "language")},
              {"earliest", iso_or_null(s.earliest)},
              {"latest", iso_or_null(s.latest)},
              {"size_bytes", s.size_bytes},
              {"last_update", iso_or_null(s.last_update)},
              {"schema_version", s.schema_version},
              {"revision", s.revision}};
}

std::string check_text(const std::string& db, const CheckReport& report) {
  std::string out;
  for (const auto& problem : report.problems)
    out += problem + '\n';
  if (report.ok()) return out + fmt::format("{}: no problems found\n", db);
  return out + fmt::format("{}: {} found ({})\n", db, count(report.problems.size(), "problem"),
                           count(report.errors, "Xapian error"));
}

Json to_json(const std::string& db, const CheckReport& report) {
  return Json{{"schema", kJsonSchema}, {"command", "check"},      {"database", db},
              {"ok", report.ok()},     {"errors", report.errors}, {"problems", report.problems}};
}

}  // namespace gazette::cli

// How gazette-index shows results: one-line summaries and dry-run lines for people, and
// JSON objects (schema version kJsonSchema, documented in README.md) for scripts.
#pragma once

#include <gazette/indexer.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace gazette::cli {

/// Version of the JSON objects gazette-index prints; bumped on incompatible changes.
inline constexpr int kJsonSchema = 1;

using Json = nlohmann::ordered_json;

/// "indexed 61 articles from 61 files, 0 files skipped, 1 ignored by type, in 0.35 s".
std::string summary(const IndexReport& report);

/// One line per change for --dry-run: "add PATH", "replace PATH", "move OLD -> NEW",
/// "delete PATH" (failures are reported as problems, not here).
std::string dry_run_lines(const IndexReport& report);

/// The --json object of add, update and rebuild.
Json to_json(const IndexReport& report, std::string_view command);

/// "removed 3 articles, forgot 1 file and 0 roots" and the --json object of remove.
std::string summary(const RemoveReport& report);
Json to_json(const RemoveReport& report);

/// "compacted DIR: 12.4 MB -> 8.1 MB" and the --json object of compact.
std::string compact_summary(const std::string& db, std::uint64_t before, std::uint64_t after);
Json compact_json(const std::string& db, std::uint64_t before, std::uint64_t after);

/// The aligned table of `gazette-index stats`, and its --json object.
std::string stats_table(const DatabaseStats& stats);
Json to_json(const DatabaseStats& stats);

/// `gazette-index check`: the problems, one per line, then a verdict; and its --json object.
std::string check_text(const std::string& db, const CheckReport& report);
Json to_json(const std::string& db, const CheckReport& report);

/// "1.2 MB": decimal units, as the progress line's MB/s.
std::string human_size(std::uint64_t bytes);

}  // namespace gazette::cli

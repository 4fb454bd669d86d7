// The JSON shapes of search output (docs/search-output.md), shared by gazette-search's
// JSON, JSON Lines and TSV printers and by gazette-serve, so each field is defined once
// and both front ends print the same document for the same request.
#pragma once

#include <gazette/error.hpp>
#include <gazette/searcher.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace gazette::output {

/// Version of the JSON/JSON Lines layout, printed as "schema"; bumped only when a field
/// changes meaning or disappears (new fields do not bump it).
inline constexpr int kOutputSchema = 2;

/// Every field of a hit, in hit_field_names() order; optional ones only when present.
nlohmann::ordered_json hit_json(const Hit& hit);

/// Every hit field name (what --fields accepts), in the default JSON order.
const std::vector<std::string>& hit_field_names();

/// The fields of `full` named in `fields`, in that order (all of `full` when empty).
nlohmann::ordered_json select_fields(const nlohmann::ordered_json& full,
                                     const std::vector<std::string>& fields);

/// An Article with the field names of DESIGN.md's data model, `body` included.
nlohmann::ordered_json article_json(const Article& article);

/// One article as a whole document (`--show KEY --format json`, GET /article/KEY).
nlohmann::ordered_json article_document(const Article& article);

/// What describes a whole result: the same keys in the JSON object and the JSONL summary.
nlohmann::ordered_json summary_json(const SearchResult& result);

/// The facets as {"name": [{"value", "count"}...]}.
nlohmann::ordered_json facets_json(const std::vector<Facet>& facets);

/// One timeline period: {"period", "count"[, "share"]}.
nlohmann::ordered_json point_json(const TimelinePoint& point);

/// A whole result as one document (`--format json`, GET /search): the summary, the hits
/// (only `fields` of each when not empty), then facets and timeline when asked for.
nlohmann::ordered_json result_json(const SearchResult& result,
                                   const std::vector<std::string>& fields = {});

/// A failure as a document: {"schema": 2, "error": {"code": "invalid_input", "message": …}},
/// `code` being the library's ErrorCode name (gazette::to_string).
nlohmann::ordered_json error_json(ErrorCode code, const std::string& message);

/// One line of JSON (invalid UTF-8, which the indexer never stores, is replaced).
std::string dump(const nlohmann::ordered_json& value);

}  // namespace gazette::output

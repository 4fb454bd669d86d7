// The JSON shapes of gazette-search output (docs/search-output.md), shared by the JSON,
// JSON Lines and TSV printers so each field is defined once.
#pragma once

#include "searcher/cli/printers.hpp"

#include <nlohmann/json.hpp>

namespace gazette::cli {

/// Every field of a hit, in hit_field_names() order; optional ones only when present.
nlohmann::ordered_json hit_json(const Hit& hit);

/// The fields of `full` named in `fields`, in that order (all of `full` when empty).
nlohmann::ordered_json select_fields(const nlohmann::ordered_json& full,
                                     const std::vector<std::string>& fields);

/// An Article with the field names of DESIGN.md's data model, `body` included.
nlohmann::ordered_json article_json(const Article& article);

/// One line of JSON (invalid UTF-8, which the indexer never stores, is replaced).
std::string dump(const nlohmann::ordered_json& value);

std::unique_ptr<Printer> make_json_printer(TextStyle style);
std::unique_ptr<Printer> make_jsonl_printer(TextStyle style);

}  // namespace gazette::cli

// The JSON and JSON Lines printers of gazette-search (docs/search-output.md), over the
// shapes shared with gazette-serve (searcher/output/json_output.hpp).
#pragma once

#include "searcher/cli/printers.hpp"

namespace gazette::cli {

std::unique_ptr<Printer> make_json_printer(TextStyle style);
std::unique_ptr<Printer> make_jsonl_printer(TextStyle style);

}  // namespace gazette::cli

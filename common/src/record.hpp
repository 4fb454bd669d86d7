// The stored-field record kept as each Xapian document's data: every Article field,
// body included, so results and snippets never need the original file.
//
// Format: UTF-8 lines `name=value`, one field per line, repeated names for list fields
// (author, tag); in values, backslash and newline are escaped as `\\` and `\n`. It stays
// readable with `xapian-delve -d`, and unknown names are ignored so fields can be added
// without a schema bump. Names: id docno title date source author url lang tag format path
// position body.
#pragma once

#include <gazette/article.hpp>

#include <string>
#include <string_view>

namespace gazette::record {

/// Serialises every field of `article`.
std::string encode(const Article& article);

/// Parses a record made by encode(); malformed lines are skipped, never fatal.
Article decode(std::string_view data);

}  // namespace gazette::record

// The schema-version check every opener of a Gazette database makes.
#pragma once

#include <xapian.h>

#include <string_view>

namespace gazette {

/// Throws gazette::Error(database_version) when `db` records a schema version this build
/// does not read, and (database_corrupt) when it records none but holds documents (it is
/// not a Gazette database). Returns false for an empty, unstamped database (a new one).
bool check_schema_version(const Xapian::Database& db, std::string_view db_path);

}  // namespace gazette

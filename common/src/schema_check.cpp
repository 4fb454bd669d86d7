// Schema-version check shared by the indexer and the searcher.
#include "common/src/schema_check.hpp"

#include <gazette/error.hpp>
#include <gazette/schema.hpp>

#include <fmt/format.h>

namespace gazette {

bool check_schema_version(const Xapian::Database& db, std::string_view db_path) {
  const std::string version = db.get_metadata(std::string(schema::kVersionKey));
  if (version.empty()) {
    if (db.get_doccount() == 0) return false;
    throw_error(ErrorCode::database_corrupt,
                fmt::format("{}: not a Gazette database (no schema version)", db_path));
  }
  if (version != std::to_string(schema::kVersion)) {
    throw_error(ErrorCode::database_version,
                fmt::format("{}: index schema version {} is not supported by this Gazette "
                            "(it reads version {}); re-index into a new database",
                            db_path, version, schema::kVersion));
  }
  return true;
}

}  // namespace gazette

// Translation of Xapian exceptions into gazette::Error codes and actionable messages.
#include "common/src/xapian_error.hpp"

#include <fmt/format.h>
#include <xapian.h>

namespace gazette {

// Xapian's exception classes are not polymorphic in 1.4, so dispatch on get_type(), which
// names the most derived class.
Error translate_xapian_error(const Xapian::Error& e, std::string_view db_path) {
  const std::string_view type = e.get_type();
  const std::string detail = e.get_msg();
  if (type == "DatabaseLockError") {
    return Error(
        ErrorCode::database_locked,
        fmt::format("{}: the index is being updated by another process; try again later", db_path));
  }
  if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError") {
    return Error(ErrorCode::not_found,
                 fmt::format("{}: no Gazette database here (create one with: gazette-index --db "
                             "{} PATH...)",
                             db_path, db_path));
  }
  if (type == "DatabaseVersionError") {
    return Error(
        ErrorCode::database_version,
        fmt::format("{}: database format not supported by this Xapian: {}", db_path, detail));
  }
  if (type == "DatabaseCorruptError") {
    return Error(ErrorCode::database_corrupt,
                 fmt::format("{}: database is damaged ({}); rebuild it with gazette-index", db_path,
                             detail));
  }
  if (type == "QueryParserError") {
    return Error(ErrorCode::query_syntax, fmt::format("cannot parse query: {}", detail));
  }
  if (type == "InvalidArgumentError" || type == "RangeError" || type == "InvalidOperationError") {
    return Error(ErrorCode::invalid_input, fmt::format("{}: {}", db_path, detail));
  }
  return Error(ErrorCode::io_error, fmt::format("{}: {}: {}", db_path, type, detail));
}

}  // namespace gazette

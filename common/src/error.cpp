// Names of error codes.
#include <gazette/error.hpp>

namespace gazette {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_input:
      return "invalid_input";
    case ErrorCode::query_syntax:
      return "query_syntax";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::database_locked:
      return "database_locked";
    case ErrorCode::database_version:
      return "database_version";
    case ErrorCode::database_corrupt:
      return "database_corrupt";
    case ErrorCode::io_error:
      return "io_error";
    case ErrorCode::interrupted:
      return "interrupted";
  }
  return "unknown";
}

}  // namespace gazette

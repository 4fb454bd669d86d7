// Names of error codes, and throwing the Error subclass of a code.
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

void throw_error(ErrorCode code, const std::string& message) {
  switch (code) {
    case ErrorCode::invalid_input:
      throw InvalidInputError(message);
    case ErrorCode::query_syntax:
      throw QuerySyntaxError(message);
    case ErrorCode::not_found:
      throw NotFoundError(message);
    case ErrorCode::database_locked:
      throw DatabaseLockedError(message);
    case ErrorCode::database_version:
      throw DatabaseVersionError(message);
    case ErrorCode::database_corrupt:
      throw DatabaseCorruptError(message);
    case ErrorCode::io_error:
      throw IoError(message);
    case ErrorCode::interrupted:
      throw InterruptedError(message);
  }
  throw Error(code, message);  // A code from a newer header: still an Error.
}

}  // namespace gazette

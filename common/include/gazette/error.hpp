// Errors: every failure the library reports is a gazette::Error carrying an ErrorCode.
#pragma once

#include <gazette/export.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace gazette {

/// What went wrong, coarse enough for a program (or an exit code) to act on.
enum class ErrorCode {
  invalid_input,     ///< A file, option or argument that cannot be used as given.
  query_syntax,      ///< A query that cannot be understood even as plain words.
  not_found,         ///< A database, file or article that does not exist.
  database_locked,   ///< Another process is writing to the database (temporary).
  database_version,  ///< The database was written by an incompatible Gazette version.
  database_corrupt,  ///< The database is damaged or is not a Gazette database.
  io_error,          ///< The operating system refused a read or a write.
  interrupted,       ///< The operation was cancelled on request.
};

/// The code's name as used in messages and JSON ("database_locked"); the view refers to a
/// static string, valid for the whole program.
GAZETTE_EXPORT std::string_view to_string(ErrorCode code) noexcept;

/// Base of all exceptions thrown by Gazette. The message names what failed (path, line,
/// field) and, where possible, what to do about it. No Xapian exception crosses the API
/// (see \ref errors).
///
/// Thread safety: an Error does not change after construction, so one object may be read
/// (code(), what()) from any number of threads at once; it is copyable like any exception.
class GAZETTE_EXPORT Error : public std::runtime_error {
 public:
  /// An error with this code; what() returns `message`. Throws only std::bad_alloc.
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  /// What went wrong.
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace gazette

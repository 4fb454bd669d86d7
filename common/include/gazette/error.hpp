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

// One subclass of Error per ErrorCode, so that a program can catch only the failures it
// handles (`catch (const gazette::DatabaseLockedError&)`) and let the others through. Gazette
// throws these (through throw_error()), never a bare Error. Same thread safety as Error.

/// ErrorCode::invalid_input: a file, option, argument or query value that cannot be used as given.
class GAZETTE_EXPORT InvalidInputError : public Error {
 public:
  /// What went wrong, in one line. Throws only std::bad_alloc.
  explicit InvalidInputError(const std::string& message)
      : Error(ErrorCode::invalid_input, message) {}
};

/// ErrorCode::query_syntax: a query that cannot be understood even as plain words.
class GAZETTE_EXPORT QuerySyntaxError : public Error {
 public:
  /// What went wrong, in one line. Throws only std::bad_alloc.
  explicit QuerySyntaxError(const std::string& message) : Error(ErrorCode::query_syntax, message) {}
};

/// ErrorCode::not_found: a database, file or article that does not exist.
class GAZETTE_EXPORT NotFoundError : public Error {
 public:
  /// What went wrong, in one line. Throws only std::bad_alloc.
  explicit NotFoundError(const std::string& message) : Error(ErrorCode::not_found, message) {}
};

/// ErrorCode::database_locked: another process is writing to the database: retry later.
class GAZETTE_EXPORT DatabaseLockedError : public Error {
 public:
  /// What went wrong, in one line. Throws only std::bad_alloc.
  explicit DatabaseLockedError(const std::string& message)
      : Error(ErrorCode::database_locked, message) {}
};

/// ErrorCode::database_version: a database written by an incompatible Gazette version.
class GAZETTE_EXPORT DatabaseVersionError : public Error {
 public:
  /// What went wrong, in one line. Throws only std::bad_alloc.
  explicit DatabaseVersionError(const std::string& message)
      : Error(ErrorCode::database_version, message) {}
};

/// ErrorCode::database_corrupt: a damaged database, or one not made by Gazette.
class GAZETTE_EXPORT DatabaseCorruptError : public Error {
 public:
  /// What went wrong, in one line. Throws only std::bad_alloc.
  explicit DatabaseCorruptError(const std::string& message)
      : Error(ErrorCode::database_corrupt, message) {}
};

/// ErrorCode::io_error: the operating system refused a read or a write.
class GAZETTE_EXPORT IoError : public Error {
 public:
  /// What went wrong, in one line. Throws only std::bad_alloc.
  explicit IoError(const std::string& message) : Error(ErrorCode::io_error, message) {}
};

/// ErrorCode::interrupted: the operation was cancelled on request (IndexerOptions::cancel).
class GAZETTE_EXPORT InterruptedError : public Error {
 public:
  /// What went wrong, in one line. Throws only std::bad_alloc.
  explicit InterruptedError(const std::string& message) : Error(ErrorCode::interrupted, message) {}
};

/// Throws the subclass of Error that matches `code` (InvalidInputError for invalid_input, and
/// so on) with `message` as its what(). Every failure inside Gazette is thrown through here.
[[noreturn]] GAZETTE_EXPORT void throw_error(ErrorCode code, const std::string& message);

}  // namespace gazette

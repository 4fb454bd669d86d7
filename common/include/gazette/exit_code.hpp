// Process exit codes of the Gazette command-line programs, defined once, derived from
// ErrorCode (see DESIGN.md "Errors and exit codes").
#pragma once

#include <gazette/error.hpp>

namespace gazette::exit_code {

inline constexpr int success = 0;        ///< Done; a search found at least one hit.
inline constexpr int partial = 1;        ///< Search found nothing, or some inputs failed.
inline constexpr int error = 2;          ///< Usage error, missing/corrupt/unknown database.
inline constexpr int temp_fail = 75;     ///< Database locked by another writer (EX_TEMPFAIL).
inline constexpr int interrupted = 130;  ///< Stopped by SIGINT/SIGTERM; last commit intact.

/// The exit code a CLI returns when an operation fails with `code`.
constexpr int for_error(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::database_locked:
      return temp_fail;
    case ErrorCode::interrupted:
      return interrupted;
    default:
      return error;
  }
}

}  // namespace gazette::exit_code

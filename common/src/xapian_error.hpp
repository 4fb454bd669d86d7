// The one place where Xapian's exceptions become gazette::Error.
#pragma once

#include <gazette/error.hpp>

#include <xapian.h>

#include <string_view>

namespace gazette {

/// Translates a Xapian exception met while working on the database at `db_path` into a
/// gazette::Error whose message says what failed and what to do.
Error translate_xapian_error(const Xapian::Error& error, std::string_view db_path);

/// Runs `fn`, rethrowing any Xapian exception as the gazette::Error subclass of its code
/// (see above).
template <typename Fn>
decltype(auto) with_xapian_errors(std::string_view db_path, Fn&& fn) {
  try {
    return fn();
  } catch (const Xapian::Error& e) {
    const Error translated = translate_xapian_error(e, db_path);
    throw_error(translated.code(), translated.what());
  }
}

}  // namespace gazette

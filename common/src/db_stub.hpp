// The stub file of a Gazette database directory: Xapian's `XAPIANDB`, naming the live
// generation. The indexer writes and swaps it (indexer/src/db_layout.hpp); the searcher
// looks for it to know that a generation may have just been swapped out under it.
#pragma once

#include <filesystem>

namespace gazette {

/// The stub file of the database directory `dir`.
inline std::filesystem::path stub_file(const std::filesystem::path& dir) {
  return dir / "XAPIANDB";
}

}  // namespace gazette

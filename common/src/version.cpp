// The library's run-time version.
#include <gazette/version.hpp>

namespace gazette {
const char* version() noexcept {
  return GAZETTE_VERSION_STRING;
}
}  // namespace gazette

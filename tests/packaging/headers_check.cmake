# The installed <gazette/gazette.hpp> includes every public header, and compiles on its own
# with nothing but the install's include folder, warnings as errors, without pulling in a
# single header of Xapian or any other dependency (they stay private: pimpl).
# Usage: cmake -DWORK=... -DSOURCE_DIR=... -DCXX=... -P headers_check.cmake
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

set(include_dir ${PREFIX}/include)
file(READ ${include_dir}/gazette/gazette.hpp umbrella)
file(GLOB headers RELATIVE ${include_dir}/gazette ${include_dir}/gazette/*.hpp)
list(REMOVE_ITEM headers gazette.hpp)
foreach(header IN LISTS headers)
  if(NOT umbrella MATCHES "#include <gazette/${header}>")
    message(FATAL_ERROR "<gazette/gazette.hpp> does not include <gazette/${header}>")
  endif()
endforeach()

# A program that includes only the umbrella header and touches each part of the API.
set(source ${WORK}/umbrella_only.cpp)
file(WRITE ${source} [=[
#include <gazette/gazette.hpp>
static_assert(GAZETTE_VERSION_MAJOR >= 0);
int main() {
  gazette::SearchRequest request;
  gazette::IndexerOptions options;
  return gazette::exit_code::for_error(gazette::ErrorCode::not_found) + !options.prune +
         static_cast<int>(request.limit) - 12 + (gazette::version() == nullptr);
}
]=])
set(flags -std=c++20 -I${include_dir})
run(WHAT "compiling a program that includes only <gazette/gazette.hpp>"
    COMMAND ${CXX} ${flags} -Wall -Wextra -Wpedantic -Werror -fsyntax-only ${source})

# Every header the umbrella pulls in (-M lists system headers too) is Gazette's own or the
# C++ and C library's. (Paths inside WORK are cut, lest the build folder's name match.)
run(WHAT "listing the headers <gazette/gazette.hpp> includes" OUTPUT dependencies
    COMMAND ${CXX} ${flags} -M ${source})
string(REPLACE "${WORK}/" "" dependencies "${dependencies}")
string(REGEX MATCH
  "[^ \n]*(xapian|fmt/|simdjson|libxml|unicode/|archive|gmime|glib|uchardet|cld2|xxhash|nlohmann|boost|zlib)[^ \n]*"
  foreign "${dependencies}")
if(foreign)
  message(FATAL_ERROR "<gazette/gazette.hpp> includes a dependency's header: ${foreign}")
endif()
message(STATUS "<gazette/gazette.hpp> is complete and self-contained")

# Installs the build tree into a scratch prefix and checks that the binaries, the library
# and every public header land where `cmake --install` promises.
# Usage: cmake -DBUILD_DIR=... -DPREFIX=... -P install_check.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE result OUTPUT_QUIET)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${result}")
endif()
set(expected
  bin/gazette-index bin/gazette-search
  include/gazette/article.hpp include/gazette/date.hpp include/gazette/error.hpp
  include/gazette/exit_code.hpp include/gazette/schema.hpp include/gazette/version.hpp
  include/gazette/indexer.hpp include/gazette/searcher.hpp)
foreach(file IN LISTS expected)
  if(NOT EXISTS "${PREFIX}/${file}")
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()
file(GLOB libs "${PREFIX}/lib*/libgazette.*" "${PREFIX}/lib*/*/libgazette.*")
if(NOT libs)
  message(FATAL_ERROR "libgazette not installed")
endif()
execute_process(COMMAND "${PREFIX}/bin/gazette-search" --version OUTPUT_VARIABLE version
                RESULT_VARIABLE result)
if(NOT result EQUAL 0 OR NOT version MATCHES "gazette-search ")
  message(FATAL_ERROR "installed gazette-search does not run: ${result} ${version}")
endif()
file(REMOVE_RECURSE "${PREFIX}")
message(STATUS "install layout OK")

# Installs the build tree into a scratch prefix, checks that the binaries, the library,
# every public header, the CMake package and gazette.pc land where `cmake --install`
# promises, and indexes the sample archive with the installed gazette-index (the index
# the consumer checks search).
# Usage: cmake -DWORK=... -DSOURCE_DIR=... -DBUILD_DIR=... -P install_check.cmake
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

file(REMOVE_RECURSE "${WORK}")
run(WHAT "cmake --install" COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX})

foreach(file bin/gazette-index bin/gazette-search)
  if(NOT EXISTS "${PREFIX}/${file}")
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()
foreach(header article date error exit_code export gazette indexer schema searcher version)
  if(NOT EXISTS "${PREFIX}/include/gazette/${header}.hpp")
    message(FATAL_ERROR "not installed: include/gazette/${header}.hpp")
  endif()
endforeach()
file(GLOB libs "${PREFIX}/lib*/libgazette.*" "${PREFIX}/lib*/*/libgazette.*")
if(NOT libs)
  message(FATAL_ERROR "libgazette not installed")
endif()
foreach(file Config ConfigVersion Targets LinkDependencies)
  installed(unused cmake/Gazette/Gazette${file}.cmake)
endforeach()
installed(unused pkgconfig/gazette.pc)

run(WHAT "installed gazette-search --version" OUTPUT version
    COMMAND ${PREFIX}/bin/gazette-search --version)
expect_match("${version}" "gazette-search " "gazette-search --version")

run(WHAT "indexing the sample archive with the installed gazette-index" OUTPUT summary
    COMMAND ${PREFIX}/bin/gazette-index --db ${INDEX} ${ARCHIVE})
expect_match("${summary}" "indexed [1-9][0-9]* articles" "gazette-index summary")
message(STATUS "install layout OK; sample archive indexed into ${INDEX}")

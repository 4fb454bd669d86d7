# The one installed library, Gazette::gazette: the three parts' objects linked together,
# static or shared (BUILD_SHARED_LIBS). Included after the parts are declared.
include(GenerateExportHeader)

add_library(gazette
  $<TARGET_OBJECTS:gazette_common>
  $<TARGET_OBJECTS:gazette_indexer>
  $<TARGET_OBJECTS:gazette_searcher>)
add_library(Gazette::gazette ALIAS gazette)
# The parts' header folders in the build; the one installed include folder for consumers.
# Dependencies stay private, and only a static library passes them on (as link-only items,
# found for the consumer by the installed GazetteLinkDependencies.cmake).
target_include_directories(gazette INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_link_libraries(gazette
  PUBLIC $<BUILD_INTERFACE:gazette_indexer_api> $<BUILD_INTERFACE:gazette_searcher_api>
  PRIVATE $<BUILD_INTERFACE:gazette_deps>)
if(NOT BUILD_SHARED_LIBS)
  list(TRANSFORM GAZETTE_LINK_TARGETS REPLACE "(.+)" "$<LINK_ONLY:\\1>" OUTPUT_VARIABLE _link_only)
  target_link_libraries(gazette INTERFACE "$<INSTALL_INTERFACE:${_link_only}>")
endif()
if(GAZETTE_SANITIZE)
  # Instrumented code needs the sanitizer runtimes in every program that links it.
  target_link_options(gazette INTERFACE "$<INSTALL_INTERFACE:${GAZETTE_SANITIZER_FLAGS}>")
endif()
set_target_properties(gazette PROPERTIES
  VERSION ${PROJECT_VERSION}
  SOVERSION ${PROJECT_VERSION_MAJOR}
  OUTPUT_NAME gazette
  DEFINE_SYMBOL GAZETTE_BUILDING)

# <gazette/export.hpp>: GAZETTE_EXPORT marks the public API, everything else is compiled
# hidden (see GazettePart.cmake). On ELF exporting and importing are the same attribute,
# so static and shared builds share one header and consumers need no define.
generate_export_header(gazette
  BASE_NAME GAZETTE
  EXPORT_FILE_NAME ${PROJECT_BINARY_DIR}/generated/include/gazette/export.hpp)

if(BUILD_SHARED_LIBS)
  # Hidden visibility leaves exported only what GAZETTE_EXPORT marks, plus the standard
  # library's template instantiations (std has default visibility); the version script
  # keeps those private too, so the dynamic symbol table is namespace gazette alone.
  set(_gazette_map ${PROJECT_SOURCE_DIR}/cmake/gazette.map)
  target_link_options(gazette PRIVATE -Wl,--version-script=${_gazette_map})
  set_property(TARGET gazette APPEND PROPERTY LINK_DEPENDS ${_gazette_map})
endif()

# Tests and benchmarks also call functions the shared library hides: they link the same
# objects as a static archive (in a static build, that archive is the library itself).
if(BUILD_SHARED_LIBS)
  add_library(gazette_internal STATIC
    $<TARGET_OBJECTS:gazette_common>
    $<TARGET_OBJECTS:gazette_indexer>
    $<TARGET_OBJECTS:gazette_searcher>)
  target_link_libraries(gazette_internal PUBLIC gazette_indexer_api gazette_searcher_api
                                                gazette_deps)
else()
  add_library(gazette_internal ALIAS gazette)
endif()

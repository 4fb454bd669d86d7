# gazette_add_part(NAME SOURCES... [USES other-part...]): one part of the library.
# Declares gazette_<NAME>_api (its public headers, plus those of the parts it uses) and
# gazette_<NAME> (an object library of its sources, linked into Gazette::gazette).
# Internal headers are included rooted at the repository root ("common/src/text.hpp").
function(gazette_add_part name)
  cmake_parse_arguments(PART "" "" "SOURCES;USES" ${ARGN})
  add_library(gazette_${name}_api INTERFACE)
  target_include_directories(gazette_${name}_api INTERFACE
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  foreach(used IN LISTS PART_USES)
    target_link_libraries(gazette_${name}_api INTERFACE gazette_${used}_api)
  endforeach()
  add_library(gazette_${name} OBJECT ${PART_SOURCES})
  # Only what the public headers mark GAZETTE_EXPORT is visible outside libgazette.so;
  # GAZETTE_BUILDING tells <gazette/export.hpp> it is compiling the library itself.
  set_target_properties(gazette_${name} PROPERTIES
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  target_compile_definitions(gazette_${name} PRIVATE GAZETTE_BUILDING)
  target_include_directories(gazette_${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(gazette_${name} PUBLIC gazette_${name}_api PRIVATE gazette_deps)
endfunction()

# The API reference: `cmake --build BUILD --target docs` runs Doxygen on the public headers
# and writes BUILD/docs/html/index.html. Defined only when Doxygen is found. Doxygen fails
# on any warning, so an undocumented public symbol breaks the target (and the test that
# builds it, in tests/CMakeLists.txt).
find_package(Doxygen)
if(NOT DOXYGEN_FOUND)
  message(STATUS "Doxygen not found: no `docs` target (apt-get install doxygen)")
  return()
endif()

set(GAZETTE_DOCS_OUTPUT_DIR ${PROJECT_BINARY_DIR}/docs)
set(_gazette_generated_include ${PROJECT_BINARY_DIR}/generated/include)
set(_gazette_docs_headers
  ${PROJECT_SOURCE_DIR}/common/include/gazette
  ${PROJECT_SOURCE_DIR}/indexer/include/gazette
  ${PROJECT_SOURCE_DIR}/searcher/include/gazette
  ${_gazette_generated_include}/gazette/version.hpp)
list(JOIN _gazette_docs_headers " " GAZETTE_DOCS_INPUT)
string(APPEND GAZETTE_DOCS_INPUT " ${PROJECT_SOURCE_DIR}/docs/mainpage.md ${PROJECT_SOURCE_DIR}/docs/api.dox")
# Files are shown as they are included: <gazette/searcher.hpp>.
set(GAZETTE_DOCS_STRIP_FROM_INC_PATH
  "${PROJECT_SOURCE_DIR}/common/include ${PROJECT_SOURCE_DIR}/indexer/include \
${PROJECT_SOURCE_DIR}/searcher/include ${_gazette_generated_include}")
set(GAZETTE_DOCS_STRIP_FROM_PATH
  "${PROJECT_SOURCE_DIR}/common/include ${PROJECT_SOURCE_DIR}/indexer/include \
${PROJECT_SOURCE_DIR}/searcher/include ${_gazette_generated_include} ${PROJECT_SOURCE_DIR}")
configure_file(${PROJECT_SOURCE_DIR}/docs/Doxyfile.in ${GAZETTE_DOCS_OUTPUT_DIR}/Doxyfile @ONLY)

file(GLOB _gazette_docs_depends CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/common/include/gazette/*.hpp
  ${PROJECT_SOURCE_DIR}/indexer/include/gazette/*.hpp
  ${PROJECT_SOURCE_DIR}/searcher/include/gazette/*.hpp)
add_custom_target(docs
  COMMAND ${CMAKE_COMMAND} -E remove_directory ${GAZETTE_DOCS_OUTPUT_DIR}/html
  COMMAND Doxygen::doxygen ${GAZETTE_DOCS_OUTPUT_DIR}/Doxyfile
  WORKING_DIRECTORY ${GAZETTE_DOCS_OUTPUT_DIR}
  DEPENDS ${_gazette_docs_depends} ${_gazette_generated_include}/gazette/version.hpp
          ${PROJECT_SOURCE_DIR}/docs/mainpage.md ${PROJECT_SOURCE_DIR}/docs/Doxyfile.in
  COMMENT "API reference (Doxygen): ${GAZETTE_DOCS_OUTPUT_DIR}/html/index.html"
  VERBATIM)

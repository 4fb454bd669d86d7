# Finds Gazette's third-party dependencies and wraps those without proper targets.
find_package(PkgConfig REQUIRED)
find_package(fmt REQUIRED)
find_package(LibXml2 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
pkg_check_modules(xxhash REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(uchardet REQUIRED IMPORTED_TARGET uchardet)
pkg_check_modules(gmime REQUIRED IMPORTED_TARGET gmime-3.0)
find_package(simdjson REQUIRED CONFIG)
find_package(LibArchive REQUIRED)
find_package(ZLIB REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)

# CLD2 (language detection) ships no CMake or pkg-config file.
find_path(CLD2_INCLUDE_DIR compact_lang_det.h PATH_SUFFIXES cld2/public REQUIRED)
find_library(CLD2_LIBRARY NAMES cld2 REQUIRED)
add_library(Gazette::cld2 UNKNOWN IMPORTED)
set_target_properties(Gazette::cld2 PROPERTIES
  IMPORTED_LOCATION "${CLD2_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")

# Xapian's CMake package only sets variables; give it an imported target.
find_package(Xapian 1.4 REQUIRED CONFIG)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian UNKNOWN IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    IMPORTED_LOCATION "${XAPIAN_SHARED_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}")
endif()

# Everything the library's implementation needs, linked privately.
add_library(gazette_deps INTERFACE)
target_link_libraries(gazette_deps INTERFACE Xapian::xapian fmt::fmt LibXml2::LibXml2
                                             nlohmann_json::nlohmann_json PkgConfig::xxhash
                                             PkgConfig::uchardet PkgConfig::gmime
                                             simdjson::simdjson LibArchive::LibArchive ZLIB::ZLIB ICU::uc
                                             ICU::i18n Gazette::cld2 gazette_flags)

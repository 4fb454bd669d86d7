# The libraries Gazette's implementation links. Included twice: by the build (through
# GazetteDependencies.cmake), and — installed beside GazetteConfig.cmake — by a program
# that links a static libgazette.a and so needs them too. The includer defines how a
# dependency is looked for and what happens when one is missing:
#   gazette_find_dependency(<find_package arguments>)  find_package REQUIRED / find_dependency
#   gazette_dependency_missing(<what>)                  FATAL_ERROR / Gazette_FOUND FALSE
# Defines the targets the library links, listed in GAZETTE_LINK_TARGETS, and what the
# same libraries are to pkg-config: GAZETTE_PC_REQUIRES (modules) and GAZETTE_PC_LIBS
# (flags, for those without a module). Keep the three in step.

gazette_find_dependency(PkgConfig)
gazette_find_dependency(fmt)
gazette_find_dependency(LibXml2)
gazette_find_dependency(simdjson CONFIG)
gazette_find_dependency(LibArchive)
gazette_find_dependency(ZLIB)
gazette_find_dependency(ICU COMPONENTS uc i18n)

# Libraries that ship only a pkg-config file: <prefix>=<module>, imported as PkgConfig::<prefix>.
foreach(pair IN ITEMS xxhash=libxxhash uchardet=uchardet gmime=gmime-3.0)
  string(REPLACE "=" ";" pair "${pair}")
  list(GET pair 0 prefix)
  list(GET pair 1 module)
  pkg_check_modules(${prefix} QUIET IMPORTED_TARGET ${module})
  if(NOT ${prefix}_FOUND)
    gazette_dependency_missing("the pkg-config module ${module}")
  endif()
endforeach()

# CLD2 (language detection) ships no CMake or pkg-config file.
if(NOT TARGET Gazette::cld2)
  find_path(CLD2_INCLUDE_DIR compact_lang_det.h PATH_SUFFIXES cld2/public)
  find_library(CLD2_LIBRARY NAMES cld2)
  if(NOT CLD2_INCLUDE_DIR OR NOT CLD2_LIBRARY)
    gazette_dependency_missing("CLD2 (libcld2)")
  endif()
  add_library(Gazette::cld2 UNKNOWN IMPORTED)
  set_target_properties(Gazette::cld2 PROPERTIES
    IMPORTED_LOCATION "${CLD2_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")
endif()

# Xapian's CMake package only sets variables; give it an imported target.
gazette_find_dependency(Xapian 1.4 CONFIG)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian UNKNOWN IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    IMPORTED_LOCATION "${XAPIAN_SHARED_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}")
endif()

set(GAZETTE_LINK_TARGETS
  Xapian::xapian fmt::fmt LibXml2::LibXml2 PkgConfig::xxhash PkgConfig::uchardet
  PkgConfig::gmime simdjson::simdjson LibArchive::LibArchive ZLIB::ZLIB ICU::uc ICU::i18n
  Gazette::cld2)
set(GAZETTE_PC_REQUIRES
  xapian-core fmt libxml-2.0 libxxhash uchardet gmime-3.0 simdjson libarchive zlib icu-uc
  icu-i18n)
set(GAZETTE_PC_LIBS -lcld2)

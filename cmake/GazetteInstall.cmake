# Install rules: binaries, the library and its public headers, and what a program needs to
# build on the library: a CMake package (find_package(Gazette CONFIG) -> Gazette::gazette)
# and a pkg-config file (gazette.pc).
include(CMakePackageConfigHelpers)

install(TARGETS gazette-index gazette-search gazette-serve RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS gazette EXPORT GazetteTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
foreach(part common indexer searcher)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${part}/include/gazette
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()
install(FILES ${PROJECT_BINARY_DIR}/generated/include/gazette/version.hpp
              ${PROJECT_BINARY_DIR}/generated/include/gazette/export.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gazette)

# The CMake package. A static library's consumers must link its dependencies too: the
# config then finds them with the same GazetteLinkDependencies.cmake as the build.
set(_gazette_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/Gazette)
if(BUILD_SHARED_LIBS)
  set(GAZETTE_STATIC_LIBRARY FALSE)
else()
  set(GAZETTE_STATIC_LIBRARY TRUE)
endif()
install(EXPORT GazetteTargets NAMESPACE Gazette:: DESTINATION ${_gazette_cmake_dir})
configure_file(${PROJECT_SOURCE_DIR}/cmake/GazetteConfig.cmake.in
               ${PROJECT_BINARY_DIR}/GazetteConfig.cmake @ONLY)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/GazetteConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)  # as the library's SOVERSION
install(FILES ${PROJECT_BINARY_DIR}/GazetteConfig.cmake
              ${PROJECT_BINARY_DIR}/GazetteConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/GazetteLinkDependencies.cmake
        DESTINATION ${_gazette_cmake_dir})

# gazette.pc, relocatable: its prefix is found from where the file is. Only a static
# library lists its dependencies (pkg-config --static); a shared one needs nothing else.
file(RELATIVE_PATH GAZETTE_PC_PREFIX "${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig"
     "${CMAKE_INSTALL_PREFIX}")
string(REGEX REPLACE "/$" "" GAZETTE_PC_PREFIX "${GAZETTE_PC_PREFIX}")
# A sanitized library needs the sanitizer runtimes in the program too.
string(JOIN " " GAZETTE_PC_LIBS_LINE -lgazette ${GAZETTE_SANITIZER_FLAGS})
set(GAZETTE_PC_PRIVATE "")
if(GAZETTE_STATIC_LIBRARY)
  string(JOIN " " _requires ${GAZETTE_PC_REQUIRES})
  string(JOIN " " _libs ${GAZETTE_PC_LIBS})
  set(GAZETTE_PC_PRIVATE "Requires.private: ${_requires}\nLibs.private: ${_libs}\n")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/gazette.pc.in ${PROJECT_BINARY_DIR}/gazette.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/gazette.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

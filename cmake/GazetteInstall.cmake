# Install rules: binaries, the library and its public headers.
install(TARGETS gazette-index gazette-search RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS gazette
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
foreach(part common indexer searcher)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${part}/include/gazette
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()
install(FILES ${PROJECT_BINARY_DIR}/generated/include/gazette/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gazette)

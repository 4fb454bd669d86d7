# Finds Gazette's third-party dependencies and wraps those without proper targets.
# The libraries the library links are found by GazetteLinkDependencies.cmake, which is
# installed for programs linking a static libgazette.a; the rest are needed only here.
macro(gazette_find_dependency)
  find_package(${ARGV} REQUIRED)
endmacro()
macro(gazette_dependency_missing what)
  message(FATAL_ERROR "Gazette needs ${what}: run scripts/setup.sh")
endmacro()
include(GazetteLinkDependencies)

find_package(nlohmann_json 3.10 REQUIRED)  # header-only
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)  # the CLIs

# Everything the library's implementation needs, linked privately.
add_library(gazette_deps INTERFACE)
target_link_libraries(gazette_deps INTERFACE ${GAZETTE_LINK_TARGETS}
                                             nlohmann_json::nlohmann_json gazette_flags)

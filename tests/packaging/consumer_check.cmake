# Builds examples/ as a separate project against the installed Gazette — with
# find_package(Gazette) (METHOD=find_package) or with pkg-config (METHOD=pkg-config) — and
# runs its search_cli on the index the installed gazette-index built. LIBRARY_TYPE
# (static/shared) says whether pkg-config must be asked for the static link line.
# Usage: cmake -DWORK=... -DSOURCE_DIR=... -DMETHOD=... -DLIBRARY_TYPE=... -DCXX=...
#              -DGENERATOR=... -P consumer_check.cmake
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

set(examples ${SOURCE_DIR}/examples)
set(build ${WORK}/${METHOD})
file(REMOVE_RECURSE ${build})
file(MAKE_DIRECTORY ${build})
set(run_env "")  # what the built programs need to run

# find_package: examples/CMakeLists.txt as it stands, pointed at the prefix (and nowhere
# else: no package registry); index_folder also writes an index of its own.
function(build_with_find_package)
  run(WHAT "configuring examples/ with find_package(Gazette)"
      COMMAND ${CMAKE_COMMAND} -S ${examples} -B ${build} -G ${GENERATOR}
              -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${PREFIX}
              -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
  file(STRINGS ${build}/CMakeCache.txt gazette_dir REGEX "^Gazette_DIR:")
  string(FIND "${gazette_dir}" "=${PREFIX}/" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "find_package found a Gazette outside ${PREFIX}: ${gazette_dir}")
  endif()
  run(WHAT "building examples/" COMMAND ${CMAKE_COMMAND} --build ${build})
  run(WHAT "index_folder" OUTPUT summary
      COMMAND ${build}/index_folder ${WORK}/index_folder.db ${ARCHIVE}/bbc)
  expect_match("${summary}" "indexed [1-9][0-9]* articles" "index_folder summary")
  run(WHAT "search_cli on index_folder's index" OUTPUT hits
      COMMAND ${build}/search_cli ${WORK}/index_folder.db broadband 1)
  expect_match("${hits}" "1\\. [^\n]*[Bb]roadband" "search_cli on index_folder's index")
endfunction()

# pkg-config: one compiler command line, with only what gazette.pc says.
function(build_with_pkg_config)
  find_program(PKG_CONFIG NAMES pkg-config pkgconf REQUIRED)
  installed(pc_file pkgconfig/gazette.pc)
  get_filename_component(pc_dir ${pc_file} DIRECTORY)
  set(env PKG_CONFIG_PATH=${pc_dir})
  run(WHAT "pkg-config --cflags gazette" OUTPUT cflags ENV ${env}
      COMMAND ${PKG_CONFIG} --cflags gazette)
  separate_arguments(cflags UNIX_COMMAND "${cflags}")
  string(FIND ";${cflags}" ";-I${PREFIX}/" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "pkg-config --cflags gazette lacks the prefix's include folder: ${cflags}")
  endif()
  set(static_flag "")
  if(LIBRARY_TYPE STREQUAL static)
    set(static_flag --static)  # a static libgazette.a also needs its dependencies
  else()  # A shared one needs Gazette's include folder alone: no dependency's flags. (A
    # static one's cflags include its Requires.private modules', as pkg-config does.)
    expect_match("${cflags}" "^-I[^;]*/include$" "pkg-config --cflags gazette")
  endif()
  run(WHAT "pkg-config --libs ${static_flag} gazette" OUTPUT libs ENV ${env}
      COMMAND ${PKG_CONFIG} --libs ${static_flag} gazette)
  separate_arguments(libs UNIX_COMMAND "${libs}")
  run(WHAT "compiling examples/search_cli.cpp with pkg-config's flags"
      COMMAND ${CXX} -std=c++20 ${cflags} ${examples}/search_cli.cpp -o ${build}/search_cli
              ${libs})
  if(LIBRARY_TYPE STREQUAL shared)  # this command line sets no rpath
    installed(library libgazette.so)
    get_filename_component(libdir "${library}" DIRECTORY)
    set(run_env LD_LIBRARY_PATH=${libdir} PARENT_SCOPE)
  endif()
endfunction()

if(METHOD STREQUAL find_package)
  build_with_find_package()
elseif(METHOD STREQUAL pkg-config)
  build_with_pkg_config()
else()
  message(FATAL_ERROR "METHOD must be find_package or pkg-config, not '${METHOD}'")
endif()

run(WHAT "search_cli on the installed gazette-index's index" OUTPUT hits ENV ${run_env}
    COMMAND ${build}/search_cli ${INDEX} "oil prices" 3)
expect_match("${hits}" "1\\. [^\n]*[Oo]il" "search_cli's first hit")
expect_match("${hits}" "\\[[Oo]il\\]" "search_cli's highlighted words")
expect_match("${hits}" "3 of about [0-9]+ matching articles" "search_cli's total")
message(STATUS "examples built with ${METHOD} search the index:\n${hits}")

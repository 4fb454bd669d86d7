# Shared by the packaging test scripts (cmake -P). WORK is the scratch folder: the install
# prefix and the sample archive's index live there.
cmake_minimum_required(VERSION 3.25)

set(PREFIX ${WORK}/prefix)
set(INDEX ${WORK}/news.db)
set(ARCHIVE ${SOURCE_DIR}/examples/archive)

# run(WHAT <description> [OUTPUT <var>] [ENV <name=value>...] COMMAND <command>...)
# Runs a command; a failure fails the test with the command's output. OUTPUT receives
# stdout and stderr together.
function(run)
  cmake_parse_arguments(RUN "" "WHAT;OUTPUT" "ENV;COMMAND" ${ARGN})
  set(env_prefix "")
  if(RUN_ENV)
    set(env_prefix ${CMAKE_COMMAND} -E env ${RUN_ENV})
  endif()
  execute_process(COMMAND ${env_prefix} ${RUN_COMMAND}
                  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT result EQUAL 0)
    list(JOIN RUN_COMMAND " " command)
    message(FATAL_ERROR "${RUN_WHAT} failed (${result}): ${command}\n${output}")
  endif()
  if(RUN_OUTPUT)
    set(${RUN_OUTPUT} "${output}" PARENT_SCOPE)
  endif()
endfunction()

# installed(<var> <path under the library folder>): the one installed file at that path,
# whichever library folder GNUInstallDirs chose (lib, lib64, lib/<multiarch>).
function(installed var path)
  file(GLOB found "${PREFIX}/lib*/${path}" "${PREFIX}/lib*/*/${path}")
  list(LENGTH found count)
  if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected one installed <libdir>/${path}, found: '${found}'")
  endif()
  set(${var} ${found} PARENT_SCOPE)
endfunction()

# expect_match(<text> <regex> <what>): fails unless the text matches.
function(expect_match text regex what)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "${what}: expected to match '${regex}', got:\n${text}")
  endif()
endfunction()

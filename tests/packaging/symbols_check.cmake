# libgazette.so's soname carries the major version, and its dynamic symbol table is
# Gazette's public API and nothing else: no Xapian, fmt, simdjson or standard-library
# symbol re-exported, no internal gazette:: function, no pimpl class.
# Usage: cmake -DLIBRARY=... -DNM=... -DOBJDUMP=... -DMAJOR=... -DSOURCE_DIR=...
#              -DGENERATED_DIR=... -P symbols_check.cmake
cmake_minimum_required(VERSION 3.25)

function(read_output var)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE output)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${ARGN} failed: ${result}")
  endif()
  set(${var} "${output}" PARENT_SCOPE)
endfunction()

# Every name in an exported symbol must be a word of a public header ("Impl", the pimpl
# classes' name, excepted: they are defined inside the library).
function(public_words var)
  file(GLOB headers ${SOURCE_DIR}/*/include/gazette/*.hpp ${GENERATED_DIR}/include/gazette/*.hpp)
  set(words "")
  foreach(header IN LISTS headers)
    file(READ ${header} text)
    string(REGEX MATCHALL "[A-Za-z_][A-Za-z0-9_]*" found "${text}")
    list(APPEND words ${found})
  endforeach()
  list(REMOVE_DUPLICATES words)
  list(REMOVE_ITEM words Impl)
  set(${var} "${words}" PARENT_SCOPE)
endfunction()

# is_public(<var> <demangled symbol>): true for gazette::Name::member(args), its typeinfo
# and vtable, when every part of the qualified name is a public word (or an operator).
function(is_public var symbol)
  set(${var} FALSE PARENT_SCOPE)
  string(REGEX REPLACE "^(typeinfo name for|typeinfo for|vtable for|VTT for) " "" name "${symbol}")
  if(NOT name MATCHES "^gazette::")
    return()
  endif()
  string(REGEX REPLACE "\\(.*" "" name "${name}")  # the qualified name, without arguments
  string(REPLACE "::" ";" parts "${name}")
  foreach(part IN LISTS parts)
    string(REGEX REPLACE "^~" "" part "${part}")
    if(NOT part MATCHES "^operator" AND NOT part IN_LIST public_words)
      return()
    endif()
  endforeach()
  set(${var} TRUE PARENT_SCOPE)
endfunction()

read_output(headers ${OBJDUMP} -p ${LIBRARY})
if(NOT headers MATCHES "SONAME +libgazette\\.so\\.${MAJOR}\n")
  message(FATAL_ERROR "the soname of ${LIBRARY} is not libgazette.so.${MAJOR}")
endif()

public_words(public_words)
read_output(symbols ${NM} -D --defined-only -C ${LIBRARY})
string(REGEX REPLACE "\\[abi:[a-z0-9]+\\]" "" symbols "${symbols}")  # libstdc++ ABI tags
string(REGEX REPLACE "(^|\n)[0-9a-fA-F]+ [A-Za-z] " "\\1" symbols "${symbols}")
string(REPLACE "\n" ";" symbols "${symbols}")
list(REMOVE_ITEM symbols "")
set(foreign "")
foreach(symbol IN LISTS symbols)
  is_public(public "${symbol}")
  if(NOT public)
    string(APPEND foreign "\n  ${symbol}")
  endif()
endforeach()
if(foreign)
  message(FATAL_ERROR "libgazette.so exports symbols outside the public API:${foreign}")
endif()

# And the API is really there (hidden visibility would also make the check above pass).
foreach(expected "gazette::version()" "gazette::Indexer::add_paths(" "gazette::Searcher::search("
                 "gazette::parse_date(" "typeinfo for gazette::Error")
  string(FIND ";${symbols}" ";${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "libgazette.so does not export ${expected}")
  endif()
endforeach()
list(LENGTH symbols count)
message(STATUS "libgazette.so.${MAJOR} exports ${count} symbols, all public API")

# Warnings and sanitizer flags shared by every Gazette target (through gazette_flags).
add_library(gazette_flags INTERFACE)
target_compile_options(gazette_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough
  # GCC 12 reports "const char* + std::string&&" as an overlapping memcpy at -O2: a known
  # false positive (GCC bug 105651), fixed in GCC 13.
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>)
if(GAZETTE_SANITIZE)
  set(GAZETTE_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined
                              -fno-omit-frame-pointer)
  target_compile_options(gazette_flags INTERFACE ${GAZETTE_SANITIZER_FLAGS})
  target_link_options(gazette_flags INTERFACE ${GAZETTE_SANITIZER_FLAGS})
endif()

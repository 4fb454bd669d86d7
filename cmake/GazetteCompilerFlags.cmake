# Warnings and sanitizer flags shared by every Gazette target (through gazette_flags).
add_library(gazette_flags INTERFACE)
target_compile_options(gazette_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough)
if(GAZETTE_SANITIZE)
  set(_gazette_san -fsanitize=address,undefined -fno-sanitize-recover=undefined
                   -fno-omit-frame-pointer)
  target_compile_options(gazette_flags INTERFACE ${_gazette_san})
  target_link_options(gazette_flags INTERFACE ${_gazette_san})
endif()

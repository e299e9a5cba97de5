# One INTERFACE target carries the warning flags; every Verbatim target links it.
add_library(verbatim_warnings INTERFACE)
target_compile_options(verbatim_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough>
  $<$<BOOL:${VERBATIM_WERROR}>:-Werror>)

# Writes OUTPUT: a C++ source defining verbatim::cli::kDemoCorpus with the bytes of INPUT.
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR byte_len "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${hex}")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#include <string_view>\nnamespace verbatim::cli {\nnamespace {\nconstexpr char kData[] = {${body} 0};\n}  // namespace\nextern const std::string_view kDemoCorpus;\nconst std::string_view kDemoCorpus(kData, ${byte_len});\n}  // namespace verbatim::cli\n")

// Cat(...): concatenates anything that streams (Debian's absl::StrCat does not take
// std::string_view). For messages, not for hot paths.
#ifndef VERBATIM_SYNTAX_STR_CAT_H_
#define VERBATIM_SYNTAX_STR_CAT_H_

#include <sstream>
#include <string>

namespace verbatim::syntax {

template <typename... Args>
std::string Cat(const Args&... args) {
  std::ostringstream os;
  (os << ... << args);
  return os.str();
}

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_STR_CAT_H_

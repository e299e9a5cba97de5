// Small ASCII string helpers over std::string_view for the web readers (warc, http_response,
// charset, web_page). Debian's absl has its own absl::string_view, distinct from
// std::string_view, so absl's string functions do not take ours; these do.
//
// Pure inline functions: thread-safe.
#ifndef VERBATIM_INGEST_STRINGS_H_
#define VERBATIM_INGEST_STRINGS_H_

#include <charconv>
#include <string>
#include <string_view>
#include <type_traits>

#include "absl/strings/string_view.h"

namespace verbatim::ingest::str {

inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

inline bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

inline bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

// Parses all of `s` (no sign, no spaces) as a number in `base`. False on anything else.
template <typename Int>
bool ParseInt(std::string_view s, Int* out, int base = 10) {
  if (s.empty() || s.front() == '-' || s.front() == '+') return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out, base);
  return ec == std::errc() && end == s.data() + s.size();
}

namespace internal {
inline void Append(std::string& out, std::string_view s) { out.append(s); }
inline void Append(std::string& out, const std::string& s) { out.append(s); }
inline void Append(std::string& out, const char* s) { out.append(s); }
inline void Append(std::string& out, absl::string_view s) { out.append(s.data(), s.size()); }
template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
void Append(std::string& out, T v) {
  out += std::to_string(v);
}
}  // namespace internal

// Concatenates strings (std or absl views, std::string, C strings) and integers.
template <typename... Args>
std::string Cat(const Args&... args) {
  std::string out;
  (internal::Append(out, args), ...);
  return out;
}

}  // namespace verbatim::ingest::str

#endif  // VERBATIM_INGEST_STRINGS_H_

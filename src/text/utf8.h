// UTF-8 helpers: validation, repair, decoding and the character classes the pipeline needs.
//
// Every function here is pure and thread-safe. Offsets are byte offsets.
#ifndef VERBATIM_TEXT_UTF8_H_
#define VERBATIM_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace verbatim::text {

inline constexpr char32_t kReplacementChar = U'\uFFFD';

// Result of RepairUtf8: the repaired text plus where the first problem was.
struct Utf8Repair {
  std::string text;              // valid UTF-8, no NUL bytes
  size_t replaced = 0;           // invalid sequences and NULs replaced by U+FFFD
  size_t first_bad_offset = 0;   // byte offset in the input of the first replacement
};

// True when `s` is valid UTF-8 and holds no NUL byte (the fast path for clean input).
bool IsCleanUtf8(std::string_view s);

// Returns `s` with every invalid UTF-8 sequence (maximal subpart, as in the Unicode standard's
// "substitution of maximal subparts") and every NUL byte replaced by U+FFFD.
Utf8Repair RepairUtf8(std::string_view s);

// Decodes the code point starting at byte `i` of valid UTF-8 `s` and advances `i` past it.
// REQUIRES: i < s.size() and `s` is valid UTF-8 (RepairUtf8 output).
// (ASCII inline: these run once per character of every article; the rest out of line.)
char32_t DecodeNextMultibyte(std::string_view s, size_t& i);  // REQUIRES: s[i] >= 0x80
inline char32_t DecodeNext(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  return DecodeNextMultibyte(s, i);
}

// Decodes the code point that ends just before byte `i` (i > 0) and moves `i` to its start.
char32_t DecodePrev(std::string_view s, size_t& i);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string& out);

// Character classes (Unicode-aware through ICU, with an inline ASCII fast path).
bool IsLetterBeyondAscii(char32_t cp);
bool IsUpperBeyondAscii(char32_t cp);
bool IsLowerBeyondAscii(char32_t cp);
bool IsDigitBeyondAscii(char32_t cp);
inline bool IsLetter(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  return IsLetterBeyondAscii(cp);
}
inline bool IsUpper(char32_t cp) {  // uppercase or titlecase letter
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return IsUpperBeyondAscii(cp);
}
inline bool IsLower(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return IsLowerBeyondAscii(cp);
}
inline bool IsDigit(char32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return IsDigitBeyondAscii(cp);
}
inline bool IsAlnum(char32_t cp) { return IsLetter(cp) || IsDigit(cp); }
bool IsSpace(char32_t cp);   // any Unicode white space, including NBSP and line breaks
bool IsDash(char32_t cp);    // hyphen, en dash, em dash and friends

// Lowercases, strips accents and transliterates to ASCII where possible ("Erdoğan" ->
// "erdogan", "Zelenskyy" -> "zelenskyy"). Used to compare names.
std::string FoldForMatch(std::string_view s);

}  // namespace verbatim::text

#endif  // VERBATIM_TEXT_UTF8_H_

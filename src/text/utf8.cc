#include "text/utf8.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

#include "simdjson.h"

namespace verbatim::text {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
size_t ValidSequenceLength(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  auto cont = [&](size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xE0 && b1 < 0xA0) return 0;   // overlong
    if (b0 == 0xED && b1 > 0x9F) return 0;   // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xF0 && b1 < 0x90) return 0;   // overlong
    if (b0 == 0xF4 && b1 > 0x8F) return 0;   // above U+10FFFF
    return 4;
  }
  return 0;
}

// Bytes to skip for one invalid maximal subpart starting at s[i].
size_t InvalidSubpartLength(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) need = 1;
  else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  size_t k = 1;
  for (; k <= need && i + k < s.size(); ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) break;
  }
  return k;
}

}  // namespace

bool IsCleanUtf8(std::string_view s) {
  return simdjson::validate_utf8(s.data(), s.size()) &&
         s.find('\0') == std::string_view::npos;
}

Utf8Repair RepairUtf8(std::string_view s) {
  Utf8Repair out;
  out.text.reserve(s.size() + 8);
  size_t i = 0;
  while (i < s.size()) {
    size_t n = s[i] == '\0' ? 0 : ValidSequenceLength(s, i);
    if (n > 0) {
      out.text.append(s.substr(i, n));
      i += n;
      continue;
    }
    if (out.replaced++ == 0) out.first_bad_offset = i;
    AppendUtf8(kReplacementChar, out.text);
    i += s[i] == '\0' ? 1 : InvalidSubpartLength(s, i);
  }
  return out;
}

char32_t DecodeNextMultibyte(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  size_t n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
  if (i + n > s.size()) {  // defensive: treat a truncated tail as one replacement
    i = s.size();
    return kReplacementChar;
  }
  char32_t cp = b0 & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return cp;
}

char32_t DecodePrev(std::string_view s, size_t& i) {
  size_t start = i - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 && i - start < 4) {
    --start;
  }
  size_t j = start;
  char32_t cp = DecodeNext(s, j);
  i = start;
  return cp;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsLetterBeyondAscii(char32_t cp) { return u_isalpha(static_cast<UChar32>(cp)); }
bool IsUpperBeyondAscii(char32_t cp) {
  return u_isupper(static_cast<UChar32>(cp)) || u_istitle(static_cast<UChar32>(cp));
}
bool IsLowerBeyondAscii(char32_t cp) { return u_islower(static_cast<UChar32>(cp)); }
bool IsDigitBeyondAscii(char32_t cp) { return u_isdigit(static_cast<UChar32>(cp)); }
bool IsSpace(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  return cp == 0xA0 || cp == 0x2028 || cp == 0x2029 || u_isUWhiteSpace(static_cast<UChar32>(cp));
}
bool IsDash(char32_t cp) {
  return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

std::string FoldForMatch(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string out(s);
    for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    return out;
  }
  // ICU transliterators are not thread-safe for concurrent use; clone one per thread.
  static std::once_flag once;
  static std::unique_ptr<icu::Transliterator> prototype;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) prototype.reset();
  });
  thread_local std::unique_ptr<icu::Transliterator> local(
      prototype ? prototype->clone() : nullptr);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (local) local->transliterate(u);
  else u.toLower();
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace verbatim::text

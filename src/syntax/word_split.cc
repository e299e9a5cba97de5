#include "syntax/word_split.h"

#include <array>
#include <string>

namespace verbatim::syntax {
namespace {

using text::ByteRange;

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (Lower(s[i]) != lower[i]) return false;
  }
  return true;
}

bool EndsWithLower(std::string_view s, std::string_view lower) {
  return s.size() >= lower.size() && EqualsLower(s.substr(s.size() - lower.size()), lower);
}

// Replaces each curly apostrophe (3 bytes) by "'" padded with two '\x01' bytes after it, so
// byte offsets stay those of the token.
std::string Plain(std::string_view t) {
  std::string out(t);
  for (size_t i = 0; i + 2 < out.size(); ++i) {
    if (out.compare(i, 3, "\xe2\x80\x99") == 0 || out.compare(i, 3, "\xe2\x80\x98") == 0) {
      out[i] = '\'';
      out[i + 1] = '\x01';
      out[i + 2] = '\x01';
    }
  }
  return out;
}

// Where the clitic of a word-internal split starts, or npos, in `sq` (the Plain() form with
// the padding bytes squeezed out); `at(k)` maps a position of `sq` back into the Plain() form.
template <typename At>
size_t CliticStartSqueezed(std::string_view sq, const At& at) {
  const size_t n = sq.size();
  static constexpr std::array<std::string_view, 7> kApostrophe = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"};
  for (std::string_view c : kApostrophe) {
    if (n > c.size() && EndsWithLower(sq, c)) {
      const size_t start = n - c.size();
      if (c == "n't" && start == 0) return std::string_view::npos;
      return at(start);
    }
  }
  // Plural possessive: "students'" -> students '.
  if (n > 2 && sq[n - 1] == '\'' && Lower(sq[n - 2]) == 's' && IsAsciiLetter(sq[n - 3])) return at(n - 1);
  if (EqualsLower(sq, "cannot")) return at(3);
  for (std::string_view w : {"gonna", "wanna"}) {
    if (EqualsLower(sq, w)) return at(3);
  }
  if (EqualsLower(sq, "gotta")) return at(3);
  // Apostrophe-less negations: "dont", "didnt", "doesnt", "cant", "wont", "isnt", ...
  static constexpr std::array<std::string_view, 14> kNt = {
      "dont", "didnt", "doesnt", "cant", "wont", "isnt", "arent", "wasnt", "werent",
      "havent", "hasnt", "couldnt", "wouldnt", "shouldnt"};
  for (std::string_view w : kNt) {
    if (EqualsLower(sq, w)) return at(n - 2);
  }
  return std::string_view::npos;
}

// Where the clitic of a word-internal split starts, or npos. `p` is the Plain() form.
size_t CliticStart(std::string_view p) {
  // Almost every token has no curly apostrophe, hence no padding: match on `p` itself, without
  // building the squeezed copy (this runs once per token of every article).
  if (p.find('\x01') == std::string_view::npos) {
    return CliticStartSqueezed(p, [](size_t k) { return k; });
  }
  // Strip the padding of a curly apostrophe when matching: compare on a squeezed copy.
  std::string sq;
  std::vector<size_t> pos;  // original offset of each byte of sq
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\x01') continue;
    sq.push_back(p[i]);
    pos.push_back(i);
  }
  const size_t n = sq.size();
  return CliticStartSqueezed(sq, [&](size_t k) { return k < n ? pos[k] : p.size(); });
}

bool KeepsHyphenPrefix(std::string_view left) {
  static constexpr std::array<std::string_view, 26> kPrefixes = {
      "e", "non", "mid", "pre", "anti", "re", "post", "co", "over", "pro", "multi", "ex", "sub",
      "semi", "cross", "neo", "psycho", "socio", "counter", "intra", "inter", "un", "bi", "micro", "ultra", "mega"};
  for (std::string_view p : kPrefixes) {
    if (EqualsLower(left, p)) return true;
  }
  return false;
}

bool HasLetter(std::string_view s) {
  for (char c : s) {
    if (IsAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// Splits `t` at hyphens between letter parts; appends ranges offset by `base`.
void SplitHyphens(std::string_view t, size_t base, std::vector<ByteRange>& out) {
  if (t.find("://") != std::string_view::npos || t.find("www.") != std::string_view::npos ||
      t.find('@') != std::string_view::npos) {
    out.push_back({base, base + t.size()});
    return;
  }
  size_t start = 0;  // start of the current word
  size_t part = 0;   // start of the current hyphen-separated part
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '-' || i == 0 || i + 1 >= t.size() || t[i + 1] == '-' || t[i - 1] == '-') continue;
    size_t next_end = t.find('-', i + 1);
    if (next_end == std::string_view::npos) next_end = t.size();
    const std::string_view left = t.substr(part, i - part), right = t.substr(i + 1, next_end - i - 1);
    const bool split = (HasLetter(left) || HasLetter(right)) && !(IsDigit(left.back()) && IsDigit(right.front()) && !HasLetter(left)) &&
                       !(part == 0 && KeepsHyphenPrefix(left));
    part = i + 1;
    if (!split) continue;
    out.push_back({base + start, base + i});
    out.push_back({base + i, base + i + 1});
    start = i + 1;
  }
  out.push_back({base + start, base + t.size()});
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// "5-10", "78-82": a range of short numbers (not "646-8420", a phone number).
bool IsNumberRange(std::string_view t) {
  const size_t h = t.find('-');
  if (h == std::string_view::npos || t.find('-', h + 1) != std::string_view::npos) return false;
  const std::string_view a = t.substr(0, h), b = t.substr(h + 1);
  return AllDigits(a) && AllDigits(b) && a.size() <= 3 && b.size() <= 3;
}

// "5pm", "35mm", "65k": where the unit after the number starts, or npos.
size_t UnitStart(std::string_view t) {
  size_t i = 0;
  while (i < t.size() && IsDigit(t[i])) ++i;
  if (i == 0 || i == t.size()) return std::string_view::npos;
  static constexpr std::array<std::string_view, 15> kUnits = {
      "am", "pm", "mm", "cm", "km", "kg", "k", "m", "ft", "g", "lb", "lbs", "mb", "gb", "mph"};
  for (std::string_view u : kUnits) {
    if (EqualsLower(t.substr(i), u)) return i;
  }
  return std::string_view::npos;
}

}  // namespace

void SplitIntoWords(std::string_view token, std::vector<ByteRange>& out) {
  out.clear();
  if (token.empty()) return;
  if (IsNumberRange(token)) {
    const size_t h = token.find('-');
    out.assign({{0, h}, {h, h + 1}, {h + 1, token.size()}});
    return;
  }
  if (const size_t u = UnitStart(token); u != std::string_view::npos) {
    out.assign({{0, u}, {u, token.size()}});
    return;
  }
  // Plain() changes only curly apostrophes (U+2018, U+2019: E2 80 98/99); without one the
  // token is its own plain form and needs no copy.
  std::string copy;
  std::string_view plain = token;
  if (token.find("\xe2\x80") != std::string_view::npos) plain = copy = Plain(token);
  size_t clitic = HasLetter(token) ? CliticStart(plain) : std::string_view::npos;
  const size_t stem_end = clitic == std::string_view::npos ? token.size() : clitic;
  SplitHyphens(token.substr(0, stem_end), 0, out);
  if (clitic != std::string_view::npos) out.push_back({clitic, token.size()});
}

std::vector<ByteRange> SplitIntoWords(std::string_view token) {
  std::vector<ByteRange> out;
  SplitIntoWords(token, out);
  return out;
}

}  // namespace verbatim::syntax

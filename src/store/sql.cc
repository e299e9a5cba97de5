// The text helpers of store/sql.h: folding names for whole-word matching, and FTS5 queries.
#include <charconv>
#include <string>
#include <vector>
#include <string_view>

#include "store/sql.h"
#include "text/utf8.h"

namespace verbatim::store::sql {

// Folds a name or query for whole-word matching: FoldForMatch, then every ASCII character that
// is not a letter or digit becomes a word break ("Jean-Claude" -> "jean claude"), and runs of
// breaks collapse to one space. Non-ASCII bytes that survive folding count as letters.
std::string FoldWords(std::string_view s) {
  std::string folded = text::FoldForMatch(s);
  std::string out;
  out.reserve(folded.size());
  bool pending_space = false;
  for (char c : folded) {
    auto u = static_cast<unsigned char>(c);
    bool word = u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      word = true;
      c = static_cast<char>(c + 32);
    }
    if (!word) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

// Builds an FTS5 query that requires every word of `input`, each quoted as an FTS5 string so
// operators and special characters ("OR", "*", quotes) are plain text. Words are separated by
// ASCII white space and control characters (FTS5 would read a NUL as the end of the query).
std::string FtsQuery(std::string_view input) {
  auto is_break = [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; };
  std::string out;
  size_t i = 0;
  while (i < input.size()) {
    while (i < input.size() && is_break(input[i])) ++i;
    const size_t start = i;
    while (i < input.size() && !is_break(input[i])) ++i;
    if (i == start) break;
    if (!out.empty()) out.push_back(' ');
    out.push_back('"');
    for (char c : input.substr(start, i - start)) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  return out;
}

// Parses what RangesToJson writes (whitespace allowed between tokens).
absl::StatusOr<std::vector<text::ByteRange>> RangesFromJson(std::string_view s) {
  std::vector<text::ByteRange> out;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
  };
  auto expect = [&](char c) {
    skip_space();
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  };
  auto number = [&](size_t& v) {
    skip_space();
    auto [ptr, ec] = std::from_chars(s.data() + i, s.data() + s.size(), v);
    if (ec != std::errc() || ptr == s.data() + i) return false;
    i = static_cast<size_t>(ptr - s.data());
    return true;
  };
  auto bad = [&] {
    return absl::DataLossError(absl::StrCat("malformed range list '", std::string(s), "'"));
  };
  if (!expect('[')) return bad();
  if (expect(']')) {
    skip_space();
    return i == s.size() ? absl::StatusOr<std::vector<text::ByteRange>>(out) : bad();
  }
  while (true) {
    text::ByteRange r;
    if (!expect('[') || !number(r.begin) || !expect(',') || !number(r.end) || !expect(']')) {
      return bad();
    }
    out.push_back(r);
    if (expect(',')) continue;
    if (expect(']')) break;
    return bad();
  }
  skip_space();
  if (i != s.size()) return bad();
  return out;
}

}  // namespace verbatim::store::sql

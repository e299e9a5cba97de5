#include "quotes/token.h"

#include <array>

#include "text/utf8.h"

namespace verbatim::quotes {
namespace {

bool IsApostrophe(char32_t c) { return c == '\'' || c == U'\u2019'; }

// Single letters and short abbreviations that keep their period ("Mr.", "U.S.", "Jan.").
bool IsAbbreviation(std::string_view w) {
  static constexpr std::array<std::string_view, 40> kAbbrev = {
      "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "jr", "sr",
      "prof", "mt", "no", "inc", "corp", "co", "ltd", "vs", "etc", "jan", "feb", "mar", "apr",
      "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "capt", "sgt", "adm", "rev",
      "ft", "approx"};
  std::string l = LowerWord(w);
  for (std::string_view a : kAbbrev) {
    if (l == a) return true;
  }
  return false;
}

}  // namespace

std::string LowerWord(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (size_t i = 0; i < word.size();) {
    auto c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
      ++i;
      continue;
    }
    size_t start = i;
    char32_t cp = text::DecodeNext(word, i);
    if (cp == U'\u2019' || cp == U'\u2018') {
      out.push_back('\'');
    } else if (text::IsUpper(cp)) {
      out.append(text::FoldForMatch(word.substr(start, i - start)));
    } else {
      out.append(word.substr(start, i - start));
    }
  }
  return out;
}

bool StripPossessive(std::string_view lower, std::string_view* base) {
  if (lower.size() > 2 && lower.substr(lower.size() - 2) == "'s") {
    *base = lower.substr(0, lower.size() - 2);
    return true;
  }
  if (lower.size() > 2 && lower.back() == '\'' && lower[lower.size() - 2] == 's') {
    *base = lower.substr(0, lower.size() - 1);
    return true;
  }
  *base = lower;
  return false;
}

std::vector<Token> Tokenize(std::string_view text, const std::vector<ParagraphRange>& paragraphs) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 5);
  for (uint32_t p = 0; p < paragraphs.size(); ++p) {
    size_t i = paragraphs[p].begin;
    const size_t end = paragraphs[p].end;
    while (i < end) {
      size_t start = i;
      char32_t cp = text::DecodeNext(text, i);
      if (text::IsSpace(cp)) continue;
      Token t;
      t.begin = static_cast<uint32_t>(start);
      t.paragraph = p;
      if (!text::IsAlnum(cp)) {
        t.end = static_cast<uint32_t>(i);
        t.punct = cp;
        tokens.push_back(std::move(t));
        continue;
      }
      // A word: alnum runs joined by an apostrophe, hyphen or period followed by alnum.
      bool upper_seen = text::IsUpper(cp), lower_seen = text::IsLower(cp);
      t.capitalized = text::IsUpper(cp);
      while (i < end) {
        size_t j = i;
        char32_t c = text::DecodeNext(text, j);
        if (text::IsAlnum(c)) {
          upper_seen |= text::IsUpper(c);
          lower_seen |= text::IsLower(c);
          i = j;
          continue;
        }
        if ((IsApostrophe(c) || c == '-' || c == '.' || c == '&') && j < end) {
          size_t k = j;
          char32_t n = text::DecodeNext(text, k);
          if (text::IsAlnum(n) && !(c == '.' && !text::IsUpper(n) && !text::IsDigit(n))) {
            i = j;
            continue;
          }
        }
        // Plural possessive "Russians'" keeps its apostrophe when a space or punctuation follows.
        break;
      }
      // Abbreviation periods: "Mr.", "U.S." (letters separated by periods end with one too).
      if (i < end && text[i] == '.') {
        std::string_view w = text.substr(start, i - start);
        bool dotted = w.find('.') != std::string_view::npos;
        if (dotted || IsAbbreviation(w) || (w.size() == 1 && t.capitalized)) ++i;
      }
      t.end = static_cast<uint32_t>(i);
      t.is_word = true;
      t.all_caps = upper_seen && !lower_seen;
      t.lower = LowerWord(text.substr(start, i - start));
      tokens.push_back(std::move(t));
    }
  }
  return tokens;
}

}  // namespace verbatim::quotes

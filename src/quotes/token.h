// Tokens over normalized text: words (with internal apostrophes, hyphens and abbreviation
// periods: "Russia's", "step-by-step", "U.S.", "Mr."), numbers and single punctuation marks.
// Quote marks are punctuation tokens; quote_marks.h decides which of them open or close.
#ifndef VERBATIM_QUOTES_TOKEN_H_
#define VERBATIM_QUOTES_TOKEN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace verbatim::quotes {

struct Token {
  uint32_t begin = 0;      // normalized byte offsets
  uint32_t end = 0;
  uint32_t paragraph = 0;  // index into NormalizedText::paragraphs
  bool is_word = false;    // letters or digits
  bool capitalized = false;  // first character is an uppercase letter
  bool all_caps = false;   // every letter uppercase (NATO, U.S.)
  char32_t punct = 0;      // the code point, for punctuation tokens
  std::string lower;       // lowercase ASCII-folded form of a word ("russia's"); "" otherwise
  int quote_depth = 0;     // how many quotations enclose the token (set by the extractor)
  int quote_id = -1;       // innermost enclosing quote span (set by the extractor)
};

struct ParagraphRange {
  uint32_t begin, end;
};

// Tokenizes paragraphs of normalized text. `paragraphs` are ranges into `text`.
std::vector<Token> Tokenize(std::string_view text, const std::vector<ParagraphRange>& paragraphs);

// Lowercases ASCII letters and maps curly apostrophes to "'".
std::string LowerWord(std::string_view word);

// True for the possessive forms "Russia's" / "Russians'"; `base` receives the word without it.
bool StripPossessive(std::string_view lower, std::string_view* base);

}  // namespace verbatim::quotes

#endif  // VERBATIM_QUOTES_TOKEN_H_

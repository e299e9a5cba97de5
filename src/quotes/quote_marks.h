// Quote-mark pairing: finds the quoted spans of each paragraph of normalized text.
//
// Handles every common style: "straight", “curly”, ‘single’, 'straight single', «guillemets»,
// »reversed guillemets«, „low-high“, and ''two apostrophes'' for a double mark (wire copy). A
// straight or curly apostrophe between letters ("Russia's", "don’t") is never a quote mark, so
// 'ball is in Russia's court,' is one span. Single quotes inside a double quotation form nested
// spans (`depth` 1, `parent`).
//
// A quotation over several paragraphs is a chain of spans: every span but the last is marked
// `continued` (it has no closing mark) and each later one names the one before in `continues`.
// Two layouts chain, and may mix in one quotation:
//   * a paragraph that leaves its double quote open, followed by a paragraph that starts by
//     reopening one (the paragraph break is kept):
//       "First paragraph.
//       "Second paragraph," he said.
//   * paragraphs printed on one line (BBC copy): an open double mark, a sentence end, a space,
//     then the same mark again, opening-shaped (a space before it, a word after it):
//       "First paragraph. "Second paragraph," he said.
//     The mark must repeat the opening mark's style, the opening mark must stand clear of the
//     text before it (not `Pakistan"s`, not `audiences,"Katie`), and the text in between must
//     not hold a sentence in the writer's voice (", it said." / ", said David Wyss of Data
//     Resources Inc." / "He said that ..." / "Egypt FA spokesman Methat Shalaby welcomed ...
//     and said ..."): then the first mark was a quotation whose closing mark was lost, and it
//     is dropped as before.
// A span that ends at its paragraph's end has close_begin = close_end = the paragraph end; one
// that ends on its line has close_begin = close_end = the end of its text, before the white
// space and the reopening mark. A closed mark is never reopened: "A." "B." and "A," he said.
// "B." are two quotations.
//
// Unterminated quote marks produce no span, and a chain with an undelimited link (a last
// segment never closed, a reopening mark that turns out stray) produces none of its spans.
//
// Pure function; thread-safe (the writer's-voice test reads the immutable Lexicon::Default()).
#ifndef VERBATIM_QUOTES_QUOTE_MARKS_H_
#define VERBATIM_QUOTES_QUOTE_MARKS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "quotes/token.h"

namespace verbatim::quotes {

struct QuoteSpan {
  uint32_t open_begin = 0, open_end = 0;    // the opening mark
  uint32_t close_begin = 0, close_end = 0;  // the closing mark (both = text end if continued)
  uint32_t paragraph = 0;
  int depth = 0;        // 0 at top level, 1 inside another span
  int parent = -1;      // index of the enclosing span
  int continues = -1;   // index of the span this one reopens (multi-paragraph quotation)
  bool continued = false;  // no closing mark: the quotation goes on in the next span
  bool single = false;     // single-quote family (' ‘ ’ ‹ ›)

  uint32_t content_begin() const { return open_end; }
  uint32_t content_end() const { return close_begin; }
};

// True when `cp` is any quote mark this module knows.
bool IsQuoteMark(char32_t cp);

// Returns the spans of all paragraphs, ordered by opening position.
std::vector<QuoteSpan> FindQuoteSpans(std::string_view text,
                                      const std::vector<ParagraphRange>& paragraphs);

}  // namespace verbatim::quotes

#endif  // VERBATIM_QUOTES_QUOTE_MARKS_H_

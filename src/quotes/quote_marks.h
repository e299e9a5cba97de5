// Quote-mark pairing: finds the quoted spans of each paragraph of normalized text.
//
// Handles every common style: "straight", “curly”, ‘single’, 'straight single', «guillemets»,
// „low-high“. A straight or curly apostrophe between letters ("Russia's", "don’t") is never a
// quote mark, so 'ball is in Russia's court,' is one span. Single quotes inside a double
// quotation form nested spans. A paragraph that opens a double quote and never closes it,
// followed by a paragraph that starts by reopening one, forms a multi-paragraph quotation:
// the first span is marked `continued` and the second names it in `continues`.
// Unterminated quote marks produce no span.
//
// Pure function; thread-safe.
#ifndef VERBATIM_QUOTES_QUOTE_MARKS_H_
#define VERBATIM_QUOTES_QUOTE_MARKS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "quotes/token.h"

namespace verbatim::quotes {

struct QuoteSpan {
  uint32_t open_begin = 0, open_end = 0;    // the opening mark
  uint32_t close_begin = 0, close_end = 0;  // the closing mark (both = paragraph end if continued)
  uint32_t paragraph = 0;
  int depth = 0;        // 0 at top level, 1 inside another span
  int parent = -1;      // index of the enclosing span
  int continues = -1;   // index of the span this one reopens (multi-paragraph quotation)
  bool continued = false;  // no closing mark: the quotation goes on in the next paragraph
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

#include "quotes/quote_marks.h"

#include <algorithm>

#include "text/utf8.h"

namespace verbatim::quotes {
namespace {

enum class Intent { kOpen, kClose, kEither };

struct Mark {
  uint32_t begin, end;
  bool single;
  Intent intent;
  bool left_flanking;   // could open: followed by a non-space
  bool right_flanking;  // could close: preceded by a non-space
};

bool IsDoubleMark(char32_t c) {
  return c == '"' || c == U'\u201C' || c == U'\u201D' || c == U'\u201E' || c == U'\u00AB' ||
         c == U'\u00BB' || c == U'\u201F';
}
bool IsSingleMark(char32_t c) {
  return c == '\'' || c == U'\u2018' || c == U'\u2019' || c == U'\u201A' || c == U'\u2039' ||
         c == U'\u203A' || c == U'\u201B';
}

Intent IntentOf(char32_t c) {
  switch (c) {
    case U'\u201C': case U'\u201E': case U'\u00AB': case U'\u2018': case U'\u201A':
    case U'\u2039': case U'\u201F': case U'\u201B':
      return Intent::kOpen;
    case U'\u201D': case U'\u00BB': case U'\u2019': case U'\u203A':
      return Intent::kClose;
    default:
      return Intent::kEither;
  }
}

bool IsOpeningContext(char32_t c) {
  return c == '(' || c == '[' || c == '{' || text::IsDash(c) || c == '/' || IsDoubleMark(c) ||
         IsSingleMark(c);
}
bool IsClosingContext(char32_t c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
         c == ']' || c == '}' || text::IsDash(c) || c == U'\u2026' || IsDoubleMark(c) ||
         IsSingleMark(c);
}

std::vector<Mark> ScanMarks(std::string_view text, uint32_t begin, uint32_t end) {
  std::vector<Mark> marks;
  char32_t prev = ' ';
  size_t i = begin;
  while (i < end) {
    size_t start = i;
    char32_t c = text::DecodeNext(text, i);
    bool dbl = IsDoubleMark(c), sgl = IsSingleMark(c);
    if (!dbl && !sgl) {
      prev = c;
      continue;
    }
    // Two straight apostrophes stand for a double quote mark in some wire copy:
    // ''Because they're worried,'' Mr. Biden said.
    if (c == '\'' && i < end && text[i] == '\'') {
      ++i;
      dbl = true;
      sgl = false;
    }
    char32_t next = ' ';
    if (i < end) {
      size_t j = i;
      next = text::DecodeNext(text, j);
    }
    bool prev_space = text::IsSpace(prev) || start == begin;
    bool next_space = text::IsSpace(next) || i >= end;
    Mark m{static_cast<uint32_t>(start), static_cast<uint32_t>(i), sgl, IntentOf(c),
           !next_space && (prev_space || IsOpeningContext(prev) || !text::IsAlnum(prev)),
           !prev_space && (next_space || IsClosingContext(next) || !text::IsAlnum(next))};
    if (sgl && text::IsAlnum(prev) && text::IsAlnum(next)) {
      prev = c;  // an apostrophe inside a word: "Russia's", "don’t"
      continue;
    }
    if (sgl && next != ' ' && text::IsDigit(next) && prev_space) {
      // '90s: an elided year, not a quotation.
      size_t j = i, digits = 0;
      while (j < end && text::IsDigit(static_cast<unsigned char>(text[j]))) ++j, ++digits;
      if (digits == 2 && j < end && text[j] == 's') {
        prev = c;
        continue;
      }
    }
    marks.push_back(m);
    prev = c;
  }
  return marks;
}

bool CanOpen(const Mark& m) {
  if (m.intent == Intent::kClose) return m.left_flanking && !m.right_flanking;
  return m.left_flanking || !m.right_flanking;
}
bool CanClose(const Mark& m) {
  if (m.intent == Intent::kOpen) return m.right_flanking && !m.left_flanking;
  return m.right_flanking || !m.left_flanking;
}

}  // namespace

bool IsQuoteMark(char32_t cp) { return IsDoubleMark(cp) || IsSingleMark(cp); }

std::vector<QuoteSpan> FindQuoteSpans(std::string_view text,
                                      const std::vector<ParagraphRange>& paragraphs) {
  std::vector<QuoteSpan> spans;
  int pending_continued = -1;  // span left open at the end of the previous paragraph
  for (uint32_t p = 0; p < paragraphs.size(); ++p) {
    const ParagraphRange& para = paragraphs[p];
    std::vector<Mark> marks = ScanMarks(text, para.begin, para.end);
    struct Open {
      Mark mark;
      int parent_open;  // index into `stack`, -1 for top level
    };
    std::vector<Open> stack;
    std::vector<QuoteSpan> local;
    int reopen_of = -1;
    // A paragraph that begins with an opening double mark reopens a continued quotation.
    if (pending_continued >= 0 && !marks.empty() && marks[0].begin == para.begin &&
        !marks[0].single && CanOpen(marks[0])) {
      reopen_of = pending_continued;
    } else if (pending_continued >= 0) {
      // The previous paragraph's quotation was never closed nor reopened: drop it and its
      // nested spans, it cannot be delimited.
      spans[pending_continued].depth = -1;  // marked for removal below
    }
    pending_continued = -1;

    for (const Mark& m : marks) {
      if (!m.single) {
        // Find the innermost open double mark.
        int dbl = -1;
        for (int k = static_cast<int>(stack.size()) - 1; k >= 0; --k) {
          if (!stack[k].mark.single) {
            dbl = k;
            break;
          }
        }
        if (dbl >= 0 && CanClose(m)) {
          QuoteSpan s;
          s.open_begin = stack[dbl].mark.begin;
          s.open_end = stack[dbl].mark.end;
          s.close_begin = m.begin;
          s.close_end = m.end;
          s.paragraph = p;
          s.depth = dbl;
          local.push_back(s);
          stack.resize(dbl);  // unclosed single marks inside are apostrophes after all
        } else if (CanOpen(m)) {
          if (dbl >= 0) stack.resize(dbl);  // a new opener: the earlier one was stray
          stack.push_back({m, -1});
        }
        continue;
      }
      // Single marks: a quotation at top level (headline style) or nested in a double one.
      if (!stack.empty() && stack.back().mark.single && CanClose(m)) {
        QuoteSpan s;
        s.open_begin = stack.back().mark.begin;
        s.open_end = stack.back().mark.end;
        s.close_begin = m.begin;
        s.close_end = m.end;
        s.paragraph = p;
        s.depth = static_cast<int>(stack.size()) - 1;
        s.single = true;
        local.push_back(s);
        stack.pop_back();
      } else if (CanOpen(m) && stack.size() < 3) {
        stack.push_back({m, -1});
      }
    }
    // A double mark still open at the paragraph's end may continue in the next paragraph.
    if (!stack.empty() && !stack[0].mark.single) {
      QuoteSpan s;
      s.open_begin = stack[0].mark.begin;
      s.open_end = stack[0].mark.end;
      s.close_begin = s.close_end = para.end;
      s.paragraph = p;
      s.depth = 0;
      s.continued = true;
      local.push_back(s);
    }
    std::sort(local.begin(), local.end(), [](const QuoteSpan& a, const QuoteSpan& b) {
      return a.open_begin < b.open_begin;
    });
    // Parents: the nearest earlier span that contains this one.
    size_t base = spans.size();
    for (size_t i = 0; i < local.size(); ++i) {
      for (size_t k = i; k-- > 0;) {
        if (local[k].open_begin < local[i].open_begin && local[i].close_end <= local[k].close_end &&
            local[k].depth == local[i].depth - 1) {
          local[i].parent = static_cast<int>(base + k);
          break;
        }
      }
      if (local[i].depth > 0 && local[i].parent < 0) local[i].depth = 0;
    }
    for (QuoteSpan& s : local) {
      if (s.depth == 0 && s.open_begin == para.begin && reopen_of >= 0 && !s.single) {
        s.continues = reopen_of;
        reopen_of = -1;
      }
      spans.push_back(s);
      if (s.continued) pending_continued = static_cast<int>(spans.size()) - 1;
    }
    // The reopening mark was discarded (a stray opener followed it): the quotation left open
    // in the previous paragraph cannot be delimited.
    if (reopen_of >= 0) spans[reopen_of].depth = -1;
  }
  if (pending_continued >= 0) spans[pending_continued].depth = -1;
  // A chain of paragraphs is one quotation: when any link cannot be delimited, none can.
  for (bool changed = true; changed;) {
    changed = false;
    std::vector<int> next(spans.size(), -1);
    for (size_t i = 0; i < spans.size(); ++i) {
      if (spans[i].continues >= 0) next[spans[i].continues] = static_cast<int>(i);
    }
    for (size_t i = 0; i < spans.size(); ++i) {
      if (spans[i].depth < 0) continue;
      bool broken_forward = spans[i].continued && (next[i] < 0 || spans[next[i]].depth < 0);
      bool broken_back = spans[i].continues >= 0 && spans[spans[i].continues].depth < 0;
      if (broken_forward || broken_back) {
        spans[i].depth = -1;
        changed = true;
      }
    }
  }
  // Remove dropped (undelimited) spans and their nested spans, fixing indices.
  std::vector<int> remap(spans.size(), -1);
  std::vector<QuoteSpan> kept;
  for (size_t i = 0; i < spans.size(); ++i) {
    bool drop = spans[i].depth < 0 || (spans[i].parent >= 0 && remap[spans[i].parent] < 0);
    if (drop) continue;
    remap[i] = static_cast<int>(kept.size());
    kept.push_back(spans[i]);
  }
  for (QuoteSpan& s : kept) {
    if (s.parent >= 0) s.parent = remap[s.parent];
    if (s.continues >= 0) s.continues = remap[s.continues];
  }
  return kept;
}

}  // namespace verbatim::quotes

#include "quotes/quote_marks.h"

#include <algorithm>
#include <string>
#include <utility>

#include "quotes/lexicon.h"
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
  char32_t cp = 0;      // the mark; two apostrophes are '\'' with `doubled`
  bool doubled = false;
  char32_t prev = ' ';  // the character before the mark (' ' at the paragraph start)
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
    m.cp = c;
    m.doubled = dbl && c == '\'';
    m.prev = prev;
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

// ---- Paragraphs printed on one line ----------------------------------------------------------
//
// BBC copy prints the paragraphs of one quotation on one line, each reopening with a double
// mark and none but the last closed (bbc-2004: 1,679 such reopenings):
//   Ms Kelly said: "It is really important to support head teachers. "We have made huge
//   progress on the really difficult cases," she said.
// A quotation whose closing mark was lost looks the same, and then the "segment" holds the
// writer's own sentence (bbc-2004: 6, e.g. bbc-politics-016, -102; reuters-21578: 54, 5345):
//   "It's a rather gloomy outlook for the economy, said David Wyss of Data Resources Inc. "I'm
//   particularly impressed by the 19.7 pct drop ..."
// The tests below tell them apart.

// One word of a would-be segment, for the writer's-voice test.
struct Word {
  std::string lower;
  bool capitalized;
};
using Clause = std::vector<Word>;  // words between commas, colons or semicolons
using Sentence = std::vector<Clause>;

bool IsTerminalPunct(char32_t c) { return c == '.' || c == '!' || c == '?' || c == U'\u2026'; }

// The sentences of text[begin, end): words (with inner apostrophes, hyphens and periods:
// "don't", "U.S.") grouped into clauses. A period after a title ("Mr.") or an initial does not
// end a sentence.
std::vector<Sentence> SentencesOf(std::string_view text, uint32_t begin, uint32_t end,
                                  const Lexicon& lex) {
  std::vector<Sentence> out(1, Sentence(1));
  size_t i = begin;
  while (i < end) {
    size_t start = i;
    char32_t c = text::DecodeNext(text, i);
    if (text::IsAlnum(c)) {
      size_t e = i;
      while (e < end) {
        size_t j = e;
        char32_t d = text::DecodeNext(text, j);
        if (text::IsAlnum(d)) {
          e = j;
          continue;
        }
        bool joiner = d == '\'' || d == U'\u2019' || d == '-' || d == '.';
        if (!joiner || j >= end) break;
        size_t k = j;
        if (!text::IsAlnum(text::DecodeNext(text, k))) break;
        e = j;
      }
      std::string_view w = text.substr(start, e - start);
      out.back().back().push_back({LowerWord(w), text::IsUpper(c)});
      i = e;
      continue;
    }
    if (c == ',' || c == ';' || c == ':') {
      out.back().emplace_back();
    } else if (IsTerminalPunct(c)) {
      const Clause& clause = out.back().back();
      bool abbreviation = c == '.' && !clause.empty() &&
                          (clause.back().lower.size() == 1 || lex.Is(clause.back().lower, kTitle));
      if (!abbreviation && !(out.back().size() == 1 && clause.empty())) out.emplace_back(1);
    }
  }
  return out;
}

bool IsThirdPersonPronoun(const std::string& w) {
  return w == "he" || w == "she" || w == "it" || w == "they";
}
bool IsFirstPerson(const std::string& w) {
  return w == "i" || w == "i'm" || w == "i've" || w == "i'd" || w == "i'll" || w == "me" ||
         w == "my" || w == "we" || w == "we're" || w == "we've" || w == "we'd" || w == "we'll" ||
         w == "us" || w == "our";
}
bool IsReportingVerb(const std::string& w, const Lexicon& lex) {
  return lex.Is(w, kCue) && !lex.Is(w, kCueParticiple) && w != "according";
}
// What may follow the verb of a writer's attribution: "in its report", "on Monday".
bool StartsAttributionTail(const std::string& w, const Lexicon& lex) {
  static constexpr std::string_view kWords[] = {
      "in", "on", "at", "to", "during", "after", "before", "from", "for", "with", "via",
      "through", "yesterday", "today", "tonight", "last", "this", "earlier", "later",
      "recently", "afterwards"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords) ||
         lex.Is(w, kCalendar);
}

// "..., it said." / "..., the organisation said in its report." / "..., Block Vice President
// Tom Bloch said in an interview." / "..., said David Wyss of Data Resources Inc.": the
// sentence ends with the clause that attributes it.
bool EndsWithAttribution(const Sentence& s, const Lexicon& lex) {
  if (s.size() < 2) return false;
  const Clause& t = s.back();
  if (t.size() < 2) return false;
  if (IsReportingVerb(t[0].lower, lex)) {
    return t.size() <= 10 && (t[1].capitalized || t[1].lower == "the");
  }
  for (size_t v = 1; v < t.size() && v <= 6; ++v) {
    if (!IsReportingVerb(t[v].lower, lex)) continue;
    bool subject = v == 1 && IsThirdPersonPronoun(t[0].lower);
    if (!subject && (t[0].lower == "the" || t[0].lower == "a" || t[0].lower == "an") && v <= 4) {
      subject =
          std::all_of(t.begin() + 1, t.begin() + v, [](const Word& w) { return !w.capitalized; });
    }
    if (!subject) {
      subject = std::all_of(t.begin(), t.begin() + v, [](const Word& w) { return w.capitalized; });
    }
    if (!subject) return false;
    size_t rest = t.size() - v - 1;
    bool addressee = t[v].lower == "told" || t[v].lower == "tells";
    return rest == 0 || (rest <= 8 && (addressee || StartsAttributionTail(t[v + 1].lower, lex)));
  }
  return false;
}

// "He said that police should ..." / "Mr Hopkins said that the blogsphere ..." / "Meanwhile,
// Egypt FA spokesman Methat Shalaby welcomed the apology and said ...": reported speech, or a
// speaker introduced by name and role, in the third person.
bool StartsWithReportedSpeech(const Sentence& s, const Lexicon& lex) {
  const Clause* c = &s.front();
  if (s.size() >= 2 && c->size() == 1 && lex.Is((*c)[0].lower, kFunction)) c = &s[1];
  const Clause& w = *c;
  size_t v = 0;
  bool role = false;
  if (!w.empty() && w[0].capitalized && (w[0].lower == "he" || w[0].lower == "she")) {
    v = 1;
  } else {
    for (; v < w.size() && v < 6; ++v) {
      bool title = lex.Is(w[v].lower, kTitle);
      if (w[v].capitalized && (v > 0 || !lex.Is(w[v].lower, kFunction) || title)) continue;
      if (v > 0 && !w[v].capitalized && (title || lex.Is(w[v].lower, kRoleNoun))) {
        role = true;
        continue;
      }
      break;
    }
  }
  if (v == 0 || v >= w.size() || !IsReportingVerb(w[v].lower, lex)) return false;
  for (size_t k = v + 1; k < w.size() && k <= v + 3; ++k) {
    if (w[k].lower == "that") return true;
  }
  return role;
}

// True when text[begin, end) holds a sentence in the writer's voice: an attribution at its
// end, or (after the first sentence) reported speech. Sentences in the first person are the
// speaker's ("I have told John I will be around").
bool HasWritersVoice(std::string_view text, uint32_t begin, uint32_t end) {
  const Lexicon& lex = Lexicon::Default();
  std::vector<Sentence> sentences = SentencesOf(text, begin, end, lex);
  for (size_t i = 0; i < sentences.size(); ++i) {
    const Sentence& s = sentences[i];
    bool first_person = false;
    for (const Clause& c : s) {
      for (const Word& w : c) first_person |= IsFirstPerson(w.lower);
    }
    if (first_person || s.front().empty()) continue;
    if (EndsWithAttribution(s, lex) || (i > 0 && StartsWithReportedSpeech(s, lex))) return true;
  }
  return false;
}

// Where the text before position `pos` ends, white space skipped.
uint32_t TextEndBefore(std::string_view text, uint32_t para_begin, uint32_t pos) {
  size_t i = pos;
  while (i > para_begin) {
    size_t j = i;
    if (!text::IsSpace(text::DecodePrev(text, j))) break;
    i = j;
  }
  return static_cast<uint32_t>(i);
}

// True when `m`, met while `open` is the paragraph's open top-level double mark, reopens the
// same quotation for its next paragraph rather than making `open` a stray mark:
//   * the same mark in the same style ("...", “...“, «...«, ''...'');
//   * `open` stands clear of the text before it (a space, the paragraph start, a bracket, a
//     dash or a colon; not `Pakistan"s` nor `audiences,"Katie` in reuters/polnear copy);
//   * `m` is opening-shaped (a space before it, a word after it) and the text before it
//     ends a sentence (. ! ? …, perhaps followed by a closing single mark or bracket);
//   * the text since `open` has no sentence in the writer's voice.
bool ReopensOnSameLine(std::string_view text, uint32_t para_begin, const Mark& open,
                       const Mark& m) {
  if (m.cp != open.cp || m.doubled != open.doubled) return false;
  char32_t before_open = open.prev;
  if (!text::IsSpace(before_open) && before_open != '(' && before_open != '[' &&
      before_open != ':' && !text::IsDash(before_open)) {
    return false;
  }
  if (!text::IsSpace(m.prev) || !m.left_flanking || m.right_flanking) return false;
  uint32_t seg_end = TextEndBefore(text, para_begin, m.begin);
  if (seg_end <= open.end) return false;
  size_t i = seg_end;
  char32_t last = text::DecodePrev(text, i);
  if ((last == ')' || last == ']' || last == '\'' || last == U'\u2019') && i > open.end) {
    last = text::DecodePrev(text, i);
  }
  if (!IsTerminalPunct(last)) return false;
  return !HasWritersVoice(text, open.end, seg_end);
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
    // Paragraphs merged on this line: (opening of a segment, opening of the one continuing it).
    std::vector<std::pair<uint32_t, uint32_t>> links;
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
          if (dbl == 0 && ReopensOnSameLine(text, para.begin, stack[0].mark, m)) {
            // The quotation goes on: its segment ends where its paragraph's text ended.
            QuoteSpan s;
            s.open_begin = stack[0].mark.begin;
            s.open_end = stack[0].mark.end;
            s.close_begin = s.close_end = TextEndBefore(text, para.begin, m.begin);
            s.paragraph = p;
            s.depth = 0;
            s.continued = true;
            local.push_back(s);
            links.emplace_back(s.open_begin, m.begin);
            stack.clear();  // unclosed single marks inside are apostrophes after all
          } else if (dbl >= 0) {
            stack.resize(dbl);  // a new opener: the earlier one was stray
          }
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
      if (s.continued && s.close_end == para.end) {
        pending_continued = static_cast<int>(spans.size()) - 1;
      }
    }
    // Segments of one line. A link whose reopening mark was later discarded as stray is left
    // out, and its segment, continued by nothing, is dropped below.
    auto top_level_at = [&](uint32_t open_begin) {
      for (size_t i = base; i < spans.size(); ++i) {
        if (spans[i].open_begin == open_begin && spans[i].depth == 0 && !spans[i].single) {
          return static_cast<int>(i);
        }
      }
      return -1;
    };
    for (auto [from, to] : links) {
      int a = top_level_at(from), b = top_level_at(to);
      if (a >= 0 && b >= 0) spans[b].continues = a;
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

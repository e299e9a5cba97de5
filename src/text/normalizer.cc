#include "text/normalizer.h"

#include <algorithm>

#include "text/utf8.h"

namespace verbatim::text {
namespace {

struct Line {
  size_t begin, end;  // original bytes, without the line break
};

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back({start, i});
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back({start, text.size()});
  return lines;
}

bool IsBlank(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (!IsSpace(DecodeNext(s, i))) return false;
  }
  return true;
}

bool StartsIndented(std::string_view s) {
  return !s.empty() && (s[0] == '\t' || (s.size() > 1 && s[0] == ' ' && s[1] == ' '));
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

size_t NormalizedText::ToOriginalEnd(size_t i) const {
  // Characters are copied byte for byte, so a range that ends after normalized byte i-1 ends
  // one past that byte's original position.
  return i == 0 ? offsets[0] : offsets[i - 1] + 1;
}

bool Normalizer::LooksHardWrapped(std::string_view text) {
  std::vector<Line> lines = SplitLines(text);
  size_t nonblank = 0, mid = 0, terminal = 0, longest = 0;
  for (const Line& l : lines) {
    std::string_view s = text.substr(l.begin, l.end - l.begin);
    if (IsBlank(s)) continue;
    ++nonblank;
    size_t n = CodePoints(s);
    longest = std::max(longest, n);
    if (n >= 30 && n <= 90) ++mid;
    char last = s.back();
    if (last == '.' || last == '"' || last == '!' || last == '?') ++terminal;
  }
  if (nonblank < 4 || longest > 100) return false;
  if (!(mid * 10 >= nonblank * 7 && terminal * 2 < nonblank)) return false;
  // Wrapped lines end near one width: most lines that run on into a non-indented next line
  // are at least 3/4 of the widest lines. A stack of headings and bylines is not.
  std::vector<size_t> widths;
  for (const Line& l : lines) widths.push_back(CodePoints(text.substr(l.begin, l.end - l.begin)));
  std::vector<size_t> sorted = widths;
  std::sort(sorted.begin(), sorted.end());
  size_t w90 = sorted[sorted.size() * 9 / 10];
  size_t runs_on = 0, near_width = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    std::string_view next = text.substr(lines[i + 1].begin, lines[i + 1].end - lines[i + 1].begin);
    if (widths[i] == 0 || IsBlank(next) || StartsIndented(next)) continue;
    ++runs_on;
    near_width += widths[i] * 4 >= w90 * 3;
  }
  return runs_on > 0 && near_width * 10 >= runs_on * 7;
}

NormalizedText Normalizer::Normalize(std::string_view text,
                                     const std::vector<ByteRange>& skip) const {
  NormalizedText out;
  out.text.reserve(text.size());
  out.offsets.reserve(text.size() + 1);
  bool hard_wrapped = options_.hard_wraps == NormalizerOptions::HardWraps::kAlways ||
                      (options_.hard_wraps == NormalizerOptions::HardWraps::kAuto &&
                       LooksHardWrapped(text));
  size_t wrap_width = 0;
  std::vector<Line> lines = SplitLines(text);
  if (hard_wrapped) {
    std::vector<size_t> widths;
    for (const Line& l : lines) widths.push_back(CodePoints(text.substr(l.begin, l.end - l.begin)));
    std::sort(widths.begin(), widths.end());
    wrap_width = widths.empty() ? 0 : widths[widths.size() * 9 / 10];
  }

  size_t skip_i = 0;
  bool pending_break = false;   // a paragraph break is owed before the next character
  bool pending_space = false;   // a space is owed before the next character
  size_t para_start = 0;
  size_t pending_space_at = 0;  // original offset the owed space maps to

  auto emit = [&](char c, size_t orig) {
    out.text.push_back(c);
    out.offsets.push_back(static_cast<uint32_t>(orig));
  };
  auto close_paragraph = [&]() {
    if (out.text.size() > para_start) out.paragraphs.push_back({para_start, out.text.size()});
  };
  auto flush_separators = [&](size_t orig) {
    if (pending_break) {
      if (!out.text.empty()) {
        close_paragraph();
        emit('\n', orig);
        para_start = out.text.size();
      }
      pending_break = pending_space = false;
    } else if (pending_space) {
      if (out.text.size() > para_start) emit(' ', pending_space_at);
      pending_space = false;
    }
  };

  for (size_t li = 0; li < lines.size(); ++li) {
    const Line& line = lines[li];
    std::string_view s = text.substr(line.begin, line.end - line.begin);
    if (IsBlank(s)) {
      pending_break = true;
      continue;
    }
    size_t i = line.begin;
    while (i < line.end) {
      while (skip_i < skip.size() && skip[skip_i].end <= i) ++skip_i;
      if (skip_i < skip.size() && skip[skip_i].Contains(i)) {
        i = std::min(line.end, skip[skip_i].end);
        pending_break = true;
        continue;
      }
      size_t start = i;
      char32_t cp = DecodeNext(text, i);
      if (IsSpace(cp)) {
        if (!pending_break && !pending_space) {
          pending_space = true;
          pending_space_at = start;
        }
        continue;
      }
      flush_separators(start);
      for (size_t k = start; k < i; ++k) emit(text[k], k);
    }
    // Decide what the line break after this line becomes.
    bool join = false;
    if (hard_wrapped && li + 1 < lines.size()) {
      std::string_view next = text.substr(lines[li + 1].begin, lines[li + 1].end - lines[li + 1].begin);
      join = !IsBlank(next) && !StartsIndented(next) && CodePoints(s) * 10 >= wrap_width * 6;
    }
    if (join) {
      if (!pending_break && !pending_space) {
        pending_space = true;
        pending_space_at = line.end;
      }
    } else {
      pending_break = true;
    }
  }
  close_paragraph();
  out.offsets.push_back(static_cast<uint32_t>(text.size()));
  return out;
}

}  // namespace verbatim::text

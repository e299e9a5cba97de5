#include "ingest/metadata.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "absl/time/time.h"
#include "text/language.h"
#include "text/utf8.h"

namespace verbatim::ingest {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = IsAsciiSpace(c);
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

}  // namespace

std::optional<DateLine> ParseDateLine(std::string_view text) {
  size_t eol = text.find('\n');
  std::string_view line = text.substr(0, eol);
  size_t i = 0;
  while (i < line.size() && IsAsciiSpace(line[i])) ++i;
  size_t start = i;
  if (line.substr(i, 5) != "date ") return std::nullopt;
  i += 5;
  while (i < line.size() && line[i] == ' ') ++i;
  if (!IsIsoDate(line.substr(i, 10))) return std::nullopt;
  DateLine out;
  out.date = std::string(line.substr(i, 10));
  i += 10;
  if (i < line.size() && !IsAsciiSpace(line[i])) return std::nullopt;
  while (i < line.size() && IsAsciiSpace(line[i])) ++i;
  out.prefix = {start, i};
  size_t end = line.size();
  while (end > i && IsAsciiSpace(line[end - 1])) --end;
  out.title = {i, end};
  return out;
}

std::optional<text::ByteRange> FindTitleLine(std::string_view text,
                                             const std::vector<text::ByteRange>& skip) {
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    size_t b = start, e = end;
    while (b < e && IsAsciiSpace(text[b])) ++b;
    while (e > b && IsAsciiSpace(text[e - 1])) --e;
    bool skipped = std::any_of(skip.begin(), skip.end(), [&](const text::ByteRange& r) {
      return r.begin <= b && e <= r.end && b < e;
    });
    if (b < e && !skipped) {
      std::string_view line = text.substr(b, e - b);
      bool bullet = line[0] == '-' || line[0] == '*' || line.substr(0, 3) == "\xe2\x80\xa2";
      // A sentence ends in a full stop, possibly inside closing quote marks: `... years."`.
      std::string_view core = line;
      for (bool stripped = true; stripped && !core.empty();) {
        stripped = false;
        for (std::string_view q : {"\"", "'", "\xe2\x80\x9d", "\xe2\x80\x99", "\xc2\xbb"}) {
          if (core.size() > q.size() && core.substr(core.size() - q.size()) == q) {
            core.remove_suffix(q.size());
            stripped = true;
          }
        }
      }
      bool full_stop = core.back() == '.' && !(core.size() >= 3 && core.substr(core.size() - 3) == "...");
      if (bullet || full_stop || CountWords(line) > 25) return std::nullopt;
      return text::ByteRange{b, e};
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return std::nullopt;
}

std::optional<std::string> ParsePublished(std::string_view raw) {
  std::string value(TrimAscii(raw));
  if (value.empty()) return std::nullopt;
  if (IsIsoDate(value)) return value;
  absl::Time t;
  std::string err;
  // Date-times with an explicit offset keep it; naive ones are written without one.
  static constexpr std::array<const char*, 4> kZoned = {
      "%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%d %H:%M:%E*S%Ez", "%a, %d %b %Y %H:%M:%S %z",
      "%d %b %Y %H:%M:%S %z"};
  for (const char* f : kZoned) {
    std::string v = value;
    if (!v.empty() && v.back() == 'Z' && f[2] == 'Y') v = v.substr(0, v.size() - 1) + "+00:00";
    if (absl::ParseTime(f, v, &t, &err)) {
      return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
    }
  }
  static constexpr std::array<const char*, 2> kNaive = {"%Y-%m-%dT%H:%M:%E*S", "%Y-%m-%d %H:%M:%E*S"};
  for (const char* f : kNaive) {
    if (absl::ParseTime(f, value, absl::UTCTimeZone(), &t, &err)) {
      return absl::FormatTime("%Y-%m-%dT%H:%M:%S", t, absl::UTCTimeZone());
    }
  }
  static constexpr std::array<const char*, 7> kDates = {
      "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%Y/%m/%d", "%a, %d %b %Y"};
  for (const char* f : kDates) {
    if (absl::ParseTime(f, value, absl::UTCTimeZone(), &t, &err)) {
      return absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone());
    }
  }
  return std::nullopt;
}

std::optional<std::string> GuessLanguage(std::string_view text) {
  if (std::optional<std::string> lang = text::IdentifyLanguage(text)) return lang;
  // Short English text (a headline and a sentence) is below what CLD2 calls reliable.
  static constexpr std::array<std::string_view, 16> kCommon = {
      "the", "and", "of", "to", "in", "is", "that", "for", "was", "on", "with", "said", "he",
      "it", "a", "as"};
  size_t words = 0, common = 0;
  size_t i = 0;
  while (i < text.size() && words < 400) {
    while (i < text.size() && !std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    size_t b = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    if (b == i) break;
    ++words;
    std::string w(text.substr(b, i - b));
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    common += std::find(kCommon.begin(), kCommon.end(), w) != kCommon.end();
  }
  if (words >= 8 && common * 100 >= words * 12) return std::string("en");
  return std::nullopt;
}

}  // namespace verbatim::ingest

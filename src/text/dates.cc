#include "text/dates.h"

#include <cstdio>
#include <unordered_map>

#include "text/utf8.h"

namespace verbatim::text {
namespace {

constexpr int kMinTextYear = 1900;
constexpr int kMaxTextYear = 2099;

bool IsDigitByte(char c) { return c >= '0' && c <= '9'; }

int DigitsValue(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Lower-cases ASCII, Latin-1 capitals and Cyrillic capitals: enough for month names.
std::string LowerWord(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  size_t i = 0;
  while (i < w.size()) {
    char32_t cp = DecodeNext(w, i);
    if (cp >= 'A' && cp <= 'Z') cp += 32;
    else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 32;
    else if (cp >= 0x410 && cp <= 0x42F) cp += 32;
    else if (cp >= 0x400 && cp <= 0x40F) cp += 80;
    else if (cp == 0x15E) cp = 0x15F;  // Ş
    else if (cp == 0x130) cp = 'i';    // İ
    AppendUtf8(cp, out);
  }
  return out;
}

// Month names and their usual abbreviations, lower-case, in the languages FindTextDates lists.
const std::unordered_map<std::string, int>& MonthNames() {
  static const auto* const kMonths = [] {
    auto* m = new std::unordered_map<std::string, int>;
    struct Row {
      int month;
      const char* names;  // space-separated
    };
    static constexpr Row kTable[] = {
        {1, "january jan januar jänner janvier janv enero ene janeiro gennaio gen januari "
            "stycznia styczeń styczen ledna leden января январь янв січня ocak ianuarie "
            "január"},
        {2, "february feb februar février fevrier févr fevr febrero fevereiro fev febbraio "
            "februari lutego luty února únor февраля февраль фев лютого şubat subat "
            "februarie február febr"},
        {3, "march mar märz marz mär mrz mars marzo março marco maart mrt marca marzec března "
            "březen марта март мар березня maret mart martie március márc marts"},
        {4, "april apr avril avr abril abr aprile kwietnia kwiecień kwiecien dubna duben "
            "апреля апрель апр квітня nisan aprilie április ápr"},
        {5, "may mai mayo maio maggio mag mei maja maj května květen мая май травня mayıs "
            "mayis május máj"},
        {6, "june jun juni juin junio junho giugno giu czerwca czerwiec června červen июня "
            "июнь июн червня haziran iunie június jún"},
        {7, "july jul juli juillet juil julio julho luglio lug lipca lipiec července "
            "červenec июля июль июл липня temmuz iulie július júl"},
        {8, "august aug août aout agosto ago augustus agustus sierpnia sierpień sierpien "
            "srpna srpen августа август авг серпня ağustos agustos augusztus"},
        {9, "september sep sept septembre septiembre setiembre setembro set settembre "
            "września wrzesień wrzesien září сентября сентябрь сен сент вересня eylül eylul "
            "septembrie szeptember szept"},
        {10, "october oct oktober okt octobre octubre outubro out ottobre ott "
             "października październik pazdziernik října říjen октября октябрь окт жовтня "
             "ekim octombrie október"},
        {11, "november nov novembre noviembre novembro listopada listopad listopadu ноября "
             "ноябрь нояб ноя листопада kasım kasim noiembrie"},
        {12, "december dec dezember dez décembre decembre déc diciembre dic dezembro "
             "dicembre desember grudnia grudzień grudzien prosince prosinec декабря декабрь "
             "дек грудня aralık aralik decembrie"},
    };
    for (const Row& row : kTable) {
      std::string_view names = row.names;
      size_t i = 0;
      while (i < names.size()) {
        size_t j = names.find(' ', i);
        if (j == std::string_view::npos) j = names.size();
        if (j > i) m->emplace(std::string(names.substr(i, j - i)), row.month);
        i = j + 1;
      }
    }
    return m;
  }();
  return *kMonths;
}

std::optional<int> MonthFromWord(std::string_view word) {
  const auto& names = MonthNames();
  auto it = names.find(LowerWord(word));
  if (it == names.end()) return std::nullopt;
  return it->second;
}

enum class TokenKind : uint8_t { kNumber, kWord, kPunct };

struct Token {
  TokenKind kind;
  size_t begin;
  size_t end;
  bool space_before;  // white space separates it from the previous token
};

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  bool space = true;
  while (i < text.size()) {
    size_t start = i;
    char32_t cp = DecodeNext(text, i);
    if (IsSpace(cp) || cp == 0x200B) {
      space = true;
      continue;
    }
    TokenKind kind;
    if (cp >= '0' && cp <= '9') {
      kind = TokenKind::kNumber;
      while (i < text.size() && IsDigitByte(text[i])) ++i;
    } else if (IsLetter(cp)) {
      kind = TokenKind::kWord;
      while (i < text.size()) {
        size_t next = i;
        char32_t c = DecodeNext(text, next);
        if (!IsLetter(c)) break;
        i = next;
      }
    } else {
      kind = TokenKind::kPunct;
    }
    tokens.push_back({kind, start, i, space});
    space = false;
  }
  return tokens;
}

class DateScanner {
 public:
  explicit DateScanner(std::string_view text) : text_(text), tokens_(Tokenize(text)) {}

  std::vector<TextDate> Scan() {
    std::vector<TextDate> out;
    size_t i = 0;
    while (i < tokens_.size()) {
      size_t end = 0;
      std::optional<CivilDate> d = MatchAt(i, end);
      if (d) {
        out.push_back({*d, tokens_[i].begin, tokens_[end - 1].end});
        i = end;
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  std::string_view Str(size_t t) const {
    return text_.substr(tokens_[t].begin, tokens_[t].end - tokens_[t].begin);
  }
  bool IsNumber(size_t t, size_t min_len, size_t max_len) const {
    if (t >= tokens_.size() || tokens_[t].kind != TokenKind::kNumber) return false;
    size_t n = tokens_[t].end - tokens_[t].begin;
    return n >= min_len && n <= max_len;
  }
  bool IsYear(size_t t) const {
    if (!IsNumber(t, 4, 4)) return false;
    int y = DigitsValue(Str(t));
    return y >= kMinTextYear && y <= kMaxTextYear;
  }
  bool IsPunct(size_t t, std::string_view p) const {
    return t < tokens_.size() && tokens_[t].kind == TokenKind::kPunct && Str(t) == p;
  }
  bool IsWordIn(size_t t, std::initializer_list<std::string_view> words) const {
    if (t >= tokens_.size() || tokens_[t].kind != TokenKind::kWord) return false;
    std::string w = LowerWord(Str(t));
    for (std::string_view x : words) {
      if (w == x) return true;
    }
    return false;
  }
  bool WordStartsWith(size_t t, std::string_view prefix) const {
    return t < tokens_.size() && tokens_[t].kind == TokenKind::kWord &&
           Str(t).substr(0, prefix.size()) == prefix;
  }
  std::optional<int> Month(size_t t) const {
    if (t >= tokens_.size() || tokens_[t].kind != TokenKind::kWord) return std::nullopt;
    return MonthFromWord(Str(t));
  }
  // A number glued to a letter or digit run before it is part of an identifier, not a date.
  bool GluedBefore(size_t t) const {
    return t > 0 && !tokens_[t].space_before && tokens_[t - 1].kind != TokenKind::kPunct;
  }
  // The token after `end - 1` continues a number ("2020-03-27-5" is fine, "2020.03.271" is
  // impossible by tokenisation; "27.03.2020.5" is a version string).
  bool GluedNumberAfter(size_t end) const {
    return end + 1 < tokens_.size() && !tokens_[end].space_before &&
           (IsPunct(end, ".") || IsPunct(end, "/")) && !tokens_[end + 1].space_before &&
           tokens_[end + 1].kind == TokenKind::kNumber;
  }

  std::optional<CivilDate> Make(int y, int m, int d) const {
    if (!IsValidCivilDate(y, m, d) || y < kMinTextYear || y > kMaxTextYear) return std::nullopt;
    return CivilDate{y, m, d};
  }

  std::optional<CivilDate> MatchAt(size_t i, size_t& end) const {
    if (tokens_[i].kind == TokenKind::kNumber && !GluedBefore(i)) {
      if (auto d = MatchYearFirst(i, end)) return d;
      if (auto d = MatchDayFirst(i, end)) return d;
    }
    if (tokens_[i].kind == TokenKind::kWord) {
      if (auto d = MatchMonthFirst(i, end)) return d;
    }
    return std::nullopt;
  }

  // 2020-03-27, 2020/03/27, 2020.03.27, 2020年3月27日, 2020년 3월 27일, 2020. március 27.
  std::optional<CivilDate> MatchYearFirst(size_t i, size_t& end) const {
    if (!IsYear(i)) return std::nullopt;
    int y = DigitsValue(Str(i));
    for (std::string_view sep : {"-", "/", "."}) {
      if (IsPunct(i + 1, sep) && IsNumber(i + 2, 1, 2) && IsPunct(i + 3, sep) &&
          IsNumber(i + 4, 1, 2) && !tokens_[i + 1].space_before && !tokens_[i + 2].space_before &&
          !tokens_[i + 3].space_before && !tokens_[i + 4].space_before) {
        if (GluedNumberAfter(i + 5)) return std::nullopt;
        end = i + 5;
        return Make(y, DigitsValue(Str(i + 2)), DigitsValue(Str(i + 4)));
      }
    }
    if ((WordStartsWith(i + 1, "\xE5\xB9\xB4") || WordStartsWith(i + 1, "\xEB\x85\x84")) &&
        IsNumber(i + 2, 1, 2) &&
        (WordStartsWith(i + 3, "\xE6\x9C\x88") || WordStartsWith(i + 3, "\xEC\x9B\x94")) &&
        IsNumber(i + 4, 1, 2) &&
        (WordStartsWith(i + 5, "\xE6\x97\xA5") || WordStartsWith(i + 5, "\xEC\x9D\xBC"))) {
      end = i + 6;
      return Make(y, DigitsValue(Str(i + 2)), DigitsValue(Str(i + 4)));
    }
    if (IsPunct(i + 1, ".") && Month(i + 2) && IsNumber(i + 3, 1, 2)) {  // Hungarian
      end = IsPunct(i + 4, ".") ? i + 5 : i + 4;
      return Make(y, *Month(i + 2), DigitsValue(Str(i + 3)));
    }
    return std::nullopt;
  }

  // 27.03.2020, 27/03/2020, 03/27/2020, 27 March 2020, 27th of March, 2020, 27. März 2020,
  // 27 de marzo de 2020, 1er avril 2020.
  std::optional<CivilDate> MatchDayFirst(size_t i, size_t& end) const {
    if (!IsNumber(i, 1, 2)) return std::nullopt;
    int a = DigitsValue(Str(i));
    for (std::string_view sep : {".", "/", "-"}) {
      bool spaced_ok = sep == ".";
      if (IsPunct(i + 1, sep) && IsNumber(i + 2, 1, 2) && IsPunct(i + 3, sep) && IsYear(i + 4) &&
          (spaced_ok || (!tokens_[i + 1].space_before && !tokens_[i + 2].space_before &&
                         !tokens_[i + 3].space_before && !tokens_[i + 4].space_before))) {
        if (GluedNumberAfter(i + 5)) return std::nullopt;
        int b = DigitsValue(Str(i + 2));
        int y = DigitsValue(Str(i + 4));
        end = i + 5;
        if (sep == "/" && a <= 12 && b > 12) return Make(y, a, b);
        return Make(y, b, a);
      }
    }
    size_t t = i + 1;
    if (IsPunct(t, ".") || IsPunct(t, "\xC2\xBA") ||
        (IsWordIn(t, {"st", "nd", "rd", "th", "er", "\xC2\xBA", "o"}) &&
         !tokens_[t].space_before)) {
      ++t;
    }
    if (IsWordIn(t, {"de", "of"})) ++t;
    std::optional<int> month = Month(t);
    if (!month) return std::nullopt;
    ++t;
    if (IsPunct(t, ".")) ++t;
    if (IsPunct(t, ",")) ++t;
    if (IsWordIn(t, {"de", "del"})) ++t;
    if (!IsYear(t)) return std::nullopt;
    end = t + 1;
    return Make(DigitsValue(Str(t)), *month, a);
  }

  // March 27, 2020; Mar. 27th 2020.
  std::optional<CivilDate> MatchMonthFirst(size_t i, size_t& end) const {
    std::optional<int> month = Month(i);
    if (!month) return std::nullopt;
    size_t t = i + 1;
    if (IsPunct(t, ".")) ++t;
    if (!IsNumber(t, 1, 2)) return std::nullopt;
    int day = DigitsValue(Str(t));
    ++t;
    if (IsWordIn(t, {"st", "nd", "rd", "th"}) && !tokens_[t].space_before) ++t;
    if (IsPunct(t, ",")) ++t;
    if (!IsYear(t)) return std::nullopt;
    end = t + 1;
    return Make(DigitsValue(Str(t)), *month, day);
  }

  std::string_view text_;
  std::vector<Token> tokens_;
};

// Reads `n` digits at s[i]; false when they are not all there.
bool ReadDigits(std::string_view s, size_t i, size_t n, int& value) {
  if (i + n > s.size()) return false;
  for (size_t k = 0; k < n; ++k) {
    if (!IsDigitByte(s[i + k])) return false;
  }
  value = DigitsValue(s.substr(i, n));
  return true;
}

// Reads 1 or 2 digits at s[i], advancing i.
bool ReadOneOrTwo(std::string_view s, size_t& i, int& value) {
  if (i >= s.size() || !IsDigitByte(s[i])) return false;
  size_t n = (i + 1 < s.size() && IsDigitByte(s[i + 1])) ? 2 : 1;
  if (i + n < s.size() && IsDigitByte(s[i + n])) return false;
  value = DigitsValue(s.substr(i, n));
  i += n;
  return true;
}

// "T14:05:00.123+01:00" or " 14:05" after a date: the normalised "T14:05:00+01:00", or "".
std::string ParseTimePart(std::string_view s, size_t i, bool compact) {
  if (i >= s.size() || (s[i] != 'T' && s[i] != ' ' && s[i] != 't')) return "";
  ++i;
  int hh = 0, mm = 0, ss = 0;
  if (!ReadDigits(s, i, 2, hh)) return "";
  i += 2;
  if (!compact) {
    if (i >= s.size() || s[i] != ':') return "";
    ++i;
  }
  if (!ReadDigits(s, i, 2, mm)) return "";
  i += 2;
  if (i < s.size() && (s[i] == ':' || (compact && IsDigitByte(s[i])))) {
    if (s[i] == ':') ++i;
    if (!ReadDigits(s, i, 2, ss)) return "";
    i += 2;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      while (i < s.size() && IsDigitByte(s[i])) ++i;
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return "";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "T%02d:%02d:%02d", hh, mm, ss);
  std::string out = buf;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size() && (s[i] == 'Z' || s.substr(i, 3) == "UTC" || s.substr(i, 3) == "GMT")) {
    size_t j = i + (s[i] == 'Z' ? 1 : 3);
    if (j >= s.size() || (s[j] != '+' && s[j] != '-')) return out + "Z";
    i = j;
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    char sign = s[i++];
    int zh = 0, zm = 0;
    if (!ReadDigits(s, i, 2, zh)) return out;
    i += 2;
    if (i < s.size() && s[i] == ':') ++i;
    if (!ReadDigits(s, i, 2, zm)) zm = 0;
    if (zh > 14 || zm > 59) return out;
    std::snprintf(buf, sizeof(buf), "%c%02d:%02d", sign, zh, zm);
    out += buf;
  }
  return out;
}

std::string_view UrlPath(std::string_view url) {
  size_t scheme = url.find("://");
  size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
  size_t slash = url.find('/', start);
  if (slash == std::string_view::npos) return {};
  return url.substr(slash);
}

bool PlausibleUrlYear(int y) { return y >= 1990 && y <= 2099; }

}  // namespace

std::string CivilDate::Iso() const {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year % 10000, month % 100, day % 100);
  return buf;
}

int DaysSinceEpoch(const CivilDate& d) {
  // Howard Hinnant's days_from_civil.
  int y = d.year - (d.month <= 2 ? 1 : 0);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool IsValidCivilDate(int year, int month, int day) {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::optional<CivilDate> ParseIsoDate(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !ReadDigits(s, 0, 4, y) ||
      !ReadDigits(s, 5, 2, m) || !ReadDigits(s, 8, 2, d) || !IsValidCivilDate(y, m, d)) {
    return std::nullopt;
  }
  return CivilDate{y, m, d};
}

std::optional<std::string> NormalizeDateTime(std::string_view value) {
  size_t b = 0;
  while (b < value.size() && (value[b] == ' ' || value[b] == '\t' || value[b] == '\n' ||
                              value[b] == '\r')) {
    ++b;
  }
  std::string_view s = value.substr(b);
  int y = 0;
  if (ReadDigits(s, 0, 4, y) && s.size() > 4) {
    char sep = s[4];
    if (sep == '-' || sep == '/' || sep == '.') {
      size_t i = 5;
      int m = 0, d = 0;
      if (ReadOneOrTwo(s, i, m) && i < s.size() && s[i] == sep && (++i, ReadOneOrTwo(s, i, d)) &&
          IsValidCivilDate(y, m, d)) {
        return CivilDate{y, m, d}.Iso() + ParseTimePart(s, i, /*compact=*/false);
      }
    } else if (IsDigitByte(sep)) {
      int m = 0, d = 0;
      if (ReadDigits(s, 4, 2, m) && ReadDigits(s, 6, 2, d) && IsValidCivilDate(y, m, d) &&
          (s.size() == 8 || !IsDigitByte(s[8]))) {
        return CivilDate{y, m, d}.Iso() + ParseTimePart(s, 8, /*compact=*/true);
      }
    }
  }
  std::vector<TextDate> found = FindTextDates(s.substr(0, 200));
  if (found.empty()) return std::nullopt;
  return found.front().date.Iso();
}

std::vector<TextDate> FindTextDates(std::string_view text) {
  return DateScanner(text).Scan();
}

std::optional<CivilDate> DateFromUrl(std::string_view url) {
  std::string_view path = UrlPath(url);
  size_t i = 0;
  while (i < path.size()) {
    if (!IsDigitByte(path[i]) || (i > 0 && IsDigitByte(path[i - 1]))) {
      ++i;
      continue;
    }
    size_t run = i;
    while (run < path.size() && IsDigitByte(path[run])) ++run;
    size_t len = run - i;
    int y = 0, m = 0, d = 0;
    if (len == 4 && ReadDigits(path, i, 4, y) && PlausibleUrlYear(y) && run < path.size()) {
      char sep = path[run];
      size_t j = run + 1;
      if ((sep == '/' || sep == '-' || sep == '_') && ReadOneOrTwo(path, j, m) &&
          j < path.size() && path[j] == sep && (++j, ReadOneOrTwo(path, j, d)) &&
          IsValidCivilDate(y, m, d)) {
        return CivilDate{y, m, d};
      }
    } else if (len == 8 || len >= 12) {
      ReadDigits(path, i, 4, y);
      ReadDigits(path, i + 4, 2, m);
      ReadDigits(path, i + 6, 2, d);
      bool time_ok = true;
      if (len >= 12) {
        int hh = 0, mm = 0;
        ReadDigits(path, i + 8, 2, hh);
        ReadDigits(path, i + 10, 2, mm);
        time_ok = hh <= 23 && mm <= 59 && y >= 2000;
      }
      if (time_ok && PlausibleUrlYear(y) && IsValidCivilDate(y, m, d)) return CivilDate{y, m, d};
    }
    i = run;
  }
  return std::nullopt;
}

std::optional<CivilDate> UrlYearMonth(std::string_view url) {
  std::string_view path = UrlPath(url);
  for (size_t i = 0; i + 6 < path.size(); ++i) {
    if (path[i] != '/') continue;
    int y = 0, m = 0;
    if (!ReadDigits(path, i + 1, 4, y) || !PlausibleUrlYear(y) || path[i + 5] != '/') continue;
    size_t j = i + 6;
    if (!ReadOneOrTwo(path, j, m) || m < 1 || m > 12) continue;
    if (j < path.size() && path[j] != '/') continue;
    return CivilDate{y, m, 0};
  }
  return std::nullopt;
}

}  // namespace verbatim::text

#include "ingest/boilerplate.h"

#include <array>
#include <string>

#include "text/utf8.h"

namespace verbatim::ingest {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e) {
    size_t i = b;
    if (!text::IsSpace(text::DecodeNext(s, i))) break;
    b = i;
  }
  while (e > b) {
    size_t i = e;
    if (!text::IsSpace(text::DecodePrev(s, i))) break;
    e = i;
  }
  return s.substr(b, e - b);
}

size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ' || c == '\t';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

// "Read Also: ..." and friends: the phrase alone, or followed by a separator and a headline.
bool IsRelatedLink(std::string_view lower) {
  static constexpr std::array<std::string_view, 14> kPrefixes = {
      "read also", "also read", "read more", "see also", "related:", "related stories",
      "related articles", "related coverage", "related news", "more on this", "recommended",
      "you may also like", "you might also like", "more from"};
  for (std::string_view p : kPrefixes) {
    if (!StartsWith(lower, p)) continue;
    std::string_view rest = Trim(lower.substr(p.size()));
    if (rest.empty()) return true;
    char c = rest[0];
    if (c == ':' || c == '|' || c == '>' || c == '-') return true;
    if (StartsWith(rest, "\xe2\x80\x93") || StartsWith(rest, "\xe2\x80\x94") ||
        StartsWith(rest, "\xc2\xbb") || StartsWith(rest, "\xe2\x80\xba"))
      return true;
  }
  return false;
}

bool IsWidget(std::string_view lower) {
  static constexpr std::array<std::string_view, 9> kLines = {
      "others are reading now", "people are also reading", "what others are reading",
      "most read", "most popular", "trending now", "top stories", "editor's picks",
      "more stories"};
  for (std::string_view l : kLines) {
    if (lower == l) return true;
  }
  return false;
}

bool IsAd(std::string_view lower) {
  if (lower == "advertisement" || lower == "ad" || lower == "sponsored" ||
      lower == "sponsored content" || lower == "story continues below advertisement" ||
      lower == "article continues below advertisement" || lower == "continue reading below")
    return true;
  return (StartsWith(lower, "ads by ") || StartsWith(lower, "sponsored by ") ||
          StartsWith(lower, "promoted by ")) &&
         CountWords(lower) <= 6;
}

// "Name Surname / Agency", "Photo: Agency", "(Photo by X/Getty Images)".
bool IsPhotoCredit(std::string_view line, std::string_view lower) {
  size_t words = CountWords(line);
  if (words > 12) return false;
  static constexpr std::array<std::string_view, 8> kStarts = {
      "photo:", "photo by", "photograph:", "image:", "picture:", "credit:", "(photo", "photo credit"};
  for (std::string_view p : kStarts) {
    if (StartsWith(lower, p)) return true;
  }
  static constexpr std::array<std::string_view, 8> kAgencies = {
      "shutterstock", "getty images", "istock", "alamy", "ap photo", "afp photo", "epa-efe",
      "via reuters"};
  for (std::string_view a : kAgencies) {
    if (EndsWith(lower, a) || EndsWith(lower, std::string(a) + ")")) return true;
  }
  // "Name / Agency": a slash between capitalised words, no sentence punctuation.
  size_t slash = line.find(" / ");
  if (slash == std::string_view::npos || slash == 0 || words > 8) return false;
  if (line.find_first_of(".!?;") != std::string_view::npos) return false;
  std::string_view after = Trim(line.substr(slash + 3));
  size_t i = 0;
  return !after.empty() && text::IsUpper(text::DecodeNext(after, i)) &&
         text::IsUpper([&] { size_t j = 0; return text::DecodeNext(line, j); }());
}

// A photo caption: a sentence ending with an agency in parentheses, "... Ukraine. (AFP)".
bool IsCaption(std::string_view line) {
  if (!EndsWith(line, ")")) return false;
  size_t open = line.rfind('(');
  if (open == std::string_view::npos || open == 0) return false;
  std::string_view inner = line.substr(open + 1, line.size() - open - 2);
  if (inner.empty() || inner.size() > 24) return false;
  static constexpr std::array<std::string_view, 8> kAgencyWords = {
      "AFP", "AP", "Reuters", "EPA", "Getty Images", "AP Photo", "Xinhua", "dpa"};
  bool agency = false;
  for (std::string_view a : kAgencyWords) agency |= inner == a;
  if (!agency) {
    // Any short all-caps acronym (2-5 letters), optionally followed by " Photo".
    std::string_view core = EndsWith(inner, " Photo") ? inner.substr(0, inner.size() - 6) : inner;
    agency = core.size() >= 2 && core.size() <= 5;
    for (char c : core) agency &= c >= 'A' && c <= 'Z';
  }
  if (!agency) return false;
  // The caption sentence itself ends before the parenthesis.
  std::string_view before = Trim(line.substr(0, open));
  return !before.empty() && (before.back() == '.' || before.back() == '"') && CountWords(before) >= 4;
}

// "... Please contact us for subscription options." A news sentence about subscribers ("try to
// sign up AOL's existing customers") is not: weak markers count only on short lines.
bool IsSubscription(std::string_view lower) {
  if (lower.find("subscri") == std::string_view::npos || CountWords(lower) > 60) return false;
  static constexpr std::array<std::string_view, 8> kStrong = {
      "contact us", "subscription options", "subscribe now", "full access", "unlimited access",
      "already a subscriber", "subscribe to our", "subscribers only"};
  for (std::string_view m : kStrong) {
    if (lower.find(m) != std::string_view::npos) return true;
  }
  static constexpr std::array<std::string_view, 4> kWeak = {"sign up", "log in", "newsletter",
                                                             "subscribe to"};
  if (CountWords(lower) > 20) return false;
  for (std::string_view m : kWeak) {
    if (lower.find(m) != std::string_view::npos) return true;
  }
  return false;
}

// "Homepage News NATO Chief: ... on..." or "Home > World > Europe".
bool IsBreadcrumb(std::string_view line, std::string_view lower) {
  size_t separators = 0;
  for (std::string_view sep : {" > ", " \xe2\x80\xba ", " \xc2\xbb ", " | "}) {
    for (size_t p = line.find(sep); p != std::string_view::npos; p = line.find(sep, p + 1)) {
      ++separators;
    }
  }
  if (separators >= 2 && CountWords(line) <= 15) return true;
  if (!(StartsWith(lower, "home ") || StartsWith(lower, "homepage ") ||
        StartsWith(lower, "home>") || StartsWith(lower, "home/")))
    return false;
  std::string_view rest = Trim(lower.substr(lower.find_first_of(" >/") + 1));
  while (!rest.empty() && (rest[0] == '>' || rest[0] == '/' || rest[0] == '|')) rest = Trim(rest.substr(1));
  static constexpr std::array<std::string_view, 14> kSections = {
      "news", "world", "business", "politics", "sport", "sports", "opinion", "europe",
      "economy", "technology", "tech", "health", "culture", "entertainment"};
  for (std::string_view s : kSections) {
    if (StartsWith(rest, s) && (rest.size() == s.size() || rest[s.size()] == ' ' ||
                                rest[s.size()] == '>' || rest[s.size()] == '/'))
      return true;
  }
  return false;
}

bool IsSocial(std::string_view lower) {
  static constexpr std::array<std::string_view, 8> kLines = {
      "share this article", "share on facebook", "share on twitter", "follow us on",
      "click here to", "sign up for our newsletter", "all rights reserved", "copyright \xc2\xa9"};
  if (CountWords(lower) > 14) return false;
  for (std::string_view l : kLines) {
    if (StartsWith(lower, l)) return true;
  }
  return false;
}

}  // namespace

BoilerplateKind BoilerplateDetector::Classify(std::string_view raw_line) const {
  std::string_view line = Trim(raw_line);
  if (line.empty() || line.size() > 600) return BoilerplateKind::kNone;
  std::string lower = Lower(line);
  if (IsRelatedLink(lower)) return BoilerplateKind::kRelatedLink;
  if (IsWidget(lower)) return BoilerplateKind::kWidget;
  if (IsAd(lower)) return BoilerplateKind::kAd;
  if (IsPhotoCredit(line, lower)) return BoilerplateKind::kPhotoCredit;
  if (IsCaption(line)) return BoilerplateKind::kCaption;
  if (IsSubscription(lower)) return BoilerplateKind::kSubscription;
  if (IsBreadcrumb(line, lower)) return BoilerplateKind::kBreadcrumb;
  if (IsSocial(lower)) return BoilerplateKind::kSocial;
  return BoilerplateKind::kNone;
}

std::vector<text::ByteRange> BoilerplateDetector::Find(std::string_view text) const {
  std::vector<text::ByteRange> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view raw = text.substr(start, end - start);
    if (Classify(raw) != BoilerplateKind::kNone) {
      std::string_view t = Trim(raw);
      size_t b = start + static_cast<size_t>(t.data() - raw.data());
      out.push_back({b, b + t.size()});
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

}  // namespace verbatim::ingest

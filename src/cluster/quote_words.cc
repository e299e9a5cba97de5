#include "cluster/quote_words.h"

#include <algorithm>
#include <array>

#include "text/utf8.h"

namespace verbatim::cluster {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsStopword(std::string_view w) {
  // Words that carry no content on their own (sorted for binary search).
  static constexpr std::array<std::string_view, 94> kStop = {
      "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
      "be", "been", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "for",
      "from", "had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "if",
      "in", "into", "is", "it", "its", "just", "me", "more", "most", "my", "no", "not", "now", "of",
      "on", "or", "our", "out", "over", "s", "she", "should", "so", "some", "such", "than", "that",
      "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "up",
      "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "why",
      "will", "with", "would", "you", "your"};
  return std::binary_search(kStop.begin(), kStop.end(), w);
}

}  // namespace

std::string Stem(std::string_view w) {
  std::string s(w);
  if (EndsWith(s, "'s")) s.resize(s.size() - 2);
  if (EndsWith(s, "'")) s.resize(s.size() - 1);
  if (EndsWith(s, "ians")) s.resize(s.size() - 2);       // russians -> russia
  else if (EndsWith(s, "ian")) s.resize(s.size() - 1);   // russian -> russia
  else if (EndsWith(s, "ies") && s.size() > 4) s = s.substr(0, s.size() - 3) + "y";
  else if (EndsWith(s, "ly") && s.size() > 5) s.resize(s.size() - 2);  // clearly -> clear
  else if (EndsWith(s, "ing") && s.size() > 5) s.resize(s.size() - 3);
  else if (EndsWith(s, "ed") && s.size() > 4) s.resize(s.size() - 2);
  else if (EndsWith(s, "s") && !EndsWith(s, "ss") && !EndsWith(s, "us") && s.size() > 3) s.resize(s.size() - 1);
  return s;
}

std::vector<std::string> ContentStems(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&]() {
    if (word.empty()) return;
    std::string folded = text::FoldForMatch(word);
    word.clear();
    bool digits = std::all_of(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits || IsStopword(folded)) return;
    std::string s = Stem(folded);
    if (!s.empty() && !IsStopword(s)) out.push_back(std::move(s));
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    char32_t cp = text::DecodeNext(text, i);
    if (text::IsAlnum(cp)) {
      word.append(text.substr(start, i - start));
    } else if ((cp == '\'' || cp == U'\u2019') && !word.empty() && i < text.size() &&
               std::isalpha(static_cast<unsigned char>(text[i]))) {
      word.push_back('\'');
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace verbatim::cluster

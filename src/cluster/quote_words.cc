#include "cluster/quote_words.h"

#include <algorithm>
#include <array>

#include "absl/container/flat_hash_set.h"
#include "text/utf8.h"

namespace verbatim::cluster {
namespace {

// Longer than `suffix` and ending with it (a literal: the compare is inlined, not a memcmp call).
template <size_t N>
bool EndsWith(const std::string& s, const char (&suffix)[N]) {
  constexpr size_t n = N - 1;
  if (s.size() <= n) return false;
  const char* tail = s.data() + s.size() - n;
  for (size_t k = 0; k < n; ++k) {
    if (tail[k] != suffix[k]) return false;
  }
  return true;
}

bool IsStopword(std::string_view w) {
  // Words that carry no content on their own, and the commonest verbs and nouns of speech
  // ("think", "people", "want", "thing"): two quotations sharing only these are not variants
  // (sorted for binary search).
  static constexpr std::array<std::string_view, 263> kStop = {
      "a", "able", "about", "actually", "after", "again", "all", "also", "always", "am",
      "an", "and", "another", "any", "anybody", "anyone", "anything", "are", "aren't", "around",
      "as", "at", "back", "be", "become", "been", "being", "believe", "big", "but",
      "by", "can", "can't", "come", "comes", "coming", "could", "couldn't", "day", "days",
      "did", "didn't", "different", "do", "does", "doesn't", "doing", "don't", "done", "each",
      "even", "ever", "every", "everybody", "everyone", "everything", "fact", "far", "feel", "for",
      "from", "get", "gets", "getting", "give", "go", "goes", "going", "good", "got",
      "great", "guy", "guys", "had", "happen", "has", "hasn't", "have", "haven't", "having",
      "he", "he's", "her", "here", "him", "his", "how", "however", "i", "i'd",
      "i'll", "i'm", "i've", "if", "important", "in", "into", "is", "isn't", "it",
      "it's", "its", "just", "keep", "kind", "know", "last", "let", "let's", "like",
      "little", "long", "look", "looking", "lot", "lots", "made", "make", "making", "many",
      "may", "maybe", "me", "mean", "more", "most", "much", "must", "my", "need",
      "needs", "never", "new", "next", "no", "not", "nothing", "now", "of", "on",
      "one", "ones", "only", "or", "other", "our", "out", "over", "own", "part",
      "people", "per", "person", "place", "point", "pretty", "put", "quite", "really", "right",
      "s", "said", "same", "say", "saying", "says", "see", "seen", "she", "she's",
      "should", "shouldn't", "since", "so", "some", "somebody", "someone", "something", "still", "such",
      "sure", "take", "talk", "tell", "than", "thank", "thanks", "that", "that's", "the",
      "their", "them", "then", "there", "there's", "these", "they", "they'd", "they'll", "they're",
      "they've", "thing", "things", "think", "thinking", "this", "those", "though", "thought", "time",
      "times", "to", "today", "told", "too", "try", "trying", "two", "up", "us",
      "use", "used", "very", "want", "wants", "was", "wasn't", "way", "ways", "we",
      "we'd", "we'll", "we're", "we've", "well", "went", "were", "weren't", "what", "what's",
      "when", "where", "whether", "which", "while", "who", "who's", "why", "will", "with",
      "won't", "would", "wouldn't", "year", "years", "yes", "yet", "you", "you'd", "you'll",
      "you're", "you've", "your"};
  // One hash lookup instead of a binary search of string compares (two calls per word of every
  // quotation and article).
  static const absl::flat_hash_set<std::string_view> kSet(kStop.begin(), kStop.end());
  return kSet.contains(w);
}

// Stem, in place.
void StemInPlace(std::string& s) {
  if (EndsWith(s, "'s")) s.resize(s.size() - 2);
  if (EndsWith(s, "'")) s.resize(s.size() - 1);
  if (EndsWith(s, "ians")) s.resize(s.size() - 2);       // russians -> russia
  else if (EndsWith(s, "ian")) s.resize(s.size() - 1);   // russian -> russia
  else if (EndsWith(s, "ies") && s.size() > 4) s = s.substr(0, s.size() - 3) + "y";
  else if (EndsWith(s, "ly") && s.size() > 5) s.resize(s.size() - 2);  // clearly -> clear
  else if (EndsWith(s, "ing") && s.size() > 5) s.resize(s.size() - 3);
  else if (EndsWith(s, "ed") && s.size() > 4) s.resize(s.size() - 2);
  else if (EndsWith(s, "s") && !EndsWith(s, "ss") && !EndsWith(s, "us") && s.size() > 3) s.resize(s.size() - 1);
}

}  // namespace

std::string Stem(std::string_view w) {
  std::string s(w);
  StemInPlace(s);
  return s;
}

std::vector<std::string> ContentStems(std::string_view text) {
  std::vector<std::string> out;
  std::string word;  // the word's bytes, as written
  bool ascii = true;  // `word` is ASCII: folded by lowercasing in place
  std::string folded;
  auto flush = [&]() {
    if (word.empty()) return;
    if (ascii) {
      folded.assign(word);
      for (char& c : folded) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    } else {
      folded = text::FoldForMatch(word);
    }
    word.clear();
    ascii = true;
    bool digits = std::all_of(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits || IsStopword(folded)) return;
    StemInPlace(folded);
    if (!folded.empty() && !IsStopword(folded)) out.push_back(folded);
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    char32_t cp = text::DecodeNext(text, i);
    if (text::IsAlnum(cp)) {
      if (cp < 0x80) {
        word.push_back(static_cast<char>(cp));
      } else {
        word.append(text.substr(start, i - start));
        ascii = false;
      }
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

std::vector<std::string> ContentStemSet(std::string_view text) {
  std::vector<std::string> v = ContentStems(text);
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace verbatim::cluster

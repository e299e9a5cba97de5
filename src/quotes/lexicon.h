// Lexicon: the closed word classes attribution relies on (reporting cues, titles, role and
// organisation nouns, pronouns, function words). Keys are lowercase ASCII; look-ups take an
// already-lowercased word. Immutable after construction; safe to share between threads.
#ifndef VERBATIM_QUOTES_LEXICON_H_
#define VERBATIM_QUOTES_LEXICON_H_

#include <cstdint>
#include <string_view>

#include "absl/container/flat_hash_map.h"

namespace verbatim::quotes {

enum WordClass : uint32_t {
  kCue = 1u << 0,           // said, says, told, added, stressed, according (to), ...
  kCueParticiple = 1u << 1, // saying, adding, telling: the speaker is the clause's subject
  kTitle = 1u << 2,         // President, Secretary, Mr, spokesman: precede a person's name
  kRoleNoun = 1u << 3,      // chief, spokesman, minister, official: heads a role mention
  kOrgNoun = 1u << 4,       // company, ministry, government: heads an organisation mention
  kPronoun = 1u << 5,       // he, she, they, it, i, we
  kDeterminer = 1u << 6,    // the, a, an, one, another, its, his, her, their
  kFunction = 1u << 7,      // capitalised only at a sentence start: The, In, Despite, ...
  kSkippable = 1u << 8,     // adverbs and auxiliaries between a speaker and a cue
  kVerbish = 1u << 9,       // is, are, was, will, have, can: a quoted clause, not a name
  kCalendar = 1u << 10,     // Monday, January, ...: never part of a name
  kParticle = 1u << 11,     // de, van, von, bin, al: lowercase inside names
  kOrgSuffix = 1u << 12,    // Inc, Corp, Ministry, Party: a name that is an organisation
  kGeoAdjective = 1u << 13, // Russian, American, U.S.: modifiers before a title
  kIndefinite = 1u << 14,   // a, an, one, another, some: an unnamed source
  kNounCue = 1u << 15,      // verdict, warning, words: "Ostrander's verdict that ..."
  kLearnedCue = 1u << 16,   // learned from PolNeAR train (scripts/train_cues.py)
};

class Lexicon {
 public:
  // The built-in English lexicon.
  static const Lexicon& Default();

  uint32_t Classes(std::string_view lower_word) const {
    auto it = words_.find(lower_word);
    return it == words_.end() ? 0 : it->second;
  }
  bool Is(std::string_view lower_word, WordClass c) const { return (Classes(lower_word) & c) != 0; }
  // For a learned cue: the share of its occurrences in PolNeAR train annotated as a cue.
  double CuePrecision(std::string_view lower_word) const {
    auto it = cue_precision_.find(lower_word);
    return it == cue_precision_.end() ? 0.0 : it->second;
  }

 private:
  Lexicon();
  void Add(std::initializer_list<std::string_view> words, uint32_t classes);
  absl::flat_hash_map<std::string_view, uint32_t> words_;
  absl::flat_hash_map<std::string_view, double> cue_precision_;
};

}  // namespace verbatim::quotes

#endif  // VERBATIM_QUOTES_LEXICON_H_

// Speaker mentions and their resolution inside one article.
//
// A mention is the noun phrase next to a reporting cue: a name with or without titles
// ("NATO Secretary General Mark Rutte", "Mr Prescott"), a pronoun ("he"), a role ("the NATO
// chief", "a spokesman") or an organisation ("the company"). The EntityTable collects every
// name in the article and gives each person one canonical name: the fullest form of the name
// in the article without titles, honorifics, roles or parentheses ("President (Volodymyr)
// Zelenskyy" -> "Volodymyr Zelenskyy"; only "Mr Prescott" -> "Prescott").
//
// Not thread-safe (an EntityTable belongs to one extraction); the functions are pure.
#ifndef VERBATIM_QUOTES_SPEAKERS_H_
#define VERBATIM_QUOTES_SPEAKERS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "quotes/lexicon.h"
#include "quotes/token.h"

namespace verbatim::quotes {

enum class MentionKind { kName, kPronoun, kRole, kOrgRole };

struct Mention {
  uint32_t first = 0, last = 0;      // token indices, inclusive
  MentionKind kind = MentionKind::kName;
  std::string name;                  // kName: the name without titles ("Mark Rutte")
  std::string key;                   // kName: folded surname (person) or folded name (org)
  std::vector<std::string> roles;    // lowercase title and role words ("nato", "chief")
  bool indefinite = false;           // "a spokesman", "officials": an unnamed source
  bool after_the = false;            // preceded by "the": a place or organisation
  bool org = false;                  // looks like an organisation
  std::string pronoun;               // kPronoun: "he", "she", ...
};

// Parses the mention made of tokens [first, last]. Returns nullopt when they are no mention.
// `text` is the normalized text the tokens point into.
std::optional<Mention> ParseMention(std::string_view text, const std::vector<Token>& tokens,
                                   uint32_t first, uint32_t last, const Lexicon& lexicon);

// Finds the maximal name run (capitalised words, particles, parenthesised given names and
// inner lowercase titles such as "Kremlin spokesman Dmitry Peskov") that ends at token
// `last` / starts at token `first`, within [lo, hi). Returns the other end, or -1.
int NameRunStart(const std::vector<Token>& tokens, int last, int lo, const Lexicon& lexicon);
// True when tokens[i] is the "of" inside an organisation's name: after a capitalised
// organisation word, before a name word ("Bank of England", "Royal College of Nursing").
bool IsOrgNameOf(const std::vector<Token>& tokens, size_t i, const Lexicon& lexicon);
int NameRunEnd(const std::vector<Token>& tokens, int first, int hi, const Lexicon& lexicon);

// A word that can be part of a name: capitalised and not a function word, month or cue.
bool IsNameWord(const Token& t, const Lexicon& lexicon);

// What the article tells of a person's gender: a title ("Mr", "Ms"), a gendered role noun
// ("spokeswoman"). Pronouns agree with it; kUnknown agrees with both "he" and "she".
enum class Gender { kUnknown, kMale, kFemale, kConflict };

// The gender a title or role word implies ("mrs" -> kFemale), or kUnknown.
Gender GenderOfWord(std::string_view lower_word);
// The gender "he"/"his"/"him" or "she"/"her" refers to; kUnknown for other pronouns.
Gender GenderOfPronoun(std::string_view lower_pronoun);
// True when a pronoun of gender `pronoun` may refer to a person of gender `person`.
inline bool GenderAgrees(Gender person, Gender pronoun) {
  return person == Gender::kUnknown || person == Gender::kConflict || pronoun == Gender::kUnknown ||
         person == pronoun;
}

struct Entity {
  std::string canonical;             // fullest name
  size_t canonical_words = 0;
  std::vector<std::string> roles;    // every title word seen with the name
  int mentions = 0;
  int speaker_mentions = 0;
  bool person_evidence = false;      // titled, or speaks
  bool org = false;
  Gender gender = Gender::kUnknown;  // from titles and role words of its mentions
};

class EntityTable {
 public:
  // Records a name mention; returns the entity index.
  int Add(const Mention& m, bool as_speaker);
  // Entity of a name mention (by key), or -1.
  int Find(const Mention& m) const;
  const Entity& Get(int id) const { return entities_[id]; }
  Entity& Get(int id) { return entities_[id]; }
  size_t size() const { return entities_.size(); }

  // The person a definite role mention ("the NATO chief") most likely refers to: the one whose
  // titles share the most words with the role, else the most prominent speaker. -1 if none.
  // `salient` (or -1) is preferred when no title matches.
  int ResolveRole(const Mention& m, int salient) const;
  // The organisation a definite organisation mention ("the authority") names: the most
  // mentioned organisation whose name ends with the mention's head noun. -1 if none.
  int ResolveOrgRole(const Mention& m) const;
  // The person with the most attributed quotations in the article, or -1.
  int MostQuotedPerson() const;

 private:
  std::vector<Entity> entities_;
  absl::flat_hash_map<std::string, int> by_key_;
};

}  // namespace verbatim::quotes

#endif  // VERBATIM_QUOTES_SPEAKERS_H_

// Internal to the quotes stage: what the attribution model (attribution_model.h) looks at.
// The candidates a parsed sentence offers for a cue's content and source, and the hashed
// features of a cue word and of each candidate. Shared by extraction (reported_speech.cc) and
// training (attribution_training.cc), so both see exactly the same thing.
//
// Everything here reads a FieldData whose sentence was parsed (Word::parsed); pure functions.
#ifndef VERBATIM_QUOTES_ATTRIBUTION_FEATURES_H_
#define VERBATIM_QUOTES_ATTRIBUTION_FEATURES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "quotes/document_extraction.h"

namespace verbatim::quotes::internal {

// How a content candidate relates to its cue.
enum class ContentKind : uint8_t {
  kChild,    // a dependent of the cue and its subtree: "said [that the plan is dead]"
  kHost,     // the clause the cue hangs from, without the cue's own words:
             // "[The plan is dead], he said." / "[Growth slowed], according to the report."
  kQuote,    // the words of the nearest quotation before or after the cue
  kAfter,    // the rest of the sentence after the cue
  kChildren, // the cue's dependents on its right taken together: "told [them that ...]"
  kBefore,   // the sentence up to the cue
};

struct ContentCandidate {
  int first = 0, last = 0;     // words, inclusive
  ContentKind kind = ContentKind::kChild;
  int anchor = kNone;          // the word whose subtree it is (kChild, kHost)
  std::string_view relation;   // kChild: the child's relation; kHost: the cue's
  // Variants of a subtree span: kWithoutIntroducer drops a leading preposition or
  // conjunction ("[about] his tax returns"); kFirstClause stops before a clause the anchor
  // coordinates or appends after a comma ("..., though she noted ...", "..., but that wasn't").
  uint8_t variant = 0;
  uint32_t also = 0;  // bit (kind * 4 + variant): other ways the same span was offered
};
inline constexpr uint8_t kWithoutIntroducer = 1;
inline constexpr uint8_t kFirstClause = 2;

// How a source candidate relates to its cue.
enum class SourceKind : uint8_t {
  kNoSource,  // no source: "It is expected that ...", "... was announced on Monday"
  kChild,    // a dependent: nsubj "Rutte said", obl:agent "was told by X", nmod:poss "his claim"
  kGoverning,  // the subject of the verb a participle or complement hangs from:
               // "Smith denied it, [saying] ..."
  kHead,     // the phrase the cue modifies or introduces: "a spokesman who said",
             // "according to [the report]"
};

struct SourceCandidate {
  SourceKind kind = SourceKind::kNoSource;
  int head = kNone;            // the phrase's head word
  int first = 0, last = 0;     // its words (the head's subtree)
  std::string_view relation;   // the head's relation
};

// The head word of the cue among the words [first, last] of one sentence: the one whose head
// lies outside them; kNone when they are not parsed.
int CueHead(const FieldData& f, int first, int last);

// Features of word `w` as a possible cue head.
void CueFeatures(const FieldData& f, int w, std::vector<uint64_t>& keys);

// Distinct content spans for cue head `cue` (several kinds may give one span: the first wins,
// the others are noted in `also`).
std::vector<ContentCandidate> ContentCandidates(const FieldData& f, int cue);
void ContentFeatures(const FieldData& f, int cue, const ContentCandidate& c,
                     std::vector<uint64_t>& keys);

// Source candidates for cue head `cue`; the first is always the kNone candidate.
std::vector<SourceCandidate> SourceCandidates(const FieldData& f, int cue);
void SourceFeatures(const FieldData& f, int cue, const SourceCandidate& c, std::vector<uint64_t>& keys);

// The light stem the features use, only to share weights between inflections: "says",
// "saying" -> "say"; "warned", "warning", "warns" -> "warn"; "believes", "believed" -> "believ".
std::string Stem(std::string lower);

// The hash features use for a word's lowercased form (as syntax::LowerHash).
uint64_t WordHash(std::string_view lower);

// `[first, last]` without punctuation words at either end; first > last if nothing is left.
std::pair<int, int> TrimPunctuation(const FieldData& f, int first, int last);

}  // namespace verbatim::quotes::internal

#endif  // VERBATIM_QUOTES_ATTRIBUTION_FEATURES_H_

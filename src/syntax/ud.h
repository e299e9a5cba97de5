// Universal Dependencies v2 basics: the 17 UPOS tags, and the universal part of a relation
// ("nmod" for "nmod:poss").
#ifndef VERBATIM_SYNTAX_UD_H_
#define VERBATIM_SYNTAX_UD_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace verbatim::syntax {

// UD v2 universal part-of-speech tags, in the alphabetical order of their names.
enum class Upos : uint8_t {
  kAdj, kAdp, kAdv, kAux, kCconj, kDet, kIntj, kNoun, kNum, kPart, kPron, kPropn, kPunct,
  kSconj, kSym, kVerb, kX
};
inline constexpr int kNumUpos = 17;
inline constexpr int kNumUposClasses = kNumUpos;

// "ADJ", "ADP", ... ; the name of a tag.
std::string_view UposName(Upos tag);
// The tag named `name`, or nullopt when it is not a UPOS name.
std::optional<Upos> ParseUpos(std::string_view name);

// The universal relation of a label: the part before ':' ("acl:relcl" -> "acl").
inline std::string_view UniversalRelation(std::string_view deprel) {
  return deprel.substr(0, deprel.find(':'));
}

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_UD_H_

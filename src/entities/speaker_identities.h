// Speaker identities across articles: the canonical names that articles gave ("Rutte",
// "Mark Rutte", "Zelensky", "Zelenskyy", "Erdogan", "Erdoğan") grouped into one identity per
// person or organisation.
//
// Two names can be one identity when every word of the shorter is in the longer (case and
// accents ignored, a trailing "y" folded) and their last words agree. A surname alone that
// fits several full names ("Trump": "Donald Trump", "Ivanka Trump") joins the most quoted of
// them; two full names with different given names stay apart. An alias file corrects the
// result: each line "Canonical Name = Variant; Other Variant" (blank lines and "#" comments
// ignored) puts the variants under that name, before any automatic merging.
//
// Pure functions; thread-safe.
#ifndef VERBATIM_ENTITIES_SPEAKER_IDENTITIES_H_
#define VERBATIM_ENTITIES_SPEAKER_IDENTITIES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace verbatim::entities {

// True when two canonical names can be one person (see above).
bool SameSpeakerIdentity(const std::string& a, const std::string& b);

struct SpeakerName {
  std::string name;
  int64_t quotations = 0;
  int64_t articles = 0;
};

struct SpeakerIdentity {
  std::string name;                   // the alias file's canonical name, else the most quoted
                                      // variant of two or more words
  std::vector<std::string> variants;  // every name folded into it, most quoted first
  int64_t quotations = 0;
  int64_t articles = 0;               // summed over variants (an article naming two variants counts twice)
};

// Alias file: canonical name -> variants.
using Aliases = absl::flat_hash_map<std::string, std::string>;  // variant -> canonical
absl::StatusOr<Aliases> ParseAliases(std::string_view contents);

// Groups names into identities, most quoted first.
std::vector<SpeakerIdentity> GroupSpeakers(const std::vector<SpeakerName>& names, const Aliases& aliases = {});

}  // namespace verbatim::entities

#endif  // VERBATIM_ENTITIES_SPEAKER_IDENTITIES_H_

// Language identification of article text, by Google's Compact Language Detector 2 (CLD2, from
// Debian's libcld2): n-gram scores over 160+ languages, about 1 GB/s.
//
//   std::optional<std::string> lang = IdentifyLanguage(text);  // "en", "de", "zh", ... or none
//
// Returns the ISO 639-1 code (or CLD2's code where there is none, e.g. "zh-Hant") of the
// language that holds most of the text, or nullopt when CLD2 is not confident: text under about
// 60 letters, mixed text where no language reaches `min_percent` of it, or CLD2's own
// "unreliable" verdict. Callers treat nullopt as "unknown", not as "not English".
//
// Thread-safe (CLD2 keeps no mutable state). REQUIRES: valid UTF-8 (the readers repair input).
#ifndef VERBATIM_TEXT_LANGUAGE_H_
#define VERBATIM_TEXT_LANGUAGE_H_

#include <optional>
#include <string>
#include <string_view>

namespace verbatim::text {

struct LanguageGuess {
  std::string code;      // "en", "de", ...
  int percent = 0;       // share of the text's letters in that language
  bool reliable = false;
};

// CLD2's best guess on plain text, whatever its confidence; nullopt when it knows nothing.
std::optional<LanguageGuess> GuessTextLanguage(std::string_view utf8);

// The confident language of `utf8` (see above), or nullopt.
std::optional<std::string> IdentifyLanguage(std::string_view utf8, int min_percent = 60);

}  // namespace verbatim::text

#endif  // VERBATIM_TEXT_LANGUAGE_H_

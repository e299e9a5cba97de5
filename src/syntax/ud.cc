#include "syntax/ud.h"

#include <array>

namespace verbatim::syntax {
namespace {

constexpr std::array<std::string_view, kNumUpos> kNames = {
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

}  // namespace

std::string_view UposName(Upos tag) { return kNames[static_cast<size_t>(tag)]; }

std::optional<Upos> ParseUpos(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<Upos>(i);
  }
  return std::nullopt;
}

}  // namespace verbatim::syntax

#include "text/language.h"

#include <cld2/public/compact_lang_det.h>

#include <algorithm>
#include <climits>

// lang_script.h is internal to CLD2 but installed; these two are the only names used from it.
namespace CLD2 {
const char* LanguageCode(Language lang);
}  // namespace CLD2

namespace verbatim::text {

std::optional<LanguageGuess> GuessTextLanguage(std::string_view utf8) {
  // CLD2 samples the text itself; 64 KB is more than enough and bounds the time per article.
  size_t n = std::min<size_t>(utf8.size(), 64 * 1024);
  while (n > 0 && n < utf8.size() && (static_cast<unsigned char>(utf8[n]) & 0xC0) == 0x80) --n;
  CLD2::Language language3[3];
  int percent3[3];
  int text_bytes = 0;
  bool reliable = false;
  CLD2::Language best = CLD2::DetectLanguageSummary(utf8.data(), static_cast<int>(n),
                                                    /*is_plain_text=*/true, language3, percent3,
                                                    &text_bytes, &reliable);
  if (best == CLD2::UNKNOWN_LANGUAGE || best == CLD2::TG_UNKNOWN_LANGUAGE) return std::nullopt;
  LanguageGuess g;
  g.code = CLD2::LanguageCode(best);
  g.percent = language3[0] == best ? percent3[0] : 0;
  g.reliable = reliable;
  return g;
}

std::optional<std::string> IdentifyLanguage(std::string_view utf8, int min_percent) {
  std::optional<LanguageGuess> g = GuessTextLanguage(utf8);
  if (!g || !g->reliable || g->percent < min_percent) return std::nullopt;
  return std::move(g->code);
}

}  // namespace verbatim::text

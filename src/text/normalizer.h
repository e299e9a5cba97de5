// Normalizer: turns a document's text into the form the extractors read, keeping a map from
// every normalized byte back to the original text's byte offset ("offsets are sacred").
//
// What changes (each rule motivated by real input):
//   * CR and CRLF line ends become '\n'                  (Windows-made files)
//   * tabs, NBSP and other Unicode spaces become ' '     (web copy: "Mr\u00a0Prescott")
//   * runs of spaces collapse to one, lines are trimmed
//   * hard-wrapped lines are joined with one space       (Reuters wire copy wraps at ~65
//     columns and starts each paragraph with an indent)
//   * blank lines collapse: paragraphs are separated by exactly one '\n'
//   * skipped ranges (boilerplate lines, a "date YYYY-MM-DD" prefix) vanish
// Quote marks, dashes and letters are left alone: direction matters for quote marks.
//
// Thread-safe: Normalize is const and keeps no state.
#ifndef VERBATIM_TEXT_NORMALIZER_H_
#define VERBATIM_TEXT_NORMALIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/byte_range.h"

namespace verbatim::text {

// Normalized text plus its map back to the original.
struct NormalizedText {
  std::string text;                 // paragraphs separated by single '\n'; no trailing '\n'
  std::vector<uint32_t> offsets;    // offsets[i]: original byte of text[i]; size text.size()+1
  std::vector<ByteRange> paragraphs;  // ranges into `text`, in order, never empty

  // Original byte offset of normalized position `i` (i may equal text.size()).
  size_t ToOriginal(size_t i) const { return offsets[i]; }
  // Original byte offset just past normalized byte i-1: the end of a range ending at i.
  // REQUIRES: the byte at i-1 is not a space or break the normalizer inserted.
  size_t ToOriginalEnd(size_t i) const;
};

struct NormalizerOptions {
  // Join hard-wrapped lines: "auto" decides per document from its line-length profile.
  enum class HardWraps { kAuto, kAlways, kNever };
  HardWraps hard_wraps = HardWraps::kAuto;
};

class Normalizer {
 public:
  explicit Normalizer(NormalizerOptions options = {}) : options_(options) {}

  // `text` must be valid UTF-8. `skip` ranges (sorted, non-overlapping) are removed and act
  // as paragraph breaks.
  NormalizedText Normalize(std::string_view text, const std::vector<ByteRange>& skip = {}) const;

  // True when the text looks hard-wrapped (most lines end near one width, no blank-line
  // paragraphs inside long runs). Exposed for tests.
  static bool LooksHardWrapped(std::string_view text);

 private:
  NormalizerOptions options_;
};

}  // namespace verbatim::text

#endif  // VERBATIM_TEXT_NORMALIZER_H_

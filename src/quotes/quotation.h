// Quotation: one reported utterance found in a document, as the `extract` JSONL contract
// describes it (docs/FORMATS.md). Offsets are UTF-8 byte offsets into the document's `text`
// (or its JSONL `title` when field == kTitle).
#ifndef VERBATIM_QUOTES_QUOTATION_H_
#define VERBATIM_QUOTES_QUOTATION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/byte_range.h"

namespace verbatim::quotes {

// Kinds, first that applies: nested, headline, unmarked, partial, direct. (`indirect` is
// reported speech without quote marks.)
enum class QuoteKind { kDirect, kPartial, kHeadline, kUnmarked, kNested, kIndirect };
std::string_view KindName(QuoteKind kind);
std::optional<QuoteKind> ParseKind(std::string_view name);

enum class Field { kText, kTitle };
inline std::string_view FieldName(Field f) { return f == Field::kTitle ? "title" : "text"; }

// A piece of the document: where it is and what it says.
struct TextSpan {
  size_t start = 0;
  size_t end = 0;
  std::string text;
};

struct Quotation {
  Field field = Field::kText;
  std::vector<text::ByteRange> segments;  // quoted words without the outer quote marks
  std::string text;                       // segments' bytes joined by one space
  QuoteKind kind = QuoteKind::kDirect;
  std::optional<int> parent;              // index of the enclosing quotation (nested only)
  std::optional<std::string> speaker;     // canonical name; null for unnamed or unknown
  std::optional<TextSpan> speaker_mention;
  std::optional<TextSpan> cue;
  double confidence = 0.0;                // in [0, 1]
  // The whole reported content in PolNeAR's convention: for an indirect quotation its clause
  // ("that" included, cue and source excluded); for a partial quote the clause around the
  // quoted fragment; for a direct quote the quoted words. Unset when unknown.
  std::optional<text::ByteRange> clause;

  size_t start() const { return segments.front().begin; }
  size_t end() const { return segments.back().end; }
};

}  // namespace verbatim::quotes

#endif  // VERBATIM_QUOTES_QUOTATION_H_

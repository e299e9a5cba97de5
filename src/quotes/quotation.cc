#include "quotes/quotation.h"

#include <array>

namespace verbatim::quotes {
namespace {
constexpr std::array<std::string_view, 6> kKindNames = {"direct", "partial", "headline",
                                                         "unmarked", "nested", "indirect"};
}  // namespace

std::string_view KindName(QuoteKind kind) { return kKindNames[static_cast<size_t>(kind)]; }

std::optional<QuoteKind> ParseKind(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<QuoteKind>(i);
  }
  return std::nullopt;
}

}  // namespace verbatim::quotes

#include "store/memory_budget.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "store/clustering.h"
#include "store/stories.h"

namespace verbatim::store {

absl::StatusOr<MemoryBudget> MemoryBudgetFor(int64_t bytes) {
  if (bytes < kMinMemoryBytes) {
    return absl::InvalidArgumentError(absl::StrCat("a memory budget of ", bytes, " bytes is below the minimum of ",
                                                   kMinMemoryBytes >> 20, " MiB"));
  }
  const int64_t for_indexes = bytes - kBaseMemoryBytes;
  const int64_t page_caches = std::min<int64_t>(for_indexes / 4, int64_t{256} << 20);
  const int64_t for_chunks = for_indexes - page_caches;
  const int64_t for_quotations = for_chunks / 3;
  MemoryBudget b;
  b.page_cache_bytes = page_caches / 2;
  b.parse_cache_bytes = for_indexes / 2;
  b.cluster_chunk = std::clamp<int64_t>(for_quotations / kChunkBytesPerQuotation, 1, kClusterChunkQuotations);
  b.story_chunk = std::clamp<int64_t>((for_chunks - for_quotations) / kChunkBytesPerDocument, 1, kStoryChunkDocuments);
  return b;
}

absl::StatusOr<int64_t> ParseByteSize(std::string_view text) {
  const std::string original(text);
  int64_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end == text.data() || number < 0) {
    return absl::InvalidArgumentError(absl::StrCat("'", original, "' is not a size (like 800M, 2G or 512MiB)"));
  }
  std::string unit(end, static_cast<size_t>(text.data() + text.size() - end));
  absl::AsciiStrToLower(&unit);
  if (unit.size() > 1 && unit.back() == 'b' && unit != "b") unit.pop_back();  // "MB" = "M", "MiB" = "Mi"
  int64_t scale = 0;
  if (unit.empty() || unit == "b") {
    scale = 1;
  } else {
    const std::string_view units = "kmgt";
    size_t power = units.find(unit[0]);
    const bool binary = unit.size() == 2 && unit[1] == 'i';
    if (power == std::string_view::npos || (unit.size() != 1 && !binary)) {
      return absl::InvalidArgumentError(absl::StrCat("'", original, "': unknown unit (use K, M, G, T or KiB, MiB, GiB, TiB)"));
    }
    scale = 1;
    for (size_t i = 0; i <= power; ++i) scale *= binary ? 1024 : 1000;
  }
  if (number > std::numeric_limits<int64_t>::max() / scale) {
    return absl::InvalidArgumentError(absl::StrCat("'", original, "' is too large"));
  }
  return number * scale;
}

}  // namespace verbatim::store

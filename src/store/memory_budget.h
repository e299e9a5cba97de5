// How an ingest's index updates share a memory budget (`verbatim ingest --memory`):
//
//   absl::StatusOr<MemoryBudget> b = MemoryBudgetFor(*ParseByteSize("512M"));
//   store.SetPageCache(b->page_cache_bytes);
//   UpdateQuoteClusters(store, {}, b->cluster_chunk);
//   UpdateStories(store, {}, b->story_chunk);
//
// The indexes themselves (quote_keys, quote_stems, story_terms, term_documents) live in the
// SQLite file, so they never outgrow memory; what an update holds is one chunk of new
// quotations or documents with the stored candidates they propose, plus SQLite's page cache.
// A smaller budget gives more, smaller chunks (more lookups, so slower); at scale clusters and
// stories can differ a little where chunk boundaries fall (frequencies and a term's bucket cap
// are those of the stored items). Chunk sizes come from bytes per item that bound the peaks
// measured in docs/PERFORMANCE.md.
#ifndef VERBATIM_STORE_MEMORY_BUDGET_H_
#define VERBATIM_STORE_MEMORY_BUDGET_H_

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"

namespace verbatim::store {

struct MemoryBudget {
  int64_t page_cache_bytes = 0;  // SQLite's page cache of each connection
  int64_t cluster_chunk = 0;     // unclustered quotations per clustering chunk
  int64_t story_chunk = 0;       // documents per story-grouping chunk
  // The extraction threads' memo of sentence parses (syntax/parse_cache.h). It lives only
  // while documents are read, before the index updates, so it takes its share of what the
  // updates will use later: half of what the base leaves.
  int64_t parse_cache_bytes = 0;
};

// What the process needs besides the index updates: both models, the extraction workers'
// articles in flight, the reader's buffers.
constexpr int64_t kBaseMemoryBytes = int64_t{160} << 20;
// Peak bytes one more item in a chunk may add, with the candidates it loads: bounds of what
// was measured on the 240 MB benchmark corpus; on 1 GB, where each item has more candidates,
// the default budget held too (794 MB peak; docs/PERFORMANCE.md, "`ingest` end to end" and
// "Quote clusters: one copy of each wording").
constexpr int64_t kChunkBytesPerQuotation = 4 << 10;
constexpr int64_t kChunkBytesPerDocument = 6 << 10;
// The smallest budget accepted, and the budget when none is given.
constexpr int64_t kMinMemoryBytes = int64_t{256} << 20;
constexpr int64_t kDefaultMemoryBytes = int64_t{1} << 30;

// The split of `bytes` (>= kMinMemoryBytes). The quote-cluster and story updates may run at
// the same time on two connections (ingest with more than one thread), so each connection gets
// half of a page cache worth a quarter of what the base leaves (at most 256 MiB in all), and the
// chunks share the rest: a third to quotations, two thirds to documents (capped by
// kClusterChunkQuotations and kStoryChunkDocuments). The split does not depend on the threads,
// so neither do the clusters and stories (which depend a little on chunk boundaries).
absl::StatusOr<MemoryBudget> MemoryBudgetFor(int64_t bytes);

// "800M" = 800,000,000 bytes, "2G", "512MiB", "1GiB", "1500000000" (K/M/G/T decimal, KiB..TiB
// binary); whole numbers only.
absl::StatusOr<int64_t> ParseByteSize(std::string_view text);

}  // namespace verbatim::store

#endif  // VERBATIM_STORE_MEMORY_BUDGET_H_

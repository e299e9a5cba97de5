#include "store/memory_budget.h"

#include "gtest/gtest.h"
#include "store/clustering.h"
#include "store/stories.h"

namespace verbatim::store {
namespace {

TEST(ParseByteSize, DecimalAndBinaryUnits) {
  EXPECT_EQ(*ParseByteSize("1500000000"), 1500000000);
  EXPECT_EQ(*ParseByteSize("800M"), 800000000);
  EXPECT_EQ(*ParseByteSize("800MB"), 800000000);
  EXPECT_EQ(*ParseByteSize("2g"), 2000000000);
  EXPECT_EQ(*ParseByteSize("512MiB"), int64_t{512} << 20);
  EXPECT_EQ(*ParseByteSize("1GiB"), int64_t{1} << 30);
  EXPECT_EQ(*ParseByteSize("3Ti"), int64_t{3} << 40);
  EXPECT_EQ(*ParseByteSize("64k"), 64000);
}

TEST(ParseByteSize, RejectsWhatIsNotASize) {
  for (const char* bad : {"", "M", "-1G", "1.5G", "12X", "1 G", "1GiBs", "99999999999T"}) {
    absl::StatusOr<int64_t> n = ParseByteSize(bad);
    EXPECT_FALSE(n.ok()) << bad;
    EXPECT_NE(n.status().message().find(bad), std::string::npos) << n.status();
  }
}

TEST(MemoryBudget, SmallerBudgetsShrinkTheChunksAndTheCache) {
  absl::StatusOr<MemoryBudget> def = MemoryBudgetFor(kDefaultMemoryBytes);
  ASSERT_TRUE(def.ok());
  EXPECT_EQ(def->cluster_chunk, kClusterChunkQuotations);
  EXPECT_GT(def->story_chunk, kStoryChunkDocuments / 2);
  EXPECT_LE(2 * def->page_cache_bytes, int64_t{256} << 20);
  absl::StatusOr<MemoryBudget> big = MemoryBudgetFor(int64_t{4} << 30);
  EXPECT_EQ(big->story_chunk, kStoryChunkDocuments);

  int64_t last_cluster = 0, last_story = 0, last_cache = 0, last_parse_cache = 0;
  for (int64_t bytes = kMinMemoryBytes; bytes <= (int64_t{8} << 30); bytes *= 2) {
    absl::StatusOr<MemoryBudget> b = MemoryBudgetFor(bytes);
    ASSERT_TRUE(b.ok()) << bytes;
    EXPECT_GE(b->cluster_chunk, last_cluster);
    EXPECT_GE(b->story_chunk, last_story);
    EXPECT_GE(b->page_cache_bytes, last_cache);
    // What the two updates may hold at once stays within the budget.
    const int64_t held = kBaseMemoryBytes + 2 * b->page_cache_bytes + b->cluster_chunk * kChunkBytesPerQuotation +
                         b->story_chunk * kChunkBytesPerDocument;
    EXPECT_LE(held, bytes) << bytes;
    // While documents are read: the writer's page cache and the parse cache.
    EXPECT_LE(kBaseMemoryBytes + b->page_cache_bytes + b->parse_cache_bytes, bytes) << bytes;
    EXPECT_GE(b->parse_cache_bytes, last_parse_cache);
    EXPECT_GT(b->parse_cache_bytes, 0);
    last_parse_cache = b->parse_cache_bytes;
    last_cluster = b->cluster_chunk;
    last_story = b->story_chunk;
    last_cache = b->page_cache_bytes;
  }
  absl::StatusOr<MemoryBudget> least = MemoryBudgetFor(kMinMemoryBytes);
  EXPECT_LT(least->story_chunk, kStoryChunkDocuments);
  EXPECT_LT(least->cluster_chunk, kClusterChunkQuotations);
  EXPECT_FALSE(MemoryBudgetFor(kMinMemoryBytes - 1).ok());
}

}  // namespace
}  // namespace verbatim::store

// A bounded memo of Model::Parse, shared by the extraction threads of one run.
//
//   syntax::ParseCache cache(model, /*max_bytes=*/256 << 20);
//   std::vector<syntax::WordSyntax> parse = cache.Parse(words);  // == model.Parse(words)
//
// News repeats itself word for word: a wire story is printed by many outlets, and an outlet
// repeats its own standing lines. Parsing is most of extraction (docs/PERFORMANCE.md), and a
// parse depends on the sentence's words alone, so a sentence seen before is not parsed again.
// The result is always exactly what Model::Parse returns: the key is the whole word sequence,
// compared byte for byte (no hash is trusted).
//
// Memory: at most about `max_bytes` (keys, packed parses and the maps' own overhead, counted
// per entry). The cache keeps two generations per shard: new entries go to the current one;
// when it is full the previous one is dropped and the current one becomes the previous; a hit
// in the previous generation is copied forward. Recently used sentences therefore stay, the
// rest age out, and nothing is ever scanned.
//
// Thread-safety: Parse may be called from many threads at once (sharded locks; a miss parses
// outside the lock, so two threads may parse the same new sentence once each).
#ifndef VERBATIM_SYNTAX_PARSE_CACHE_H_
#define VERBATIM_SYNTAX_PARSE_CACHE_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "syntax/model.h"

namespace verbatim::syntax {

class ParseCache {
 public:
  // `model` must outlive the cache. max_bytes <= 0 caches nothing (every call parses).
  ParseCache(const Model& model, int64_t max_bytes);
  ParseCache(const ParseCache&) = delete;
  ParseCache& operator=(const ParseCache&) = delete;

  const Model& model() const { return model_; }

  // model().Parse(words), from the cache when the same words were parsed before.
  std::vector<WordSyntax> Parse(std::span<const std::string_view> words);

  // Drops every entry and frees their memory (the counters stay).
  void Clear();

  struct Stats {
    int64_t lookups = 0;  // calls to Parse with at least one word
    int64_t hits = 0;     // of them, answered from the cache
    int64_t bytes = 0;    // what the entries count for now
  };
  Stats stats() const;

  // What one entry of `words` words and `key_bytes` key bytes counts for.
  static int64_t EntryBytes(size_t key_bytes, size_t words);

 private:
  // One parsed word: 4 bytes (a UD tree of up to 32,767 words; longer sentences are not cached).
  struct PackedWord {
    uint8_t upos;
    uint8_t label;
    int16_t head;
  };
  using Entries = absl::flat_hash_map<std::string, std::vector<PackedWord>>;
  struct Shard {
    mutable absl::Mutex mu;
    Entries current ABSL_GUARDED_BY(mu);
    Entries previous ABSL_GUARDED_BY(mu);
    int64_t current_bytes ABSL_GUARDED_BY(mu) = 0;
    int64_t previous_bytes ABSL_GUARDED_BY(mu) = 0;
  };
  static constexpr size_t kShards = 16;

  static std::vector<WordSyntax> Unpack(const Model& model, const std::vector<PackedWord>& packed);
  // Adds an entry to the shard's current generation, turning generations over when it is full.
  void Insert(Shard& shard, std::string key, std::vector<PackedWord> packed) ABSL_EXCLUSIVE_LOCKS_REQUIRED(shard.mu);

  const Model& model_;
  const int64_t generation_bytes_;  // per shard and generation
  std::array<Shard, kShards> shards_;
  std::atomic<int64_t> lookups_{0};
  std::atomic<int64_t> hits_{0};
};

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_PARSE_CACHE_H_

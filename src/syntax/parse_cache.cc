#include "syntax/parse_cache.h"

#include <utility>

#include "absl/hash/hash.h"

namespace verbatim::syntax {
namespace {

// The words as one string: each word's length (LEB128) and bytes, so no two word sequences
// share a key.
void AppendKey(std::span<const std::string_view> words, std::string& key) {
  size_t n = 0;
  for (std::string_view w : words) n += w.size() + 2;
  key.reserve(n);
  for (std::string_view w : words) {
    for (size_t len = w.size();; len >>= 7) {
      if (len < 0x80) {
        key.push_back(static_cast<char>(len));
        break;
      }
      key.push_back(static_cast<char>(0x80 | (len & 0x7f)));
    }
    key.append(w);
  }
}

// Longer sentences are parsed every time: they are tables or lists run together, rarely
// repeated word for word, and one entry should stay small beside a shard's generation.
constexpr size_t kMaxCachedWords = 1000;

}  // namespace

ParseCache::ParseCache(const Model& model, int64_t max_bytes)
    : model_(model),
      generation_bytes_(model.labels().size() <= 256 && max_bytes > 0
                            ? max_bytes / static_cast<int64_t>(2 * kShards)
                            : 0) {}

int64_t ParseCache::EntryBytes(size_t key_bytes, size_t words) {
  // The key and the packed words on the heap, each allocation's header, the map's slot
  // (a string and a vector) and its share of empty slots.
  constexpr int64_t kPerEntry = 2 * 16 + sizeof(std::string) + sizeof(std::vector<PackedWord>) + 32;
  return static_cast<int64_t>(key_bytes + words * sizeof(PackedWord)) + kPerEntry;
}

std::vector<WordSyntax> ParseCache::Unpack(const Model& model, const std::vector<PackedWord>& packed) {
  std::vector<WordSyntax> out(packed.size());
  const std::vector<std::string>& labels = model.labels();
  for (size_t i = 0; i < packed.size(); ++i) {
    const PackedWord& p = packed[i];
    out[i] = {static_cast<Upos>(p.upos), p.head, p.label, labels[p.label]};
  }
  return out;
}

std::vector<WordSyntax> ParseCache::Parse(std::span<const std::string_view> words) {
  if (words.empty()) return {};
  if (generation_bytes_ <= 0 || words.size() > kMaxCachedWords) return model_.Parse(words);
  lookups_.fetch_add(1, std::memory_order_relaxed);
  std::string key;
  AppendKey(words, key);
  const size_t h = absl::HashOf(key);
  Shard& shard = shards_[h % kShards];
  {
    absl::MutexLock lock(&shard.mu);
    if (auto it = shard.current.find(key); it != shard.current.end()) {
      hits_.fetch_add(1, std::memory_order_relaxed);
      return Unpack(model_, it->second);
    }
    if (auto it = shard.previous.find(key); it != shard.previous.end()) {
      hits_.fetch_add(1, std::memory_order_relaxed);
      std::vector<WordSyntax> out = Unpack(model_, it->second);
      auto node = shard.previous.extract(it);  // moved forward: still in use
      shard.previous_bytes -= EntryBytes(node.key().size(), node.mapped().size());
      Insert(shard, std::move(node.key()), std::move(node.mapped()));
      return out;
    }
  }
  std::vector<WordSyntax> parse = model_.Parse(words);
  std::vector<PackedWord> packed(parse.size());
  for (size_t i = 0; i < parse.size(); ++i) {
    packed[i] = {static_cast<uint8_t>(parse[i].upos), static_cast<uint8_t>(parse[i].label),
                 static_cast<int16_t>(parse[i].head)};
  }
  absl::MutexLock lock(&shard.mu);
  if (!shard.current.contains(key)) Insert(shard, std::move(key), std::move(packed));
  return parse;
}

void ParseCache::Insert(Shard& shard, std::string key, std::vector<PackedWord> packed) {
  const int64_t bytes = EntryBytes(key.size(), packed.size());
  if (bytes > generation_bytes_) return;  // larger than a generation: not kept
  if (shard.current_bytes + bytes > generation_bytes_) {
    shard.previous = std::move(shard.current);
    shard.previous_bytes = shard.current_bytes;
    shard.current = Entries();
    shard.current_bytes = 0;
  }
  shard.current.emplace(std::move(key), std::move(packed));
  shard.current_bytes += bytes;
}

void ParseCache::Clear() {
  for (Shard& shard : shards_) {
    absl::MutexLock lock(&shard.mu);
    shard.current = Entries();
    shard.previous = Entries();
    shard.current_bytes = shard.previous_bytes = 0;
  }
}

ParseCache::Stats ParseCache::stats() const {
  Stats s;
  s.lookups = lookups_.load(std::memory_order_relaxed);
  s.hits = hits_.load(std::memory_order_relaxed);
  for (const Shard& shard : shards_) {
    absl::MutexLock lock(&shard.mu);
    s.bytes += shard.current_bytes + shard.previous_bytes;
  }
  return s;
}

}  // namespace verbatim::syntax

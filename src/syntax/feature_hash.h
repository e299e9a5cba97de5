// Feature hashing shared by the tagger, the parser and (later) the attribution models: a
// feature is a template id and up to a few integer values, hashed to a 64-bit key. The
// functions are fixed here (not absl::Hash, which is seeded per process), so a key means the
// same thing in every build and a model file stays valid. Key 0 is reserved for "empty".
#ifndef VERBATIM_SYNTAX_FEATURE_HASH_H_
#define VERBATIM_SYNTAX_FEATURE_HASH_H_

#include <cstdint>
#include <string_view>

namespace verbatim::syntax {

// The splitmix64 finaliser: a bijection on 64 bits that spreads every input bit.
constexpr uint64_t MixBits(uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

// A hash of a byte string (FNV-1a, then mixed).
constexpr uint64_t HashBytes(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return MixBits(h ^ s.size());
}

// Folds `value` into `seed`.
constexpr uint64_t HashCombine(uint64_t seed, uint64_t value) {
  return MixBits(seed ^ (value * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL + (seed << 6)));
}

constexpr uint64_t RotateLeft(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// The key of template `id` with values `a` .. `d`: never 0. The products are independent, so
// they run in parallel; the finaliser then mixes them.
constexpr uint64_t FeatureKey(uint32_t id, uint64_t a, uint64_t b = 0, uint64_t c = 0, uint64_t d = 0) {
  const uint64_t h = (id + 1) * 0x9e3779b97f4a7c15ULL ^ a * 0xc2b2ae3d27d4eb4fULL ^
                     RotateLeft(b * 0x165667b19e3779f9ULL, 17) ^ RotateLeft(c * 0xd6e8feb86659fd93ULL, 31) ^
                     RotateLeft(d * 0xff51afd7ed558ccdULL, 47);
  const uint64_t k = MixBits(h);
  return k == 0 ? 1 : k;
}

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_FEATURE_HASH_H_

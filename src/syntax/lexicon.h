// What the tagger and the parser know about a word before any decision: hashes of its form,
// lower-cased form, shape and affixes, and its ambiguity class (the set of tags it had in the
// training data: the tag dictionary) and word cluster. Computed once per word, so the feature templates only
// combine integers and never allocate.
#ifndef VERBATIM_SYNTAX_LEXICON_H_
#define VERBATIM_SYNTAX_LEXICON_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "syntax/binary_io.h"

namespace verbatim::syntax {

struct WordInfo {
  uint64_t form = 0;       // the word as written
  uint64_t lower = 0;      // ASCII-lowercased, digits folded to 0
  uint64_t shape = 0;      // "Xxx", "dd", "X.X." ...: letters, digits, marks, runs capped at 3
  uint64_t prefix[3] = {};  // first 1..3 bytes of `lower`
  uint64_t suffix[4] = {};  // last 1..4 bytes of `lower`
  uint32_t ambiguity = 0;  // bit t set when the tag dictionary saw UPOS t for the word
  uint64_t cluster = 0;    // word cluster + 1 (word_clusters.h), 0 when the word has none
};

// Hash of the "no word" boundary tokens.
inline constexpr uint64_t kNoWord = 0x5f6e6f6e655f5f31ULL;

// The tag dictionary. Immutable after construction; const methods are thread-safe.
class Lexicon {
 public:
  Lexicon() = default;
  // Counts the (lower-cased form, UPOS) pairs of training words; words seen fewer than
  // `min_count` times get no entry (they look unknown, as rare words do at test time).
  static Lexicon Build(const std::vector<std::vector<std::string_view>>& sentences,
                       const std::vector<std::vector<uint8_t>>& tags, int min_count);

  // Adds word clusters (LowerHash -> cluster), replacing any.
  void SetClusters(absl::flat_hash_map<uint64_t, uint16_t> clusters) { clusters_ = std::move(clusters); }
  size_t cluster_words() const { return clusters_.size(); }

  // Fills one WordInfo per word.
  void Describe(std::span<const std::string_view> words, std::vector<WordInfo>& out) const;
  size_t size() const { return ambiguity_.size(); }

  void AppendTo(ByteWriter& out) const;
  static absl::StatusOr<Lexicon> Read(ByteReader& in);

 private:
  absl::flat_hash_map<uint64_t, uint32_t> ambiguity_;  // lower hash -> tag mask
  absl::flat_hash_map<uint64_t, uint16_t> clusters_;   // lower hash -> cluster
};

// The `lower` hash of a word (as WordInfo::lower).
uint64_t LowerHash(std::string_view word);

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_LEXICON_H_

// AttributionModel: the decisions of attribution that rules make badly, learned from PolNeAR
// train (`verbatim train attribution`, attribution_training.h) over the dependency parse of
// the syntax stage:
//
//   cue      is this word the head of an attribution cue? ("said", "according", "denounced",
//            "a fact later confirmed by ...")
//   content  which of the spans the parse offers around a cue does it report? (its clausal
//            complement, its object, the clause it is attached to, the quotation next to it)
//   source   which of the phrases the parse offers is the cue's source, if any? (its subject,
//            the agent of a passive, the object of "according to", the subject of the verb a
//            participle hangs from, ...)
//
// Each decision is an averaged perceptron over hashed features (attribution_features.h): the
// cue is a yes/no score, content and source rank their candidates.
//
// File: magic "VBATTRIB", format version, payload size, checksum (as the syntax model), then
// the checksum of the syntax model the features were computed with, the cue vocabulary (word
// hash and share) and the three weight tables. A model trained over another syntax model's parses still loads, but
// `syntax_checksum()` tells, and a test checks that the embedded pair matches.
//
// Thread-safety: immutable after loading; const methods are safe from many threads.
#ifndef VERBATIM_QUOTES_ATTRIBUTION_MODEL_H_
#define VERBATIM_QUOTES_ATTRIBUTION_MODEL_H_

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "syntax/perceptron.h"

namespace verbatim::quotes {

inline constexpr std::string_view kAttributionModelMagic = "VBATTRIB";
inline constexpr uint32_t kAttributionModelVersion = 2;

class AttributionModel {
 public:
  // `cue_words`: WordHash of each word of the cue vocabulary -> the percentage of its uses in
  // training where it headed a cue.
  AttributionModel(uint64_t syntax_checksum, absl::flat_hash_map<uint64_t, uint8_t> cue_words,
                   syntax::WeightTable cue, syntax::WeightTable content, syntax::WeightTable source);

  // Parses a model file's bytes; the bytes are not kept.
  static absl::StatusOr<AttributionModel> FromBytes(std::string_view bytes);
  // Reads a model file; errors name the path.
  static absl::StatusOr<AttributionModel> Load(const std::filesystem::path& path);
  // The model compiled into the binary (models/attribution-polnear.bin), parsed on the first
  // call and shared; nullptr when the binary carries none (an empty file: attribution by
  // rules alone); an error when the bytes do not load.
  static absl::StatusOr<const AttributionModel*> Embedded();

  // The model file (equal models give equal bytes).
  std::string Serialize() const;

  // True when the word was the head of a cue in training often enough to be worth a parse and
  // a score; `lower_hash` is internal::WordHash of its lowercased form.
  bool MayBeCue(uint64_t lower_hash) const { return cue_words_.contains(lower_hash); }
  // The percentage of its uses in training where the word headed a cue; 0 outside the
  // vocabulary. Extraction parses a sentence only for words with a high enough share.
  int CueShare(uint64_t lower_hash) const {
    auto it = cue_words_.find(lower_hash);
    return it == cue_words_.end() ? 0 : it->second;
  }
  size_t cue_vocabulary() const { return cue_words_.size(); }
  // > 0: the word whose features are `keys` heads a cue (in the tables' integer units).
  float CueScore(std::span<const uint64_t> keys) const;
  // The ranking scores of a content or source candidate.
  float ContentScore(std::span<const uint64_t> keys) const;
  float SourceScore(std::span<const uint64_t> keys) const;

  uint64_t syntax_checksum() const { return syntax_checksum_; }
  size_t feature_count() const { return cue_.size() + content_.size() + source_.size(); }

 private:
  uint64_t syntax_checksum_ = 0;
  absl::flat_hash_map<uint64_t, uint8_t> cue_words_;  // WordHash of cue heads -> share (%)
  syntax::WeightTable cue_, content_, source_;
};

}  // namespace verbatim::quotes

#endif  // VERBATIM_QUOTES_ATTRIBUTION_MODEL_H_

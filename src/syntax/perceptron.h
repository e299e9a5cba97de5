// A multiclass averaged perceptron over hashed features (feature_hash.h), in two parts:
//
//   PerceptronTrainer  learns: integer weights and the running sums needed for averaging, kept
//                      per feature as a row of one value per class. Exact integer arithmetic,
//                      so training is bit-for-bit reproducible.
//   WeightTable        scores: the averaged (pruned, int16-quantised) weights in contiguous
//                      rows behind a flat open-addressing array of 8-byte slots; every slot,
//                      then every row of a decision is prefetched before any is read.
//
// Usage:
//   PerceptronTrainer t(num_classes);
//   for each example: t.Score(keys, scores); pick `predicted`;
//                     if (predicted != gold) t.Update(keys, gold, predicted);
//                     t.NextInstance();
//   WeightTable table = WeightTable::FromRows(t.AveragedRows(prune));
//   table.Score(keys, int_scores);  // const, thread-safe
//
// Averaging uses the "w - u / c" identity (Daume III 2006): an update at instance c adds
// +-1 to w and +-c to u, so the average over all instances is w - u / c at the end.
//
// Serialisation (AppendTo / Read) stores rows sparsely (only non-zero classes) with int16
// values and one scale per table.
#ifndef VERBATIM_SYNTAX_PERCEPTRON_H_
#define VERBATIM_SYNTAX_PERCEPTRON_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "syntax/binary_io.h"
#include "syntax/huge_page_allocator.h"

namespace verbatim::syntax {

// One feature's averaged weights.
struct WeightRow {
  uint64_t key = 0;
  std::vector<float> weights;  // one per class
};

// Which averaged rows to keep.
//
//   option            default  meaning
//   min_updates       1        drop features updated fewer times during training
//   min_abs_weight    0        zero weights smaller than this (a row with none left is dropped)
struct PruneOptions {
  uint32_t min_updates = 1;
  float min_abs_weight = 0;
};

class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes);

  int num_classes() const { return num_classes_; }
  size_t size() const { return keys_.size(); }

  // Adds the current weights of `keys` to scores[0..num_classes). Unknown keys add nothing.
  void Score(std::span<const uint64_t> keys, double* scores) const;
  // Adds the weights averaged over the instances so far.
  void ScoreAveraged(std::span<const uint64_t> keys, double* scores) const;
  // +1 to class `good` and -1 to class `bad` on every key (a repeated key counts twice).
  void Update(std::span<const uint64_t> keys, int good, int bad);
  // Ends one training instance (the unit of averaging).
  void NextInstance() { ++instances_; }

  // The averaged rows that `prune` keeps, in order of first update.
  std::vector<WeightRow> AveragedRows(const PruneOptions& prune) const;

 private:
  int num_classes_;
  int64_t instances_ = 1;
  absl::flat_hash_map<uint64_t, uint32_t> index_;
  std::vector<uint64_t> keys_;
  std::vector<int32_t> weights_;  // row-major, num_classes_ per row
  std::vector<int64_t> sums_;     // sum of instance * delta
  std::vector<uint32_t> updates_;
};

// Read-only scoring table: int16 weights (one scale per table, the same numbers the model file
// stores). Scores are exact int32 sums. Two layouts behind one interface:
//   - up to 3 classes (the parser's moves): each 8-byte slot of the open-addressing array holds
//     a 16-bit fingerprint of the key and the three weights, so a lookup is one cache miss;
//     a fingerprint matches a foreign key about once in 65,536 probes, which adds one stray
//     weight to a handful of decisions and is deterministic;
//   - more classes: 8-byte slots pack the key's upper 40 bits with a row number into
//     contiguous rows.
// Scoring prefetches every slot (then every row) of a decision before reading any, so the
// cache misses overlap. Const methods are safe from many threads.
class WeightTable {
 public:
  WeightTable() = default;
  // Quantises `rows` (any order; distinct non-zero keys): scale = max |weight| / 32767.
  static WeightTable FromRows(int num_classes, const std::vector<WeightRow>& rows);

  int num_classes() const { return num_classes_; }
  size_t size() const { return rows_; }
  float scale() const { return scale_; }
  size_t memory_bytes() const { return slots_.size() * sizeof(uint64_t) + weights_.size() * sizeof(int16_t); }

  // Adds the rows of `keys` to scores[0..num_classes); unknown keys add nothing. Multiply by
  // scale() for the float weights.
  static constexpr size_t kMaxKeys = 256;
  void Score(std::span<const uint64_t> keys, int32_t* scores) const;
  // The row of `key`, or nullptr.
  const int16_t* Find(uint64_t key) const;

  // Sparse encoding (see the file comment). Rows are written in key order, so equal tables give
  // equal bytes.
  void AppendTo(ByteWriter& out) const;
  static absl::StatusOr<WeightTable> Read(ByteReader& in, std::string_view what);

 private:
  struct QuantizedRow {
    uint64_t key;
    std::vector<int16_t> q;
  };
  // `keys` ascending and distinct; `weights` row-major, num_classes per key.
  static WeightTable Build(int num_classes, float scale, const std::vector<uint64_t>& keys,
                           const std::vector<int16_t>& weights);
  size_t SlotOf(uint64_t key) const { return key & mask_; }
  bool inline_rows() const { return num_classes_ <= 3; }
  const int16_t* FindRow(uint64_t key) const;  // the separate-rows lookup

  int num_classes_ = 0;
  size_t rows_ = 0;
  float scale_ = 1;
  uint64_t mask_ = 0;
  // (key & ~0xffffff) | (row + 1), or fingerprint | 3 weights; 0 = empty
  std::vector<uint64_t, HugePageAllocator<uint64_t>> slots_;
  std::vector<uint64_t> keys_;  // full key of each row, for serialisation
  std::vector<int16_t, HugePageAllocator<int16_t>> weights_;  // row-major, num_classes_ per row
};

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_PERCEPTRON_H_

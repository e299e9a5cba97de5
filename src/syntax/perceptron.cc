#include "syntax/perceptron.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "syntax/ud.h"

namespace verbatim::syntax {
PerceptronTrainer::PerceptronTrainer(int num_classes) : num_classes_(num_classes) {}

void PerceptronTrainer::Score(std::span<const uint64_t> keys, double* scores) const {
  for (uint64_t k : keys) {
    auto it = index_.find(k);
    if (it == index_.end()) continue;
    const int32_t* w = &weights_[static_cast<size_t>(it->second) * num_classes_];
    for (int c = 0; c < num_classes_; ++c) scores[c] += w[c];
  }
}

void PerceptronTrainer::ScoreAveraged(std::span<const uint64_t> keys, double* scores) const {
  const double inv = 1.0 / static_cast<double>(instances_);
  for (uint64_t k : keys) {
    auto it = index_.find(k);
    if (it == index_.end()) continue;
    const size_t base = static_cast<size_t>(it->second) * num_classes_;
    for (int c = 0; c < num_classes_; ++c) {
      scores[c] += weights_[base + c] - static_cast<double>(sums_[base + c]) * inv;
    }
  }
}

void PerceptronTrainer::Update(std::span<const uint64_t> keys, int good, int bad) {
  for (uint64_t k : keys) {
    auto [it, inserted] = index_.try_emplace(k, static_cast<uint32_t>(keys_.size()));
    if (inserted) {
      keys_.push_back(k);
      weights_.resize(weights_.size() + num_classes_, 0);
      sums_.resize(sums_.size() + num_classes_, 0);
      updates_.push_back(0);
    }
    const size_t row = it->second;
    const size_t base = row * num_classes_;
    weights_[base + good] += 1;
    sums_[base + good] += instances_;
    weights_[base + bad] -= 1;
    sums_[base + bad] -= instances_;
    ++updates_[row];
  }
}

std::vector<WeightRow> PerceptronTrainer::AveragedRows(const PruneOptions& prune) const {
  std::vector<WeightRow> rows;
  const double inv = 1.0 / static_cast<double>(instances_);
  for (size_t r = 0; r < keys_.size(); ++r) {
    if (updates_[r] < prune.min_updates) continue;
    WeightRow row{keys_[r], std::vector<float>(num_classes_)};
    bool any = false;
    for (int c = 0; c < num_classes_; ++c) {
      const size_t i = r * num_classes_ + c;
      float v = static_cast<float>(weights_[i] - static_cast<double>(sums_[i]) * inv);
      if (std::fabs(v) < prune.min_abs_weight) v = 0;
      row.weights[c] = v;
      any |= v != 0;
    }
    if (any) rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

constexpr int kTaggerClasses = kNumUposClasses;

// scores[0..N) += the sum of `rows`, for a row length known at compile time.
template <int N>
void AccumulateRows(const int16_t* const* rows, size_t n, int32_t* scores) {
  alignas(64) int32_t acc[N] = {};
  for (size_t i = 0; i < n; ++i) {
    const int16_t* r = rows[i];
    for (int c = 0; c < N; ++c) acc[c] += r[c];
  }
  for (int c = 0; c < N; ++c) scores[c] += acc[c];
}

constexpr uint64_t kRowBits = 24;
constexpr uint64_t kRowMask = (uint64_t{1} << kRowBits) - 1;

}  // namespace

WeightTable WeightTable::FromRows(int num_classes, const std::vector<WeightRow>& rows) {
  float max_abs = 0;
  for (const WeightRow& r : rows) {
    for (float v : r.weights) max_abs = std::max(max_abs, std::fabs(v));
  }
  const float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  std::vector<QuantizedRow> q;
  q.reserve(rows.size());
  for (const WeightRow& r : rows) {
    QuantizedRow x{r.key, std::vector<int16_t>(num_classes)};
    bool any = false;
    for (int c = 0; c < num_classes; ++c) {
      x.q[c] = static_cast<int16_t>(std::lround(r.weights[c] / scale));
      any |= x.q[c] != 0;
    }
    if (any) q.push_back(std::move(x));  // rows that round to nothing are left out
  }
  std::sort(q.begin(), q.end(), [](const QuantizedRow& a, const QuantizedRow& b) { return a.key < b.key; });
  std::vector<uint64_t> keys;
  std::vector<int16_t> weights;
  keys.reserve(q.size());
  weights.reserve(q.size() * num_classes);
  for (const QuantizedRow& r : q) {
    keys.push_back(r.key);
    weights.insert(weights.end(), r.q.begin(), r.q.end());
  }
  return Build(num_classes, scale, keys, weights);
}

WeightTable WeightTable::Build(int num_classes, float scale, const std::vector<uint64_t>& keys,
                               const std::vector<int16_t>& weights) {
  WeightTable t;
  t.num_classes_ = num_classes;
  t.scale_ = scale;
  t.rows_ = keys.size();
  size_t slots = 16;
  while (slots * 5 < keys.size() * 8) slots *= 2;  // load factor <= 0.625
  t.mask_ = slots - 1;
  t.slots_.assign(slots, 0);
  t.keys_ = keys;
  t.weights_.assign(weights.begin(), weights.end());
  for (size_t r = 0; r < keys.size(); ++r) {
    size_t s = t.SlotOf(keys[r]);
    while (t.slots_[s] != 0) s = (s + 1) & t.mask_;
    if (t.inline_rows()) {
      const int16_t* q = &weights[r * num_classes];
      uint64_t v = keys[r] >> 48;
      for (int c = 0; c < num_classes; ++c) v |= static_cast<uint64_t>(static_cast<uint16_t>(q[c])) << (16 * (c + 1));
      t.slots_[s] = v;
    } else {
      t.slots_[s] = (keys[r] & ~kRowMask) | (r + 1);
    }
  }
  if (t.inline_rows()) t.weights_.shrink_to_fit();  // kept for serialisation only
  return t;
}

const int16_t* WeightTable::Find(uint64_t key) const {
  if (slots_.empty()) return nullptr;
  if (inline_rows()) {  // exact lookup through the full keys (tests, serialisation)
    auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
    return it != keys_.end() && *it == key ? &weights_[(it - keys_.begin()) * num_classes_] : nullptr;
  }
  return FindRow(key);
}

inline const int16_t* WeightTable::FindRow(uint64_t key) const {
  const uint64_t fp = key & ~kRowMask;
  for (size_t s = SlotOf(key);; s = (s + 1) & mask_) {
    const uint64_t v = slots_[s];
    if (v == 0) return nullptr;
    if ((v & ~kRowMask) == fp) return &weights_[((v & kRowMask) - 1) * num_classes_];
  }
}

void WeightTable::Score(std::span<const uint64_t> keys, int32_t* scores) const {
  if (slots_.empty()) return;
  for (uint64_t k : keys) __builtin_prefetch(&slots_[SlotOf(k)]);
  if (inline_rows()) {
    int32_t s[3] = {0, 0, 0};
    for (uint64_t k : keys) {
      const uint64_t fp = k >> 48;
      for (size_t i = SlotOf(k);; i = (i + 1) & mask_) {
        const uint64_t v = slots_[i];
        if (v == 0) break;
        if ((v & 0xffff) == fp) {
          s[0] += static_cast<int16_t>(v >> 16);
          s[1] += static_cast<int16_t>(v >> 32);
          s[2] += static_cast<int16_t>(v >> 48);
          break;
        }
      }
    }
    for (int c = 0; c < num_classes_; ++c) scores[c] += s[c];
    return;
  }
  if (keys.size() > kMaxKeys) {  // not reached by our templates; keeps the arrays below bounded
    Score(keys.first(kMaxKeys), scores);
    Score(keys.subspan(kMaxKeys), scores);
    return;
  }
  const int16_t* rows[kMaxKeys];
  size_t n = 0;
  for (uint64_t k : keys) {
    const int16_t* r = FindRow(k);
    if (r == nullptr) continue;
    for (int line = 0; line < num_classes_ * 2; line += 64) __builtin_prefetch(reinterpret_cast<const char*>(r) + line);
    rows[n++] = r;
  }
  // The tagger's table (17 UPOS classes) is scored once per word with about 44 rows: with the
  // row length known at compile time the additions unroll into a few vector operations per row
  // instead of a counted loop with its prologue and epilogue (integer sums: the same scores).
  if (num_classes_ == kTaggerClasses) {
    AccumulateRows<kTaggerClasses>(rows, n, scores);
    return;
  }
  // Accumulate in a local array the compiler can vectorise (no aliasing with `scores`).
  alignas(64) int32_t acc[256] = {};
  const int c_count = num_classes_;
  for (size_t i = 0; i < n; ++i) {
    const int16_t* r = rows[i];
    for (int c = 0; c < c_count; ++c) acc[c] += r[c];
  }
  for (int c = 0; c < c_count; ++c) scores[c] += acc[c];
}

void WeightTable::AppendTo(ByteWriter& out) const {
  out.Put<uint32_t>(static_cast<uint32_t>(num_classes_));
  out.Put<float>(scale_);
  out.Put<uint32_t>(static_cast<uint32_t>(rows_));
  for (size_t r = 0; r < rows_; ++r) {
    const int16_t* q = &weights_[r * num_classes_];
    uint8_t nnz = 0;
    for (int c = 0; c < num_classes_; ++c) nnz += q[c] != 0;
    out.Put<uint64_t>(keys_[r]);
    out.Put<uint8_t>(nnz);
    for (int c = 0; c < num_classes_; ++c) {
      if (q[c] == 0) continue;
      out.Put<uint8_t>(static_cast<uint8_t>(c));
      out.Put<int16_t>(q[c]);
    }
  }
}

absl::StatusOr<WeightTable> WeightTable::Read(ByteReader& in, std::string_view what) {
  uint32_t classes = 0, count = 0;
  float scale = 0;
  if (auto s = in.Get(classes, what); !s.ok()) return s;
  if (auto s = in.Get(scale, what); !s.ok()) return s;
  if (auto s = in.Get(count, what); !s.ok()) return s;
  if (classes == 0 || classes > 255 || !std::isfinite(scale) || scale <= 0) {
    return absl::DataLossError(Cat("model ", what, ": bad table header"));
  }
  // Each row takes at least 12 bytes: refuse counts the input cannot hold before allocating.
  if (count > in.remaining() / 12 || count > kRowMask - 1) {
    return absl::DataLossError(Cat("model ", what, ": row count exceeds the data"));
  }
  // Rows go straight into one flat array (no vector per row: the embedded syntax model has
  // 550,000 of them, read at every start).
  std::vector<uint64_t> keys(count);
  std::vector<int16_t> weights(static_cast<size_t>(count) * classes, 0);
  for (uint32_t r = 0; r < count; ++r) {
    uint64_t& key = keys[r];
    int16_t* row = &weights[static_cast<size_t>(r) * classes];
    uint8_t nnz = 0;
    if (auto s = in.Get(key, what); !s.ok()) return s;
    if (auto s = in.Get(nnz, what); !s.ok()) return s;
    if (key == 0 || (r > 0 && key <= keys[r - 1]) || nnz == 0 || nnz > classes) {
      return absl::DataLossError(Cat("model ", what, ": bad row ", r));
    }
    int last = -1;
    for (uint8_t i = 0; i < nnz; ++i) {
      uint8_t c = 0;
      int16_t q = 0;
      if (auto s = in.Get(c, what); !s.ok()) return s;
      if (auto s = in.Get(q, what); !s.ok()) return s;
      if (c >= classes || static_cast<int>(c) <= last || q == 0) {
        return absl::DataLossError(Cat("model ", what, ": bad class in row ", r));
      }
      last = c;
      row[c] = q;
    }
  }
  return Build(static_cast<int>(classes), scale, keys, weights);
}

}  // namespace verbatim::syntax

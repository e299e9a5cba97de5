#include "syntax/tagger.h"

#include <algorithm>
#include <array>

#include "syntax/feature_hash.h"
#include "syntax/random.h"

namespace verbatim::syntax {
namespace {

constexpr int kMaxFeatures = 48;
constexpr bool kUseClusters = true;
constexpr uint64_t kStartTag = 17;         // tag value before the first word
constexpr uint64_t kBoundaryClass = 1u << 17;  // ambiguity class outside the sentence

// The features of word i, given the tags already chosen for words < i. Returns the count.
int Features(std::span<const WordInfo> w, const uint8_t* tags, int i, uint64_t* f) {
  const int n = static_cast<int>(w.size());
  static const WordInfo kNone = [] {
    WordInfo x;
    x.form = x.lower = x.shape = kNoWord;
    for (auto& p : x.prefix) p = kNoWord;
    for (auto& s : x.suffix) s = kNoWord;
    x.ambiguity = kBoundaryClass;
    return x;
  }();
  auto at = [&](int j) -> const WordInfo& { return j >= 0 && j < n ? w[j] : kNone; };
  const WordInfo& c = w[i];
  const WordInfo& p1 = at(i - 1);
  const WordInfo& p2 = at(i - 2);
  const WordInfo& n1 = at(i + 1);
  const WordInfo& n2 = at(i + 2);
  const uint64_t t1 = i >= 1 ? tags[i - 1] : kStartTag;
  const uint64_t t2 = i >= 2 ? tags[i - 2] : kStartTag;
  int k = 0;
  f[k++] = FeatureKey(0, 0);
  f[k++] = FeatureKey(1, c.form);
  f[k++] = FeatureKey(2, c.lower);
  for (int s = 0; s < 4; ++s) f[k++] = FeatureKey(3 + s, c.suffix[s]);
  for (int p = 0; p < 3; ++p) f[k++] = FeatureKey(7 + p, c.prefix[p]);
  f[k++] = FeatureKey(10, c.shape);
  f[k++] = FeatureKey(11, p1.lower);
  f[k++] = FeatureKey(12, n1.lower);
  f[k++] = FeatureKey(13, p2.lower);
  f[k++] = FeatureKey(14, n2.lower);
  f[k++] = FeatureKey(15, t1);
  f[k++] = FeatureKey(16, t2, t1);
  f[k++] = FeatureKey(17, t1, c.lower);
  f[k++] = FeatureKey(18, p1.suffix[2]);
  f[k++] = FeatureKey(19, n1.suffix[2]);
  f[k++] = FeatureKey(20, c.ambiguity);
  f[k++] = FeatureKey(21, n1.ambiguity);
  f[k++] = FeatureKey(22, n2.ambiguity);
  f[k++] = FeatureKey(23, c.ambiguity, n1.ambiguity);
  f[k++] = FeatureKey(24, t1, c.ambiguity);
  f[k++] = FeatureKey(25, t1, n1.ambiguity);
  f[k++] = FeatureKey(26, c.lower, n1.lower);
  f[k++] = FeatureKey(27, p1.lower, c.lower);
  f[k++] = FeatureKey(28, n1.shape);
  f[k++] = FeatureKey(29, p1.shape);
  f[k++] = FeatureKey(30, i == 0, c.shape);
  f[k++] = FeatureKey(31, t1, n1.lower);
  f[k++] = FeatureKey(32, c.ambiguity, c.shape);
  f[k++] = FeatureKey(33, t1, c.suffix[2]);
  f[k++] = FeatureKey(34, c.lower, n1.ambiguity);
  f[k++] = FeatureKey(35, t2, t1, c.ambiguity);
  if (kUseClusters) {
    f[k++] = FeatureKey(36, c.cluster);
    f[k++] = FeatureKey(37, p1.cluster);
    f[k++] = FeatureKey(38, n1.cluster);
    f[k++] = FeatureKey(39, n2.cluster);
    f[k++] = FeatureKey(40, t1, c.cluster);
    f[k++] = FeatureKey(41, c.cluster, n1.cluster);
    f[k++] = FeatureKey(42, c.cluster, c.suffix[2]);
    f[k++] = FeatureKey(43, c.cluster, c.shape);
  }
  return k;
}

template <typename Score>
int Argmax(const Score* s, int n) {
  int best = 0;
  for (int c = 1; c < n; ++c) {
    if (s[c] > s[best]) best = c;
  }
  return best;
}

// Tags with any scorer: `score(keys, scores)` adds the class scores of the features.
template <typename Score, typename Scorer>
void TagWith(const Scorer& score, std::span<const WordInfo> words, std::span<uint8_t> tags) {
  uint64_t f[kMaxFeatures];
  for (size_t i = 0; i < words.size(); ++i) {
    const int k = Features(words, tags.data(), static_cast<int>(i), f);
    std::array<Score, kNumUposClasses> s{};
    score(std::span<const uint64_t>(f, k), s.data());
    tags[i] = static_cast<uint8_t>(Argmax(s.data(), kNumUposClasses));
  }
}

}  // namespace

void Tagger::Tag(std::span<const WordInfo> words, std::span<uint8_t> tags) const {
  TagWith<int32_t>([&](std::span<const uint64_t> k, int32_t* s) { table_.Score(k, s); }, words, tags);
}

double TaggerAccuracy(const Tagger& tagger, const std::vector<TaggedSentence>& sentences) {
  size_t right = 0, total = 0;
  std::vector<uint8_t> tags;
  for (const TaggedSentence& s : sentences) {
    tags.assign(s.words.size(), 0);
    tagger.Tag(s.words, tags);
    for (size_t i = 0; i < tags.size(); ++i) right += tags[i] == s.tags[i];
    total += tags.size();
  }
  return total ? static_cast<double>(right) / static_cast<double>(total) : 0.0;
}

Tagger TrainTagger(const std::vector<TaggedSentence>& train, const std::vector<TaggedSentence>& dev,
                   const TaggerTrainOptions& options, const TaggerProgress& progress) {
  PerceptronTrainer trainer(kNumUposClasses);
  std::vector<uint32_t> order(train.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  Random rng(options.seed);
  uint64_t f[kMaxFeatures];
  std::vector<uint8_t> tags;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    rng.Shuffle(order);
    for (uint32_t si : order) {
      const TaggedSentence& s = train[si];
      tags.assign(s.words.size(), 0);
      for (size_t i = 0; i < s.words.size(); ++i) {
        const int k = Features(s.words, tags.data(), static_cast<int>(i), f);
        std::array<double, kNumUposClasses> sc{};
        trainer.Score(std::span<const uint64_t>(f, k), sc.data());
        const int pred = Argmax(sc.data(), kNumUposClasses);
        if (pred != s.tags[i]) trainer.Update(std::span<const uint64_t>(f, k), s.tags[i], pred);
        trainer.NextInstance();
        tags[i] = static_cast<uint8_t>(pred);  // the left context is what the tagger predicted
      }
    }
    if (progress) {
      double acc = 0;
      if (!dev.empty()) {
        size_t right = 0, total = 0;
        for (const TaggedSentence& s : dev) {
          tags.assign(s.words.size(), 0);
          TagWith<double>([&](std::span<const uint64_t> k, double* sc) { trainer.ScoreAveraged(k, sc); },
                          s.words, tags);
          for (size_t i = 0; i < tags.size(); ++i) right += tags[i] == s.tags[i];
          total += tags.size();
        }
        acc = static_cast<double>(right) / static_cast<double>(total);
      }
      progress(epoch, acc);
    }
  }
  return Tagger(WeightTable::FromRows(kNumUposClasses, trainer.AveragedRows(options.prune)));
}

}  // namespace verbatim::syntax

#include "syntax/perceptron.h"

#include <gtest/gtest.h>

#include "syntax/feature_hash.h"

namespace verbatim::syntax {
namespace {

TEST(Perceptron, LearnsASeparableProblemAndScoresItFromTheTable) {
  // Class = which of three "words" is present; a shared bias feature.
  PerceptronTrainer t(3);
  for (int epoch = 0; epoch < 5; ++epoch) {
    for (int c = 0; c < 3; ++c) {
      const uint64_t keys[] = {FeatureKey(0, 0), FeatureKey(1, 100 + c)};
      double s[3] = {};
      t.Score(keys, s);
      int pred = 0;
      for (int k = 1; k < 3; ++k) pred = s[k] > s[pred] ? k : pred;
      if (pred != c) t.Update(keys, c, pred);
      t.NextInstance();
    }
  }
  WeightTable table = WeightTable::FromRows(3, t.AveragedRows({}));
  for (int c = 0; c < 3; ++c) {
    const uint64_t keys[] = {FeatureKey(0, 0), FeatureKey(1, 100 + c), FeatureKey(9, 9) /* unknown */};
    int32_t s[3] = {};
    table.Score(keys, s);
    int pred = 0;
    for (int k = 1; k < 3; ++k) pred = s[k] > s[pred] ? k : pred;
    EXPECT_EQ(pred, c);
  }
}

TEST(Perceptron, AveragingWeighsUpdatesByHowLongTheyLasted) {
  PerceptronTrainer t(2);
  const uint64_t k[] = {FeatureKey(1, 1)};
  t.Update(k, 0, 1);  // at instance 1
  t.NextInstance();
  t.NextInstance();
  t.NextInstance();  // 4 instances so far; then undo
  t.Update(k, 1, 0);
  t.NextInstance();
  // w = 0 now, but the update was in force for 3 of 5 instances: average 3/5 = 0.6.
  auto rows = t.AveragedRows({});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_FLOAT_EQ(rows[0].weights[0], 0.6f);
  EXPECT_FLOAT_EQ(rows[0].weights[1], -0.6f);
}

TEST(Perceptron, PruningDropsRareFeatures) {
  PerceptronTrainer t(2);
  const uint64_t once[] = {FeatureKey(1, 1)};
  const uint64_t twice[] = {FeatureKey(1, 2)};
  t.Update(once, 0, 1);
  t.Update(twice, 0, 1);
  t.Update(twice, 0, 1);
  t.NextInstance();
  EXPECT_EQ(t.AveragedRows({1, 0}).size(), 2u);
  EXPECT_EQ(t.AveragedRows({2, 0}).size(), 1u);
}

TEST(WeightTable, SerialisesToEqualBytesAndBack) {
  for (int classes : {3, 5}) {  // inline rows, and separate rows
  std::vector<WeightRow> rows;
  for (uint64_t k = 1; k < 500; ++k) {
    WeightRow r{FeatureKey(3, k), std::vector<float>(classes, 0.0f)};
    r.weights[0] = static_cast<float>(k % 7) - 3.0f;
    r.weights[2] = 0.5f;
    rows.push_back(r);
  }
  WeightTable a = WeightTable::FromRows(classes, rows);
  std::string bytes;
  ByteWriter w(bytes);
  a.AppendTo(w);
  ByteReader r(bytes);
  auto b = WeightTable::Read(r, "test");
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->size(), a.size());
  std::string again;
  ByteWriter w2(again);
  b->AppendTo(w2);
  EXPECT_EQ(again, bytes);
  for (const WeightRow& row : rows) {
    const int16_t* x = b->Find(row.key);
    ASSERT_NE(x, nullptr);
    for (int c = 0; c < classes; ++c) EXPECT_NEAR(x[c] * b->scale(), row.weights[c], 1e-3);
    // Scoring one key gives its row.
    int32_t s[5] = {};
    const uint64_t one[] = {row.key};
    b->Score(one, s);
    for (int c = 0; c < classes; ++c) EXPECT_EQ(s[c], x[c]);
  }
  EXPECT_EQ(b->Find(FeatureKey(4, 1)), nullptr);
  }
}

}  // namespace
}  // namespace verbatim::syntax

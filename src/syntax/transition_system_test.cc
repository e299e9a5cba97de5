#include "syntax/transition_system.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "syntax/conllu.h"
#include "syntax/random.h"
#include "test_support.h"

namespace verbatim::syntax {
namespace {

// Runs the oracle: always the first zero-cost legal move. Returns the heads it builds.
std::vector<int> FollowOracle(const std::vector<int>& heads) {
  GoldTree gold(heads);
  ParseConfig c(static_cast<int>(heads.size()));
  while (!c.Terminal()) {
    const auto cost = MoveCosts(c, gold);
    int m = 0;
    while (m < kNumMoves && cost[m] != 0) ++m;
    if (m == kNumMoves) return {};  // no zero-cost move: unreachable
    c.Apply(static_cast<Move>(m), 0);
  }
  return c.Heads();
}

// Reference: the most gold arcs reachable from `c`, by exhaustive search.
int BestReachable(const ParseConfig& c, const std::vector<int>& heads, std::map<std::string, int>& memo) {
  std::string key;
  for (int k = 0; k < c.stack_size(); ++k) key += std::to_string(c.s(k)) + ",";
  key += "|" + std::to_string(c.buffer_begin()) + "|";
  for (int w = 1; w <= c.n(); ++w) key += std::to_string(c.head(w)) + ",";
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  int best = -1;
  if (c.Terminal()) {
    best = 0;
    for (int w = 1; w <= c.n(); ++w) best += c.head(w) == heads[w - 1];
  } else {
    for (int m = 0; m < kNumMoves; ++m) {
      if (!c.Legal(static_cast<Move>(m))) continue;
      ParseConfig next = c;
      next.Apply(static_cast<Move>(m), 0);
      best = std::max(best, BestReachable(next, heads, memo));
    }
  }
  memo[key] = best;
  return best;
}

std::vector<int> RandomProjectiveTree(int n, Random& rng) {
  while (true) {
    std::vector<int> h(n);
    int roots = 0;
    for (int w = 1; w <= n; ++w) {
      do h[w - 1] = static_cast<int>(rng.Below(n + 1)); while (h[w - 1] == w);
      roots += h[w - 1] == 0;
    }
    if (roots != 1) continue;
    // Acyclic: every word reaches the root.
    bool ok = true;
    for (int w = 1; w <= n && ok; ++w) {
      int a = w, steps = 0;
      while (a != 0 && steps++ <= n) a = h[a - 1];
      ok = a == 0;
    }
    if (ok && IsProjective(h)) return h;
  }
}

TEST(TransitionSystem, EndsInOneTreeWithOneRootWhateverTheMoves) {
  Random rng(3);
  for (int trial = 0; trial < 500; ++trial) {
    const int n = 1 + static_cast<int>(rng.Below(12));
    ParseConfig c(n);
    while (!c.Terminal()) {
      Move m;
      do m = static_cast<Move>(rng.Below(kNumMoves)); while (!c.Legal(m));
      c.Apply(m, 0);
    }
    int roots = 0;
    for (int w = 1; w <= n; ++w) {
      ASSERT_GE(c.head(w), 0);
      roots += c.head(w) == 0;
    }
    EXPECT_EQ(roots, 1);
  }
}

TEST(TransitionSystem, ZeroCostMovesOnHandMadeConfigurations) {
  // "She said it rained": She <- said (root); it <- rained; rained <- said.
  const std::vector<int> gold = {2, 0, 4, 2};
  GoldTree g(gold);
  ParseConfig c(4);
  // Start: only SHIFT is legal and free.
  EXPECT_EQ(MoveCosts(c, g), (std::array<int, 3>{0, -1, -1}));
  c.Apply(kShift, 0);  // stack: root She | buffer: said it rained
  // LEFT (She <- said) is free. SHIFT would put "said" above "She" and the root, losing both
  // She <- said and root -> said.
  EXPECT_EQ(MoveCosts(c, g), (std::array<int, 3>{2, 0, -1}));
  c.Apply(kLeft, 0);
  c.Apply(kShift, 0);  // stack: root said | buffer: it rained
  EXPECT_EQ(MoveCosts(c, g)[kShift], 0);
  EXPECT_EQ(MoveCosts(c, g)[kLeft], 2);  // said <- it is wrong and loses said -> rained
  c.Apply(kShift, 0);  // stack: root said it | buffer: rained
  // RIGHT (said -> it) is wrong and loses it <- rained; SHIFT loses it <- rained and
  // said -> rained.
  EXPECT_EQ(MoveCosts(c, g), (std::array<int, 3>{2, 0, 1}));
  c.Apply(kLeft, 0);
  c.Apply(kShift, 0);  // stack: root said rained | buffer: (empty)
  EXPECT_EQ(MoveCosts(c, g), (std::array<int, 3>{-1, -1, 0}));
  c.Apply(kRight, 0);
  EXPECT_EQ(MoveCosts(c, g), (std::array<int, 3>{-1, -1, 0}));
  c.Apply(kRight, 0);
  EXPECT_TRUE(c.Terminal());
  EXPECT_EQ(c.Heads(), gold);
}

TEST(TransitionSystem, DynamicOracleCostsMatchExhaustiveSearch) {
  Random rng(11);
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 1 + static_cast<int>(rng.Below(7));
    const std::vector<int> heads = RandomProjectiveTree(n, rng);
    GoldTree gold(heads);
    std::map<std::string, int> memo;
    ParseConfig c(n);
    while (!c.Terminal()) {  // a random walk, checking every configuration on the way
      const int here = BestReachable(c, heads, memo);
      const auto cost = MoveCosts(c, gold);
      for (int m = 0; m < kNumMoves; ++m) {
        if (!c.Legal(static_cast<Move>(m))) {
          EXPECT_EQ(cost[m], -1);
          continue;
        }
        ParseConfig next = c;
        next.Apply(static_cast<Move>(m), 0);
        ASSERT_EQ(cost[m], here - BestReachable(next, heads, memo)) << "trial " << trial << " move " << m;
      }
      Move m;
      do m = static_cast<Move>(rng.Below(kNumMoves)); while (!c.Legal(m));
      c.Apply(m, 0);
    }
  }
}

TEST(TransitionSystem, ProjectivizeLiftsUntilProjective) {
  // 1 -> 4 spans the root word 2, which 1 does not dominate ("A hearing is scheduled on the
  // issue today": hearing -> issue over "is").
  std::vector<int> h = {2, 0, 4, 1};
  EXPECT_FALSE(IsProjective(h));
  EXPECT_EQ(Projectivize(h), 1);
  EXPECT_TRUE(IsProjective(h));
  EXPECT_EQ(h, (std::vector<int>{2, 0, 4, 2}));
}

TEST(TransitionSystem, EveryEwtDevTreeIsReachable) {
  VERBATIM_REQUIRE_SHARED();
  auto dev = ReadConllu(::verbatim::testing::SharedDir() / "eval/ud-english-ewt/en_ewt-ud-dev.conllu");
  ASSERT_TRUE(dev.ok()) << dev.status();
  int projective = 0, lifted = 0;
  for (const ConlluSentence& s : *dev) {
    std::vector<int> heads;
    for (const ConlluWord& w : s.words) heads.push_back(w.head);
    if (IsProjective(heads)) {
      ++projective;
      ASSERT_EQ(FollowOracle(heads), heads) << "sentence at line " << s.line;
    } else {
      ++lifted;
      Projectivize(heads);
      ASSERT_EQ(FollowOracle(heads), heads) << "lifted sentence at line " << s.line;
    }
  }
  // The count of non-projective dev trees (docs/EVALUATION.md), reached after lifting.
  EXPECT_EQ(projective + lifted, 2001);
  EXPECT_EQ(lifted, 31) << "non-projective dev sentences";
}

}  // namespace
}  // namespace verbatim::syntax

#include "syntax/transition_system.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>

namespace verbatim::syntax {

void ParseConfig::Reset(int n) {
  n_ = n;
  b_ = 1;
  stack_.clear();
  stack_.push_back(0);
  head_.assign(n + 1, -1);
  label_.assign(n + 1, kNoLabel);
  left_.assign(2 * (n + 1), -1);
  right_.assign(2 * (n + 1), -1);
  nleft_.assign(n + 1, 0);
  nright_.assign(n + 1, 0);
  left_labels_.assign(n + 1, 0);
  right_labels_.assign(n + 1, 0);
}

bool ParseConfig::Legal(Move m) const {
  switch (m) {
    case kShift: return b_ <= n_;
    case kLeft: return b_ <= n_ && stack_.back() != 0;
    case kRight:
      return stack_.size() >= 2 && (stack_[stack_.size() - 2] != 0 || b_ > n_);
  }
  return false;
}

std::pair<int, int> ParseConfig::ArcOf(Move m) const {
  if (m == kLeft) return {b_, stack_.back()};
  return {stack_[stack_.size() - 2], stack_.back()};
}

void ParseConfig::AddArc(int h, int d, int label) {
  head_[d] = h;
  label_[d] = label;
  const uint64_t bit = label == kNoLabel ? 0 : uint64_t{1} << (label & 63);
  if (d < h) {
    ++nleft_[h];
    left_labels_[h] |= bit;
    int* l = &left_[2 * h];
    if (l[0] < 0 || d < l[0]) {
      l[1] = l[0];
      l[0] = d;
    } else if (l[1] < 0 || d < l[1]) {
      l[1] = d;
    }
  } else {
    ++nright_[h];
    right_labels_[h] |= bit;
    int* r = &right_[2 * h];
    if (r[0] < 0 || d > r[0]) {
      r[1] = r[0];
      r[0] = d;
    } else if (r[1] < 0 || d > r[1]) {
      r[1] = d;
    }
  }
}

void ParseConfig::Apply(Move m, int label) {
  assert(Legal(m));
  switch (m) {
    case kShift:
      stack_.push_back(b_++);
      break;
    case kLeft:
      AddArc(b_, stack_.back(), label);
      stack_.pop_back();
      break;
    case kRight:
      AddArc(stack_[stack_.size() - 2], stack_.back(), label);
      stack_.pop_back();
      break;
  }
}

std::vector<int> ParseConfig::Heads() const { return std::vector<int>(head_.begin() + 1, head_.end()); }

GoldTree::GoldTree(std::span<const int> heads_of_words)
    : heads_(heads_of_words.size() + 1, -1), children_(heads_of_words.size() + 1) {
  for (size_t i = 0; i < heads_of_words.size(); ++i) {
    const int w = static_cast<int>(i) + 1;
    heads_[w] = heads_of_words[i];
    if (heads_[w] >= 0) children_[heads_[w]].push_back(w);
  }
}

std::array<int, kNumMoves> MoveCosts(const ParseConfig& c, const GoldTree& gold) {
  std::array<int, kNumMoves> cost{-1, -1, -1};
  const int s0 = c.s(0), s1 = c.s(1), b0 = c.b(0);
  const int b = c.buffer_begin();
  // On the stack: the root, or a word left of the buffer without a head yet.
  auto on_stack = [&](int w) { return w == 0 || (w > 0 && w < b && c.head(w) < 0); };
  auto children_in_buffer = [&](int w) {
    int k = 0;
    for (int d : gold.children(w)) k += d >= b;
    return k;
  };
  if (c.Legal(kShift)) {
    const int h = gold.head(b0);
    int k = (h >= 0 && h < b0 && h != s0 && on_stack(h)) ? 1 : 0;
    for (int d : gold.children(b0)) k += d < b0 && on_stack(d);
    cost[kShift] = k;
  }
  if (c.Legal(kLeft)) {
    const int h = gold.head(s0);
    cost[kLeft] = ((h == s1 || h > b0) ? 1 : 0) + children_in_buffer(s0);
  }
  if (c.Legal(kRight)) {
    const int h = gold.head(s0);
    cost[kRight] = (h >= b ? 1 : 0) + children_in_buffer(s0);
  }
  return cost;
}

namespace {

// True when `a` is `h` or below it.
bool Dominates(std::span<const int> heads, int h, int a) {
  for (int steps = 0; a > 0 && steps <= static_cast<int>(heads.size()); ++steps) {
    if (a == h) return true;
    a = heads[a - 1];
  }
  return a == h;
}

// True when arc (heads[d-1], d) covers a word not dominated by its head.
bool NonProjectiveArc(std::span<const int> heads, int d) {
  const int h = heads[d - 1];
  const int lo = std::min(h, d), hi = std::max(h, d);
  for (int k = lo + 1; k < hi; ++k) {
    if (!Dominates(heads, h, k)) return true;
  }
  return false;
}

}  // namespace

bool IsProjective(std::span<const int> heads) {
  for (size_t d = 1; d <= heads.size(); ++d) {
    if (NonProjectiveArc(heads, static_cast<int>(d))) return false;
  }
  return true;
}

int Projectivize(std::vector<int>& heads) {
  int lifts = 0;
  while (true) {
    int best = -1, best_len = 0;
    for (int d = 1; d <= static_cast<int>(heads.size()); ++d) {
      if (heads[d - 1] <= 0 || !NonProjectiveArc(heads, d)) continue;
      const int len = std::abs(heads[d - 1] - d);
      if (best < 0 || len < best_len) best = d, best_len = len;
    }
    if (best < 0) return lifts;
    heads[best - 1] = heads[heads[best - 1] - 1];
    ++lifts;
  }
}

}  // namespace verbatim::syntax

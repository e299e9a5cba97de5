// The arc-hybrid transition system (Kuhlmann, Gomez-Rodriguez and Satta 2011) with its dynamic
// oracle (Goldberg and Nivre 2013), and projectivisation by lifting.
//
// Why arc-hybrid: its dynamic oracle is exact and cheap (each cost is a count over the gold
// children of one word), every word is complete -- all its dependents attached -- at the moment
// it receives its head, so the relation is chosen with the dependent's whole subtree in view, and
// with the constraint below it always ends in one tree with exactly one root word, as UD wants.
//
// Words are 1..n, 0 is the artificial root. Stack sigma|s1|s0, buffer b0|beta.
//   SHIFT  move b0 onto the stack                           (buffer not empty)
//   LEFT   add b0 -> s0, pop s0                             (buffer not empty, s0 != root)
//   RIGHT  add s1 -> s0, pop s0                             (s0 != root; s1 == root only when
//                                                            the buffer is empty)
// Terminal: the stack holds only the root and the buffer is empty.
//
// Dynamic oracle costs (gold tree projective): the number of gold arcs a transition makes
// unreachable.
//   SHIFT  #{(h, b0) : h on the stack, h != s0} + #{(b0, d) : d on the stack}
//   LEFT   [gold head of s0 is s1 or in beta] + #{(s0, d) : d in the buffer}
//   RIGHT  [gold head of s0 in the buffer]  + #{(s0, d) : d in the buffer}
// Non-projective gold trees are first projectivised by lifting (Kahane et al. 1998): the
// shortest non-projective arc (h, d) becomes (head(h), d), until none is left; the relation
// label is kept. On EWT train this lifts 392 arcs in 288 of the 12,544 sentences.
#ifndef VERBATIM_SYNTAX_TRANSITION_SYSTEM_H_
#define VERBATIM_SYNTAX_TRANSITION_SYSTEM_H_

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace verbatim::syntax {

enum Move : uint8_t { kShift = 0, kLeft = 1, kRight = 2 };
inline constexpr int kNumMoves = 3;
inline constexpr int kNoLabel = 0xffff;

// A parser state over n words; also records, per word, what the features need: head, label,
// the two outermost children on each side, child counts and the set of child labels.
class ParseConfig {
 public:
  ParseConfig() = default;
  explicit ParseConfig(int n) { Reset(n); }
  void Reset(int n);

  int n() const { return n_; }
  bool Terminal() const { return stack_.size() == 1 && b_ > n_; }
  bool Legal(Move m) const;
  // Applies a legal move; LEFT and RIGHT label the new arc with `label`.
  void Apply(Move m, int label);
  // The arc LEFT or RIGHT would add, as (head, dependent).
  std::pair<int, int> ArcOf(Move m) const;

  // s(0) is the stack top; -1 when the stack is shorter. b(0) is the first buffer word; -1
  // past the end.
  int s(int k) const { return k < static_cast<int>(stack_.size()) ? stack_[stack_.size() - 1 - k] : -1; }
  int b(int k) const { return b_ + k <= n_ ? b_ + k : -1; }
  int stack_size() const { return static_cast<int>(stack_.size()); }
  int buffer_begin() const { return b_; }

  int head(int w) const { return head_[w]; }
  int label(int w) const { return label_[w]; }
  // The leftmost (k = 0) and second leftmost (k = 1) left child of w; -1 when absent.
  int left_child(int w, int k) const { return left_[2 * w + k]; }
  int right_child(int w, int k) const { return right_[2 * w + k]; }
  int left_count(int w) const { return nleft_[w]; }
  int right_count(int w) const { return nright_[w]; }
  uint64_t left_labels(int w) const { return left_labels_[w]; }
  uint64_t right_labels(int w) const { return right_labels_[w]; }

  // Heads (0 = root) and labels of words 1..n, as index w - 1.
  std::vector<int> Heads() const;

 private:
  void AddArc(int h, int d, int label);
  int n_ = 0;
  int b_ = 1;
  std::vector<int> stack_;
  std::vector<int> head_, label_, left_, right_, nleft_, nright_;
  std::vector<uint64_t> left_labels_, right_labels_;
};

// The gold tree as the oracle needs it: heads[w] for w = 1..n (heads[0] unused) and each
// word's gold children.
class GoldTree {
 public:
  explicit GoldTree(std::span<const int> heads_of_words);  // heads of words 1..n (0 = root)
  int head(int w) const { return heads_[w]; }
  const std::vector<int>& children(int w) const { return children_[w]; }

 private:
  std::vector<int> heads_;
  std::vector<std::vector<int>> children_;
};

// Costs of the three moves; illegal moves get -1.
std::array<int, kNumMoves> MoveCosts(const ParseConfig& c, const GoldTree& gold);

// True when no arc of the tree crosses another or the root arc. `heads` are of words 1..n.
bool IsProjective(std::span<const int> heads);
// Lifts arcs until the tree is projective; returns the number of lifts.
int Projectivize(std::vector<int>& heads);

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_TRANSITION_SYSTEM_H_

#include "syntax/parser.h"

#include <algorithm>
#include <array>

#include "syntax/feature_hash.h"
#include "syntax/random.h"
#include "syntax/transition_system.h"

namespace verbatim::syntax {
namespace {

constexpr int kMaxMoveFeatures = 96;
constexpr int kMaxLabels = 255;
constexpr uint64_t kRootTag = 17, kNoTag = 18;
constexpr uint64_t kRootWord = 0x726f6f745f5f5f31ULL;
constexpr uint64_t kNoLabelValue = 0xfffff;

// What the templates read of one position: word, tag, label.
struct Slot {
  uint64_t w = kNoWord, p = kNoTag, l = kNoLabelValue, c = 0, a = 0;  // c: cluster, a: ambiguity class
};

struct Sentence {
  std::span<const WordInfo> words;
  std::span<const uint8_t> tags;
  Slot At(const ParseConfig& c, int w) const {
    if (w < 0) return Slot{};
    if (w == 0) return Slot{kRootWord, kRootTag, kNoLabelValue, 1u << 20, 1u << 20};
    const int l = c.label(w);
    const WordInfo& x = words[w - 1];
    return Slot{x.lower, tags[w - 1], l == kNoLabel ? kNoLabelValue : static_cast<uint64_t>(l), x.cluster, x.ambiguity};
  }
};

uint64_t Bucket(int d) {
  if (d < 0) return 15;
  if (d <= 4) return static_cast<uint64_t>(d);
  if (d <= 6) return 5;
  if (d <= 10) return 6;
  return 7;
}
uint64_t Cap(int v) { return static_cast<uint64_t>(std::min(v, 5)); }

// The move features of a configuration: those that read only the first three buffer words (and
// the bias) go to `fb` (count in *kb), the rest to `f` (returned count). The buffer part stays
// the same until the next SHIFT, so parsing scores it once per buffer position. Template ids
// follow the order of the calls, whichever array a feature goes to.
int MoveFeatures(const ParseConfig& c, const Sentence& s, uint64_t* f, uint64_t* fb, int* kb) {
  const int is0 = c.s(0), is1 = c.s(1), is2 = c.s(2), ib0 = c.b(0);
  const Slot s0 = s.At(c, is0), s1 = s.At(c, is1), s2 = s.At(c, is2);
  const Slot b0 = s.At(c, ib0), b1 = s.At(c, c.b(1)), b2 = s.At(c, c.b(2));
  auto child = [&](int w, bool left, int k) { return w < 0 ? -1 : (left ? c.left_child(w, k) : c.right_child(w, k)); };
  const Slot s0l = s.At(c, child(is0, true, 0)), s0l2 = s.At(c, child(is0, true, 1));
  const Slot s0r = s.At(c, child(is0, false, 0)), s0r2 = s.At(c, child(is0, false, 1));
  const Slot s1r = s.At(c, child(is1, false, 0));
  const Slot b0l = s.At(c, child(ib0, true, 0)), b0l2 = s.At(c, child(ib0, true, 1));
  const uint64_t d = Bucket(is0 >= 0 && ib0 >= 0 ? ib0 - is0 : -1);
  const uint64_t d1 = Bucket(is1 >= 0 && is0 >= 0 ? is0 - is1 : -1);
  const uint64_t s0vl = is0 >= 0 ? Cap(c.left_count(is0)) : 9, s0vr = is0 >= 0 ? Cap(c.right_count(is0)) : 9;
  const uint64_t s1vr = is1 >= 0 ? Cap(c.right_count(is1)) : 9;
  const uint64_t b0vl = ib0 >= 0 ? Cap(c.left_count(ib0)) : 9;
  const uint64_t s0sl = is0 >= 0 ? c.left_labels(is0) : 1ull << 63, s0sr = is0 >= 0 ? c.right_labels(is0) : 1ull << 63;
  const uint64_t s1sl = is1 >= 0 ? c.left_labels(is1) : 1ull << 63, s1sr = is1 >= 0 ? c.right_labels(is1) : 1ull << 63;
  const uint64_t b0sl = ib0 >= 0 ? c.left_labels(ib0) : 1ull << 63;
  int k = 0;
  uint32_t id = 0;
  int nb = 0;
  auto F = [&](uint64_t a, uint64_t b = 0, uint64_t x = 0, uint64_t y = 0) { f[k++] = FeatureKey(id++, a, b, x, y); };
  auto B = [&](uint64_t a, uint64_t b = 0, uint64_t x = 0, uint64_t y = 0) { fb[nb++] = FeatureKey(id++, a, b, x, y); };
  B(0);
  // Single positions.
  F(s0.w, s0.p); F(s0.w); F(s0.p);
  B(b0.w, b0.p); B(b0.w); B(b0.p);
  B(b1.w); B(b1.p); B(b2.p);
  F(s1.w, s1.p); F(s1.w); F(s1.p); F(s2.p);
  // Pairs.
  F(s0.w, s0.p, b0.w, b0.p); F(s0.w, s0.p, b0.p); F(s0.p, b0.w, b0.p); F(s0.w, b0.w); F(s0.p, b0.p);
  B(b0.p, b1.p); F(s1.w, s0.w); F(s1.p, s0.p); F(s1.p, s0.w, s0.p); F(s1.p, b0.p);
  // Triples of tags.
  B(b0.p, b1.p, b2.p); F(s0.p, b0.p, b1.p); F(s1.p, s0.p, b0.p); F(s2.p, s1.p, s0.p);
  F(s0.p, s0l.p, b0.p); F(s0.p, s0r.p, b0.p); F(s0.p, b0.p, b0l.p); F(s1.p, s1r.p, s0.p);
  // Distance and valency.
  F(s0.w, d); F(s0.p, d); F(b0.p, d); F(s0.p, b0.p, d); F(s1.p, s0.p, d1);
  F(s0.p, s0vr); F(s0.p, s0vl); F(b0.p, b0vl); F(s1.p, s1vr);
  // Children, their labels, and third order.
  F(s0l.w); F(s0l.p, s0l.l); F(s0r.p, s0r.l); F(b0l.w); F(b0l.p, b0l.l); F(s1r.p, s1r.l);
  F(s0.p, s0l.p, s0l2.p); F(s0.p, s0r.p, s0r2.p); F(b0.p, b0l.p, b0l2.p);
  // Label sets, and labels with tags.
  F(s0.p, s0sr); F(s0.p, s0sl); F(b0.p, b0sl); F(s1.p, s1sr); F(s1.p, s1sl);
  F(s0.p, s0l.l, b0.p); F(s1.p, s1r.l, s0.p); F(b0.p, b0l.l, s0.p);
  // Word clusters and ambiguity classes (tag-dictionary entries): both survive tagging errors.
  F(s0.c); B(b0.c); B(b1.c); F(s1.c); F(s0.c, b0.c); F(s0.c, b0.p); F(s0.p, b0.c); F(s1.c, s0.c);
  F(s0.a); B(b0.a); B(b1.a); F(s0.p, b0.a);
  *kb = nb;
  return k;
}

// Features of the arc h -> dep (dep is complete: all its children are attached).
int LabelFeatures(const ParseConfig& c, const Sentence& s, int h, int dep, uint64_t* f) {
  const uint64_t dir = dep < h ? 1 : 2;
  const Slot H = s.At(c, h), D = s.At(c, dep);
  const Slot dl = s.At(c, c.left_child(dep, 0)), dl2 = s.At(c, c.left_child(dep, 1));
  const Slot dr = s.At(c, c.right_child(dep, 0));
  const Slot dprev = s.At(c, dep - 1 >= 1 ? dep - 1 : -1), dnext = s.At(c, dep + 1 <= c.n() ? dep + 1 : -1);
  const Slot hl = s.At(c, c.left_child(h, 0));
  const uint64_t dist = Bucket(std::abs(h - dep));
  const uint64_t dshape = s.words[dep - 1].shape;
  const Slot b0 = s.At(c, c.b(0) == h ? c.b(1) : c.b(0));
  int k = 0;
  uint32_t id = 1000;
  auto F = [&](uint64_t a, uint64_t b = 0, uint64_t x = 0, uint64_t y = 0) { f[k++] = FeatureKey(id++, a, b, x, y); };
  F(dir);
  F(D.w, dir); F(D.p, dir); F(H.w, dir); F(H.p, dir);
  F(H.p, D.p, dir); F(H.w, D.p, dir); F(H.p, D.w, dir); F(H.p, D.p, dist, dir);
  F(D.p, c.left_labels(dep)); F(D.p, c.right_labels(dep)); F(H.p, c.left_labels(h), dir);
  F(D.p, dl.l, dl.w); F(D.p, dr.l, dr.p); F(D.p, dl2.l, dl2.w); F(D.w, dl.l);
  F(D.p, dprev.p, dir); F(D.p, dnext.p, dir);
  F(dshape, D.p, H.p); F(H.p, hl.l, D.p, dir); F(H.p, D.p, b0.p, dir);
  F(D.c, dir); F(H.c, D.c, dir); F(H.p, D.c, dir);
  return k;
}

template <typename Score>
int BestLegal(const ParseConfig& c, const Score* s) {
  int best = -1;
  for (int m = 0; m < kNumMoves; ++m) {
    if (!c.Legal(static_cast<Move>(m))) continue;
    if (best < 0 || s[m] > s[best]) best = m;
  }
  return best;
}

template <typename Score>
int BestLabel(const Score* s, int num_labels, int root_label) {
  int best = -1;
  for (int l = 0; l < num_labels; ++l) {
    if (l == root_label) continue;
    if (best < 0 || s[l] > s[best]) best = l;
  }
  return best;
}

// Parses with any pair of scorers: `score(keys, scores)` adds class scores.
template <typename Score, typename MoveScorer, typename LabelScorer>
void ParseWith(const MoveScorer& move_score, const LabelScorer& label_score, int num_labels, int root_label,
               const Sentence& s, ParseConfig& c) {
  uint64_t f[kMaxMoveFeatures], fb[kMaxMoveFeatures];
  c.Reset(static_cast<int>(s.words.size()));
  std::array<Score, kMaxLabels> ls;
  std::array<Score, kNumMoves> buffer_scores{};
  int scored_buffer = -1;
  while (!c.Terminal()) {
    int kb = 0;
    const int k = MoveFeatures(c, s, f, fb, &kb);
    if (c.buffer_begin() != scored_buffer) {
      buffer_scores = {};
      move_score(std::span<const uint64_t>(fb, kb), buffer_scores.data());
      scored_buffer = c.buffer_begin();
    }
    std::array<Score, kNumMoves> ms = buffer_scores;
    move_score(std::span<const uint64_t>(f, k), ms.data());
    const Move m = static_cast<Move>(BestLegal(c, ms.data()));
    int label = 0;
    if (m != kShift) {
      auto [h, d] = c.ArcOf(m);
      if (h == 0) {
        label = root_label;
      } else {
        std::fill(ls.begin(), ls.begin() + num_labels, Score{});
        label_score(std::span<const uint64_t>(f, LabelFeatures(c, s, h, d, f)), ls.data());
        label = BestLabel(ls.data(), num_labels, root_label);
      }
    }
    c.Apply(m, label);
  }
}

}  // namespace

void Parser::Parse(std::span<const WordInfo> words, std::span<const uint8_t> tags, std::span<int> heads,
                   std::span<uint16_t> labels) const {
  thread_local ParseConfig c;
  ParseWith<int32_t>([&](std::span<const uint64_t> k, int32_t* sc) { moves_.Score(k, sc); },
                   [&](std::span<const uint64_t> k, int32_t* sc) { labels_.Score(k, sc); },
                   labels_.num_classes(), root_label_, Sentence{words, tags}, c);
  for (int w = 1; w <= c.n(); ++w) {
    heads[w - 1] = c.head(w);
    labels[w - 1] = static_cast<uint16_t>(c.label(w));
  }
}

namespace {

void Count(const ParseConfig& c, const TreebankSentence& s, const std::vector<int>& universal_of,
           AttachmentScores& a, double& uas, double& las, double& ulas) {
  for (int w = 1; w <= c.n(); ++w) {
    if (c.head(w) != s.heads[w - 1]) continue;
    uas += 1;
    las += c.label(w) == s.labels[w - 1];
    ulas += universal_of[c.label(w)] == universal_of[s.labels[w - 1]];
  }
  a.words += static_cast<size_t>(c.n());
}

AttachmentScores Finish(AttachmentScores a, double uas, double las, double ulas) {
  if (a.words) {
    a.uas = 100 * uas / static_cast<double>(a.words);
    a.las = 100 * las / static_cast<double>(a.words);
    a.las_universal = 100 * ulas / static_cast<double>(a.words);
  }
  return a;
}

}  // namespace

AttachmentScores ScoreParser(const Parser& parser, const std::vector<TreebankSentence>& sentences,
                             const std::vector<int>& universal_of) {
  AttachmentScores a;
  double uas = 0, las = 0, ulas = 0;
  ParseConfig c;
  for (const TreebankSentence& s : sentences) {
    ParseWith<int32_t>([&](std::span<const uint64_t> k, int32_t* sc) { parser.moves().Score(k, sc); },
                     [&](std::span<const uint64_t> k, int32_t* sc) { parser.labels().Score(k, sc); },
                     parser.labels().num_classes(), parser.root_label(), Sentence{s.words, s.tags}, c);
    Count(c, s, universal_of, a, uas, las, ulas);
  }
  return Finish(a, uas, las, ulas);
}

Parser TrainParser(const std::vector<TreebankSentence>& train, const std::vector<TreebankSentence>& dev,
                   int num_labels, int root_label, const std::vector<int>& universal_of,
                   const ParserTrainOptions& options, const ParserProgress& progress) {
  PerceptronTrainer moves(kNumMoves), labels(num_labels);
  std::vector<uint32_t> order(train.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  Random rng(options.seed);
  uint64_t f[2 * kMaxMoveFeatures], fb[kMaxMoveFeatures];
  ParseConfig c;
  std::vector<double> ls(num_labels);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    rng.Shuffle(order);
    const bool explore = epoch >= options.explore_from_epoch;
    for (uint32_t si : order) {
      const TreebankSentence& ts = train[si];
      const Sentence s{ts.words, ts.tags};
      const GoldTree gold(ts.heads);
      c.Reset(static_cast<int>(ts.words.size()));
      while (!c.Terminal()) {
        int kb = 0;
        int k = MoveFeatures(c, s, f, fb, &kb);
        std::copy(fb, fb + kb, f + k);
        k += kb;
        std::array<double, kNumMoves> sc{};
        moves.Score(std::span<const uint64_t>(f, k), sc.data());
        const std::array<int, kNumMoves> cost = MoveCosts(c, gold);
        int pred = -1, best_gold = -1, min_cost = 1 << 30;
        for (int m = 0; m < kNumMoves; ++m) {
          if (cost[m] >= 0) min_cost = std::min(min_cost, cost[m]);
        }
        for (int m = 0; m < kNumMoves; ++m) {
          if (cost[m] < 0) continue;
          if (pred < 0 || sc[m] > sc[pred]) pred = m;
          if (cost[m] == min_cost && (best_gold < 0 || sc[m] > sc[best_gold])) best_gold = m;
        }
        const bool wrong = cost[pred] > min_cost;
        if (wrong) moves.Update(std::span<const uint64_t>(f, k), best_gold, pred);
        moves.NextInstance();
        const int next = (!wrong || (explore && rng.Unit() < options.explore_probability)) ? pred : best_gold;
        int label = 0;
        if (next != kShift) {
          auto [h, d] = c.ArcOf(static_cast<Move>(next));
          if (h == 0) {
            label = root_label;
          } else {
            const int lk = LabelFeatures(c, s, h, d, f);
            std::fill(ls.begin(), ls.end(), 0.0);
            labels.Score(std::span<const uint64_t>(f, lk), ls.data());
            label = BestLabel(ls.data(), num_labels, root_label);
            if (gold.head(d) == h) {
              const int g = ts.labels[d - 1];
              if (label != g) labels.Update(std::span<const uint64_t>(f, lk), g, label);
              labels.NextInstance();
            }
          }
        }
        c.Apply(static_cast<Move>(next), label);
      }
    }
    if (progress) {
      AttachmentScores a;
      double uas = 0, las = 0, ulas = 0;
      for (const TreebankSentence& ts : dev) {
        ParseWith<double>([&](std::span<const uint64_t> k, double* sc) { moves.ScoreAveraged(k, sc); },
                          [&](std::span<const uint64_t> k, double* sc) { labels.ScoreAveraged(k, sc); },
                          num_labels, root_label, Sentence{ts.words, ts.tags}, c);
        Count(c, ts, universal_of, a, uas, las, ulas);
      }
      progress(epoch, Finish(a, uas, las, ulas));
    }
  }
  return Parser(WeightTable::FromRows(kNumMoves, moves.AveragedRows(options.prune)),
                WeightTable::FromRows(num_labels, labels.AveragedRows(options.prune)), root_label);
}

}  // namespace verbatim::syntax

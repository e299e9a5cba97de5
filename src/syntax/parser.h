// Greedy arc-hybrid dependency parser (transition_system.h) with two averaged perceptrons:
//
//   moves   SHIFT / LEFT / RIGHT from 70 templates chosen from Zhang and Nivre (2011) and
//           moved to arc-hybrid: words and tags of s0..s2 and b0..b2, the outermost children of
//           s0, s1 and b0 with their labels, distance, valency, label sets, third-order tag
//           chains, plus word clusters and tag-dictionary classes, which survive tagging errors.
//           The full set of 148 templates was about 0.6 UAS and 0.8 LAS better and half as fast
//           (docs/EVALUATION.md).
//   labels  the relation of each new arc, chosen when the arc is made; in arc-hybrid the
//           dependent is complete then, so the labeller sees its whole set of children (the
//           "by" of obl:agent, the "'s" of nmod:poss, the relative pronoun of acl:relcl), and
//           later move decisions see the labels chosen so far.
//
// Factoring labels out of the moves keeps the move rows 3 floats wide (instead of 2L + 1 for
// labelled moves), which makes the table small and the parser fast; the labeller is called
// once per word. Training: the dynamic oracle with error exploration (Goldberg and Nivre 2012).
//
// Thread-safety: a Parser is immutable; Parse() is const and safe from many threads.
#ifndef VERBATIM_SYNTAX_PARSER_H_
#define VERBATIM_SYNTAX_PARSER_H_

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "syntax/lexicon.h"
#include "syntax/perceptron.h"

namespace verbatim::syntax {

// A sentence for training or scoring the parser: described words, tags (predicted ones for
// training, as the parser will see at run time), gold heads (0 = root) and label ids.
struct TreebankSentence {
  std::vector<WordInfo> words;
  std::vector<uint8_t> tags;
  std::vector<int> heads;
  std::vector<uint16_t> labels;
};

class Parser {
 public:
  Parser() = default;
  // `root_label` is the id of "root", forced on the root arc and never used elsewhere.
  Parser(WeightTable moves, WeightTable labels, int root_label)
      : moves_(std::move(moves)), labels_(std::move(labels)), root_label_(root_label) {}

  // Fills heads (0 = root, 1..n words) and label ids for words 1..n (index w - 1).
  void Parse(std::span<const WordInfo> words, std::span<const uint8_t> tags, std::span<int> heads,
             std::span<uint16_t> labels) const;

  const WeightTable& moves() const { return moves_; }
  const WeightTable& labels() const { return labels_; }
  int root_label() const { return root_label_; }

 private:
  WeightTable moves_;
  WeightTable labels_;
  int root_label_ = 0;
};

// Options of TrainParser.
//
//   option              default  meaning
//   epochs              15       passes over the training sentences (shuffled each time)
//   seed                1        shuffle and exploration seed
//   explore_from_epoch  2        the first epoch that follows wrong predictions
//   explore_probability 0.9      chance of following the model's (wrong) move from then on
//   prune               {3, 0}   features updated fewer than 3 times are dropped (no measurable
//                                change on dev; 6 would cost 0.06 LAS)
struct ParserTrainOptions {
  int epochs = 15;
  uint64_t seed = 1;
  int explore_from_epoch = 2;
  double explore_probability = 0.9;
  PruneOptions prune{3, 0};
};

struct AttachmentScores {
  double uas = 0, las = 0, las_universal = 0;
  size_t words = 0;
};

// Called after each epoch with the epoch and the averaged weights' scores on dev.
using ParserProgress = std::function<void(int epoch, const AttachmentScores& dev)>;

// Trains a parser on projectivised `train` (heads lifted beforehand). `universal_of[l]` maps each
// label id (and num_labels, for dev relations unseen in training) to an id of its universal part,
// for the universal LAS in the progress figures.
Parser TrainParser(const std::vector<TreebankSentence>& train, const std::vector<TreebankSentence>& dev,
                   int num_labels, int root_label, const std::vector<int>& universal_of,
                   const ParserTrainOptions& options, const ParserProgress& progress);

// UAS / LAS of `parser` on sentences (their tags are the ones the parser sees).
AttachmentScores ScoreParser(const Parser& parser, const std::vector<TreebankSentence>& sentences,
                             const std::vector<int>& universal_of);

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_PARSER_H_

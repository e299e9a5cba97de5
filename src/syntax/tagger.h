// Greedy left-to-right UPOS tagger: an averaged perceptron over the word, its affixes and
// shape, two words of context on each side, the two tags already chosen on the left, and the
// ambiguity classes (tag-dictionary entries) of the word and the two words after it, which
// give the tagger a look at what is coming without a second pass.
//
// Thread-safety: a Tagger is immutable; Tag() is const and safe from many threads.
#ifndef VERBATIM_SYNTAX_TAGGER_H_
#define VERBATIM_SYNTAX_TAGGER_H_

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "syntax/lexicon.h"
#include "syntax/perceptron.h"
#include "syntax/ud.h"

namespace verbatim::syntax {

// A training or evaluation sentence for the tagger: described words and gold tags.
struct TaggedSentence {
  std::vector<WordInfo> words;
  std::vector<uint8_t> tags;  // UPOS as uint8_t
};

class Tagger {
 public:
  Tagger() = default;
  explicit Tagger(WeightTable table) : table_(std::move(table)) {}

  // Writes one UPOS (as uint8_t) per word into `tags` (same size as `words`).
  void Tag(std::span<const WordInfo> words, std::span<uint8_t> tags) const;
  const WeightTable& table() const { return table_; }

 private:
  WeightTable table_;
};

// Options of TrainTagger.
//
//   option   default  meaning
//   epochs   10       passes over the training sentences
//   seed     1        seed of the per-epoch shuffle (fixed: training is deterministic)
//   prune    {1, 0}   keep every feature (dropping those updated once moved dev UPOS by up to
//                     0.1 point either way, so the tagger keeps them all)
struct TaggerTrainOptions {
  int epochs = 10;
  uint64_t seed = 1;
  PruneOptions prune{1, 0};
};

// Called after each epoch with the epoch (1-based) and the accuracy of the averaged weights
// on `dev` (0 when dev is empty).
using TaggerProgress = std::function<void(int epoch, double dev_accuracy)>;

// Trains a tagger. Deterministic.
Tagger TrainTagger(const std::vector<TaggedSentence>& train, const std::vector<TaggedSentence>& dev,
                   const TaggerTrainOptions& options, const TaggerProgress& progress);

// The share of words of `sentences` whose predicted tag equals the gold one.
double TaggerAccuracy(const Tagger& tagger, const std::vector<TaggedSentence>& sentences);

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_TAGGER_H_

// Trains the syntax model from UD treebanks: `verbatim train syntax` and the training test.
//
//   1. The tag dictionary (Lexicon) from the training words seen >= lexicon_min_count times.
//   1b. Word clusters (word_clusters.h) from unlabelled articles plus the training sentences.
//   2. Jackknifing: the training sentences are split into `folds` contiguous parts (whole
//      documents stay together, so held-out tags are as wrong as on new text); a tagger trained on the other parts tags each part, so the parser learns
//      from tags with realistic errors. A tagger on all the training data is the final one.
//      These folds + 1 taggers are independent jobs spread over `threads` threads; each job
//      writes only its own result, so the output does not depend on scheduling.
//   3. The parser on the jackknifed tags and projectivised trees (transition_system.h).
//   4. The model is serialised, read back, and scored on dev from the bytes it will ship as.
//
// Deterministic: the same inputs and options give the same bytes on the same build.
#ifndef VERBATIM_SYNTAX_TRAIN_H_
#define VERBATIM_SYNTAX_TRAIN_H_

#include <filesystem>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "syntax/ud_eval.h"
#include "syntax/word_clusters.h"

namespace verbatim::syntax {

// Options of TrainSyntaxModel.
//
//   option             default  meaning
//   tagger             {10 epochs, seed 1, no pruning}
//   parser             {15 epochs, seed 1, exploration from epoch 2 with p 0.9, prune <3}
//   folds              5        jackknife parts for the parser's training tags
//   lexicon_min_count  8        training frequency that puts a word in the tag dictionary
//   threads            1        threads for the tagger jobs (results do not depend on it)
//   cluster_corpus     {}       JSONL article files for word clusters (with the training
//                               words); none: no clusters
//   clusters           {256 classes, 32768 words, min count 3, 4 passes}
struct SyntaxTrainOptions {
  TaggerTrainOptions tagger;
  ParserTrainOptions parser;
  std::vector<std::filesystem::path> cluster_corpus;
  ClusterOptions clusters;
  int folds = 5;
  int lexicon_min_count = 8;
  int threads = 1;
};

struct SyntaxTrainResult {
  std::string model_bytes;  // the model file
  UdScores dev;             // the model's figures on dev, read back from model_bytes
  size_t lifted_arcs = 0;   // training arcs changed by projectivisation
  size_t nonprojective_sentences = 0;
};

// Trains on `train` and reports on `dev` (CoNLL-U files). Progress lines go to `log`.
absl::StatusOr<SyntaxTrainResult> TrainSyntaxModel(const std::filesystem::path& train,
                                                   const std::filesystem::path& dev,
                                                   const SyntaxTrainOptions& options, std::ostream& log);

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_TRAIN_H_

// Training of the attribution model (attribution_model.h) from annotated articles: PolNeAR's
// Source / Cue / Content spans (eval/polnear.h reads them), or any corpus annotated the same
// way. Deterministic: the same articles, syntax model and options give the same model bytes.
//
//   std::vector<quotes::AnnotatedDocument> train = ...;
//   quotes::AttributionModel m = quotes::TrainAttributionModel(train, syntax_model, {}, progress);
//
// What is learned, from each annotated attribution whose cue the parse can find:
//   cue      every word of the articles is an example; the head word of each annotated cue
//            (the one whose parse head lies outside the cue span) is a positive one.
//   content  the candidate span (attribution_features.h) that overlaps the annotated content
//            best (min(overlap/|gold|, overlap/|candidate|) >= 0.5) is the right one; an
//            attribution no candidate reaches teaches nothing.
//   source   the candidate whose head word lies in the annotated source, or "none" when the
//            annotation has no source; unreachable sources teach nothing.
#ifndef VERBATIM_QUOTES_ATTRIBUTION_TRAINING_H_
#define VERBATIM_QUOTES_ATTRIBUTION_TRAINING_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ingest/document.h"
#include "quotes/attribution_model.h"
#include "syntax/model.h"
#include "syntax/perceptron.h"
#include "text/byte_range.h"

namespace verbatim::quotes {

// One annotated attribution; byte ranges into the document's text.
struct AnnotatedAttribution {
  text::ByteRange content;
  std::optional<text::ByteRange> source, cue;
};

struct AnnotatedDocument {
  const ingest::Document* doc = nullptr;  // not owned
  std::vector<AnnotatedAttribution> attributions;
};

// Options of TrainAttributionModel.
//
//   option          default  meaning
//   epochs          8        passes over the examples (shuffled each time)
//   seed            1        shuffle seed
//   min_cue_count   2        the cue vocabulary (the words that may head a cue at extraction
//   min_cue_share   0.02     time, and whose sentences get parsed) holds the words seen heading
//                            a cue at least this often, and in at least this share of their uses
//   prune           {1, 0}   rows of the averaged weights kept (syntax::PruneOptions)
struct AttributionTrainOptions {
  int epochs = 8;
  uint64_t seed = 1;
  int min_cue_count = 2;
  double min_cue_share = 0.03;
  syntax::PruneOptions prune{1, 0};
};

// How the averaged weights after one epoch do on the development examples (the annotated
// attributions whose cue the parse finds; contents and sources that a candidate reaches).
struct AttributionEpoch {
  int epoch = 0;
  size_t attributions = 0, cues_found = 0;
  double cue_precision = 0, cue_recall = 0;
  double content_accuracy = 0, source_accuracy = 0;
  size_t cue_examples = 0, content_examples = 0, source_examples = 0;
};

using AttributionProgress = std::function<void(const AttributionEpoch&)>;

// Trains the model over the parses `syntax` gives of `train`; `dev` (may be empty) is only
// scored, for `progress`.
AttributionModel TrainAttributionModel(const std::vector<AnnotatedDocument>& train,
                                       const std::vector<AnnotatedDocument>& dev, const syntax::Model& syntax,
                                       const AttributionTrainOptions& options, const AttributionProgress& progress);

}  // namespace verbatim::quotes

#endif  // VERBATIM_QUOTES_ATTRIBUTION_TRAINING_H_

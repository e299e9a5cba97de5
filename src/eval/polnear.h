// PolNeAR evaluation: reads a split in PolNeAR's layout (text/*.txt, attributions/*.ann in brat
// standoff; .ann offsets are Unicode code points into the .txt, title line included), runs the
// extractor and scores its attributions against the annotation. docs/EVALUATION.md describes
// the matching exactly and how it differs from published figures.
//
//   auto report = eval::EvaluatePolnear("../shared/eval/polnear/dev", quotes::Extractor());
//
// Pure functions and plain values; thread-compatible.
#ifndef VERBATIM_EVAL_POLNEAR_H_
#define VERBATIM_EVAL_POLNEAR_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "quotes/extractor.h"

namespace verbatim::eval {

struct Span {
  size_t begin = 0, end = 0;  // UTF-8 byte offsets
  size_t size() const { return end > begin ? end - begin : 0; }
  friend bool operator==(const Span&, const Span&) = default;
};

// One attribution: content (whole extent of a discontinuous span), source and cue.
struct Attribution {
  Span content;
  std::optional<Span> source;
  std::optional<Span> cue;
  bool quoted = false;  // a double quote mark inside the content or at its edge
};

// Parses the attribution relations (E lines) of a brat .ann file; offsets are converted from
// code points of `text` to UTF-8 bytes. Relations without Content are skipped. Fails on a
// malformed line or an offset beyond the text.
absl::StatusOr<std::vector<Attribution>> ParseBratAttributions(std::string_view ann,
                                                               std::string_view text);

// `[begin, end)` with white space, quote marks and edge punctuation stripped (the boundary
// normalisation under which "exact" is judged).
Span StripSpan(std::string_view text, Span s);
// True when a double quote mark (" “ ”) lies in the span or within 3 bytes of its edges.
bool IsQuoted(std::string_view text, Span s);

// Counts for one category (quoted, unquoted or all).
struct Counts {
  size_t gold = 0, predicted = 0;
  size_t exact = 0, overlap50 = 0;          // content matches, one-to-one
  size_t gold_cues = 0, predicted_cues = 0, cue_matches = 0;
  size_t gold_sources = 0, predicted_sources = 0, source_matches = 0;
  size_t matched_with_gold_source = 0, source_right = 0;  // speaker mention overlaps Source
  size_t joint = 0;  // content overlap >= .5 and source overlapping (or both absent)
};

struct Decision {
  std::string doc;
  Attribution gold;
  std::optional<Attribution> predicted;
  double overlap = 0;  // min(o/|gold|, o/|pred|) on stripped spans
  bool exact = false, source_ok = false;
};

struct Report {
  Counts quoted, unquoted, all;
  std::vector<Decision> decisions;        // every gold attribution
  std::vector<std::pair<std::string, Attribution>> unmatched_predictions;
  size_t documents = 0;
};

// The attributions a quotation predicts: content = `clause` when set, else start..end.
Attribution PredictedFromQuotation(std::string_view text, const quotes::Quotation& q);

// Scores one document's predictions against its gold attributions, adding to `report`.
void ScoreDocument(std::string_view doc, std::string_view text,
                   const std::vector<Attribution>& gold, const std::vector<Attribution>& predicted,
                   Report& report);

// One annotated article of a split: the document as `verbatim extract` reads the .txt, and
// the attributions of one annotator's file.
struct AnnotatedArticle {
  ingest::Document doc;
  std::string annotation_file;
  std::vector<Attribution> gold;
};

// Reads a split directory (text/*.txt, attributions/*.ann) in name order. Where an article has
// several annotators' files (suffix _xxxx.ann), only the first in name order is read unless
// `every_annotator`, which gives one AnnotatedArticle per file. Fails on a missing folder or a
// malformed annotation, naming the file.
absl::StatusOr<std::vector<AnnotatedArticle>> ReadPolnearSplit(const std::string& split_dir,
                                                               bool every_annotator = false);

// Runs the extractor over a split directory (first annotator's file of each article).
absl::StatusOr<Report> EvaluatePolnear(const std::string& split_dir,
                                       const quotes::Extractor& extractor);

// F1, precision and recall in percent.
struct Prf {
  double f1 = 0, precision = 0, recall = 0;
};
Prf Score(size_t tp, size_t predicted, size_t gold);

// Human-readable summary and the --json form (figures plus every decision).
std::string FormatReport(const Report& r);
std::string ReportJson(const Report& r, std::string_view split_dir, bool with_decisions);

}  // namespace verbatim::eval

#endif  // VERBATIM_EVAL_POLNEAR_H_

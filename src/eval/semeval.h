// Article similarity against SemEval-2022 Task 8 pairs (`overall` 1 = same story ... 4 =
// unrelated): the Pearson correlation of our score with -overall on en-en pairs, and a 5-fold
// cross-validated figure (epsilon of ArticleSimilarity chosen on four folds, r measured on the
// fifth) with its 95% interval. IDF is fitted on the articles of the pairs file itself.
#ifndef VERBATIM_EVAL_SEMEVAL_H_
#define VERBATIM_EVAL_SEMEVAL_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace verbatim::eval {

struct ArticlePair {
  std::string id;
  std::string lang_a, lang_b;
  std::string title_a, text_a, title_b, text_b;
  std::optional<double> overall;
};

// Reads `{"id", "a": {"title", "text"}, "b": {...}}` lines (`lang` and `overall` optional).
// A malformed line is an error naming its line number.
absl::StatusOr<std::vector<ArticlePair>> ReadArticlePairs(const std::string& path);

// Cosines of every pair, with IDF fitted on all articles of `pairs`.
std::vector<double> PairCosines(const std::vector<ArticlePair>& pairs);

double Pearson(const std::vector<double>& x, const std::vector<double>& y);

struct SimilarityReport {
  size_t pairs = 0;                 // en-en pairs with a rating
  double pearson = 0;               // with the default epsilon, all pairs
  double cv_mean = 0, cv_half_width = 0;  // 5-fold CV mean r and 95% t-interval half-width
  std::vector<double> fold_r;
  std::vector<double> fold_epsilon;
  // The score threshold with the best F1 for "same story" (overall <= 1.5), and that F1.
  double story_threshold = 0, story_f1 = 0;
};

// The en-en pairs of SemEval (ids made of digits only: the letters mark machine-translated
// augmentations).
absl::StatusOr<SimilarityReport> EvaluateSimilarity(const std::string& pairs_path);

}  // namespace verbatim::eval

#endif  // VERBATIM_EVAL_SEMEVAL_H_

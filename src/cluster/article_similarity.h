// ArticleSimilarity: how likely two articles report the same story, as a score in [0, 1].
//
//   ArticleSimilarity sim;
//   for (const auto& d : docs) sim.AddDocument(d.title, d.text);   // document frequencies
//   double s = sim.Score(a.title, a.text, b.title, b.text);
//
// TF-IDF cosine over content stems (quote_words.h; sublinear tf, idf = ln((N+1)/(df+1)),
// fitted on the documents added), then a log transform that SemEval-2022 Task 8's ratings
// follow far better than the raw cosine:
//   score = (ln(cos + epsilon) - ln(epsilon)) / (ln(1 + epsilon) - ln(epsilon))
// epsilon (default 0.05) was chosen by 5-fold cross-validation on the en-en SemEval pairs
// (docs/EVALUATION.md, `verbatim eval semeval`). The score is monotone in the cosine, so a
// story threshold can be stated on either.
//
// AddDocument is not thread-safe; Score and Cosine are const and thread-safe.
#ifndef VERBATIM_CLUSTER_ARTICLE_SIMILARITY_H_
#define VERBATIM_CLUSTER_ARTICLE_SIMILARITY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace verbatim::cluster {

class ArticleSimilarity {
 public:
  using Vector = std::vector<std::pair<std::string, double>>;  // sorted by term, unit length
  using Counts = std::vector<std::pair<std::string, int>>;     // sorted by term, each >= 1

  explicit ArticleSimilarity(double epsilon = 0.05) : epsilon_(epsilon) {}

  void AddDocument(std::string_view title, std::string_view text);
  size_t documents() const { return documents_; }
  // Document frequencies kept elsewhere (the database's): `documents` articles, and the number
  // holding each term (terms not given count as held by none). Replaces what AddDocument built.
  void SetCollection(size_t documents, absl::flat_hash_map<std::string, int> frequencies);
  // Whether a term's frequency is known; SetFrequency gives one not yet known (the collection
  // grows by the terms of articles read later, and weighs what was weighed before alike).
  bool HasFrequency(const std::string& term) const { return document_frequency_.contains(term); }
  void SetFrequency(const std::string& term, int frequency) { document_frequency_.emplace(term, frequency); }
  // The distinct terms of an article, sorted: what AddDocument counts.
  static std::vector<std::string> DistinctTerms(std::string_view title, std::string_view text);
  // Each distinct term with the number of times the article has it: one reading of the text,
  // from which both the distinct terms and the vector follow (Weigh(Count(t, x)) equals
  // Weigh(t, x)).
  static Counts Count(std::string_view title, std::string_view text);
  // The `n` heaviest terms of a vector, heaviest first (ties: alphabetical).
  static std::vector<std::string> TopTerms(const Vector& v, size_t n);

  // The TF-IDF vector of an article (title words count like text words).
  Vector Weigh(std::string_view title, std::string_view text) const;
  Vector Weigh(const Counts& counts) const;
  static double Cosine(const Vector& a, const Vector& b);
  // The cosine mapped to [0, 1] by the log transform above.
  double Transform(double cosine) const;
  double Score(std::string_view title_a, std::string_view text_a, std::string_view title_b,
               std::string_view text_b) const;

 private:
  double epsilon_;
  size_t documents_ = 0;
  absl::flat_hash_map<std::string, int> document_frequency_;
};

// A vector with its terms replaced by small integers, for many cosines over one collection
// (integer merges instead of string compares).
struct SparseVector {
  std::vector<uint32_t> ids;     // ascending
  std::vector<float> weights;
};

// Hands out the integers; one TermIds per set of vectors that are compared with one another.
class TermIds {
 public:
  SparseVector Intern(const ArticleSimilarity::Vector& v);

 private:
  absl::flat_hash_map<std::string, uint32_t> ids_;
};

double Cosine(const SparseVector& a, const SparseVector& b);

}  // namespace verbatim::cluster

#endif  // VERBATIM_CLUSTER_ARTICLE_SIMILARITY_H_

#include "cluster/article_similarity.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "absl/container/flat_hash_set.h"
#include "cluster/quote_words.h"
#include "text/utf8.h"

namespace verbatim::cluster {
namespace {

// Names in the text (capitalised words that do not open a sentence), folded, with a marker so
// they weigh as terms of their own: the people and places named tell stories apart ("Antalya",
// "Medinsky" against "Hegseth", "Waltz").
void AppendNames(std::string_view text, std::vector<std::string>& out) {
  size_t i = 0;
  bool sentence_start = true;
  while (i < text.size()) {
    size_t start = i;
    char32_t cp = text::DecodeNext(text, i);
    if (!text::IsLetter(cp)) {
      if (cp == '.' || cp == '!' || cp == '?' || cp == '\n' || cp == ':' || cp == '"' || cp == U'\u201C') sentence_start = true;
      continue;
    }
    size_t end = i;
    while (end < text.size()) {
      size_t j = end;
      char32_t c = text::DecodeNext(text, j);
      if (!text::IsLetter(c)) break;
      end = j;
    }
    if (text::IsUpper(cp) && !sentence_start && end - start > 2) {
      std::string name = text::FoldForMatch(text.substr(start, end - start));
      while (name.size() > 4 && name.back() == 'y') name.pop_back();  // Zelenskyy / Zelensky
      out.push_back("@" + name);
    }
    sentence_start = false;
    i = end;
  }
}

std::vector<std::string> Terms(std::string_view title, std::string_view text) {
  std::vector<std::string> t = ContentStems(title);
  std::vector<std::string> b = ContentStems(text);
  t.insert(t.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
  AppendNames(text, t);
  return t;
}

}  // namespace

std::vector<std::string> ArticleSimilarity::DistinctTerms(std::string_view title, std::string_view text) {
  // Repeats dropped by hashing before the sort: an article repeats most of its terms.
  absl::flat_hash_set<std::string> seen;
  std::vector<std::string> terms;
  for (std::string& t : Terms(title, text)) {
    if (seen.insert(t).second) terms.push_back(std::move(t));
  }
  std::sort(terms.begin(), terms.end());
  return terms;
}

void ArticleSimilarity::AddDocument(std::string_view title, std::string_view text) {
  for (std::string& t : DistinctTerms(title, text)) ++document_frequency_[std::move(t)];
  ++documents_;
}

void ArticleSimilarity::SetCollection(size_t documents, absl::flat_hash_map<std::string, int> frequencies) {
  documents_ = documents;
  document_frequency_ = std::move(frequencies);
}

std::vector<std::string> ArticleSimilarity::TopTerms(const Vector& v, size_t n) {
  std::vector<const std::pair<std::string, double>*> order;
  for (const auto& tw : v) order.push_back(&tw);
  n = std::min(n, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<long>(n), order.end(), [](const auto* a, const auto* b) {
    return a->second != b->second ? a->second > b->second : a->first < b->first;
  });
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back(order[i]->first);
  return out;
}

ArticleSimilarity::Counts ArticleSimilarity::Count(std::string_view title, std::string_view text) {
  // Counted by hash, then put in term order (the order the weights and norm are summed in).
  absl::flat_hash_map<std::string, int> counted;
  for (std::string& t : Terms(title, text)) ++counted[std::move(t)];
  Counts counts(std::make_move_iterator(counted.begin()), std::make_move_iterator(counted.end()));
  std::sort(counts.begin(), counts.end());
  return counts;
}

ArticleSimilarity::Vector ArticleSimilarity::Weigh(std::string_view title, std::string_view text) const {
  return Weigh(Count(title, text));
}

ArticleSimilarity::Vector ArticleSimilarity::Weigh(const Counts& counts) const {
  Vector v;
  v.reserve(counts.size());
  double norm = 0;
  for (const auto& [term, n] : counts) {
    auto it = document_frequency_.find(term);
    double df = it == document_frequency_.end() ? 0 : it->second;
    double w = (1 + std::log(static_cast<double>(n))) *
               (std::log((static_cast<double>(documents_) + 1) / (df + 1)) + 1);
    if (w <= 0) continue;
    v.emplace_back(term, w);
    norm += w * w;
  }
  norm = std::sqrt(norm);
  if (norm > 0) {
    for (auto& [term, w] : v) w /= norm;
  }
  return v;
}

double ArticleSimilarity::Cosine(const Vector& a, const Vector& b) {
  double dot = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    int c = a[i].first.compare(b[j].first);
    if (c == 0) dot += a[i++].second * b[j++].second;
    else if (c < 0) ++i;
    else ++j;
  }
  return std::clamp(dot, 0.0, 1.0);
}

double ArticleSimilarity::Transform(double cosine) const {
  double lo = std::log(epsilon_), hi = std::log(1 + epsilon_);
  return std::clamp((std::log(cosine + epsilon_) - lo) / (hi - lo), 0.0, 1.0);
}

double ArticleSimilarity::Score(std::string_view title_a, std::string_view text_a,
                                std::string_view title_b, std::string_view text_b) const {
  return Transform(Cosine(Weigh(title_a, text_a), Weigh(title_b, text_b)));
}

SparseVector TermIds::Intern(const ArticleSimilarity::Vector& v) {
  std::vector<std::pair<uint32_t, float>> pairs;
  pairs.reserve(v.size());
  for (const auto& [term, w] : v) {
    auto [it, inserted] = ids_.try_emplace(term, static_cast<uint32_t>(ids_.size()));
    pairs.emplace_back(it->second, static_cast<float>(w));
  }
  std::sort(pairs.begin(), pairs.end());
  SparseVector out;
  out.ids.reserve(pairs.size());
  out.weights.reserve(pairs.size());
  for (const auto& [id, w] : pairs) {
    out.ids.push_back(id);
    out.weights.push_back(w);
  }
  return out;
}

double Cosine(const SparseVector& a, const SparseVector& b) {
  double dot = 0;
  for (size_t i = 0, j = 0; i < a.ids.size() && j < b.ids.size();) {
    if (a.ids[i] == b.ids[j]) dot += static_cast<double>(a.weights[i++]) * b.weights[j++];
    else if (a.ids[i] < b.ids[j]) ++i;
    else ++j;
  }
  return std::clamp(dot, 0.0, 1.0);
}

}  // namespace verbatim::cluster

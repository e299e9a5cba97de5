#include "eval/semeval.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <random>

#include "absl/strings/str_cat.h"
#include "cluster/article_similarity.h"
#include "simdjson.h"

namespace verbatim::eval {
namespace {

std::string StringAt(simdjson::dom::element e, std::string_view key) {
  std::string_view v;
  if (e[key].get_string().get(v) != simdjson::SUCCESS) return "";
  return std::string(v);
}

}  // namespace

absl::StatusOr<std::vector<ArticlePair>> ReadArticlePairs(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open file"));
  std::vector<ArticlePair> out;
  simdjson::dom::parser parser;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::dom::element e;
    if (parser.parse(simdjson::padded_string(line)).get(e) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", line_no, ": malformed JSON"));
    }
    ArticlePair p;
    std::string_view id;
    int64_t num;
    if (e["id"].get_string().get(id) == simdjson::SUCCESS) p.id = std::string(id);
    else if (e["id"].get_int64().get(num) == simdjson::SUCCESS) p.id = std::to_string(num);
    else return absl::InvalidArgumentError(absl::StrCat(path, ":", line_no, ": missing id"));
    simdjson::dom::element a, b;
    if (e["a"].get(a) != simdjson::SUCCESS || e["b"].get(b) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", line_no, ": missing 'a' or 'b'"));
    }
    p.title_a = StringAt(a, "title");
    p.text_a = StringAt(a, "text");
    p.title_b = StringAt(b, "title");
    p.text_b = StringAt(b, "text");
    simdjson::dom::array lang;
    if (e["lang"].get_array().get(lang) == simdjson::SUCCESS && lang.size() == 2) {
      std::string_view la, lb;
      if (lang.at(0).get_string().get(la) == simdjson::SUCCESS) p.lang_a = std::string(la);
      if (lang.at(1).get_string().get(lb) == simdjson::SUCCESS) p.lang_b = std::string(lb);
    }
    double overall;
    if (e["overall"].get_double().get(overall) == simdjson::SUCCESS) p.overall = overall;
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<double> PairCosines(const std::vector<ArticlePair>& pairs) {
  cluster::ArticleSimilarity sim;
  for (const ArticlePair& p : pairs) {
    sim.AddDocument(p.title_a, p.text_a);
    sim.AddDocument(p.title_b, p.text_b);
  }
  std::vector<double> out;
  for (const ArticlePair& p : pairs) {
    out.push_back(cluster::ArticleSimilarity::Cosine(sim.Weigh(p.title_a, p.text_a), sim.Weigh(p.title_b, p.text_b)));
  }
  return out;
}

double Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  if (x.size() < 3) return 0;
  double mx = std::accumulate(x.begin(), x.end(), 0.0) / n, my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

absl::StatusOr<SimilarityReport> EvaluateSimilarity(const std::string& pairs_path) {
  auto pairs = ReadArticlePairs(pairs_path);
  if (!pairs.ok()) return pairs.status();
  std::vector<double> cosines = PairCosines(*pairs);  // IDF over every article in the file
  std::vector<double> cos, target;
  for (size_t i = 0; i < pairs->size(); ++i) {
    const ArticlePair& p = (*pairs)[i];
    bool augmented = std::any_of(p.id.begin(), p.id.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    if (p.lang_a != "en" || p.lang_b != "en" || augmented || !p.overall) continue;
    cos.push_back(cosines[i]);
    target.push_back(-*p.overall);
  }
  if (cos.size() < 10) return absl::InvalidArgumentError(absl::StrCat(pairs_path, ": fewer than 10 rated en-en pairs"));
  auto transformed = [&](double eps, const std::vector<size_t>& idx) {
    cluster::ArticleSimilarity s(eps);
    std::vector<double> x, y;
    for (size_t i : idx) {
      x.push_back(s.Transform(cos[i]));
      y.push_back(target[i]);
    }
    return Pearson(x, y);
  };
  SimilarityReport r;
  r.pairs = cos.size();
  std::vector<size_t> all(cos.size());
  std::iota(all.begin(), all.end(), 0);
  r.pearson = transformed(0.05, all);
  // 5-fold cross-validation of epsilon, fixed seed.
  std::vector<size_t> order = all;
  std::mt19937 rng(20220);
  std::shuffle(order.begin(), order.end(), rng);
  static constexpr double kGrid[] = {0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.2};
  for (int k = 0; k < 5; ++k) {
    std::vector<size_t> train, test;
    for (size_t i = 0; i < order.size(); ++i) (static_cast<int>(i % 5) == k ? test : train).push_back(order[i]);
    double best_eps = kGrid[0], best_r = -2;
    for (double eps : kGrid) {
      double rr = transformed(eps, train);
      if (rr > best_r) best_r = rr, best_eps = eps;
    }
    r.fold_epsilon.push_back(best_eps);
    r.fold_r.push_back(transformed(best_eps, test));
  }
  // The story threshold: best F1 for "same story" (overall <= 1.5) over a grid of scores.
  cluster::ArticleSimilarity standard;
  for (int step = 20; step < 100; ++step) {
    double t = step / 100.0;
    size_t tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < cos.size(); ++i) {
      bool same = -target[i] <= 1.5, joined = standard.Transform(cos[i]) >= t;
      tp += same && joined;
      fp += !same && joined;
      fn += same && !joined;
    }
    double f1 = tp ? 2.0 * static_cast<double>(tp) / static_cast<double>(2 * tp + fp + fn) : 0;
    if (f1 > r.story_f1) r.story_f1 = f1, r.story_threshold = t;
  }
  double mean = std::accumulate(r.fold_r.begin(), r.fold_r.end(), 0.0) / 5;
  double var = 0;
  for (double x : r.fold_r) var += (x - mean) * (x - mean);
  var /= 4;
  r.cv_mean = mean;
  r.cv_half_width = 2.776 * std::sqrt(var / 5);  // t(0.975, 4 degrees of freedom)
  return r;
}

}  // namespace verbatim::eval

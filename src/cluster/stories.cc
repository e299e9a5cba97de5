#include "cluster/stories.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/time/civil_time.h"
#include "cluster/article_similarity.h"

namespace verbatim::cluster {
namespace {

std::optional<absl::CivilDay> Day(const std::optional<std::string>& published) {
  absl::CivilDay d;
  if (published && published->size() >= 10 && absl::ParseCivilTime(published->substr(0, 10), &d)) return d;
  return std::nullopt;
}

int Find(std::vector<int>& parent, int i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

std::vector<Story> BuildStories(const std::vector<StoryInput>& articles, const StoryOptions& options) {
  ArticleSimilarity sim;
  for (const StoryInput& a : articles) sim.AddDocument(a.title, a.text);
  std::vector<ArticleSimilarity::Vector> vectors;
  for (const StoryInput& a : articles) vectors.push_back(sim.Weigh(a.title, a.text));
  std::vector<int> parent(articles.size());
  std::iota(parent.begin(), parent.end(), 0);
  absl::flat_hash_map<std::string, std::vector<int>> by_term;
  for (int i = 0; i < static_cast<int>(articles.size()); ++i) {
    ArticleSimilarity::Vector top = vectors[i];
    std::partial_sort(top.begin(), top.begin() + std::min<size_t>(top.size(), options.top_terms), top.end(),
                      [](const auto& a, const auto& b) { return a.second > b.second; });
    top.resize(std::min<size_t>(top.size(), options.top_terms));
    absl::flat_hash_set<int> candidates;
    for (const auto& [term, w] : top) {
      std::vector<int>& list = by_term[term];
      candidates.insert(list.begin(), list.end());
      list.push_back(i);
    }
    std::optional<absl::CivilDay> di = Day(articles[i].published);
    for (int j : candidates) {
      std::optional<absl::CivilDay> dj = Day(articles[j].published);
      if (di && dj && std::abs(*di - *dj) > options.max_days_apart) continue;
      if (sim.Transform(ArticleSimilarity::Cosine(vectors[i], vectors[j])) < options.min_score) continue;
      int a = Find(parent, i), b = Find(parent, j);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
  }
  std::map<int, Story> stories;
  for (int i = 0; i < static_cast<int>(articles.size()); ++i) {
    int root = Find(parent, i);
    Story& s = stories[root];
    s.id = root;
    s.members.push_back(i);
    const StoryInput& a = articles[i];
    if (s.title.empty()) {
      s.title = a.title;
      if (s.title.empty()) {
        // The first words of the text, cut at a character boundary.
        size_t cut = std::min<size_t>(a.text.size(), 80);
        while (cut > 0 && cut < a.text.size() && (static_cast<unsigned char>(a.text[cut]) & 0xC0) == 0x80) --cut;
        s.title = a.text.substr(0, cut);
      }
    }
    if (a.outlet && std::find(s.outlets.begin(), s.outlets.end(), *a.outlet) == s.outlets.end()) s.outlets.push_back(*a.outlet);
    if (Day(a.published)) {
      std::string d = a.published->substr(0, 10);
      if (!s.first_seen || d < *s.first_seen) s.first_seen = d;
      if (!s.last_seen || d > *s.last_seen) s.last_seen = d;
    }
  }
  std::vector<Story> out;
  for (auto& [root, s] : stories) out.push_back(std::move(s));
  return out;
}

}  // namespace verbatim::cluster

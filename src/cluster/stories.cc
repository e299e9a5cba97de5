#include "cluster/stories.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <numeric>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/time/civil_time.h"

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

std::optional<int64_t> StoryDay(const std::optional<std::string>& published) {
  std::optional<absl::CivilDay> d = Day(published);
  if (!d) return std::nullopt;
  return static_cast<int64_t>(*d - absl::CivilDay(1970, 1, 1));
}

bool JoinsStory(const ArticleSimilarity& sim, const SparseVector& a, const SparseVector& b,
                std::optional<int64_t> day_a, std::optional<int64_t> day_b, const StoryOptions& options) {
  if (day_a && day_b && std::abs(*day_a - *day_b) > options.max_days_apart) return false;
  return sim.Transform(Cosine(a, b)) >= options.min_score;
}

std::vector<Story> BuildStories(const std::vector<StoryInput>& articles, const StoryOptions& options) {
  ArticleSimilarity sim;
  for (const StoryInput& a : articles) sim.AddDocument(a.title, a.text);
  std::vector<ArticleSimilarity::Vector> vectors;
  std::vector<SparseVector> sparse;
  std::vector<std::optional<int64_t>> days;
  TermIds ids;
  for (const StoryInput& a : articles) {
    vectors.push_back(sim.Weigh(a.title, a.text));
    sparse.push_back(ids.Intern(vectors.back()));
    days.push_back(StoryDay(a.published));
  }
  std::vector<int> parent(articles.size());
  std::iota(parent.begin(), parent.end(), 0);
  absl::flat_hash_map<std::string, std::vector<int>> by_term;
  for (int i = 0; i < static_cast<int>(articles.size()); ++i) {
    absl::flat_hash_set<int> candidates;
    for (const std::string& term : ArticleSimilarity::TopTerms(vectors[i], static_cast<size_t>(options.top_terms))) {
      std::vector<int>& list = by_term[term];
      candidates.insert(list.begin(), list.end());
      list.push_back(i);
    }
    for (int j : candidates) {
      if (!JoinsStory(sim, sparse[i], sparse[j], days[i], days[j], options)) continue;
      int a = Find(parent, i), b = Find(parent, j);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
  }
  std::vector<int64_t> story_of;
  for (int i = 0; i < static_cast<int>(articles.size()); ++i) story_of.push_back(Find(parent, i));
  return DescribeStories(articles, story_of);
}

std::vector<Story> DescribeStories(const std::vector<StoryInput>& articles, const std::vector<int64_t>& story_of) {
  std::map<int64_t, size_t> index;  // story id -> position in `out`
  std::vector<Story> out;
  for (int i = 0; i < static_cast<int>(articles.size()); ++i) {
    auto [it, inserted] = index.emplace(story_of[static_cast<size_t>(i)], out.size());
    if (inserted) {
      out.emplace_back();
      out.back().id = story_of[static_cast<size_t>(i)];
    }
    Story& s = out[it->second];
    s.members.push_back(i);
    const StoryInput& a = articles[static_cast<size_t>(i)];
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
  return out;
}

}  // namespace verbatim::cluster

// Quote clustering at scale: N quotations made by re-sampling and perturbing real quotations
// of ../shared/corpus (BBC 2004, Reuters-21578, PolNeAR 2016), clustered by QuoteClusterer one
// at a time. Prints time, peak memory, bytes per quotation and pairwise precision/recall
// against the known variant groups (the quotation each variant was made from).
//   build/release/bench/cluster_bench [N=1000000] [common] [shuffle=SEED]
// `common`: drop the stems in more than 1% of the quotations first, as BuildQuoteClusters (and
// so the CLI) does. `shuffle=SEED`: add the quotations in a shuffled order (same clusters
// expected, up to ties). Precision/recall are given against two ground truths: the quotation
// each variant was made from, and the same with real quotations merged when they are the same
// or near-same text (one quotation extracted from two articles, or a part of another).
// Not a test: figures go to docs/PERFORMANCE.md.
#include <sys/resource.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "cluster/quote_clusterer.h"
#include "cluster/quote_words.h"
#include "ingest/reader.h"
#include "quotes/extractor.h"
#include "text/utf8.h"

namespace {

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> w;
  for (size_t i = 0, j; i < s.size(); i = j + 1) {
    j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) w.push_back(s.substr(i, j - i));
  }
  return w;
}

// Folded words without surrounding punctuation: how a human would compare two wordings.
std::vector<std::string> FoldedWords(const std::string& s) {
  std::vector<std::string> out;
  for (const std::string& w : Words(verbatim::text::FoldForMatch(s))) {
    size_t b = 0, e = w.size();
    while (b < e && !std::isalnum(static_cast<unsigned char>(w[b]))) ++b;
    while (e > b && !std::isalnum(static_cast<unsigned char>(w[e - 1]))) --e;
    if (e > b) out.push_back(w.substr(b, e - b));
  }
  return out;
}

int Root(std::vector<int>& p, int i) {
  while (p[i] != i) i = p[i] = p[p[i]];
  return i;
}

// Real quotations that are one utterance: the same folded words, or word sets with Jaccard >=
// 0.8, or one (of 8+ words) a contiguous part of the other. Candidates share a 4-word shingle.
std::vector<int> SameTextGroups(const std::vector<std::string>& base) {
  std::vector<int> p(base.size());
  for (size_t i = 0; i < p.size(); ++i) p[i] = static_cast<int>(i);
  std::vector<std::vector<std::string>> words(base.size()), sets(base.size());
  absl::flat_hash_map<std::string, std::vector<int>> shingles;
  for (size_t i = 0; i < base.size(); ++i) {
    words[i] = FoldedWords(base[i]);
    sets[i] = words[i];
    std::sort(sets[i].begin(), sets[i].end());
    sets[i].erase(std::unique(sets[i].begin(), sets[i].end()), sets[i].end());
    absl::flat_hash_set<std::string> own;
    for (size_t k = 0; k + 4 <= words[i].size(); ++k) {
      std::string key = words[i][k] + " " + words[i][k + 1] + " " + words[i][k + 2] + " " + words[i][k + 3];
      if (own.insert(key).second) shingles[key].push_back(static_cast<int>(i));
    }
    if (words[i].size() < 4) shingles["<short> " + base[i]].push_back(static_cast<int>(i));
  }
  auto contiguous = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::search(b.begin(), b.end(), a.begin(), a.end()) != b.end();
  };
  absl::flat_hash_set<uint64_t> seen;
  for (const auto& [key, ids] : shingles) {
    if (ids.size() > 2000) continue;  // a commonplace shingle: near-same pairs share rarer ones
    for (size_t x = 0; x < ids.size(); ++x) {
      for (size_t y = x + 1; y < ids.size(); ++y) {
        int a = ids[x], b = ids[y];
        if (Root(p, a) == Root(p, b)) continue;
        if (!seen.insert((static_cast<uint64_t>(a) << 32) | static_cast<uint32_t>(b)).second) continue;
        size_t shared = verbatim::cluster::SharedStems(sets[a], sets[b]);
        double jaccard = static_cast<double>(shared) / static_cast<double>(sets[a].size() + sets[b].size() - shared);
        const auto& sa = words[a].size() <= words[b].size() ? words[a] : words[b];
        const auto& lb = words[a].size() <= words[b].size() ? words[b] : words[a];
        if (words[a] == words[b] || jaccard >= 0.8 || (sa.size() >= 8 && contiguous(sa, lb))) {
          p[Root(p, a)] = Root(p, b);
        }
      }
    }
  }
  std::vector<int> group(base.size());
  for (size_t i = 0; i < base.size(); ++i) group[i] = Root(p, static_cast<int>(i));
  return group;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  bool use_common = false;
  long shuffle_seed = -1;
  for (int a = 2; a < argc; ++a) {
    std::string arg = argv[a];
    if (arg == "common") use_common = true;
    else if (arg.rfind("shuffle=", 0) == 0) shuffle_seed = std::strtol(arg.c_str() + 8, nullptr, 10);
  }
  const std::filesystem::path corpus = std::filesystem::path(VERBATIM_SHARED_DIR) / "corpus";
  std::vector<std::string> base;
  verbatim::ingest::ArticleReader reader;
  verbatim::quotes::ExtractorOptions options;
  options.find_indirect = false;
  verbatim::quotes::Extractor extractor(options);
  verbatim::ingest::ReadStats stats;
  for (const char* f : {"bbc-2004.jsonl", "reuters-21578.jsonl", "polnear-2016.jsonl"}) {
    reader.Read((corpus / f).string(),
                [&](verbatim::ingest::Document&& d) {
                  for (const auto& q : extractor.Extract(d)) {
                    if (Words(q.text).size() >= 5) base.push_back(q.text);
                  }
                },
                [](const verbatim::ingest::ReadProblem&) {}, stats);
  }
  if (base.empty()) {
    std::fprintf(stderr, "no quotations: is ../shared beside the repository?\n");
    return 1;
  }
  // Variants: each draws a base quotation; half are perturbed (a word dropped, two swapped, or
  // cut to a fragment of at least five words).
  std::mt19937_64 rng(7);
  std::vector<std::string> texts;
  std::vector<uint32_t> origin;
  texts.reserve(n);
  origin.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    uint32_t b = static_cast<uint32_t>(rng() % base.size());
    std::vector<std::string> w = Words(base[b]);
    switch (rng() % 4) {
      case 0: break;
      case 1: if (w.size() > 6) w.erase(w.begin() + static_cast<long>(rng() % w.size())); break;
      case 2: std::swap(w[rng() % w.size()], w[rng() % w.size()]); break;
      case 3: if (w.size() > 10) w.resize(std::max<size_t>(6, w.size() * 2 / 3)); break;
    }
    std::string t;
    for (const std::string& x : w) t += (t.empty() ? "" : " ") + x;
    texts.push_back(std::move(t));
    origin.push_back(b);
  }
  // Ingest order: as made, or shuffled (clusters should not depend on it).
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  if (shuffle_seed >= 0) {
    std::mt19937_64 shuffle_rng(static_cast<uint64_t>(shuffle_seed));
    std::shuffle(order.begin(), order.end(), shuffle_rng);
  }
  long rss_before = PeakRssKb();
  auto start = std::chrono::steady_clock::now();
  verbatim::cluster::QuoteClusterer clusterer;
  if (use_common) {
    // As BuildQuoteClusters: stems in more than 1% of the quotations (at least 20).
    absl::flat_hash_map<std::string, size_t> df;
    for (const std::string& t : texts) {
      for (std::string& st : verbatim::cluster::ContentStemSet(t)) ++df[std::move(st)];
    }
    absl::flat_hash_set<std::string> common;
    for (const auto& [st, c] : df) {
      if (c > std::max<size_t>(20, n / 100)) common.insert(st);
    }
    std::printf("common stems ignored: %zu\n", common.size());
    clusterer.SetCommonStems(std::move(common));
  }
  std::vector<int> id_of(n);
  for (size_t i : order) id_of[i] = clusterer.Add(texts[i]);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  long rss_after = PeakRssKb();
  std::vector<int> same_text = SameTextGroups(base);  // after measuring memory: not the clusterer's
  {
    absl::flat_hash_set<int> g(same_text.begin(), same_text.end());
    std::printf("real quotations %zu; %zu after merging same or near-same texts\n", base.size(), g.size());
  }
  // Pairwise precision/recall against origin groups, counted through group sizes. A cluster is
  // named by its member made first (so that shuffled runs name clusters alike).
  std::vector<uint64_t> cluster_of(n);
  {
    std::unordered_map<int, uint64_t> name;
    for (size_t i = 0; i < n; ++i) {
      auto [it, inserted] = name.try_emplace(clusterer.ClusterOf(id_of[i]), i);
      cluster_of[i] = it->second;
    }
  }
  std::unordered_map<uint64_t, uint64_t> both, by_cluster, by_origin, both_same, by_same;
  for (size_t i = 0; i < texts.size(); ++i) {
    uint64_t c = cluster_of[i];
    ++both[(c << 32) | origin[i]];
    ++by_cluster[c];
    ++by_origin[origin[i]];
    uint64_t s = static_cast<uint64_t>(same_text[origin[i]]);
    ++both_same[(c << 32) | s];
    ++by_same[s];
  }
  auto pairs = [](const std::unordered_map<uint64_t, uint64_t>& m) {
    double s = 0;
    for (const auto& [k, v] : m) s += static_cast<double>(v) * static_cast<double>(v - 1) / 2;
    return s;
  };
  double tp = pairs(both), pred = pairs(by_cluster), gold = pairs(by_origin);
  uint64_t largest = 0, largest_id = 0;
  for (const auto& [c, v] : by_cluster) {
    if (v > largest) largest = v, largest_id = c;
  }
  std::printf("quotations %zu from %zu real ones; largest cluster %llu\n", n, base.size(),
              static_cast<unsigned long long>(largest));
  if (std::getenv("VERBATIM_BENCH_SHOW")) {
    int shown = 0;
    for (size_t i = 0; i < texts.size() && shown < 15; ++i) {
      if (cluster_of[i] == largest_id) {
        std::printf("  %s\n", texts[i].substr(0, 110).c_str());
        ++shown;
      }
    }
  }
  std::printf("clustering: %.1f s, %.0f quotations/s, mean candidates %.1f\n", seconds,
              static_cast<double>(n) / seconds, static_cast<double>(clusterer.candidates_checked()) / static_cast<double>(n));
  std::printf("peak memory %.0f MB (before clustering %.0f MB): %.0f bytes per quotation\n", rss_after / 1024.0,
              rss_before / 1024.0, 1024.0 * static_cast<double>(rss_after - rss_before) / static_cast<double>(n));
  auto report = [&](double t, double g, const char* against) {
    double p = pred > 0 ? t / pred : 1.0, r = g > 0 ? t / g : 1.0;
    std::printf("pairwise precision %.3f recall %.3f F1 %.3f (against %s)\n", p, r, p + r > 0 ? 2 * p * r / (p + r) : 0.0,
                against);
  };
  report(tp, gold, "the quotation each variant was made from");
  report(pairs(both_same), pairs(by_same), "it, same or near-same real quotations merged");
  if (const char* dump = std::getenv("VERBATIM_BENCH_CLUSTERS")) {
    // One line per variant: its cluster (for comparing orders).
    if (FILE* f = std::fopen(dump, "w")) {
      for (size_t i = 0; i < n; ++i) std::fprintf(f, "%llu\n", static_cast<unsigned long long>(cluster_of[i]));
      std::fclose(f);
    }
  }
  return 0;
}

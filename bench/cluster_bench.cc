// Quote clustering at scale: N quotations made by re-sampling and perturbing real quotations
// of ../shared/corpus (BBC 2004, Reuters-21578, PolNeAR 2016), clustered by QuoteClusterer one
// at a time. Prints time, peak memory, bytes per quotation and pairwise precision/recall
// against the known variant groups (the quotation each variant was made from).
//   build/release/bench/cluster_bench [N=1000000]
// Not a test: figures go to docs/PERFORMANCE.md.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "cluster/quote_clusterer.h"
#include "ingest/reader.h"
#include "quotes/extractor.h"

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

}  // namespace

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
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
  long rss_before = PeakRssKb();
  auto start = std::chrono::steady_clock::now();
  verbatim::cluster::QuoteClusterer clusterer;
  for (const std::string& t : texts) clusterer.Add(t);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  long rss_after = PeakRssKb();
  // Pairwise precision/recall against origin groups, counted through group sizes.
  std::unordered_map<uint64_t, uint64_t> both, by_cluster, by_origin;
  for (size_t i = 0; i < texts.size(); ++i) {
    uint64_t c = static_cast<uint64_t>(clusterer.ClusterOf(static_cast<int>(i)));
    ++both[(c << 32) | origin[i]];
    ++by_cluster[c];
    ++by_origin[origin[i]];
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
      if (static_cast<uint64_t>(clusterer.ClusterOf(static_cast<int>(i))) == largest_id) {
        std::printf("  %s\n", texts[i].substr(0, 110).c_str());
        ++shown;
      }
    }
  }
  std::printf("clustering: %.1f s, %.0f quotations/s, mean candidates %.1f\n", seconds,
              static_cast<double>(n) / seconds, static_cast<double>(clusterer.candidates_checked()) / static_cast<double>(n));
  std::printf("peak memory %.0f MB (before clustering %.0f MB): %.0f bytes per quotation\n", rss_after / 1024.0,
              rss_before / 1024.0, 1024.0 * static_cast<double>(rss_after - rss_before) / static_cast<double>(n));
  std::printf("pairwise precision %.3f recall %.3f (against the quotation each variant was made from)\n",
              pred > 0 ? tp / pred : 1.0, gold > 0 ? tp / gold : 1.0);
  return 0;
}

// Extraction throughput on real wire and web copy (../shared/corpus), one thread: the shipped
// extractor (syntax stage and attribution model) and the rules alone (no parse, no model), so
// the cost of the syntax stage is a ratio within one run.
//   build/release/bench/extract_bench [--benchmark_filter=Bbc]
// Reports articles/s (items) and MB/s (bytes). Not a test: figures go to docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/reader.h"
#include "quotes/extractor.h"

namespace {

std::vector<verbatim::ingest::Document> Load(const std::string& name) {
  std::vector<verbatim::ingest::Document> docs;
  std::filesystem::path p = std::filesystem::path(VERBATIM_SHARED_DIR) / "corpus" / name;
  std::ifstream in(p);
  verbatim::ingest::ArticleReader reader;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    auto d = reader.FromJsonLine(line, name + ":" + std::to_string(++n));
    if (d.ok()) docs.push_back(*std::move(d));
  }
  return docs;
}

void Extract(benchmark::State& state, const std::string& corpus, bool with_models) {
  static std::map<std::string, std::vector<verbatim::ingest::Document>> cache;
  auto& docs = cache[corpus];
  if (docs.empty()) docs = Load(corpus);
  if (docs.empty()) {
    state.SkipWithError("corpus not found beside the repository (../shared)");
    return;
  }
  verbatim::quotes::ExtractorOptions options;
  if (!with_models) options.parse = verbatim::quotes::ParseScope::kNone;
  verbatim::quotes::Extractor extractor(options, with_models ? verbatim::quotes::ExtractorModels::Embedded()
                                                             : verbatim::quotes::ExtractorModels{});
  int64_t bytes = 0, quotes = 0;
  for (auto _ : state) {
    for (const auto& d : docs) {
      auto q = extractor.Extract(d);
      quotes += static_cast<int64_t>(q.size());
      bytes += static_cast<int64_t>(d.text.size());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(docs.size()));
  state.SetBytesProcessed(bytes);
  state.counters["quotes_per_1000_articles"] =
      1000.0 * static_cast<double>(quotes) / static_cast<double>(state.iterations() * docs.size());
}

void BM_ExtractReuters(benchmark::State& s) { Extract(s, "reuters-21578.jsonl", true); }
void BM_ExtractBbc(benchmark::State& s) { Extract(s, "bbc-2004.jsonl", true); }
void BM_ExtractReutersRulesOnly(benchmark::State& s) { Extract(s, "reuters-21578.jsonl", false); }
void BM_ExtractBbcRulesOnly(benchmark::State& s) { Extract(s, "bbc-2004.jsonl", false); }
BENCHMARK(BM_ExtractReuters)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_ExtractReutersRulesOnly)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_ExtractBbc)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_ExtractBbcRulesOnly)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();

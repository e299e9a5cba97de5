// Tagging and parsing throughput over the EWT dev sentences (gold tokens), one thread, with the
// embedded model (models/syntax-en-ewt.bin).
//   build/release/bench/syntax_bench
// Reports words/s (items). Peak RSS with the model loaded is printed once (from getrusage).
// Not a test: figures go to docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <string_view>
#include <vector>

#include "syntax/conllu.h"
#include "syntax/embedded_model.h"

namespace {

const std::vector<verbatim::syntax::ConlluSentence>& Dev() {
  static const auto* dev = new std::vector<verbatim::syntax::ConlluSentence>([] {
    auto d = verbatim::syntax::ReadConllu(std::string(VERBATIM_SHARED_DIR) + "/eval/ud-english-ewt/en_ewt-ud-dev.conllu");
    return d.ok() ? *std::move(d) : std::vector<verbatim::syntax::ConlluSentence>{};
  }());
  return *dev;
}

const std::vector<std::vector<std::string_view>>& Words() {
  static const auto* words = new std::vector<std::vector<std::string_view>>([] {
    std::vector<std::vector<std::string_view>> out;
    for (const auto& s : Dev()) {
      out.emplace_back();
      for (const auto& w : s.words) out.back().push_back(w.form);
    }
    return out;
  }());
  return *words;
}

template <bool kParse>
void Run(benchmark::State& state) {
  auto model = verbatim::syntax::EmbeddedModel();
  if (!model.ok() || Words().empty()) {
    state.SkipWithError("no model, or EWT dev not found beside the repository (../shared)");
    return;
  }
  int64_t words = 0;
  for (auto _ : state) {
    for (const auto& s : Words()) {
      if constexpr (kParse) {
        benchmark::DoNotOptimize((*model)->Parse(s));
      } else {
        benchmark::DoNotOptimize((*model)->Tag(s));
      }
      words += static_cast<int64_t>(s.size());
    }
  }
  state.SetItemsProcessed(words);
  if (kParse) {  // after the parse run: model and dev set loaded, parse state allocated
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    std::fprintf(stderr, "peak RSS %.1f MB (model tables %.1f MB, %zu features)\n", u.ru_maxrss / 1024.0,
                 static_cast<double>((*model)->memory_bytes()) / 1e6, (*model)->feature_count());
  }
}

void TagAndParse(benchmark::State& state) { Run<true>(state); }
void TagOnly(benchmark::State& state) { Run<false>(state); }

}  // namespace

BENCHMARK(TagAndParse)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK(TagOnly)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_MAIN();

// The hot paths of the pipeline one by one (issue 11), over real wire and web copy: the first
// kArticles articles of ../shared/corpus/reuters-21578.jsonl and of bbc-2004.jsonl, read once
// into memory. One thread; each benchmark reports articles (or quotations, or documents) per
// second as items/s and the text bytes it went through as MB/s.
//   build/release/bench/hotpaths_bench [--benchmark_filter=Normalize]
//
//   Normalize        text::Normalizer::Normalize (CRLF, spaces, hard wraps, skip ranges)
//   QuoteSpans       quotes::FindQuoteSpans over the normalised paragraphs
//   Tokenize         quotes::Tokenize over the normalised paragraphs
//   Extract*         quotes::Extractor::Extract: the rules alone (no parse, no model: as
//                    extract_bench turns the models off) and with the embedded models
//   ContentStems     cluster::ContentStems of every quotation `extract` finds (items: quotations)
//   KeysOf           cluster::QuoteClusterer::KeysOf (MinHash LSH + stem-pair keys; items:
//                    quotations)
//   StorePut         store::Store::PutDocument with the extracted quotations, 500 documents
//                    per transaction, into a new database file in a fresh temporary folder
//                    (items: documents; bytes: their text; wall time, since it waits on the disk)
// Not a test: figures go to docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "cluster/quote_clusterer.h"
#include "cluster/quote_words.h"
#include "ingest/reader.h"
#include "quotes/extractor.h"
#include "quotes/quote_marks.h"
#include "quotes/token.h"
#include "store/store.h"
#include "text/normalizer.h"

namespace {

namespace fs = std::filesystem;
using verbatim::ingest::Document;

constexpr int kArticles = 1000;  // per corpus

struct Corpus {
  std::vector<Document> docs;
  int64_t text_bytes = 0;
  std::vector<verbatim::text::NormalizedText> normalized;                // per document
  std::vector<std::vector<verbatim::quotes::ParagraphRange>> paragraphs;  // per document
  std::vector<std::vector<verbatim::quotes::Quotation>> quotes;           // shipped extractor
  std::vector<std::string> quote_texts;                                   // every quotation
  int64_t quote_bytes = 0;
};

const Corpus& Load(const std::string& name) {
  static std::map<std::string, Corpus> cache;
  auto [it, fresh] = cache.try_emplace(name);
  Corpus& c = it->second;
  if (!fresh) return c;
  std::ifstream in(fs::path(VERBATIM_SHARED_DIR) / "corpus" / name);
  verbatim::ingest::ArticleReader reader;
  std::string line;
  int n = 0;
  while (static_cast<int>(c.docs.size()) < kArticles && std::getline(in, line)) {
    auto d = reader.FromJsonLine(line, name + ":" + std::to_string(++n));
    if (d.ok()) c.docs.push_back(*std::move(d));
  }
  verbatim::text::Normalizer normalizer;
  verbatim::quotes::Extractor extractor;  // the shipped one: embedded models
  for (const Document& d : c.docs) {
    c.text_bytes += static_cast<int64_t>(d.text.size());
    c.normalized.push_back(normalizer.Normalize(d.text, d.skip));
    auto& paras = c.paragraphs.emplace_back();
    for (const auto& r : c.normalized.back().paragraphs) {
      paras.push_back({static_cast<uint32_t>(r.begin), static_cast<uint32_t>(r.end)});
    }
    c.quotes.push_back(extractor.Extract(d));
    for (const auto& q : c.quotes.back()) {
      c.quote_texts.push_back(q.text);
      c.quote_bytes += static_cast<int64_t>(q.text.size());
    }
  }
  return c;
}

// Loads the corpus, or marks the benchmark skipped when ../shared is missing.
const Corpus* Get(benchmark::State& state, const std::string& name) {
  const Corpus& c = Load(name);
  if (c.docs.empty()) {
    state.SkipWithError("corpus not found beside the repository (../shared)");
    return nullptr;
  }
  return &c;
}

void Report(benchmark::State& state, int64_t items, int64_t bytes) {
  state.SetItemsProcessed(state.iterations() * items);
  state.SetBytesProcessed(state.iterations() * bytes);
}

void Normalize(benchmark::State& state, const std::string& name) {
  const Corpus* c = Get(state, name);
  if (c == nullptr) return;
  verbatim::text::Normalizer normalizer;
  for (auto _ : state) {
    for (const Document& d : c->docs) benchmark::DoNotOptimize(normalizer.Normalize(d.text, d.skip));
  }
  Report(state, static_cast<int64_t>(c->docs.size()), c->text_bytes);
}

void QuoteSpans(benchmark::State& state, const std::string& name) {
  const Corpus* c = Get(state, name);
  if (c == nullptr) return;
  int64_t bytes = 0;
  for (const auto& n : c->normalized) bytes += static_cast<int64_t>(n.text.size());
  for (auto _ : state) {
    for (size_t i = 0; i < c->docs.size(); ++i) {
      benchmark::DoNotOptimize(verbatim::quotes::FindQuoteSpans(c->normalized[i].text, c->paragraphs[i]));
    }
  }
  Report(state, static_cast<int64_t>(c->docs.size()), bytes);
}

void Tokenize(benchmark::State& state, const std::string& name) {
  const Corpus* c = Get(state, name);
  if (c == nullptr) return;
  int64_t bytes = 0;
  for (const auto& n : c->normalized) bytes += static_cast<int64_t>(n.text.size());
  for (auto _ : state) {
    for (size_t i = 0; i < c->docs.size(); ++i) {
      benchmark::DoNotOptimize(verbatim::quotes::Tokenize(c->normalized[i].text, c->paragraphs[i]));
    }
  }
  Report(state, static_cast<int64_t>(c->docs.size()), bytes);
}

void Extract(benchmark::State& state, const std::string& name, bool with_models) {
  const Corpus* c = Get(state, name);
  if (c == nullptr) return;
  verbatim::quotes::ExtractorOptions options;
  if (!with_models) options.parse = verbatim::quotes::ParseScope::kNone;
  verbatim::quotes::Extractor extractor(options, with_models ? verbatim::quotes::ExtractorModels::Embedded()
                                                             : verbatim::quotes::ExtractorModels{});
  int64_t quotes = 0;
  for (auto _ : state) {
    for (const Document& d : c->docs) quotes += static_cast<int64_t>(extractor.Extract(d).size());
  }
  Report(state, static_cast<int64_t>(c->docs.size()), c->text_bytes);
  state.counters["quotes_per_article"] =
      static_cast<double>(quotes) / static_cast<double>(state.iterations() * c->docs.size());
}

void Stems(benchmark::State& state, const std::string& name) {
  const Corpus* c = Get(state, name);
  if (c == nullptr) return;
  for (auto _ : state) {
    for (const std::string& q : c->quote_texts) benchmark::DoNotOptimize(verbatim::cluster::ContentStems(q));
  }
  Report(state, static_cast<int64_t>(c->quote_texts.size()), c->quote_bytes);
}

void Keys(benchmark::State& state, const std::string& name) {
  const Corpus* c = Get(state, name);
  if (c == nullptr) return;
  verbatim::cluster::QuoteClusterer clusterer;
  for (auto _ : state) {
    for (const std::string& q : c->quote_texts) benchmark::DoNotOptimize(clusterer.KeysOf(q));
  }
  Report(state, static_cast<int64_t>(c->quote_texts.size()), c->quote_bytes);
}

// A fresh temporary folder, removed when the benchmark ends.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "verbatim-bench-XXXXXX").string();
    if (mkdtemp(tmpl.data()) != nullptr) path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

void StorePut(benchmark::State& state, const std::string& name) {
  const Corpus* c = Get(state, name);
  if (c == nullptr) return;
  TempDir dir;
  if (dir.path.empty()) {
    state.SkipWithError("no temporary folder");
    return;
  }
  int run = 0;
  for (auto _ : state) {
    // Every iteration writes into a new, empty database: the first document of a batch of 500
    // opens a transaction, the 500th commits it.
    state.PauseTiming();
    auto store = verbatim::store::Store::Open((dir.path / ("bench-" + std::to_string(run++) + ".db")).string());
    state.ResumeTiming();
    if (!store.ok()) {
      state.SkipWithError(std::string(store.status().message()).c_str());
      return;
    }
    for (size_t i = 0; i < c->docs.size(); ++i) {
      if (i % 500 == 0 && !(*store)->BeginBatch().ok()) state.SkipWithError("BeginBatch failed");
      auto put = (*store)->PutDocument(c->docs[i], c->quotes[i], verbatim::quotes::Extractor::kVersion);
      if (!put.ok()) state.SkipWithError(std::string(put.status().message()).c_str());
      if (i % 500 == 499 || i + 1 == c->docs.size()) {
        if (!(*store)->CommitBatch().ok()) state.SkipWithError("CommitBatch failed");
      }
    }
    state.PauseTiming();
    store->reset();  // closing (WAL checkpoint) is not part of the writes
    state.ResumeTiming();
  }
  Report(state, static_cast<int64_t>(c->docs.size()), c->text_bytes);
}

const std::string kReuters = "reuters-21578.jsonl";
const std::string kBbc = "bbc-2004.jsonl";

#define VERBATIM_BENCH_BOTH(fn, ...)                                                       \
  void BM_##fn##Reuters(benchmark::State& s) { fn(s, kReuters __VA_OPT__(, ) __VA_ARGS__); } \
  void BM_##fn##Bbc(benchmark::State& s) { fn(s, kBbc __VA_OPT__(, ) __VA_ARGS__); }

VERBATIM_BENCH_BOTH(Normalize)
VERBATIM_BENCH_BOTH(QuoteSpans)
VERBATIM_BENCH_BOTH(Tokenize)
VERBATIM_BENCH_BOTH(Stems)
VERBATIM_BENCH_BOTH(Keys)
VERBATIM_BENCH_BOTH(StorePut)
void BM_ExtractRulesOnlyReuters(benchmark::State& s) { Extract(s, kReuters, false); }
void BM_ExtractRulesOnlyBbc(benchmark::State& s) { Extract(s, kBbc, false); }
void BM_ExtractWithModelsReuters(benchmark::State& s) { Extract(s, kReuters, true); }
void BM_ExtractWithModelsBbc(benchmark::State& s) { Extract(s, kBbc, true); }

// Short runs: the whole binary takes well under two minutes on the project machine.
#define VERBATIM_REGISTER(name) BENCHMARK(name)->Unit(benchmark::kMillisecond)->MinTime(0.5)
VERBATIM_REGISTER(BM_NormalizeReuters);
VERBATIM_REGISTER(BM_NormalizeBbc);
VERBATIM_REGISTER(BM_QuoteSpansReuters);
VERBATIM_REGISTER(BM_QuoteSpansBbc);
VERBATIM_REGISTER(BM_TokenizeReuters);
VERBATIM_REGISTER(BM_TokenizeBbc);
VERBATIM_REGISTER(BM_ExtractRulesOnlyReuters);
VERBATIM_REGISTER(BM_ExtractRulesOnlyBbc);
BENCHMARK(BM_ExtractWithModelsReuters)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_ExtractWithModelsBbc)->Unit(benchmark::kMillisecond)->Iterations(1);
VERBATIM_REGISTER(BM_StemsReuters);
VERBATIM_REGISTER(BM_StemsBbc);
VERBATIM_REGISTER(BM_KeysReuters);
VERBATIM_REGISTER(BM_KeysBbc);
BENCHMARK(BM_StorePutReuters)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_StorePutBbc)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();

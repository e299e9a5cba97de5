// HTML parsing (Gumbo vs libxml2) and body extraction over the AEB pages, one thread.
//   build/release/bench/html_bench
// Reports bytes/s and pages/s (items) for: parsing alone with each parser, extraction alone on
// parsed pages, and both together (what `verbatim eval html` and ingest pay per page).
// Inflating the .gz files happens once, before timing. Not a test: figures go to
// docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "eval/html_eval.h"
#include "html/body_extractor.h"
#include "html/dom.h"

namespace {

using verbatim::html::BodyExtractor;
using verbatim::html::Dom;
using verbatim::html::HtmlParser;

const std::vector<std::string>& Pages() {
  static const auto* pages = new std::vector<std::string>([] {
    std::vector<std::string> out;
    std::filesystem::path dir = std::filesystem::path(VERBATIM_SHARED_DIR) / "eval/html/aeb/html";
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      auto page = verbatim::eval::ReadGzipFile(f);
      if (page.ok()) out.push_back(verbatim::eval::PageToUtf8(*std::move(page)));
    }
    return out;
  }());
  return *pages;
}

size_t TotalBytes() {
  size_t n = 0;
  for (const std::string& p : Pages()) n += p.size();
  return n;
}

void Report(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Pages().size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}

void BM_Parse(benchmark::State& state) {
  if (Pages().empty()) return state.SkipWithError("no AEB pages under ../shared");
  HtmlParser parser = static_cast<HtmlParser>(state.range(0));
  for (auto _ : state) {
    for (const std::string& p : Pages()) benchmark::DoNotOptimize(Dom::Parse(p, parser).size());
  }
  Report(state);
}
BENCHMARK(BM_Parse)->Arg(static_cast<int>(HtmlParser::kGumbo))->Arg(static_cast<int>(HtmlParser::kLibxml2))
    ->ArgName("parser(0=gumbo,1=libxml2)")->Unit(benchmark::kMillisecond);

void BM_Extract(benchmark::State& state) {
  if (Pages().empty()) return state.SkipWithError("no AEB pages under ../shared");
  std::vector<Dom> doms;
  for (const std::string& p : Pages()) doms.push_back(Dom::Parse(p, HtmlParser::kLibxml2));
  BodyExtractor extractor;
  for (auto _ : state) {
    for (const Dom& d : doms) benchmark::DoNotOptimize(extractor.Extract(d).blocks.size());
  }
  Report(state);
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

void BM_ParseAndExtract(benchmark::State& state) {
  if (Pages().empty()) return state.SkipWithError("no AEB pages under ../shared");
  HtmlParser parser = static_cast<HtmlParser>(state.range(0));
  BodyExtractor extractor;
  for (auto _ : state) {
    for (const std::string& p : Pages()) {
      benchmark::DoNotOptimize(extractor.Extract(Dom::Parse(p, parser)).blocks.size());
    }
  }
  Report(state);
}
BENCHMARK(BM_ParseAndExtract)->Arg(static_cast<int>(HtmlParser::kGumbo))
    ->Arg(static_cast<int>(HtmlParser::kLibxml2))->ArgName("parser(0=gumbo,1=libxml2)")
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

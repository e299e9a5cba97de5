// HTML body-extraction evaluation on two public sets, scored the way their authors score them.
//
//   html::BodyExtractor extractor;
//   auto aeb = eval::EvaluateAeb("../shared/eval/html/aeb", extractor, html::HtmlParser::kGumbo);
//   auto traf = eval::EvaluateSnippets("../shared/eval/html/trafilatura", extractor,
//                                      html::HtmlParser::kGumbo);
//
// AEB (Zyte/scrapinghub article-extraction-benchmark, evaluate.py, followed exactly):
//   tokens are Python's `re.findall(r'\w+', text)` (letters of any script, digits, numbers, '_';
//   case kept); shingles are the tuples tokens[i:i+4] for i in range(max(1, n-3)) (a text of
//   fewer than 4 tokens is one shingle of all of them; no tokens, none); shingles are counted as
//   multisets: tp = sum min(true, pred), fp = sum (pred-true)+, fn = sum (true-pred)+, then
//   tp/fp/fn are divided by their sum so every page weighs the same. precision = tp/(tp+fp)
//   (1 when fp = fn = 0) averaged over the pages with tp+fp > 0 (an empty prediction does not
//   enter precision); recall likewise over pages with tp+fn > 0; F1 = 2PR/(P+R) of those means
//   (not a mean of per-page F1s). The bootstrap intervals are not computed.
// Trafilatura (tests/eval_common.py): text and snippets are whitespace-normalised
//   (`re.sub(r"\s+", " ", t).strip()`, Python's Unicode \s); matching is a case-sensitive
//   substring test; a `with` snippet found is a TP, missed an FN; a `without` snippet found is an
//   FP, absent a TN; precision, recall and F1 over all snippets of all pages.
//
// Pages are read as .html.gz, inflated with zlib and decoded to UTF-8: valid UTF-8 is taken as
// is; otherwise the <meta charset> (or http-equiv content) names the encoding and ICU converts;
// failing that, invalid bytes become U+FFFD.
//
// Pure functions and plain values; thread-compatible.
#ifndef VERBATIM_EVAL_HTML_EVAL_H_
#define VERBATIM_EVAL_HTML_EVAL_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "html/body_extractor.h"
#include "html/dom.h"

namespace verbatim::eval {

// --- Pieces, exposed for tests ---

// The whole content of a gzip file. Fails when it cannot be read or inflated.
absl::StatusOr<std::string> ReadGzipFile(const std::filesystem::path& path);

// `bytes` as UTF-8 (see the header comment); `converted` tells whether it was not UTF-8.
std::string PageToUtf8(std::string bytes, bool* converted = nullptr);

// AEB's tokens: maximal runs of Python `\w` characters.
std::vector<std::string> AebTokens(std::string_view text);

struct ShingleMatch {
  double tp = 0, fp = 0, fn = 0;  // normalised so that tp + fp + fn = 1 (or all 0)
};
ShingleMatch MatchShingles(std::string_view truth, std::string_view predicted);

struct PrecisionRecall {
  double precision = 0, recall = 0, f1 = 0;
};
// AEB's averaging over pages.
PrecisionRecall AverageAeb(const std::vector<ShingleMatch>& pages);
// One page's precision and recall by AEB's rules, and their F1 (for ranking pages).
PrecisionRecall PageAeb(const ShingleMatch& m);

// Trafilatura's whitespace normalisation.
std::string NormalizeSpaces(std::string_view text);

// --- Whole sets ---

// Time spent per page, beside the page bytes (inflating and decoding are not counted).
struct HtmlTiming {
  size_t pages = 0;
  size_t bytes = 0;
  double parse_seconds = 0;
  double extract_seconds = 0;
  double PagesPerSecond() const;         // parse + extract
  double ParsePagesPerSecond() const;
  double ExtractPagesPerSecond() const;
  double MegabytesPerSecond() const;     // parse + extract, 10^6 bytes
};

struct AebPage {
  std::string id, url;
  ShingleMatch match;
  PrecisionRecall scores;
  size_t truth_chars = 0, predicted_chars = 0;
  std::string predicted;  // the extracted body
};

struct AebReport {
  std::vector<AebPage> pages;  // in ground-truth order
  PrecisionRecall scores;
  HtmlTiming timing;
  size_t converted_pages = 0;  // pages that were not UTF-8
};

// Reads DIR/ground-truth.json and DIR/html/<id>.html.gz. Fails when the ground truth is missing
// or malformed or a page cannot be read.
absl::StatusOr<AebReport> EvaluateAeb(const std::filesystem::path& dir,
                                      const html::BodyExtractor& extractor,
                                      html::HtmlParser parser);

struct SnippetPage {
  std::string url, file;
  int tp = 0, fp = 0, fn = 0, tn = 0;
  std::vector<std::string> missed;  // `with` snippets not found
  std::vector<std::string> leaked;  // `without` snippets found
};

struct SnippetReport {
  std::vector<SnippetPage> pages;  // in evaldata.json order
  int tp = 0, fp = 0, fn = 0, tn = 0;
  double precision = 0, recall = 0, f1 = 0, accuracy = 0;
  HtmlTiming timing;
  size_t converted_pages = 0;
};

// Counts one page's snippets against an extracted text.
SnippetPage CountSnippets(std::string_view extracted, const std::vector<std::string>& with,
                          const std::vector<std::string>& without);

// Reads DIR/evaldata.json and DIR/pages/<file>. Fails like EvaluateAeb.
absl::StatusOr<SnippetReport> EvaluateSnippets(const std::filesystem::path& dir,
                                               const html::BodyExtractor& extractor,
                                               html::HtmlParser parser);

}  // namespace verbatim::eval

#endif  // VERBATIM_EVAL_HTML_EVAL_H_

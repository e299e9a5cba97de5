// Scores the page metadata extractor (html/page_metadata.h) on two public sets:
//
//  * MediaCloud 2020 publication dates, as htmldate's evaluation counts them
//    (adbar/htmldate tests/evaluation.py): a found date equal to the gold date is a true
//    positive, any other found date a false positive (also when the gold is null), no date
//    where the gold has one a false negative, no date where the gold is null a true negative.
//    accuracy = (TP+TN)/all, precision = TP/(TP+FP), recall = TP/(TP+FN),
//    F1 = 2TP/(2TP+FP+FN). Only the calendar date (the first 10 characters) is compared.
//    (htmldate's current script also counts a null-gold, no-date page as a false negative;
//    we count it once, as a true negative; the 2 null pages of our half make the difference.)
//    Layout: DIR/dates.json = {url: {"file": "x.html.gz", "date": "YYYY-MM-DD" | null}},
//    DIR/pages/x.html.gz.
//
//  * trafilatura's evaluation pages: title, date and author as exact matches after white
//    space is collapsed (the date by its first 10 characters), each rate over the pages whose
//    gold has that field. Layout: DIR/evaldata.json = {url: {"file", "title", "date",
//    "author", ...}}, DIR/pages/<file>.
//
//   absl::StatusOr<DateEvalResult> r = EvaluateMediacloudDates("../shared/eval/html/mediacloud-2020");
//   if (r.ok()) std::cout << FormatDateEval(*r);
//
// Pages are gzip files, read here with zlib; bytes that are not UTF-8 are converted from the
// page's declared charset with ICU, or repaired (invalid bytes become U+FFFD). A page that
// cannot be read counts as a page without a date (and is listed with its error); only a
// missing gold file fails the whole evaluation. Thread-compatible functions without state.
#ifndef VERBATIM_EVAL_HTML_METADATA_EVAL_H_
#define VERBATIM_EVAL_HTML_METADATA_EVAL_H_

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "html/dom.h"
#include "html/page_metadata.h"

namespace verbatim::eval {

struct HtmlMetadataEvalOptions {
  html::MetadataOptions metadata;                  // the extractor's options
  html::HtmlParser parser = html::HtmlParser::kGumbo;
};

// One page whose date was not right.
struct DateMiss {
  std::string url;
  std::string file;
  std::string gold;       // "" for null
  std::string predicted;  // "" for none
  std::string source;     // the signal that gave `predicted`
  std::string error;      // why the page could not be read, if so
};

struct DateEvalResult {
  int pages = 0;
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;
  int true_negatives = 0;
  double accuracy = 0, precision = 0, recall = 0, f1 = 0;
  std::map<std::string, int> found_by_source;    // signal -> pages dated by it
  std::map<std::string, int> correct_by_source;  // signal -> of those, right
  std::vector<DateMiss> misses;
};

absl::StatusOr<DateEvalResult> EvaluateMediacloudDates(const std::filesystem::path& dir,
                                                       const HtmlMetadataEvalOptions& options = {});

// One field of one page that did not match.
struct FieldMiss {
  std::string file;
  std::string field;  // "title", "date", "author"
  std::string gold;
  std::string predicted;
};

struct FieldScore {
  int gold = 0;     // pages whose gold has the field
  int correct = 0;  // of those, exact matches
  double rate() const { return gold == 0 ? 0.0 : static_cast<double>(correct) / gold; }
};

struct MetadataEvalResult {
  int pages = 0;
  FieldScore title, date, author;
  std::vector<FieldMiss> misses;
};

absl::StatusOr<MetadataEvalResult> EvaluateTrafilaturaMetadata(
    const std::filesystem::path& dir, const HtmlMetadataEvalOptions& options = {});

// Human-readable summaries (a few lines, then the misses when `with_misses`) and JSON objects
// ({"pages":..,"accuracy":..,...,"misses":[...]}) for the command line.
std::string FormatDateEval(const DateEvalResult& r, bool with_misses = false);
std::string DateEvalToJson(const DateEvalResult& r);
std::string FormatMetadataEval(const MetadataEvalResult& r, bool with_misses = false);
std::string MetadataEvalToJson(const MetadataEvalResult& r);

// Exposed for tests: a gzip file's bytes (or the file as is when it is not gzip), and HTML
// bytes as valid UTF-8 without NUL (declared charset converted, else repaired).
absl::StatusOr<std::string> ReadMaybeGzip(const std::filesystem::path& path);
std::string HtmlBytesToUtf8(std::string_view bytes);

}  // namespace verbatim::eval

#endif  // VERBATIM_EVAL_HTML_METADATA_EVAL_H_

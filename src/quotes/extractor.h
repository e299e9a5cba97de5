// Extractor: finds every quotation in a document and attributes it to a speaker.
//
//   ingest::ArticleReader reader;
//   quotes::Extractor extractor;                       // default options
//   for (const quotes::Quotation& q : extractor.Extract(document)) ...
//
// What it finds (docs/FORMATS.md has the output contract, docs/ARCHITECTURE.md the design):
//   direct    "There is something on the table now," Rutte told reporters.
//   partial   Rutte said there is a "total commitment" of the US to NATO.
//   split     "We are ready," she said, "and we will sign."      (one quotation, 2 segments)
//   multi-paragraph: a paragraph opens a quote and does not close it, the next reopens it
//   nested    "... He said, 'I'm willing to sit with Putin ...'."  (own speaker, parent index)
//   headline  NATO Chief: “The Ball Is Clearly in Russia’s Court” on Ukraine Peace Talks
//   unmarked  a line without quote marks ending in ",", attributed on the next line
// and what it rejects: names of things ("the "Financial Times""), scare quotes of one or two
// words with no speaker, quoted terms with no reporting cue.
//
// Options (defaults in brackets):
//   find_unmarked      [true]   lines without quote marks attributed on the next line
//   find_indirect      [true]   reported speech ("Rutte said the alliance is ...")
//   learned_cue_precision [0.2] learned cues (src/quotes/learned_cues.inc) used for reported
//                               speech when their train precision reaches this
//   min_confidence     [0.0]    drop quotations below this confidence
//   parse              [kCueSentences]  which sentences the syntax stage parses: those with a
//                               quote mark, a cue of the rules' lexicon or a word that heads a
//                               cue often in training (kAll: every one; kNone: none,
//                               attribution falls back to its rules)
//   any_language       [false]  also read articles whose `lang` is known and not English
//                               (the lexicon, the parser and the model are English: such
//                               articles yield no quotations unless this is set)
//   parse_min_cue_share [0]     "often": in at least this percentage of its uses in PolNeAR
//                               train (news text has a cue word in most sentences, so a
//                               higher share saves little time: docs/PERFORMANCE.md)
//
// Models: the syntax model (src/syntax) and the attribution model (attribution_model.h) are
// shared, read-only; by default the ones compiled into the binary.
//
// Thread-safe: Extract is const and keeps no state between calls.
#ifndef VERBATIM_QUOTES_EXTRACTOR_H_
#define VERBATIM_QUOTES_EXTRACTOR_H_

#include <string_view>
#include <vector>

#include "ingest/document.h"
#include "quotes/attribution_model.h"
#include "quotes/lexicon.h"
#include "quotes/quotation.h"
#include "syntax/model.h"
#include "syntax/parse_cache.h"

namespace verbatim::quotes {

enum class ParseScope { kCueSentences, kAll, kNone };

struct ExtractorOptions {
  bool find_unmarked = true;
  bool find_indirect = true;
  // Reported speech also after cues learned from PolNeAR train whose precision there is at
  // least this (scripts/train_cues.py); 1.1 turns them off.
  double learned_cue_precision = 0.2;
  double min_confidence = 0.0;
  ParseScope parse = ParseScope::kCueSentences;
  // kCueSentences: a word of the attribution model's cue vocabulary makes its sentence worth
  // parsing when it headed a cue in at least this percentage of its uses in training.
  int parse_min_cue_share = 0;
  bool any_language = false;
};

// True when the extractor reads `doc` under `options`: its language is English or unknown.
bool ExtractsLanguageOf(const ingest::Document& doc, const ExtractorOptions& options);

// The models an Extractor reads; both must outlive it. A null member means no model: no
// parse (attribution by rules alone), or no learned attribution decisions.
struct ExtractorModels {
  const syntax::Model* syntax = nullptr;
  const AttributionModel* attribution = nullptr;
  // When set (it must wrap `syntax`), sentences are parsed through it: the same parses, each
  // distinct sentence once while it stays in the cache. Shared by the extraction threads.
  syntax::ParseCache* parse_cache = nullptr;
  // The models compiled into the binary; aborts if they do not load (a build error).
  static ExtractorModels Embedded();
};

class Extractor {
 public:
  // Recorded with every stored quotation; bump when output for the same input can change.
  static constexpr std::string_view kVersion = "verbatim-extract-4";

  explicit Extractor(ExtractorOptions options = {}, ExtractorModels models = ExtractorModels::Embedded());

  // Quotations of `doc`, title-field ones first, then by start offset; a nested quotation
  // follows its parent. Never fails: text it cannot read yields fewer quotations. An article
  // in a language the extractor does not read (ExtractsLanguageOf) yields none.
  std::vector<Quotation> Extract(const ingest::Document& doc) const;

 private:
  ExtractorOptions options_;
  ExtractorModels models_;
  const Lexicon& lexicon_;
};

}  // namespace verbatim::quotes

#endif  // VERBATIM_QUOTES_EXTRACTOR_H_

#include "quotes/attribution_training.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "quotes/attribution_features.h"
#include "quotes/document_extraction.h"
#include "syntax/lexicon.h"
#include "syntax/model_file.h"
#include "syntax/random.h"

namespace verbatim::quotes {
namespace {

using internal::ContentCandidate;
using internal::FieldData;
using internal::kNone;
using internal::SourceCandidate;

// Feature keys of many examples in one buffer.
struct KeyStore {
  std::vector<uint64_t> keys;
  std::vector<size_t> begin{0};
  size_t Add(const std::vector<uint64_t>& k) {
    keys.insert(keys.end(), k.begin(), k.end());
    begin.push_back(keys.size());
    return begin.size() - 2;
  }
  std::span<const uint64_t> Get(size_t i) const {
    return std::span<const uint64_t>(keys).subspan(begin[i], begin[i + 1] - begin[i]);
  }
};

struct CueExample {
  size_t keys;
  int label;  // 1: a cue head
};

// A ranking example: candidates [first, last) of the key store, the right one `gold`.
struct RankExample {
  size_t first, last, gold;
};

size_t Overlap(size_t a, size_t b, size_t c, size_t d) {
  size_t lo = std::max(a, c), hi = std::min(b, d);
  return hi > lo ? hi - lo : 0;
}

// The words of `f` overlapping [begin, end) of the original text.
std::pair<int, int> WordsIn(const FieldData& f, size_t begin, size_t end) {
  auto first = std::lower_bound(f.words.begin(), f.words.end(), begin,
                                [](const internal::Word& w, size_t b) { return w.orig_end <= b; });
  int b = static_cast<int>(first - f.words.begin()), e = b - 1;
  while (e + 1 < static_cast<int>(f.words.size()) && f.words[e + 1].orig_begin < end) ++e;
  return {b, e};
}

// One training epoch of a ranking perceptron over `examples` (scores are class 0 - class 1).
size_t RankEpoch(syntax::PerceptronTrainer& t, const KeyStore& store, const std::vector<RankExample>& examples,
                 const std::vector<size_t>& order) {
  size_t right = 0;
  for (size_t i : order) {
    const RankExample& ex = examples[i];
    size_t best = ex.first;
    double best_score = 0;
    for (size_t c = ex.first; c < ex.last; ++c) {
      double s[2] = {0, 0};
      t.Score(store.Get(c), s);
      if (c == ex.first || s[0] - s[1] > best_score) {
        best = c;
        best_score = s[0] - s[1];
      }
    }
    if (best == ex.gold) {
      ++right;
    } else {
      t.Update(store.Get(ex.gold), 0, 1);
      t.Update(store.Get(best), 1, 0);
    }
    t.NextInstance();
  }
  return right;
}

// The examples of a set of annotated documents.
struct Examples {
  KeyStore cue_keys, content_keys, source_keys;
  std::vector<CueExample> cues;
  std::vector<RankExample> contents, sources;
  absl::flat_hash_map<uint64_t, int> cue_counts, word_counts;  // by Word::lower_hash
  size_t attributions = 0, cue_found = 0;
};

Examples BuildExamples(const std::vector<AnnotatedDocument>& docs, const syntax::Model& syntax) {
  Examples x;
  ExtractorOptions extractor_options;
  extractor_options.parse = ParseScope::kAll;
  ExtractorModels models{&syntax, nullptr};
  std::vector<uint64_t> keys;
  for (const AnnotatedDocument& ad : docs) {
    internal::DocumentExtraction extraction(*ad.doc, extractor_options, models, Lexicon::Default());
    const FieldData& f = extraction.AnalyzeText();
    // The cue head of every attribution (kNone where the parse cannot find it).
    std::vector<int> heads;
    std::vector<bool> is_cue(f.words.size(), false);
    for (const AnnotatedAttribution& a : ad.attributions) {
      int head = kNone;
      if (a.cue) {
        auto [b, e] = WordsIn(f, a.cue->begin, a.cue->end);
        if (b <= e && f.words[b].sentence == f.words[e].sentence) head = internal::CueHead(f, b, e);
      }
      heads.push_back(head);
      ++x.attributions;
      if (head != kNone) {
        ++x.cue_found;
        is_cue[head] = true;
        ++x.cue_counts[f.words[head].lower_hash];
      }
    }
    for (size_t w = 0; w < f.words.size(); ++w) {
      if (!f.words[w].parsed || f.words[w].upos == syntax::Upos::kPunct) continue;
      ++x.word_counts[f.words[w].lower_hash];
      keys.clear();
      internal::CueFeatures(f, static_cast<int>(w), keys);
      x.cues.push_back({x.cue_keys.Add(keys), is_cue[w] ? 1 : 0});
    }
    for (size_t i = 0; i < ad.attributions.size(); ++i) {
      int cue = heads[i];
      if (cue == kNone) continue;
      const AnnotatedAttribution& a = ad.attributions[i];
      // Content: the candidate that overlaps the annotation best.
      std::vector<ContentCandidate> cands = internal::ContentCandidates(f, cue);
      double best_ratio = 0;
      size_t gold = 0;
      for (size_t c = 0; c < cands.size(); ++c) {
        size_t b = f.words[cands[c].first].orig_begin, e = f.words[cands[c].last].orig_end;
        double o = static_cast<double>(Overlap(b, e, a.content.begin, a.content.end));
        double ratio = std::min(o / static_cast<double>(std::max<size_t>(1, a.content.size())),
                                o / static_cast<double>(std::max<size_t>(1, e - b)));
        if (ratio > best_ratio) {
          best_ratio = ratio;
          gold = c;
        }
      }
      if (best_ratio >= 0.5) {
        RankExample ex{x.content_keys.begin.size() - 1, 0, 0};
        for (size_t c = 0; c < cands.size(); ++c) {
          keys.clear();
          internal::ContentFeatures(f, cue, cands[c], keys);
          size_t k = x.content_keys.Add(keys);
          if (c == gold) ex.gold = k;
        }
        ex.last = x.content_keys.begin.size() - 1;
        x.contents.push_back(ex);
      }
      // Source: the candidate whose head lies in the annotated source, or none.
      std::vector<SourceCandidate> srcs = internal::SourceCandidates(f, cue);
      size_t src_gold = a.source ? srcs.size() : 0;
      if (a.source) {
        for (size_t c = 1; c < srcs.size(); ++c) {
          const internal::Word& h = f.words[srcs[c].head];
          if (h.orig_begin >= a.source->begin && h.orig_end <= a.source->end) {
            src_gold = c;
            break;
          }
        }
      }
      if (src_gold < srcs.size()) {
        RankExample ex{x.source_keys.begin.size() - 1, 0, 0};
        for (size_t c = 0; c < srcs.size(); ++c) {
          keys.clear();
          internal::SourceFeatures(f, cue, srcs[c], keys);
          size_t k = x.source_keys.Add(keys);
          if (c == src_gold) ex.gold = k;
        }
        ex.last = x.source_keys.begin.size() - 1;
        x.sources.push_back(ex);
      }
    }
  }
  return x;
}

// The share of ranking examples whose best candidate under the averaged weights is right.
double RankAccuracy(const syntax::PerceptronTrainer& t, const KeyStore& store, const std::vector<RankExample>& examples) {
  size_t right = 0;
  for (const RankExample& ex : examples) {
    size_t best = ex.first;
    double best_score = 0;
    for (size_t c = ex.first; c < ex.last; ++c) {
      double s[2] = {0, 0};
      t.ScoreAveraged(store.Get(c), s);
      if (c == ex.first || s[0] - s[1] > best_score) {
        best = c;
        best_score = s[0] - s[1];
      }
    }
    right += best == ex.gold;
  }
  return examples.empty() ? 0 : static_cast<double>(right) / static_cast<double>(examples.size());
}

}  // namespace

AttributionModel TrainAttributionModel(const std::vector<AnnotatedDocument>& train, const std::vector<AnnotatedDocument>& dev,
                                       const syntax::Model& syntax, const AttributionTrainOptions& options,
                                       const AttributionProgress& progress) {
  Examples tx = BuildExamples(train, syntax);
  Examples dx = BuildExamples(dev, syntax);
  syntax::PerceptronTrainer cue_t(2), content_t(2), source_t(2);
  syntax::Random random(options.seed);
  std::vector<size_t> cue_order(tx.cues.size()), content_order(tx.contents.size()), source_order(tx.sources.size());
  for (size_t i = 0; i < cue_order.size(); ++i) cue_order[i] = i;
  for (size_t i = 0; i < content_order.size(); ++i) content_order[i] = i;
  for (size_t i = 0; i < source_order.size(); ++i) source_order[i] = i;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    random.Shuffle(cue_order);
    random.Shuffle(content_order);
    random.Shuffle(source_order);
    for (size_t i : cue_order) {
      const CueExample& ex = tx.cues[i];
      double s[2] = {0, 0};
      cue_t.Score(tx.cue_keys.Get(ex.keys), s);
      int predicted = s[1] > s[0] ? 1 : 0;
      if (predicted != ex.label) cue_t.Update(tx.cue_keys.Get(ex.keys), ex.label, predicted);
      cue_t.NextInstance();
    }
    RankEpoch(content_t, tx.content_keys, tx.contents, content_order);
    RankEpoch(source_t, tx.source_keys, tx.sources, source_order);
    if (progress) {
      AttributionEpoch e;
      e.epoch = epoch;
      size_t tp = 0, fp = 0, fn = 0;
      for (const CueExample& ex : dx.cues) {
        double s[2] = {0, 0};
        cue_t.ScoreAveraged(dx.cue_keys.Get(ex.keys), s);
        int predicted = s[1] > s[0] ? 1 : 0;
        tp += predicted == 1 && ex.label == 1;
        fp += predicted == 1 && ex.label == 0;
        fn += predicted == 0 && ex.label == 1;
      }
      e.cue_precision = tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0;
      e.cue_recall = tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0;
      e.content_accuracy = RankAccuracy(content_t, dx.content_keys, dx.contents);
      e.source_accuracy = RankAccuracy(source_t, dx.source_keys, dx.sources);
      e.cue_examples = dx.cues.size();
      e.content_examples = dx.contents.size();
      e.source_examples = dx.sources.size();
      e.attributions = dx.attributions;
      e.cues_found = dx.cue_found;
      progress(e);
    }
  }
  absl::flat_hash_map<uint64_t, uint8_t> vocabulary;
  for (const auto& [h, n] : tx.cue_counts) {
    double share = static_cast<double>(n) / static_cast<double>(std::max(n, tx.word_counts[h]));
    if (n >= options.min_cue_count && share >= options.min_cue_share) {
      vocabulary.emplace(h, static_cast<uint8_t>(std::lround(100 * share)));
    }
  }
  uint64_t syntax_checksum = syntax::ModelChecksum(syntax.Serialize());
  return AttributionModel(syntax_checksum, std::move(vocabulary),
                          syntax::WeightTable::FromRows(2, cue_t.AveragedRows(options.prune)),
                          syntax::WeightTable::FromRows(2, content_t.AveragedRows(options.prune)),
                          syntax::WeightTable::FromRows(2, source_t.AveragedRows(options.prune)));
}

}  // namespace verbatim::quotes

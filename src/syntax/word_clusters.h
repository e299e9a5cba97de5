// Word clusters learned from unlabelled text by the exchange algorithm (Kneser and Ney 1993;
// Martin, Liermann and Ney 1998), in its bidirectional predictive form (Uszkoreit and Brants
// 2008): each word's class is predicted from the previous word and from the next word, and
// each pass moves every word to the class that most increases
//
//   sum_{v,c} f(N(v, c)) + sum_{u,c} f(N(c, u)) - 2 sum_c f(N(c)),   f(x) = x log x,
//
// where N(v, c) counts word v followed by a word of class c. Words that share contexts end up
// together ("Monday ... Friday", "said/added/told"), which gives the tagger and the parser a
// way to generalise from training words to unseen ones.
//
// Deterministic: the vocabulary is ordered by count then bytes, the initial classes are
// rank % classes, ties go to the lowest class, and passes are sequential.
#ifndef VERBATIM_SYNTAX_WORD_CLUSTERS_H_
#define VERBATIM_SYNTAX_WORD_CLUSTERS_H_

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace verbatim::syntax {

// Options of ClusterWords.
//
//   option      default  meaning
//   classes     256      number of clusters
//   max_words   32768    vocabulary: the most frequent words (by LowerHash key); others are
//                        context only
//   min_count   3        words seen fewer times are left out of the vocabulary
//   passes      4        exchange passes over the vocabulary (few words move after 4)
struct ClusterOptions {
  int classes = 256;
  int max_words = 32768;
  int min_count = 3;
  int passes = 4;
};

// Word streams: each inner vector is one text (sentence, paragraph) of words.
using WordStreams = std::vector<std::vector<std::string>>;

// LowerHash(word) -> cluster in [0, classes).
using ClusterMap = absl::flat_hash_map<uint64_t, uint16_t>;

ClusterMap ClusterWords(const WordStreams& streams, const ClusterOptions& options, std::ostream* log);

// Reads the "text" (and "title") fields of a JSONL article file and splits them into UD-like
// words (punctuation apart, clitics and hyphens by SplitIntoWords); one stream per paragraph.
absl::Status AppendJsonlWords(const std::filesystem::path& path, WordStreams& out);

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_WORD_CLUSTERS_H_

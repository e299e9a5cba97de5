// Scores a model against gold CoNLL-U as the CoNLL 2018 shared task scorer does with gold
// tokenisation: every word counts, punctuation included; LAS needs the head and the full label
// ("nmod:poss"); universal LAS compares only the part before ':'.
#ifndef VERBATIM_SYNTAX_UD_EVAL_H_
#define VERBATIM_SYNTAX_UD_EVAL_H_

#include <string>
#include <vector>

#include "syntax/conllu.h"
#include "syntax/model.h"

namespace verbatim::syntax {

struct UdScores {
  size_t sentences = 0, words = 0;
  double upos = 0;           // percent of words with the gold UPOS
  double uas = 0;            // percent with the gold head
  double las = 0;            // ... and the gold relation, subtype included
  double las_universal = 0;  // ... and the gold universal relation
};

// Tags and parses every sentence of `gold` (its FORMs only) and scores the result. With
// `gold_tags`, the parser sees the gold UPOS instead of the tagger's.
UdScores EvaluateUd(const Model& model, const std::vector<ConlluSentence>& gold, bool gold_tags = false);

// "UPOS 95.61  UAS 86.12  LAS 83.40  LAS (universal labels) 84.01  (25148 words, 2001 sentences)"
std::string FormatUdScores(const UdScores& s);

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_UD_EVAL_H_

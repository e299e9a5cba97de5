// CoNLL-U (https://universaldependencies.org/format.html): reading and writing sentences.
//
// A sentence keeps everything needed to write it back: its comment lines, its words (the
// integer-id lines) and its other lines (multi-word token ranges "3-4" and empty nodes "8.1"),
// each with the number of words that precede it. Only the words take part in tagging, parsing
// and scoring; empty nodes are ignored, as the CoNLL 2018 scorer does for UAS and LAS.
//
// Errors name the file (the `source` argument) and the 1-based line: "dev.conllu:12: ...".
#ifndef VERBATIM_SYNTAX_CONLLU_H_
#define VERBATIM_SYNTAX_CONLLU_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace verbatim::syntax {

struct ConlluWord {
  std::string form, lemma, upos, xpos, feats;
  int head = -1;  // 0 = root, 1..n = words; -1 when the file has "_"
  std::string deprel, deps, misc;
  bool space_after = true;  // false with SpaceAfter=No in MISC
};

struct ConlluExtraLine {
  int after_words = 0;  // how many words of the sentence come before this line
  std::string id;       // "3-4" or "8.1"
  std::string text;     // the whole line as read
  int first = 0, last = 0;  // for a range "3-4": 3 and 4; 0 for empty nodes
};

struct ConlluSentence {
  std::vector<std::string> comments;  // with their leading '#'
  std::vector<ConlluWord> words;      // words[i] has id i + 1
  std::vector<ConlluExtraLine> extra;
  int line = 0;                       // line of the first word, for messages
};

// Parses CoNLL-U text. Checks the column count (10), word ids in sequence, multi-word ranges,
// and HEAD: a number within the sentence (or "_"), never the word itself. It does not check
// that the heads form a tree: a predicted file may hold any heads in range.
absl::StatusOr<std::vector<ConlluSentence>> ParseConllu(std::string_view text,
                                                       std::string_view source);
// Reads and parses a file; a missing file is NotFound.
absl::StatusOr<std::vector<ConlluSentence>> ReadConllu(const std::filesystem::path& path);

// Appends the sentence in CoNLL-U (comments, word and extra lines, a blank line).
void AppendConllu(const ConlluSentence& sentence, std::string& out);

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_CONLLU_H_

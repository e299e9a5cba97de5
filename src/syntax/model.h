// The syntax stage's public API: a trained tagger and parser for English (UD v2: UPOS tags,
// basic dependency trees with full relation labels such as nmod:poss, obl:agent, acl:relcl).
//
//   absl::StatusOr<syntax::Model> model = syntax::Model::Load("models/syntax-en-ewt.bin");
//   std::vector<std::string_view> words = {"Rutte", "said", "he", "would", "stay", "."};
//   for (const syntax::WordSyntax& w : model->Parse(words)) {
//     // w.upos == Upos::kPropn; w.head == 1 ("said"), -1 for the root; w.deprel == "nsubj"
//   }
//
// Words are UD words: split clitics and hyphens first (word_split.h) when the text comes from
// Verbatim's tokenizer. The binary carries a model (embedded_model.h).
//
// Thread-safety: a Model is immutable after loading; Tag and Parse are const and safe to call
// from many threads at once on one shared Model (each call keeps its state on its own stack or
// in thread-local scratch).
#ifndef VERBATIM_SYNTAX_MODEL_H_
#define VERBATIM_SYNTAX_MODEL_H_

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "syntax/lexicon.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "syntax/ud.h"

namespace verbatim::syntax {

struct WordSyntax {
  Upos upos = Upos::kX;
  int head = -1;            // index of the head word in the input, -1 for the root
  uint16_t label = 0;       // index into Model::labels()
  std::string_view deprel;  // Model::labels()[label]; valid while the Model lives
};

class Model {
 public:
  // Parses a model file's bytes (model_file.h); the bytes are not kept.
  static absl::StatusOr<Model> FromBytes(std::string_view bytes);
  // Reads and parses a model file.
  static absl::StatusOr<Model> Load(const std::filesystem::path& path);
  // Assembles a model from trained parts (TrainSyntaxModel).
  Model(std::vector<std::string> labels, Lexicon lexicon, Tagger tagger, Parser parser);

  Model(Model&&) = default;
  Model& operator=(Model&&) = default;

  // UPOS per word.
  std::vector<Upos> Tag(std::span<const std::string_view> words) const;
  // Tags, then parses. An empty input gives an empty result.
  std::vector<WordSyntax> Parse(std::span<const std::string_view> words) const;
  // Parses with the given tags (for scoring the parser alone).
  std::vector<WordSyntax> ParseTagged(std::span<const std::string_view> words, std::span<const Upos> tags) const;

  // The relation labels, sorted; "root" among them.
  const std::vector<std::string>& labels() const { return labels_; }
  // The model file bytes (deterministic: equal models give equal bytes).
  std::string Serialize() const;
  // Feature rows of the tagger, move and label tables.
  size_t feature_count() const;
  // Bytes of the scoring tables in memory.
  size_t memory_bytes() const;

 private:
  Model() = default;
  std::vector<std::string> labels_;
  Lexicon lexicon_;
  Tagger tagger_;
  Parser parser_;
};

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_MODEL_H_

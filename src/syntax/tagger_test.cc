#include "syntax/tagger.h"

#include <gtest/gtest.h>

namespace verbatim::syntax {
namespace {

// A toy language: "the" DET, nouns after it, verbs after nouns, "." PUNCT.
std::vector<TaggedSentence> Toy(const Lexicon& lex) {
  const std::vector<std::vector<std::string_view>> words = {
      {"the", "dog", "barks", "."}, {"the", "cat", "sleeps", "."}, {"the", "bird", "sings", "."},
      {"the", "dog", "sleeps", "."}, {"the", "cat", "sings", "."}};
  std::vector<TaggedSentence> out;
  for (const auto& w : words) {
    TaggedSentence s;
    lex.Describe(w, s.words);
    s.tags = {static_cast<uint8_t>(Upos::kDet), static_cast<uint8_t>(Upos::kNoun), static_cast<uint8_t>(Upos::kVerb),
              static_cast<uint8_t>(Upos::kPunct)};
    out.push_back(std::move(s));
  }
  return out;
}

TEST(Tagger, LearnsAToyLanguageAndGeneralisesByPosition) {
  Lexicon lex;  // empty tag dictionary: every word unknown
  TaggerTrainOptions o;
  o.prune = {1, 0};
  Tagger t = TrainTagger(Toy(lex), {}, o, nullptr);
  EXPECT_DOUBLE_EQ(TaggerAccuracy(t, Toy(lex)), 1.0);
  // An unseen noun and verb in the same frame.
  std::vector<std::string_view> w = {"the", "fox", "runs", "."};
  std::vector<WordInfo> info;
  lex.Describe(w, info);
  std::vector<uint8_t> tags(4);
  t.Tag(info, tags);
  EXPECT_EQ(tags[0], static_cast<uint8_t>(Upos::kDet));
  EXPECT_EQ(tags[1], static_cast<uint8_t>(Upos::kNoun));
  EXPECT_EQ(tags[3], static_cast<uint8_t>(Upos::kPunct));
}

TEST(Tagger, TrainingIsDeterministic) {
  Lexicon lex;
  TaggerTrainOptions o;
  o.prune = {1, 0};
  Tagger a = TrainTagger(Toy(lex), {}, o, nullptr);
  Tagger b = TrainTagger(Toy(lex), {}, o, nullptr);
  std::string ba, bb;
  ByteWriter wa(ba), wb(bb);
  a.table().AppendTo(wa);
  b.table().AppendTo(wb);
  EXPECT_EQ(ba, bb);
}

TEST(Tagger, EmptySentence) {
  Tagger t;
  std::vector<WordInfo> none;
  std::vector<uint8_t> tags;
  t.Tag(none, tags);
  EXPECT_TRUE(tags.empty());
}

TEST(Lexicon, AmbiguityClassesNeedTheMinimumCount) {
  const std::vector<std::vector<std::string_view>> w = {{"run", "Run", "walk"}};
  const std::vector<std::vector<uint8_t>> t = {{static_cast<uint8_t>(Upos::kVerb), static_cast<uint8_t>(Upos::kNoun),
                                                static_cast<uint8_t>(Upos::kVerb)}};
  Lexicon lex = Lexicon::Build(w, t, 2);
  std::vector<WordInfo> info;
  std::vector<std::string_view> q = {"RUN", "walk"};
  lex.Describe(q, info);
  EXPECT_EQ(info[0].ambiguity, (1u << static_cast<int>(Upos::kVerb)) | (1u << static_cast<int>(Upos::kNoun)));
  EXPECT_EQ(info[1].ambiguity, 0u);  // seen once
  EXPECT_EQ(info[0].lower, LowerHash("run"));
}

}  // namespace
}  // namespace verbatim::syntax

#include "syntax/word_split.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "quotes/token.h"
#include "syntax/conllu.h"
#include "test_support.h"

namespace verbatim::syntax {
namespace {

std::vector<std::string> Words(std::string_view token) {
  std::vector<std::string> out;
  for (const text::ByteRange& r : SplitIntoWords(token)) out.emplace_back(token.substr(r.begin, r.size()));
  return out;
}

using V = std::vector<std::string>;

TEST(SplitIntoWords, Clitics) {
  EXPECT_EQ(Words("Russia's"), (V{"Russia", "'s"}));
  EXPECT_EQ(Words("don't"), (V{"do", "n't"}));
  EXPECT_EQ(Words("won't"), (V{"wo", "n't"}));
  EXPECT_EQ(Words("can't"), (V{"ca", "n't"}));
  EXPECT_EQ(Words("cannot"), (V{"can", "not"}));
  EXPECT_EQ(Words("Cannot"), (V{"Can", "not"}));
  EXPECT_EQ(Words("they're"), (V{"they", "'re"}));
  EXPECT_EQ(Words("I'm"), (V{"I", "'m"}));
  EXPECT_EQ(Words("we've"), (V{"we", "'ve"}));
  EXPECT_EQ(Words("she'll"), (V{"she", "'ll"}));
  EXPECT_EQ(Words("he'd"), (V{"he", "'d"}));
  EXPECT_EQ(Words("students'"), (V{"students", "'"}));
  EXPECT_EQ(Words("Russia\xe2\x80\x99s"), (V{"Russia", "\xe2\x80\x99s"}));
  EXPECT_EQ(Words("don\xe2\x80\x99t"), (V{"do", "n\xe2\x80\x99t"}));
  EXPECT_EQ(Words("gonna"), (V{"gon", "na"}));
  EXPECT_EQ(Words("dont"), (V{"do", "nt"}));
}

TEST(SplitIntoWords, Hyphens) {
  EXPECT_EQ(Words("step-by-step"), (V{"step", "-", "by", "-", "step"}));
  EXPECT_EQ(Words("e-mail"), (V{"e-mail"}));
  EXPECT_EQ(Words("non-profit"), (V{"non-profit"}));
  EXPECT_EQ(Words("713-853-3989"), (V{"713-853-3989"}));
  EXPECT_EQ(Words("http://a-b.com"), (V{"http://a-b.com"}));
  EXPECT_EQ(Words("well-known"), (V{"well", "-", "known"}));
}

TEST(SplitIntoWords, WholeWordsAndEdgeCases) {
  EXPECT_EQ(Words("Rutte"), (V{"Rutte"}));
  EXPECT_EQ(Words("U.S."), (V{"U.S."}));
  EXPECT_EQ(Words("n't"), (V{"n't"}));
  EXPECT_EQ(Words("'s"), (V{"'s"}));
  EXPECT_EQ(Words("-"), (V{"-"}));
  EXPECT_EQ(Words("--"), (V{"--"}));
  EXPECT_EQ(Words("its"), (V{"its"}));
  EXPECT_TRUE(Words("").empty());
}

// Rebuilds the text of every EWT sentence from its tokens and SpaceAfter, runs Verbatim's
// tokenizer over it, and checks that splitting each Verbatim token gives the treebank's words.
// Tokens whose boundaries do not fall on treebank token boundaries are tokenizer differences,
// counted apart.
TEST(SplitIntoWords, ReproducesEwtWords) {
  VERBATIM_REQUIRE_SHARED();
  auto train = ReadConllu(::verbatim::testing::SharedDir() / "eval/ud-english-ewt/en_ewt-ud-train.conllu");
  ASSERT_TRUE(train.ok()) << train.status();
  size_t aligned = 0, exact = 0, misaligned = 0, needing_split = 0, split_right = 0;
  for (const ConlluSentence& s : *train) {
    // Surface tokens: multi-word token lines or single words, with their byte spans and words.
    struct Surface {
      size_t begin, end;
      std::vector<std::string> words;
    };
    std::vector<Surface> surf;
    std::string text;
    size_t e = 0;
    for (size_t i = 0; i < s.words.size();) {
      while (e < s.extra.size() && (s.extra[e].first == 0 || s.extra[e].first < static_cast<int>(i) + 1)) ++e;
      Surface t;
      t.begin = text.size();
      bool space = true;
      if (e < s.extra.size() && s.extra[e].first == static_cast<int>(i) + 1) {
        const std::string& line = s.extra[e].text;
        const size_t a = line.find('\t') + 1;
        text += line.substr(a, line.find('\t', a) - a);
        space = line.find("SpaceAfter=No") == std::string::npos;
        for (int k = s.extra[e].first; k <= s.extra[e].last; ++k) t.words.push_back(s.words[k - 1].form);
        i = static_cast<size_t>(s.extra[e].last);
      } else {
        text += s.words[i].form;
        t.words.push_back(s.words[i].form);
        space = s.words[i].space_after;
        ++i;
      }
      t.end = text.size();
      surf.push_back(t);
      if (space) text += ' ';
    }
    std::vector<quotes::Token> tokens = quotes::Tokenize(text, {{0, static_cast<uint32_t>(text.size())}});
    for (const quotes::Token& tok : tokens) {
      size_t first = 0;
      while (first < surf.size() && surf[first].begin < tok.begin) ++first;
      size_t last = first;
      while (last < surf.size() && surf[last].end < tok.end) ++last;
      if (first >= surf.size() || last >= surf.size() || surf[first].begin != tok.begin || surf[last].end != tok.end) {
        ++misaligned;
        continue;
      }
      std::vector<std::string> expected;
      for (size_t k = first; k <= last; ++k) expected.insert(expected.end(), surf[k].words.begin(), surf[k].words.end());
      ++aligned;
      const std::string_view token(text.data() + tok.begin, tok.end - tok.begin);
      const bool ok = Words(token) == expected;
      exact += ok;
      if (!ok && std::getenv("SHOW_SPLITS")) {
        std::printf("%.*s ->", static_cast<int>(token.size()), token.data());
        for (const std::string& w : expected) std::printf(" [%s]", w.c_str());
        std::printf("\n");
      }
      if (expected.size() > 1) {
        ++needing_split;
        split_right += ok;
      }
    }
  }
  const double share = static_cast<double>(exact) / static_cast<double>(aligned);
  const double split_share = static_cast<double>(split_right) / static_cast<double>(needing_split);
  std::printf("EWT train: %zu Verbatim tokens on treebank token boundaries (%zu not), %.4f reproduced exactly; "
              "%zu need splitting, %.4f of them right\n",
              aligned, misaligned, share, needing_split, split_share);
  EXPECT_GE(share, 0.997);
  EXPECT_GE(split_share, 0.87);
}

}  // namespace
}  // namespace verbatim::syntax

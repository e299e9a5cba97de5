#include "syntax/parse_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "syntax/embedded_model.h"

namespace verbatim::syntax {
namespace {

const Model& TheModel() {
  auto m = EmbeddedModel();
  EXPECT_TRUE(m.ok()) << m.status();
  return **m;
}

// Every field of two parses.
void ExpectSameParse(const std::vector<WordSyntax>& want, const std::vector<WordSyntax>& got) {
  ASSERT_EQ(want.size(), got.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(want[i].upos, got[i].upos) << i;
    EXPECT_EQ(want[i].head, got[i].head) << i;
    EXPECT_EQ(want[i].label, got[i].label) << i;
    EXPECT_EQ(want[i].deprel, got[i].deprel) << i;
  }
}

// `n` distinct sentences (each names a different number).
std::vector<std::vector<std::string>> Sentences(int n) {
  std::vector<std::vector<std::string>> out;
  for (int i = 0; i < n; ++i) {
    out.push_back({"The", "minister", "said", absl::StrCat(i), "people", "had", "been", "told", "."});
  }
  return out;
}

std::vector<std::string_view> Views(const std::vector<std::string>& words) {
  return std::vector<std::string_view>(words.begin(), words.end());
}

TEST(ParseCache, GivesTheModelsParsesFromTheFirstCallAndFromTheCache) {
  const Model& model = TheModel();
  ParseCache cache(model, 16 << 20);
  const std::vector<std::vector<std::string_view>> sentences = {
      {"Rutte", "said", "he", "would", "stay", "."},
      {"\xe2\x80\x9c", "We", "will", "win", ",", "\xe2\x80\x9d", "she", "added", "."},
      {"The", "minister", "'s", "office", "was", "told", "by", "reporters", "that", "it", "had", "failed", "."}};
  for (int round = 0; round < 3; ++round) {
    for (const auto& s : sentences) ExpectSameParse(model.Parse(s), cache.Parse(s));
  }
  const ParseCache::Stats st = cache.stats();
  EXPECT_EQ(st.lookups, 9);
  EXPECT_EQ(st.hits, 6);
  EXPECT_GT(st.bytes, 0);
  EXPECT_TRUE(cache.Parse(std::vector<std::string_view>{}).empty());
  EXPECT_EQ(cache.stats().lookups, 9);  // an empty sentence is not looked up
}

// The key is the word sequence, not the bytes: the same letters split into other words are
// another sentence.
TEST(ParseCache, TheSameCharactersInOtherWordsAreAnotherSentence) {
  const Model& model = TheModel();
  ParseCache cache(model, 16 << 20);
  const std::vector<std::string_view> two = {"New", "York", "won", "."};
  const std::vector<std::string_view> one = {"NewYork", "won", "."};
  const std::vector<std::string_view> moved = {"NewY", "ork", "won", "."};
  ExpectSameParse(model.Parse(two), cache.Parse(two));
  ExpectSameParse(model.Parse(one), cache.Parse(one));
  ExpectSameParse(model.Parse(moved), cache.Parse(moved));
  EXPECT_EQ(cache.stats().hits, 0);
  ExpectSameParse(model.Parse(one), cache.Parse(one));
  EXPECT_EQ(cache.stats().hits, 1);
}

TEST(ParseCache, StaysWithinItsBytesAndKeepsWhatIsInUse) {
  const Model& model = TheModel();
  const std::vector<std::vector<std::string>> sentences = Sentences(4000);
  const int64_t entry = ParseCache::EntryBytes(60, 9);
  const int64_t budget = 400 * entry;  // room for a tenth of the sentences
  ParseCache cache(model, budget);
  const std::vector<std::string_view> kept = Views(sentences[0]);
  for (size_t i = 0; i < sentences.size(); ++i) {
    cache.Parse(Views(sentences[i]));
    cache.Parse(kept);  // in use all along
    ASSERT_LE(cache.stats().bytes, budget) << i;
  }
  const int64_t hits = cache.stats().hits;
  EXPECT_GE(hits, static_cast<int64_t>(sentences.size()) - 1);  // `kept` came from the cache
  cache.Parse(kept);
  EXPECT_EQ(cache.stats().hits, hits + 1);
  cache.Parse(Views(sentences[1]));  // long aged out
  EXPECT_EQ(cache.stats().hits, hits + 1);
  ExpectSameParse(model.Parse(kept), cache.Parse(kept));

  cache.Clear();
  EXPECT_EQ(cache.stats().bytes, 0);
  cache.Parse(kept);
  EXPECT_EQ(cache.stats().hits, hits + 2);  // after Clear, a miss
}

TEST(ParseCache, ANoByteBudgetParsesEveryTime) {
  const Model& model = TheModel();
  ParseCache cache(model, 0);
  const std::vector<std::string_view> s = {"Rutte", "said", "he", "would", "stay", "."};
  ExpectSameParse(model.Parse(s), cache.Parse(s));
  ExpectSameParse(model.Parse(s), cache.Parse(s));
  EXPECT_EQ(cache.stats().hits, 0);
  EXPECT_EQ(cache.stats().bytes, 0);
}

TEST(ParseCache, SharedByThreadsGivesTheModelsParses) {
  const Model& model = TheModel();
  const std::vector<std::vector<std::string>> sentences = Sentences(300);
  std::vector<std::vector<WordSyntax>> expected;
  for (const auto& s : sentences) expected.push_back(model.Parse(Views(s)));
  // Small enough that generations turn over while the threads run.
  ParseCache cache(model, 100 * ParseCache::EntryBytes(60, 9));
  auto work = [&](int offset, int* mismatches) {
    for (int round = 0; round < 4; ++round) {
      for (size_t k = 0; k < sentences.size(); ++k) {
        const size_t i = (k + static_cast<size_t>(offset)) % sentences.size();
        const std::vector<WordSyntax> p = cache.Parse(Views(sentences[i]));
        for (size_t w = 0; w < p.size(); ++w) {
          if (p[w].head != expected[i][w].head || p[w].label != expected[i][w].label ||
              p[w].upos != expected[i][w].upos || p[w].deprel != expected[i][w].deprel) {
            ++*mismatches;
          }
        }
      }
    }
  };
  int m1 = 0, m2 = 0, m3 = 0;
  std::thread a(work, 0, &m1), b(work, 7, &m2);
  work(150, &m3);
  a.join();
  b.join();
  EXPECT_EQ(m1 + m2 + m3, 0);
  EXPECT_GT(cache.stats().hits, 0);
  EXPECT_EQ(cache.stats().lookups, 3 * 4 * 300);
}

}  // namespace
}  // namespace verbatim::syntax

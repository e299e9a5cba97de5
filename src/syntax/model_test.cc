#include "syntax/model.h"

#include <gtest/gtest.h>

#include <thread>

#include "syntax/embedded_model.h"
#include "syntax/feature_hash.h"
#include "syntax/model_file.h"
#include "syntax/transition_system.h"
#include "syntax/ud_eval.h"
#include "test_support.h"

namespace verbatim::syntax {
namespace {

// Floors for the committed model on EWT dev (its figures, rounded down).
constexpr double kFloorUpos = 95.2, kFloorUas = 83.75, kFloorLas = 80.3, kFloorLasUniversal = 80.55;

// A small model with a few rows in every table: enough to exercise every reader path.
std::string SmallModelBytes() {
  const std::vector<std::vector<std::string_view>> words = {{"the", "dog", "barks"}};
  const std::vector<std::vector<uint8_t>> tags = {{5, 7, 15}};
  Lexicon lex = Lexicon::Build(words, tags, 1);
  lex.SetClusters({{LowerHash("dog"), 3}, {LowerHash("cat"), 3}});
  std::vector<WeightRow> t, m, l;
  for (uint64_t k = 1; k <= 20; ++k) {
    t.push_back({FeatureKey(1, k), std::vector<float>(kNumUposClasses, 0.25f * static_cast<float>(k % 5))});
    m.push_back({FeatureKey(2, k), {1.0f, -0.5f, static_cast<float>(k)}});
    l.push_back({FeatureKey(3, k), {0.5f, 0.0f, -1.0f}});
  }
  Model model({"det", "nsubj", "root"}, std::move(lex), Tagger(WeightTable::FromRows(kNumUposClasses, t)),
              Parser(WeightTable::FromRows(kNumMoves, m), WeightTable::FromRows(3, l), 2));
  return model.Serialize();
}

TEST(SyntaxModel, SmallModelRoundTripsToTheSameBytes) {
  const std::string bytes = SmallModelBytes();
  auto m = Model::FromBytes(bytes);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->Serialize(), bytes);
  EXPECT_EQ(m->labels().size(), 3u);
  std::vector<std::string_view> w = {"the", "cat", "sleeps", "."};
  const std::vector<WordSyntax> p = m->Parse(w);
  ASSERT_EQ(p.size(), 4u);
  int roots = 0;
  for (const WordSyntax& x : p) {
    EXPECT_GE(x.head, -1);
    EXPECT_LT(x.head, 4);
    roots += x.head == -1;
    if (x.head == -1) {
      EXPECT_EQ(x.deprel, "root");
    }
  }
  EXPECT_EQ(roots, 1);
  EXPECT_TRUE(m->Parse({}).empty());
  EXPECT_TRUE(m->Tag({}).empty());
}

TEST(SyntaxModel, EveryTruncationIsAnErrorNeverACrash) {
  const std::string bytes = SmallModelBytes();
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto m = Model::FromBytes(std::string_view(bytes).substr(0, n));
    ASSERT_FALSE(m.ok()) << "length " << n;
  }
  // Truncated payloads re-wrapped with a valid header and checksum: the payload reader itself
  // must catch every one.
  const std::string_view payload = std::string_view(bytes).substr(kModelHeaderSize);
  for (size_t n = 0; n < payload.size(); ++n) {
    auto m = Model::FromBytes(WrapModelPayload(payload.substr(0, n)));
    ASSERT_FALSE(m.ok()) << "payload length " << n;
  }
}

TEST(SyntaxModel, CorruptPayloadsWithValidChecksumsAreErrors) {
  const std::string bytes = SmallModelBytes();
  const std::string payload = bytes.substr(kModelHeaderSize);
  size_t accepted = 0;
  for (size_t i = 0; i < payload.size(); ++i) {
    for (unsigned char x : {0x01, 0x80, 0xff}) {
      std::string p = payload;
      p[i] = static_cast<char>(p[i] ^ x);
      auto m = Model::FromBytes(WrapModelPayload(p));
      if (m.ok()) {  // a changed weight is still a model; it must still parse safely
        ++accepted;
        std::vector<std::string_view> w = {"a", "b"};
        EXPECT_EQ(m->Parse(w).size(), 2u);
      }
    }
  }
  EXPECT_LT(accepted, payload.size() * 3);
}

TEST(SyntaxModel, HeaderErrorsSayWhatIsWrong) {
  std::string bytes = SmallModelBytes();
  std::string magic = bytes;
  magic[0] = 'X';
  EXPECT_NE(Model::FromBytes(magic).status().message().find("bad magic"), std::string_view::npos);
  std::string version = bytes;
  version[8] = 99;
  auto v = Model::FromBytes(version);
  EXPECT_EQ(v.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(v.status().message().find("version 99"), std::string_view::npos) << v.status();
  std::string sum = bytes;
  sum.back() = static_cast<char>(sum.back() ^ 1);
  EXPECT_NE(Model::FromBytes(sum).status().message().find("checksum"), std::string_view::npos);
  EXPECT_NE(Model::FromBytes(bytes.substr(0, 20)).status().message().find("truncated"), std::string_view::npos);
  EXPECT_NE(Model::FromBytes(bytes + "x").status().message().find("truncated or padded"), std::string_view::npos);
  EXPECT_FALSE(Model::FromBytes("").ok());
}

TEST(SyntaxModel, LoadNamesTheMissingFile) {
  auto m = Model::Load("/nonexistent/model.bin");
  EXPECT_EQ(m.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(m.status().message().find("/nonexistent/model.bin"), std::string_view::npos);
}

TEST(SyntaxModel, EmbeddedModelIsTheCommittedFile) {
  const std::string file = ::verbatim::testing::ReadFile(VERBATIM_SYNTAX_MODEL_PATH);
  EXPECT_EQ(EmbeddedModelBytes(), file);
  auto m = EmbeddedModel();
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_LT(file.size(), 20u << 20);
}

TEST(SyntaxModel, SharedAcrossThreadsGivesTheSameParses) {
  auto m = EmbeddedModel();
  ASSERT_TRUE(m.ok()) << m.status();
  const std::vector<std::vector<std::string_view>> sentences = {
      {"Rutte", "said", "he", "would", "stay", "."},
      {"The", "minister", "'s", "office", "was", "told", "by", "reporters", "that", "it", "had", "failed", "."},
      {"\xe2\x80\x9c", "We", "will", "win", ",", "\xe2\x80\x9d", "she", "added", "."}};
  std::vector<std::vector<WordSyntax>> expected;
  for (const auto& s : sentences) expected.push_back((*m)->Parse(s));
  auto work = [&](bool* ok) {
    for (int r = 0; r < 200; ++r) {
      for (size_t i = 0; i < sentences.size(); ++i) {
        const std::vector<WordSyntax> p = (*m)->Parse(sentences[i]);
        for (size_t k = 0; k < p.size(); ++k) {
          if (p[k].head != expected[i][k].head || p[k].label != expected[i][k].label || p[k].upos != expected[i][k].upos) *ok = false;
        }
      }
    }
  };
  bool ok1 = true, ok2 = true;
  std::thread t(work, &ok1);
  work(&ok2);
  t.join();
  EXPECT_TRUE(ok1 && ok2);
  // The attribution-relevant reading of the first sentence.
  EXPECT_EQ(expected[0][0].deprel, "nsubj");
  EXPECT_EQ(expected[0][0].head, 1);
  EXPECT_EQ(expected[0][1].head, -1);
}

// The committed model on EWT dev, with gold tokens and predicted tags (the floors of
// docs/EVALUATION.md).
TEST(SyntaxModel, CommittedModelMeetsTheDevFloors) {
  VERBATIM_REQUIRE_SHARED();
  auto dev = ReadConllu(::verbatim::testing::SharedDir() / "eval/ud-english-ewt/en_ewt-ud-dev.conllu");
  ASSERT_TRUE(dev.ok()) << dev.status();
  auto m = EmbeddedModel();
  ASSERT_TRUE(m.ok()) << m.status();
  const UdScores s = EvaluateUd(**m, *dev);
  std::printf("EWT dev: %s\n", FormatUdScores(s).c_str());
  EXPECT_EQ(s.words, 25147u);
  EXPECT_GE(s.upos, kFloorUpos);
  EXPECT_GE(s.uas, kFloorUas);
  EXPECT_GE(s.las, kFloorLas);
  EXPECT_GE(s.las_universal, kFloorLasUniversal);
}

}  // namespace
}  // namespace verbatim::syntax

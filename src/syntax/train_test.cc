// Retrains the syntax model from EWT and the shared corpus and checks that the result is the
// committed model, byte for byte (training is deterministic), with the same dev figures. It
// takes a few minutes on two cores.
#include "syntax/train.h"

#include <gtest/gtest.h>

#include <sstream>

#include "syntax/embedded_model.h"
#include "test_support.h"

namespace verbatim::syntax {
namespace {

TEST(SyntaxTraining, FreshRunReproducesCommittedModel) {
  VERBATIM_REQUIRE_SHARED();
  const std::filesystem::path shared = ::verbatim::testing::SharedDir();
  SyntaxTrainOptions options;  // the options of `verbatim train syntax` (docs/EVALUATION.md)
  options.threads = 2;
  for (const char* f : {"corpus/reuters-21578.jsonl", "corpus/bbc-2004.jsonl", "corpus/polnear-2016.jsonl"}) {
    options.cluster_corpus.push_back(shared / f);
  }
  std::ostringstream log;
  auto r = TrainSyntaxModel(shared / "eval/ud-english-ewt/en_ewt-ud-train.conllu",
                            shared / "eval/ud-english-ewt/en_ewt-ud-dev.conllu", options, log);
  ASSERT_TRUE(r.ok()) << r.status();
  auto committed = EmbeddedModel();
  ASSERT_TRUE(committed.ok());
  auto dev = ReadConllu(shared / "eval/ud-english-ewt/en_ewt-ud-dev.conllu");
  ASSERT_TRUE(dev.ok());
  const UdScores c = EvaluateUd(**committed, *dev);
  EXPECT_EQ(r->dev.upos, c.upos);
  EXPECT_EQ(r->dev.uas, c.uas);
  EXPECT_EQ(r->dev.las, c.las);
  EXPECT_EQ(r->dev.las_universal, c.las_universal);
  EXPECT_TRUE(r->model_bytes == EmbeddedModelBytes()) << "retrained model differs from models/syntax-en-ewt.bin";
  std::printf("%s", log.str().c_str());
}

}  // namespace
}  // namespace verbatim::syntax

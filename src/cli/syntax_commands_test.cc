// The syntax commands through RunCli: parse, eval ud, train syntax argument errors.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "test_support.h"

namespace verbatim::cli {
namespace {

using verbatim::testing::TempDir;
using verbatim::testing::WriteFile;

struct Result {
  int code = -1;
  std::string out, err;
};

Result RunSyntaxCli(const std::vector<std::string>& args) {
  std::vector<const char*> argv = {"verbatim"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  Result r;
  r.code = RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

constexpr std::string_view kSentence =
    "# text = Rutte said he wouldn't stay.\n"
    "1\tRutte\tRutte\tPROPN\tNNP\t_\t2\tnsubj\t2:nsubj\t_\n"
    "2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t0:root\t_\n"
    "3\the\the\tPRON\tPRP\t_\t6\tnsubj\t6:nsubj\t_\n"
    "4-5\twouldn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "4\twould\twould\tAUX\tMD\t_\t6\taux\t6:aux\t_\n"
    "5\tn't\tnot\tPART\tRB\t_\t6\tadvmod\t6:advmod\t_\n"
    "6\tstay\tstay\tVERB\tVB\t_\t2\tccomp\t2:ccomp\tSpaceAfter=No\n"
    "7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t2:punct\t_\n\n";

TEST(SyntaxCli, ParseKeepsTokensCommentsAndMultiWordLines) {
  TempDir dir;
  WriteFile(dir.path() / "in.conllu", kSentence);
  Result r = RunSyntaxCli({"parse", (dir.path() / "in.conllu").string(), "--format", "conllu"});
  ASSERT_EQ(r.code, kOk) << r.err;
  EXPECT_NE(r.out.find("# text = Rutte said he wouldn't stay.\n"), std::string::npos);
  EXPECT_NE(r.out.find("4-5\twouldn't\t"), std::string::npos);
  EXPECT_NE(r.out.find("1\tRutte\tRutte\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\tSpaceAfter=No\n"), std::string::npos);
}

TEST(SyntaxCli, EvalUdPrintsTheFigures) {
  TempDir dir;
  WriteFile(dir.path() / "gold.conllu", kSentence);
  Result r = RunSyntaxCli({"eval", "ud", (dir.path() / "gold.conllu").string()});
  ASSERT_EQ(r.code, kOk) << r.err;
  EXPECT_NE(r.out.find("1 sentences, 7 words"), std::string::npos) << r.out;
  for (const char* k : {"UPOS ", "UAS ", "LAS ", "universal labels only"}) EXPECT_NE(r.out.find(k), std::string::npos) << k;
}

TEST(SyntaxCli, BadInputNamesTheFileAndLine) {
  TempDir dir;
  const std::string path = (dir.path() / "bad.conllu").string();
  WriteFile(path, "# ok\n1\tRutte\tRutte\tPROPN\n");
  Result r = RunSyntaxCli({"parse", path});
  EXPECT_EQ(r.code, kNothingProcessed);
  EXPECT_NE(r.err.find(path + ":2:"), std::string::npos) << r.err;
  Result e = RunSyntaxCli({"eval", "ud", path});
  EXPECT_NE(e.err.find(path + ":2:"), std::string::npos) << e.err;
}

TEST(SyntaxCli, BadModelFileIsAnErrorNotACrash) {
  TempDir dir;
  WriteFile(dir.path() / "in.conllu", kSentence);
  WriteFile(dir.path() / "model.bin", "VBSYNTAX\x01");
  Result r = RunSyntaxCli({"parse", (dir.path() / "in.conllu").string(), "--model", (dir.path() / "model.bin").string()});
  EXPECT_EQ(r.code, kNothingProcessed);
  EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
  Result missing = RunSyntaxCli({"eval", "ud", (dir.path() / "in.conllu").string(), "--model", "/nonexistent.bin"});
  EXPECT_NE(missing.err.find("/nonexistent.bin"), std::string::npos) << missing.err;
}

TEST(SyntaxCli, TrainNeedsItsArguments) {
  Result r = RunSyntaxCli({"train", "syntax", "--train", "x.conllu"});
  EXPECT_EQ(r.code, kUsage);
  Result missing = RunSyntaxCli({"train", "syntax", "--train", "/nonexistent/t.conllu", "--dev", "/nonexistent/d.conllu", "--out", "/tmp/never.bin"});
  EXPECT_EQ(missing.code, kNothingProcessed);
  EXPECT_NE(missing.err.find("/nonexistent/t.conllu"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace verbatim::cli

#include "syntax/conllu.h"

#include <gtest/gtest.h>

namespace verbatim::syntax {
namespace {

constexpr std::string_view kTwo =
    "# sent_id = 1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t4:nsubj\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n"
    "\n"
    "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t0:root\t_\n"
    "1.1\tis\tbe\tAUX\t_\t_\t_\t_\t0:root\t_\n"
    "\n";

TEST(Conllu, ReadsWordsCommentsAndMultiWordTokens) {
  auto s = ParseConllu(kTwo, "t.conllu");
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->size(), 2u);
  const ConlluSentence& a = (*s)[0];
  EXPECT_EQ(a.comments.size(), 2u);
  ASSERT_EQ(a.words.size(), 5u);
  EXPECT_EQ(a.words[1].form, "do");
  EXPECT_EQ(a.words[3].head, 0);
  EXPECT_FALSE(a.words[3].space_after);
  ASSERT_EQ(a.extra.size(), 1u);
  EXPECT_EQ(a.extra[0].first, 2);
  EXPECT_EQ(a.extra[0].last, 3);
  EXPECT_EQ((*s)[1].words.size(), 1u);  // the empty node is not a word
  EXPECT_EQ((*s)[1].extra.size(), 1u);
}

TEST(Conllu, WritesBackWhatItRead) {
  auto s = ParseConllu(kTwo, "t.conllu");
  ASSERT_TRUE(s.ok());
  std::string out;
  for (const ConlluSentence& x : *s) AppendConllu(x, out);
  EXPECT_EQ(out, kTwo);
}

TEST(Conllu, ErrorsNameTheFileAndLine) {
  auto bad_cols = ParseConllu("1\tI\tI\tPRON\n", "x.conllu");
  ASSERT_FALSE(bad_cols.ok());
  EXPECT_NE(bad_cols.status().message().find("x.conllu:1:"), std::string_view::npos) << bad_cols.status();
  auto bad_id = ParseConllu("1\ta\t_\tX\t_\t_\t0\troot\t_\t_\n3\tb\t_\tX\t_\t_\t1\tdep\t_\t_\n", "y.conllu");
  ASSERT_FALSE(bad_id.ok());
  EXPECT_NE(bad_id.status().message().find("y.conllu:2:"), std::string_view::npos) << bad_id.status();
  auto bad_head = ParseConllu("1\ta\t_\tX\t_\t_\tzz\troot\t_\t_\n", "z.conllu");
  ASSERT_FALSE(bad_head.ok());
  EXPECT_NE(bad_head.status().message().find("z.conllu:1: bad HEAD"), std::string_view::npos) << bad_head.status();
  auto far_head = ParseConllu("\n\n1\ta\t_\tX\t_\t_\t0\troot\t_\t_\n2\tb\t_\tX\t_\t_\t7\tdep\t_\t_\n", "w.conllu");
  ASSERT_FALSE(far_head.ok());
  EXPECT_NE(far_head.status().message().find("w.conllu:4:"), std::string_view::npos) << far_head.status();
  auto self = ParseConllu("1\ta\t_\tX\t_\t_\t1\troot\t_\t_\n", "v.conllu");
  EXPECT_FALSE(self.ok());
  auto comment_inside = ParseConllu("1\ta\t_\tX\t_\t_\t0\troot\t_\t_\n# late\n", "u.conllu");
  ASSERT_FALSE(comment_inside.ok());
  EXPECT_NE(comment_inside.status().message().find("u.conllu:2:"), std::string_view::npos);
}

TEST(Conllu, MissingFileIsNotFound) {
  auto s = ReadConllu("/nonexistent/dir/file.conllu");
  EXPECT_EQ(s.status().code(), absl::StatusCode::kNotFound);
}

TEST(Conllu, AcceptsCrlfAndAMissingFinalBlankLine) {
  auto s = ParseConllu("1\ta\t_\tX\t_\t_\t0\troot\t_\t_\r\n2\tb\t_\tX\t_\t_\t1\tdep\t_\t_", "c.conllu");
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ((*s)[0].words[1].misc, "_");
}

}  // namespace
}  // namespace verbatim::syntax

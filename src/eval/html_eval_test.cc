#include "eval/html_eval.h"

#include <gtest/gtest.h>

namespace verbatim::eval {
namespace {

TEST(HtmlEval, TokensArePythonWordRuns) {
  EXPECT_EQ(AebTokens("Don't stop—the café's 3,5 km_run!"),
            (std::vector<std::string>{"Don", "t", "stop", "the", "café", "s", "3", "5", "km_run"}));
  EXPECT_EQ(AebTokens("北京 ½"), (std::vector<std::string>{"北京", "½"}));
}

TEST(HtmlEval, ShinglesFollowTheBenchmark) {
  // Identical texts: all true positives.
  ShingleMatch same = MatchShingles("a b c d e", "a b c d e");
  EXPECT_DOUBLE_EQ(same.tp, 1.0);
  // Truth has 2 shingles (abcd, bcde); prediction 3 (abcd, bcde, cdef): tp 2, fp 1 -> /3.
  ShingleMatch extra = MatchShingles("a b c d e", "a b c d e f");
  EXPECT_DOUBLE_EQ(extra.tp, 2.0 / 3);
  EXPECT_DOUBLE_EQ(extra.fp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(extra.fn, 0.0);
  // Fewer than four tokens: one shingle of them all.
  EXPECT_DOUBLE_EQ(MatchShingles("a b", "a b").tp, 1.0);
  EXPECT_DOUBLE_EQ(MatchShingles("a b", "a b c").fp, 0.5);
  // Empty prediction: no precision entry, recall 0.
  ShingleMatch empty = MatchShingles("a b c d", "");
  EXPECT_DOUBLE_EQ(empty.fn, 1.0);
  PrecisionRecall avg = AverageAeb({same, empty});
  EXPECT_DOUBLE_EQ(avg.precision, 1.0);  // only the page with a prediction
  EXPECT_DOUBLE_EQ(avg.recall, 0.5);
  EXPECT_NEAR(avg.f1, 2 * 1.0 * 0.5 / 1.5, 1e-12);
}

TEST(HtmlEval, SnippetsAreCaseSensitiveAfterSpaceNormalisation) {
  SnippetPage p = CountSnippets("Der  Holzhandel\nwar\u00a0groß. Impressum",
                                {"Der Holzhandel war groß", "der holzhandel"}, {"Impressum", "Kontakt"});
  EXPECT_EQ(p.tp, 1);
  EXPECT_EQ(p.fn, 1);
  EXPECT_EQ(p.fp, 1);
  EXPECT_EQ(p.tn, 1);
  EXPECT_EQ(NormalizeSpaces("  a \t\n b\u3000c "), "a b c");
}

TEST(HtmlEval, NonUtf8PagesAreConvertedFromTheirDeclaredCharset) {
  std::string latin1 = "<meta charset=\"iso-8859-1\"><p>gr\xFC\xDF</p>";
  bool converted = false;
  EXPECT_EQ(PageToUtf8(latin1, &converted), "<meta charset=\"iso-8859-1\"><p>grüß</p>");
  EXPECT_TRUE(converted);
  EXPECT_EQ(PageToUtf8("<p>grüß</p>", &converted), "<p>grüß</p>");
  EXPECT_FALSE(converted);
}

}  // namespace
}  // namespace verbatim::eval

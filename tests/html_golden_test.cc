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
  // docs/EVALUATION.md: F1 0.962 (P 0.943, R 0.981) with Gumbo and with libxml2.
  EXPECT_GE(report->scores.f1, 0.957);
  EXPECT_GE(report->scores.precision, 0.938);
  EXPECT_GE(report->scores.recall, 0.97);
}

TEST(HtmlGolden, BothParsersGiveTheSameBodies) {
  VERBATIM_REQUIRE_SHARED();
  auto gumbo = eval::EvaluateAeb(testing::SharedDir() / "eval/html/aeb", html::BodyExtractor(),
                                 html::HtmlParser::kGumbo);
  auto libxml2 = eval::EvaluateAeb(testing::SharedDir() / "eval/html/aeb", html::BodyExtractor(),
                                   html::HtmlParser::kLibxml2);
  ASSERT_TRUE(gumbo.ok() && libxml2.ok());
  EXPECT_NEAR(gumbo->scores.f1, libxml2->scores.f1, 0.01);
}

TEST(HtmlGolden, TrafilaturaSnippetF1StaysAboveTheFloor) {
  VERBATIM_REQUIRE_SHARED();
  auto report = eval::EvaluateSnippets(testing::SharedDir() / "eval/html/trafilatura",
                                       html::BodyExtractor(), html::HtmlParser::kGumbo);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->pages.size(), 120u);
  // docs/EVALUATION.md: P 0.925, R 0.915, F1 0.920.
  EXPECT_GE(report->f1, 0.915);
  EXPECT_GE(report->precision, 0.92);
  EXPECT_GE(report->recall, 0.905);
}

}  // namespace
}  // namespace verbatim

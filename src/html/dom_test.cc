#include "html/dom.h"

#include <gtest/gtest.h>

#include <string>

namespace verbatim::html {
namespace {

class DomTest : public ::testing::TestWithParam<HtmlParser> {};

TEST_P(DomTest, KeepsElementsAttributesAndDecodedTextInDocumentOrder) {
  Dom dom = Dom::Parse(
      "<!DOCTYPE html><html lang=en><head><TITLE>A &amp; B</TITLE>"
      "<meta property=\"og:site_name\" content=\"The &quot;Post&quot;\"></head>"
      "<body><!-- comment --><div id=main><p>One <b>two</b></p><p>three</p></div></body></html>",
      GetParam());
  std::vector<NodeId> titles = dom.ElementsByTag("title");
  ASSERT_EQ(titles.size(), 1u);
  EXPECT_EQ(dom.TextContent(titles[0]), "A & B");
  std::vector<NodeId> metas = dom.ElementsByTag("meta");
  ASSERT_EQ(metas.size(), 1u);
  EXPECT_EQ(dom.attr(metas[0], "property"), "og:site_name");
  EXPECT_EQ(dom.attr(metas[0], "content"), "The \"Post\"");
  EXPECT_TRUE(dom.HasAttr(metas[0], "content"));
  EXPECT_EQ(dom.attr(metas[0], "missing"), "");
  EXPECT_EQ(dom.attr(dom.ElementsByTag("html")[0], "lang"), "en");

  std::vector<NodeId> ps = dom.ElementsByTag("p");
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_LT(ps[0], ps[1]);
  NodeId div = dom.parent(ps[0]);
  EXPECT_TRUE(dom.IsElement(div, "div"));
  EXPECT_EQ(dom.attr(div, "id"), "main");
  EXPECT_EQ(dom.first_child(div), ps[0]);
  EXPECT_EQ(dom.next_sibling(ps[0]), ps[1]);
  EXPECT_EQ(dom.next_sibling(ps[1]), kNoNode);
  EXPECT_EQ(dom.SubtreeEnd(div), dom.SubtreeEnd(ps[1]));
  EXPECT_EQ(dom.Closest(ps[1], "div"), div);
  EXPECT_EQ(dom.Closest(ps[1], "table"), kNoNode);
  // Block boundaries separate words; inline elements do not.
  EXPECT_EQ(dom.TextContent(div), "One two three");
}

TEST_P(DomTest, TextContentSkipsScriptsAndCollapsesWhitespace) {
  Dom dom = Dom::Parse(
      "<body><p>a\n\t b&nbsp;c<script>var x = '<p>';</script><style>p{}</style> d</p>"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></body>",
      GetParam());
  EXPECT_EQ(dom.TextContent(dom.ElementsByTag("p")[0]), "a b c d");
  std::vector<NodeId> scripts = dom.ElementsByTag("script");
  ASSERT_EQ(scripts.size(), 2u);
  NodeId json = dom.first_child(scripts[1]);
  ASSERT_NE(json, kNoNode);
  EXPECT_EQ(dom.text(json), "{\"@type\":\"NewsArticle\"}");
}

TEST_P(DomTest, BrokenAndEmptyInputStillGiveATree) {
  for (std::string html : {"", "plain words", "<div><p>unclosed <b>tags", "</p></div><<>>&#;"}) {
    Dom dom = Dom::Parse(html, GetParam());
    ASSERT_GE(dom.size(), 1u) << html;
    EXPECT_EQ(dom.kind(Dom::root()), NodeKind::kDocument);
    EXPECT_EQ(dom.SubtreeEnd(Dom::root()), dom.size());
    for (NodeId id = 1; id < dom.size(); ++id) {
      ASSERT_LT(dom.parent(id), id) << html;  // pre-order: a parent precedes its children
      ASSERT_LE(dom.SubtreeEnd(id), dom.SubtreeEnd(dom.parent(id))) << html;
    }
  }
  Dom dom = Dom::Parse("<div><p>unclosed <b>tags", GetParam());
  EXPECT_EQ(dom.TextContent(Dom::root()), "unclosed tags");
}

TEST_P(DomTest, DeepNestingNeitherCrashesNorRecurses) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<div>";
  html += "deep";
  Dom dom = Dom::Parse(html, GetParam());
  EXPECT_EQ(dom.TextContent(Dom::root()), "deep");
}

INSTANTIATE_TEST_SUITE_P(BothParsers, DomTest,
                         ::testing::Values(HtmlParser::kGumbo, HtmlParser::kLibxml2),
                         [](const ::testing::TestParamInfo<HtmlParser>& param_info) {
                           return param_info.param == HtmlParser::kGumbo ? "Gumbo" : "Libxml2";
                         });

}  // namespace
}  // namespace verbatim::html

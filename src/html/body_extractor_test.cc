#include "html/body_extractor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "html/dom.h"

namespace verbatim::html {
namespace {

// A paragraph long enough to count as article text.
std::string Para(const std::string& words) {
  return "<p>" + words +
         ", and the council said on Tuesday that the plan, which had been debated for months, would "
         "go ahead as agreed.</p>";
}

class BodyExtractorTest : public ::testing::TestWithParam<HtmlParser> {
 protected:
  Body Run(const std::string& html) const {
    Dom dom = Dom::Parse(html, GetParam());
    return BodyExtractor().Extract(dom);
  }
};

TEST_P(BodyExtractorTest, DropsPageFurnitureAroundTheArticle) {
  std::string html =
      "<html><head><title>T</title></head><body>"
      "<nav><ul><li><a href=/a>Home</a></li><li><a href=/b>World news section</a></li></ul></nav>"
      "<div class=\"cookie-banner\">We use cookies to improve your experience on this website.</div>"
      "<div id=main><article><h1>Big Headline Here</h1>"
      "<div class=\"share-bar\"><a href=#>Share on Facebook</a> <a href=#>Tweet this story</a></div>" +
      Para("First paragraph of the story") + Para("Second paragraph of the story") +
      "<div class=\"ad-slot\">Advertisement placed between the paragraphs of the story</div>" +
      Para("Third paragraph of the story") +
      "<div class=related-articles><h3>Related</h3><ul><li><a href=/x>Another story about "
      "something else entirely</a></li><li><a href=/y>Yet another linked headline</a></li></ul></div>"
      "</article></div>"
      "<section id=comments><h2>Comments</h2><div class=comment><p>I disagree with this article "
      "completely, and I think the council is wrong, as usual.</p></div></section>"
      "<footer><p>Copyright 2024 The Example Times, all rights reserved, and more text.</p></footer>"
      "</body></html>";
  std::string text = Run(html).Text();
  EXPECT_NE(text.find("First paragraph of the story"), std::string::npos) << text;
  EXPECT_NE(text.find("Third paragraph of the story"), std::string::npos) << text;
  for (const char* junk : {"Home", "cookies", "Share on Facebook", "Advertisement", "Another story",
                           "I disagree", "Copyright", "Big Headline"}) {
    EXPECT_EQ(text.find(junk), std::string::npos) << junk << " in:\n" << text;
  }
}

TEST_P(BodyExtractorTest, KeepsHeadingsQuotesAndListItemsAsTheirOwnBlocks) {
  std::string html =
      "<body><div class=article-body>" + Para("Opening paragraph") +
      "<h2>A subheading</h2>" + Para("Paragraph under the subheading") +
      "<blockquote><p>We will not give up, the minister said, not now and not ever, whatever "
      "happens.</p></blockquote>"
      "<ul><li>First point of the list, with enough words to read as text</li>"
      "<li>Second point of the list, also long enough to be kept here</li></ul>" +
      Para("Closing paragraph") + "</div></body>";
  Body body = Run(html);
  ASSERT_FALSE(body.empty());
  bool heading = false, quote = false;
  int items = 0;
  for (const Block& b : body.blocks) {
    if (b.kind == BlockKind::kHeading && b.text == "A subheading") heading = true;
    if (b.kind == BlockKind::kQuote && b.text.find("We will not give up") == 0) quote = true;
    if (b.kind == BlockKind::kListItem) ++items;
  }
  EXPECT_TRUE(heading);
  EXPECT_TRUE(quote);
  EXPECT_EQ(items, 2);
  // Headings stand on their own lines.
  EXPECT_NE(body.Text().find("\n\nA subheading\n\n"), std::string::npos) << body.Text();
}

TEST_P(BodyExtractorTest, PicksTheArticleOfTwoCandidateContainers) {
  std::string teasers;
  for (int i = 0; i < 6; ++i) {
    teasers += "<div class=card><a href=/s" + std::to_string(i) +
               ">A teaser headline for another story on the site</a><p>Short teaser.</p></div>";
  }
  std::string html = "<body><div class=teasers>" + teasers + "</div><div class=story>" +
                     Para("Alpha") + Para("Beta") + Para("Gamma") + Para("Delta") +
                     "</div></body>";
  Body body = Run(html);
  std::string text = body.Text();
  EXPECT_NE(text.find("Alpha"), std::string::npos) << text;
  EXPECT_NE(text.find("Delta"), std::string::npos) << text;
  EXPECT_EQ(text.find("teaser"), std::string::npos) << text;
}

TEST_P(BodyExtractorTest, JsonLdArticleBodyChoosesTheContainer) {
  // Two equally plausible containers; the JSON-LD articleBody names the second.
  std::string a = Para("Unrelated one") + Para("Unrelated two") + Para("Unrelated three");
  std::string b = "<p>The river rose three metres overnight and flooded the old town, where "
                  "shops and homes were evacuated before dawn by the fire brigade.</p>"
                  "<p>Residents said they had never seen the water so high, and the mayor "
                  "promised help for everyone who lost a home or business in the flood.</p>"
                  "<p>Forecasters expect more rain this week, with the river staying high until "
                  "the weekend, and warned people to keep away from the banks.</p>";
  std::string json =
      "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"articleBody\":\"The river "
      "rose three metres overnight and flooded the old town, where shops and homes were "
      "evacuated before dawn by the fire brigade. Residents said they had never seen the water "
      "so high, and the mayor promised help for everyone who lost a home or business in the "
      "flood. Forecasters expect more rain this week, with the river staying high until the "
      "weekend, and warned people to keep away from the banks.\"}";
  std::string html = "<html><head><script type=\"application/ld+json\">" + json +
                     "</script></head><body><div class=x>" + a + "</div><div class=y>" + b +
                     "</div></body></html>";
  std::string text = Run(html).Text();
  EXPECT_NE(text.find("The river rose"), std::string::npos) << text;
  EXPECT_EQ(text.find("Unrelated"), std::string::npos) << text;
}

TEST_P(BodyExtractorTest, LabelsThatIntroduceOnlyLinksOrEndTheBodyAreDropped) {
  // "Explore further" heads a list of links (dropped for its link density); "Lesen Sie auch"
  // and the author's name under the text end the body with nothing of the article after them.
  std::string links =
      "<ul><li><a href=/a>A related story with a long linked headline</a></li>"
      "<li><a href=/b>Another related story with a long linked headline</a></li></ul>";
  std::string html = "<body><div class=story>" + Para("Alpha") + Para("Beta") +
                     "<h3>Explore further</h3>" + links + Para("Gamma") +
                     "<p>Lesen Sie auch</p><p>Malte Welding</p></div></body>";
  std::string text = Run(html).Text();
  EXPECT_NE(text.find("Gamma"), std::string::npos) << text;
  EXPECT_EQ(text.find("Explore further"), std::string::npos) << text;
  EXPECT_EQ(text.find("Lesen Sie auch"), std::string::npos) << text;
  EXPECT_EQ(text.find("Malte Welding"), std::string::npos) << text;
}

TEST_P(BodyExtractorTest, HeadingsFollowedByProseAndClosingSentencesStay) {
  // A section heading before prose, a question heading before a link-heavy paragraph, and a
  // short last sentence are the article's.
  std::string linked =
      "<p><a href=/x>Read the full indictment filed by the prosecutors in Virginia</a></p>";
  std::string html = "<body><div class=story>" + Para("Alpha") + "<h2>Section title</h2>" +
                     Para("Beta") + "<h2>What charges does he face?</h2>" + linked +
                     Para("Gamma") + "<p>He denies it.</p></div></body>";
  std::string text = Run(html).Text();
  EXPECT_NE(text.find("Section title"), std::string::npos) << text;
  EXPECT_NE(text.find("What charges does he face?"), std::string::npos) << text;
  EXPECT_NE(text.find("He denies it."), std::string::npos) << text;
}

TEST_P(BodyExtractorTest, BreaksAndInlineElementsJoinText) {
  Body body = Run("<body><div class=content><p>One <b>bold</b> and <i>italic</i> word,<br>then a "
                  "new line of the same paragraph, and more words after it to make it long.</p>"
                  "</div></body>");
  ASSERT_EQ(body.blocks.size(), 1u);
  EXPECT_EQ(body.blocks[0].text,
            "One bold and italic word,\nthen a new line of the same paragraph, and more words "
            "after it to make it long.");
}

TEST_P(BodyExtractorTest, EmptyAndTextlessPagesGiveAnEmptyBody) {
  EXPECT_TRUE(Run("").empty());
  EXPECT_TRUE(Run("<html><body><nav><a href=/>Home</a></nav></body></html>").empty());
}

TEST_P(BodyExtractorTest, DeepNestingIsLinear) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<div>";
  html += "Words deep down in the page, with a comma, and enough letters to count as text.";
  Dom dom = Dom::Parse(html, GetParam());
  auto start = std::chrono::steady_clock::now();
  Body body = BodyExtractor().Extract(dom);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 1.0);
  ASSERT_EQ(body.blocks.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(BothParsers, BodyExtractorTest,
                         ::testing::Values(HtmlParser::kGumbo, HtmlParser::kLibxml2),
                         [](const ::testing::TestParamInfo<HtmlParser>& param_info) {
                           return param_info.param == HtmlParser::kGumbo ? "Gumbo" : "Libxml2";
                         });

}  // namespace
}  // namespace verbatim::html

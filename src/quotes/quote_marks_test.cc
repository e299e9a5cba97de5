#include "quotes/quote_marks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace verbatim::quotes {
namespace {

// Paragraphs are the '\n'-separated lines of `text` (normalized text has exactly that shape).
std::vector<ParagraphRange> Paragraphs(std::string_view text) {
  std::vector<ParagraphRange> out;
  uint32_t b = 0;
  for (uint32_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      if (i > b) out.push_back({b, i});
      b = i + 1;
    }
  }
  return out;
}

std::vector<QuoteSpan> Spans(std::string_view text) {
  return FindQuoteSpans(text, Paragraphs(text));
}

std::string Content(std::string_view text, const QuoteSpan& s) {
  return std::string(text.substr(s.content_begin(), s.content_end() - s.content_begin()));
}

std::vector<std::string> Contents(std::string_view text) {
  std::vector<std::string> out;
  for (const QuoteSpan& s : Spans(text)) out.push_back(Content(text, s));
  return out;
}

TEST(QuoteMarks, StraightDoubleQuotesPair) {
  const std::string t = "Rutte said: \"I don't know. I've stopped trying to read his mind.\"";
  std::vector<QuoteSpan> s = Spans(t);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(Content(t, s[0]), "I don't know. I've stopped trying to read his mind.");
  EXPECT_EQ(s[0].open_begin, t.find('"'));
  EXPECT_EQ(s[0].close_end, t.size());
  EXPECT_FALSE(s[0].single);
  EXPECT_EQ(s[0].depth, 0);
  EXPECT_EQ(s[0].parent, -1);
  EXPECT_FALSE(s[0].continued);
}

TEST(QuoteMarks, CurlyDoubleQuotesPair) {
  // Seed 002.
  const std::string t =
      "\xE2\x80\x9CThe ball clearly is in the court of the Russians,\xE2\x80\x9D Rutte said.";
  std::vector<QuoteSpan> s = Spans(t);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(Content(t, s[0]), "The ball clearly is in the court of the Russians,");
  EXPECT_EQ(s[0].open_begin, 0u);
  EXPECT_EQ(s[0].open_end, 3u);
  EXPECT_EQ(s[0].close_end - s[0].close_begin, 3u);
}

TEST(QuoteMarks, CurlyApostropheInsideCurlyQuoteIsNotAMark) {
  // Seed 002: "don’t" inside a curly quotation.
  const std::string t =
      "\xE2\x80\x9CThe Russians also have to dance the tango \xE2\x80\x94 and right now, they "
      "don\xE2\x80\x99t seem to want to.\xE2\x80\x9D";
  EXPECT_EQ(Contents(t),
            std::vector<std::string>{
                "The Russians also have to dance the tango \xE2\x80\x94 and right now, "
                "they don\xE2\x80\x99t seem to want to."});
}

TEST(QuoteMarks, GuillemetsPair) {
  const std::string t =
      "\xC2\xAB"
      "Nous sommes pr\xC3\xAAts\xC2\xBB, a dit Rutte.";
  EXPECT_EQ(Contents(t), std::vector<std::string>{"Nous sommes pr\xC3\xAAts"});
}

TEST(QuoteMarks, GermanLowHighQuotesPair) {
  // „…“: the closing mark is the one English uses to open.
  const std::string t = "\xE2\x80\x9EWir sind bereit\xE2\x80\x9C, sagte Rutte.";
  EXPECT_EQ(Contents(t), std::vector<std::string>{"Wir sind bereit"});
}

TEST(QuoteMarks, ApostropheInsideWordDoesNotCloseSingleQuote) {
  // Seed 003's headline.
  const std::string t =
      "Ukraine ready to talk peace, but 'ball is in Russia's court,' says NATO chief";
  std::vector<QuoteSpan> s = Spans(t);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(Content(t, s[0]), "ball is in Russia's court,");
  EXPECT_TRUE(s[0].single);
  EXPECT_EQ(s[0].depth, 0);
}

TEST(QuoteMarks, CurlySingleQuotesWithCurlyApostrophe) {
  const std::string t =
      "Canada Warns Travellers: \xE2\x80\x98U.S. Border Agents\xE2\x80\x99 Can Search "
      "Russia\xE2\x80\x99s Phones";
  EXPECT_EQ(Contents(t), std::vector<std::string>{"U.S. Border Agents"});
}

TEST(QuoteMarks, NestedSingleInsideDoubleHasParent) {
  // Seed 003: Rutte quoting Zelenskyy.
  const std::string t =
      "\"The Russians are sending a low-level delegation now. He said, 'I'm willing to sit with "
      "Putin as soon as the ceasefire is there.' That is clear,\" Rutte said.";
  std::vector<QuoteSpan> s = Spans(t);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].depth, 0);
  EXPECT_EQ(s[0].parent, -1);
  EXPECT_FALSE(s[0].single);
  EXPECT_EQ(Content(t, s[1]), "I'm willing to sit with Putin as soon as the ceasefire is there.");
  EXPECT_TRUE(s[1].single);
  EXPECT_EQ(s[1].depth, 1);
  EXPECT_EQ(s[1].parent, 0);
  EXPECT_LT(s[0].open_begin, s[1].open_begin);
  EXPECT_GT(s[0].close_begin, s[1].close_end);
}

TEST(QuoteMarks, MultiParagraphQuotationContinues) {
  // Seed 000: the first paragraph never closes its quote, the next reopens it.
  const std::string t =
      "\"I think when you look at the outcome of the meeting yesterday in London, we can be quite "
      "positive. So I'm not seeing a situation where the US is walking.\n"
      "\"I'm seeing a situation that could bring this to a positive end,\" he added.";
  std::vector<QuoteSpan> s = Spans(t);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_TRUE(s[0].continued);
  EXPECT_EQ(s[0].paragraph, 0u);
  EXPECT_EQ(s[0].close_begin, t.find('\n'));
  EXPECT_EQ(s[0].close_end, s[0].close_begin);
  EXPECT_EQ(Content(t, s[0]).substr(0, 15), "I think when yo");
  EXPECT_EQ(s[1].continues, 0);
  EXPECT_EQ(s[1].paragraph, 1u);
  EXPECT_FALSE(s[1].continued);
  EXPECT_EQ(Content(t, s[1]), "I'm seeing a situation that could bring this to a positive end,");
}

TEST(QuoteMarks, OpenQuoteNotReopenedInNextParagraphIsDropped) {
  const std::string t =
      "\"We will never agree to this, said nobody in particular.\n"
      "The next paragraph is narration without quotes.";
  EXPECT_TRUE(Spans(t).empty());
}

// bbc-2004.jsonl:314 (bbc-business-314): a paragraph break, then two paragraphs on one line.
// The reopening at the line start and the one after "changed." are both links of the chain.
TEST(QuoteMarks, ContinuedSpanIsAlwaysContinuedByALaterSpan) {
  const std::string t =
      "\"I think a decision was taken a long time ago. So the main question was how to "
      "structure this transaction.\n"
      "\"I would not exclude that the deal has changed. \"I would also not exclude that Baikal "
      "will decline to pay,\" he said.";
  std::vector<QuoteSpan> s = Spans(t);
  for (size_t i = 0; i < s.size(); ++i) {
    if (!s[i].continued) continue;
    bool continued_later = false;
    for (const QuoteSpan& later : s) continued_later |= later.continues == static_cast<int>(i);
    EXPECT_TRUE(continued_later) << "span " << i << " (" << Content(t, s[i]) << ") dangles";
  }
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[2].continues, 1);
  EXPECT_EQ(Content(t, s[1]), "I would not exclude that the deal has changed.");
  EXPECT_EQ(Content(t, s[2]), "I would also not exclude that Baikal will decline to pay,");
}

TEST(QuoteMarks, UnterminatedQuoteProducesNoSpan) {
  EXPECT_TRUE(Spans("He said \"we will never give up").empty());
  EXPECT_TRUE(Spans("The \xE2\x80\x9Cstray mark in a single paragraph").empty());
}

TEST(QuoteMarks, ElidedDecadeIsNotAQuote) {
  EXPECT_TRUE(Spans("In the '90s the alliance grew quickly.").empty());
  // ... and does not steal the opening of a real single quotation later.
  const std::string t = "The '90s were 'good times' for the alliance.";
  EXPECT_EQ(Contents(t), std::vector<std::string>{"good times"});
}

TEST(QuoteMarks, SeveralQuotationsInOneParagraphAreOrdered) {
  // A split quotation: two spans in one paragraph.
  const std::string t = "\"We are ready,\" she said, \"and we will sign.\"";
  EXPECT_EQ(Contents(t), (std::vector<std::string>{"We are ready,", "and we will sign."}));
  std::vector<QuoteSpan> s = Spans(t);
  EXPECT_LT(s[0].close_end, s[1].open_begin);
}

// The chain of spans as (content, continues) pairs, for the merged-paragraph tests.
std::vector<std::pair<std::string, int>> Chain(std::string_view text) {
  std::vector<std::pair<std::string, int>> out;
  for (const QuoteSpan& s : Spans(text)) out.emplace_back(Content(text, s), s.continues);
  return out;
}
using Links = std::vector<std::pair<std::string, int>>;

TEST(QuoteMarks, MergedParagraphsOnOneLineAreOneQuotation) {
  // BBC copy: the first paragraph's closing mark is missing, the next reopens on the same line.
  const std::string t =
      "Ms Okafor said: \"The harbour will stay open all winter. \"We have hired forty more "
      "pilots,\" she said.";
  std::vector<QuoteSpan> s = Spans(t);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_TRUE(s[0].continued);
  EXPECT_EQ(s[0].paragraph, 0u);
  EXPECT_EQ(Content(t, s[0]), "The harbour will stay open all winter.");
  // The segment ends after its sentence, before the space and the reopening mark.
  EXPECT_EQ(s[0].close_begin, t.find("winter.") + 7);
  EXPECT_EQ(s[0].close_end, s[0].close_begin);
  EXPECT_EQ(s[1].continues, 0);
  EXPECT_FALSE(s[1].continued);
  EXPECT_EQ(s[1].open_begin, t.find("\"We"));
  EXPECT_EQ(Content(t, s[1]), "We have hired forty more pilots,");
}

TEST(QuoteMarks, ThreeMergedParagraphsChain) {
  const std::string t =
      "\"The ferry is late again. \"Nobody told us why. \"We waited two hours on the quay,\" "
      "one passenger said.";
  EXPECT_EQ(Chain(t), (Links{{"The ferry is late again.", -1},
                             {"Nobody told us why.", 0},
                             {"We waited two hours on the quay,", 1}}));
  std::vector<QuoteSpan> s = Spans(t);
  EXPECT_TRUE(s[0].continued);
  EXPECT_TRUE(s[1].continued);
  EXPECT_FALSE(s[2].continued);
}

TEST(QuoteMarks, MergedParagraphsMixWithARealParagraphBreak) {
  // One quotation: two paragraphs on the first line, a break, two more on the second.
  const std::string t =
      "He said: \"The vote was close. \"We expected that.\n"
      "\"Next year will be different. \"We will campaign in every village,\" he added.";
  EXPECT_EQ(Chain(t), (Links{{"The vote was close.", -1},
                             {"We expected that.", 0},
                             {"Next year will be different.", 1},
                             {"We will campaign in every village,", 2}}));
  std::vector<QuoteSpan> s = Spans(t);
  EXPECT_EQ(s[1].close_begin, t.find('\n'));  // continued to the paragraph end
  EXPECT_EQ(s[2].paragraph, 1u);
}

TEST(QuoteMarks, ClosedQuotationsInSequenceAreNotMerged) {
  // "A." "B.": the first mark after "A." closes, so there is nothing to continue.
  EXPECT_EQ(Chain("\"The bridge is safe.\" \"It reopens on Monday.\""),
            (Links{{"The bridge is safe.", -1}, {"It reopens on Monday.", -1}}));
  EXPECT_EQ(Chain("\"The bridge is safe,\" the engineer said. \"It reopens on Monday.\""),
            (Links{{"The bridge is safe,", -1}, {"It reopens on Monday.", -1}}));
  // Curly marks say so by their shape.
  EXPECT_EQ(Chain("\xE2\x80\x9CThe bridge is safe.\xE2\x80\x9D \xE2\x80\x9CIt reopens on "
                  "Monday.\xE2\x80\x9D"),
            (Links{{"The bridge is safe.", -1}, {"It reopens on Monday.", -1}}));
}

TEST(QuoteMarks, MergedChainWithUnterminatedLastPartProducesNoSpan) {
  EXPECT_TRUE(Spans("She said: \"The mine will close. \"Nobody knows when").empty());
  // ... nor when the next paragraph is narration that does not reopen.
  EXPECT_TRUE(Spans("She said: \"The mine will close. \"Nobody knows when.\n"
                    "The company declined to comment.")
                  .empty());
}

TEST(QuoteMarks, NestedSingleQuoteInsideMergedChain) {
  const std::string t =
      "\"The pilot radioed 'mayday' twice. \"Then the tower said 'hold your position' and "
      "waited,\" the report said.";
  std::vector<QuoteSpan> s = Spans(t);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(Content(t, s[0]), "The pilot radioed 'mayday' twice.");
  EXPECT_TRUE(s[0].continued);
  EXPECT_EQ(Content(t, s[1]), "mayday");
  EXPECT_EQ(s[1].parent, 0);
  EXPECT_EQ(s[1].depth, 1);
  EXPECT_EQ(s[2].continues, 0);
  EXPECT_EQ(Content(t, s[3]), "hold your position");
  EXPECT_EQ(s[3].parent, 2);
  EXPECT_TRUE(s[3].single);
}

TEST(QuoteMarks, MergedParagraphMayEndWithANestedQuote) {
  // The sentence ends inside a single quotation: 'go home.' then the reopening mark.
  const std::string t = "\"He told me 'go home.' \"So I went,\" she said.";
  std::vector<QuoteSpan> s = Spans(t);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(Content(t, s[0]), "He told me 'go home.'");
  EXPECT_EQ(Content(t, s[1]), "go home.");
  EXPECT_EQ(s[2].continues, 0);
}

TEST(QuoteMarks, LostClosingMarkBeforeTheWritersAttributionDoesNotChain) {
  // The writer's sentence between the marks: the first quotation lost its closing mark.
  EXPECT_EQ(Chain("\"The talks have stalled, the ministry said in a statement. \"We will "
                  "try again,\" it added."),
            (Links{{"We will try again,", -1}}));
  EXPECT_EQ(Chain("\"Costs are rising, said Maria Lenz of the port authority. \"Fees will "
                  "follow,\" she said."),
            (Links{{"Fees will follow,", -1}}));
  EXPECT_EQ(Chain("She said: \"We are ready. Mr Osei said that the vote was fair. \"It is "
                  "over,\" she added."),
            (Links{{"It is over,", -1}}));
  EXPECT_EQ(Chain("Lind said: \"We are ready. Meanwhile, UN spokesman Tomas Berg welcomed "
                  "the vote. \"It is over,\" he said."),
            (Links{{"It is over,", -1}}));
  // The speaker's own words may report speech in the first person: still one quotation.
  EXPECT_EQ(Chain("\"I told them we were ready, he said. \"It is over,\" she added."),
            (Links{{"I told them we were ready, he said.", -1}, {"It is over,", 0}}));
}

TEST(QuoteMarks, OnlyAClearOpeningMarkOfTheSameStyleStartsAChain) {
  // A mark glued to the text before it is a closing mark that lost its space, not an opener.
  EXPECT_EQ(Chain("The plan failed,\"Anna Berg wrote. \"We will try again next year,\" she "
                  "added."),
            (Links{{"We will try again next year,", -1}}));
  // A curly opening mark is not reopened by a straight one.
  EXPECT_EQ(Chain("\xE2\x80\x9CThe plan failed. \"We will try again,\" she added."),
            (Links{{"We will try again,", -1}}));
  // The reopening mark must follow a sentence end.
  EXPECT_EQ(Chain("He called it \"a failure, \"We will try again,\" she added."),
            (Links{{"We will try again,", -1}}));
}

TEST(QuoteMarks, MergedParagraphsInEveryDoubleStyle) {
  // Curly, two apostrophes (wire copy), guillemets, reversed guillemets, low-high.
  EXPECT_EQ(Chain("\xE2\x80\x9CThe port is open. \xE2\x80\x9CShips are waiting,\xE2\x80\x9D "
                  "he said."),
            (Links{{"The port is open.", -1}, {"Ships are waiting,", 0}}));
  EXPECT_EQ(Chain("''The port is open. ''Ships are waiting,'' he said."),
            (Links{{"The port is open.", -1}, {"Ships are waiting,", 0}}));
  EXPECT_EQ(Chain("\xC2\xAB"
                  "Le port est ouvert. \xC2\xAB"
                  "Les navires attendent\xC2\xBB, "
                  "a-t-il dit."),
            (Links{{"Le port est ouvert.", -1}, {"Les navires attendent", 0}}));
  EXPECT_EQ(Chain("\xC2\xBB"
                  "Der Hafen ist offen. \xC2\xBB"
                  "Die Schiffe warten\xC2\xAB, "
                  "sagte er."),
            (Links{{"Der Hafen ist offen.", -1}, {"Die Schiffe warten", 0}}));
  EXPECT_EQ(Chain("\xE2\x80\x9E"
                  "Der Hafen ist offen. \xE2\x80\x9E"
                  "Die Schiffe "
                  "warten\xE2\x80\x9C, sagte er."),
            (Links{{"Der Hafen ist offen.", -1}, {"Die Schiffe warten", 0}}));
}

TEST(QuoteMarks, ReversedGuillemetsPair) {
  // »...«: German and Danish print guillemets pointing inwards.
  const std::string t = "\xC2\xBBWir sind bereit\xC2\xAB, sagte Rutte.";
  EXPECT_EQ(Contents(t), std::vector<std::string>{"Wir sind bereit"});
}

TEST(QuoteMarks, GuillemetsWithNestedSingleGuillemets) {
  const std::string t =
      "\xC2\xAB"
      "Il a dit \xE2\x80\xB9non\xE2\x80\xBA deux fois\xC2\xBB, selon Rutte.";
  std::vector<QuoteSpan> s = Spans(t);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(Content(t, s[0]), "Il a dit \xE2\x80\xB9non\xE2\x80\xBA deux fois");
  EXPECT_EQ(Content(t, s[1]), "non");
  EXPECT_EQ(s[1].parent, 0);
}

TEST(QuoteMarks, TwoApostrophesAreADoubleMark) {
  // polnear-2016 (New York Times copy): ''...'' around a quotation with apostrophes inside.
  const std::string t = "''Because they're worried,'' Mr. Biden said of the 'new' rules.";
  std::vector<QuoteSpan> s = Spans(t);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(Content(t, s[0]), "Because they're worried,");
  EXPECT_FALSE(s[0].single);
  EXPECT_EQ(s[0].close_end - s[0].close_begin, 2u);
  EXPECT_EQ(Content(t, s[1]), "new");
  EXPECT_TRUE(s[1].single);
  EXPECT_EQ(s[1].depth, 0);
}

TEST(QuoteMarks, SpansOfLaterParagraphsKnowTheirParagraph) {
  const std::string t = "First \"one two three\" here.\nSecond \"four five six\" there.";
  std::vector<QuoteSpan> s = Spans(t);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].paragraph, 0u);
  EXPECT_EQ(s[1].paragraph, 1u);
  EXPECT_EQ(Content(t, s[1]), "four five six");
}

TEST(QuoteMarks, IsQuoteMarkKnowsEveryStyle) {
  for (char32_t c : {U'"', U'\'', U'\u201C', U'\u201D', U'\u2018', U'\u2019', U'\u00AB', U'\u00BB',
                     U'\u201E', U'\u201A', U'\u2039', U'\u203A'}) {
    EXPECT_TRUE(IsQuoteMark(c)) << static_cast<uint32_t>(c);
  }
  for (char32_t c : {U'a', U'`', U'(', U'\u2014', U'.'}) {
    EXPECT_FALSE(IsQuoteMark(c)) << static_cast<uint32_t>(c);
  }
}

}  // namespace
}  // namespace verbatim::quotes

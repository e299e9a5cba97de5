#include "ingest/metadata.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/boilerplate.h"

namespace verbatim::ingest {
namespace {

std::string Sub(std::string_view text, text::ByteRange r) {
  return std::string(text.substr(r.begin, r.size()));
}

TEST(ParseDateLine, LeadingDateLineOfSeed000) {
  const std::string text =
      " date 2025-04-25 NATO chief says ball is clearly in Russia\xE2\x80\x99s court now\n\n"
      "NATO Secretary General Mark Rutte said Thursday ...";
  std::optional<DateLine> d = ParseDateLine(text);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->date, "2025-04-25");
  EXPECT_EQ(d->prefix.begin, 1u);
  EXPECT_EQ(d->prefix.end, 17u);
  EXPECT_EQ(Sub(text, d->prefix), "date 2025-04-25 ");
  EXPECT_EQ(Sub(text, d->title),
            "NATO chief says ball is clearly in Russia\xE2\x80\x99s court now");
}

TEST(ParseDateLine, DateWithoutTitleHasEmptyTitle) {
  std::optional<DateLine> d = ParseDateLine("date 2016-09-12   \nBody.");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->date, "2016-09-12");
  EXPECT_TRUE(d->title.empty());
}

TEST(ParseDateLine, RejectsLinesThatOnlyLookSimilar) {
  EXPECT_FALSE(ParseDateLine("NATO chief says ball is in Russia's court").has_value());
  EXPECT_FALSE(ParseDateLine("date: 2025-04-25 Title").has_value());
  EXPECT_FALSE(ParseDateLine("date 2025-13-01 Title").has_value());   // no month 13
  EXPECT_FALSE(ParseDateLine("date 2025-04-251 Title").has_value());  // not a date token
  EXPECT_FALSE(ParseDateLine("dated 2025-04-25 Title").has_value());
  EXPECT_FALSE(ParseDateLine("Body first.\ndate 2025-04-25 Title").has_value());  // first line only
}

TEST(FindTitleLine, AcceptsAHeadline) {
  const std::string text =
      "NATO's Rutte shifts focus to Russia after Trump talks\n"
      "NATO Secretary General Mark Rutte, after meeting with Donald Trump, stated that ...";
  std::optional<text::ByteRange> t = FindTitleLine(text, {});
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(Sub(text, *t), "NATO's Rutte shifts focus to Russia after Trump talks");
}

TEST(FindTitleLine, SkipsBoilerplateAndBlankLinesBeforeTheHeadline) {
  // Seed 004: a breadcrumb line, then the real headline.
  const std::string text =
      "Homepage News NATO Chief: \xE2\x80\x9CThe Ball Is Clearly in Russia\xE2\x80\x99s "
      "Court\xE2\x80\x9D on...\n"
      "\n"
      "  NATO Chief: \xE2\x80\x9CThe Ball Is Clearly in Russia\xE2\x80\x99s Court\xE2\x80\x9D on "
      "Ukraine Peace Talks  \n"
      "\n"
      "Mark Rutte\n";
  std::vector<text::ByteRange> skip = BoilerplateDetector().Find(text);
  ASSERT_EQ(skip.size(), 1u);
  std::optional<text::ByteRange> t = FindTitleLine(text, skip);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(
      Sub(text, *t),
      "NATO Chief: \xE2\x80\x9CThe Ball Is Clearly in Russia\xE2\x80\x99s Court\xE2\x80\x9D on "
      "Ukraine Peace Talks");
}

TEST(FindTitleLine, RejectsALongSentenceEndingWithAFullStop) {
  // An article that starts with its body (no title line).
  const std::string text =
      "In a recent interview with Face the Nation, NATO Secretary General Mark Rutte emphasized "
      "that the responsibility to end the war in Ukraine now lies with Russia.\nMore.";
  EXPECT_FALSE(FindTitleLine(text, {}).has_value());
  // Even a short first line ending with a full stop is body text.
  EXPECT_FALSE(FindTitleLine("Rutte spoke on Thursday.\nMore text.", {}).has_value());
}

// DISABLED: bug in FindTitleLine (metadata.cc): only the last byte is checked for a full
// stop, so a first line whose sentence ends inside a closing quote mark is taken as the title
// (and its quotation becomes a "headline" quotation):
//   Asked whether Putin wants peace, Rutte said: "I don't know. I worked with him for years."
TEST(FindTitleLine, SentenceEndingWithFullStopInsideQuotesIsNotATitle) {
  EXPECT_FALSE(FindTitleLine("Asked whether Putin wants peace, Rutte said: \"I don't know. I "
                             "worked with him for years.\"\nMore text.",
                             {})
                   .has_value());
  EXPECT_FALSE(FindTitleLine("\"We are ready,\" she said, \"and we will sign.\"\nMore text.", {})
                   .has_value());
}

TEST(FindTitleLine, RejectsBulletsAndOverlongLines) {
  EXPECT_FALSE(FindTitleLine("- Meeting in Washington: Mark Rutte met Trump\n", {}).has_value());
  std::string many;
  for (int i = 0; i < 26; ++i) many += "word ";
  EXPECT_FALSE(FindTitleLine(many + "\n", {}).has_value());
}

TEST(FindTitleLine, HeadlineEndingWithEllipsisIsAccepted) {
  const std::string text = "NATO Chief: the ball is in Russia's court...\nBody.";
  std::optional<text::ByteRange> t = FindTitleLine(text, {});
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(Sub(text, *t), "NATO Chief: the ball is in Russia's court...");
}

TEST(FindTitleLine, EmptyTextHasNoTitle) {
  EXPECT_FALSE(FindTitleLine("", {}).has_value());
  EXPECT_FALSE(FindTitleLine("\n \n", {}).has_value());
}

TEST(ParsePublished, IsoDateIsKept) {
  EXPECT_EQ(ParsePublished("2016-09-12"), "2016-09-12");
  EXPECT_EQ(ParsePublished("  1987-02-26 "), "1987-02-26");
}

TEST(ParsePublished, IsoDateTimeWithZ) {
  EXPECT_EQ(ParsePublished("2016-09-12T14:05:00Z"), "2016-09-12T14:05:00Z");
}

TEST(ParsePublished, IsoDateTimeWithOffsetBecomesTheSameInstantInUtc) {
  // Pinned: the offset is applied and the result written in UTC (the header's example
  // "...+02:00" suggests the offset is kept; it is not).
  EXPECT_EQ(ParsePublished("2016-09-12T14:05:00+02:00"), "2016-09-12T12:05:00Z");
  EXPECT_EQ(ParsePublished("2016-09-12T23:30:00-03:00"), "2016-09-13T02:30:00Z");
}

TEST(ParsePublished, NaiveDateTimeHasNoZone) {
  EXPECT_EQ(ParsePublished("2016-09-12 14:05:00"), "2016-09-12T14:05:00");
  EXPECT_EQ(ParsePublished("2016-09-12T14:05:00"), "2016-09-12T14:05:00");
}

TEST(ParsePublished, EnglishMonthNames) {
  EXPECT_EQ(ParsePublished("September 12, 2016"), "2016-09-12");
  EXPECT_EQ(ParsePublished("Sep 12, 2016"), "2016-09-12");
  EXPECT_EQ(ParsePublished("12 September 2016"), "2016-09-12");
}

TEST(ParsePublished, ReutersUppercaseMonth) {
  // Reuters-21578's original DATE field style.
  EXPECT_EQ(ParsePublished("12-SEP-1987"), "1987-09-12");
  EXPECT_EQ(ParsePublished("26-FEB-1987"), "1987-02-26");
}

TEST(ParsePublished, Rfc2822) {
  EXPECT_EQ(ParsePublished("Mon, 12 Sep 2016 14:05:00 +0000"), "2016-09-12T14:05:00Z");
  EXPECT_EQ(ParsePublished("Mon, 12 Sep 2016 14:05:00 +0200"), "2016-09-12T12:05:00Z");
}

TEST(ParsePublished, GarbageIsNullopt) {
  EXPECT_EQ(ParsePublished(""), std::nullopt);
  EXPECT_EQ(ParsePublished("yesterday"), std::nullopt);
  EXPECT_EQ(ParsePublished("2016-13-01"), std::nullopt);
  EXPECT_EQ(ParsePublished("12/09/2016"), std::nullopt);  // ambiguous day/month order
  EXPECT_EQ(ParsePublished("September 12"), std::nullopt);
}

// DISABLED: bug in ParsePublished (metadata.cc, IsIsoDate): an ISO-shaped date that does not
// exist is returned unchanged, because IsIsoDate only checks month 1-12 and day 1-31.
TEST(ParsePublished, ImpossibleCalendarDateIsNullopt) {
  EXPECT_EQ(ParsePublished("2016-02-30"), std::nullopt);
  EXPECT_EQ(ParsePublished("2015-02-29"), std::nullopt);
}

TEST(GuessLanguage, EnglishNewsIsEn) {
  EXPECT_EQ(GuessLanguage("NATO Secretary General Mark Rutte said Thursday that the ball is "
                          "clearly in the Russian court regarding a Ukraine ceasefire."),
            "en");
}

TEST(GuessLanguage, OtherLanguagesHaveTheirCodeAndShortTextIsUnknown) {
  EXPECT_EQ(
      GuessLanguage("Der NATO-Generalsekret\xC3\xA4r sagte am Donnerstag, dass Russland jetzt "
                    "am Zug sei und die Verhandlungen weitergehen m\xC3\xBCssten. Die "
                    "Verb\xC3\xBCndeten wollen sich in der kommenden Woche in Br\xC3\xBCssel treffen."),
      "de");
  EXPECT_EQ(GuessLanguage("Le secrétaire général de l'OTAN a déclaré jeudi que la balle est "
                          "dans le camp de la Russie et que les négociations doivent continuer."),
            "fr");
  EXPECT_EQ(GuessLanguage("41350.00 - 3023.00"), std::nullopt);  // no words
  EXPECT_EQ(GuessLanguage(""), std::nullopt);
}

}  // namespace
}  // namespace verbatim::ingest

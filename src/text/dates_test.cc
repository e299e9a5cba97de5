#include "text/dates.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace verbatim::text {
namespace {

std::vector<std::string> Isos(std::string_view text) {
  std::vector<std::string> out;
  for (const TextDate& d : FindTextDates(text)) out.push_back(d.date.Iso());
  return out;
}

TEST(Dates, ValidatesTheCalendar) {
  EXPECT_TRUE(IsValidCivilDate(2020, 2, 29));
  EXPECT_FALSE(IsValidCivilDate(2019, 2, 29));
  EXPECT_FALSE(IsValidCivilDate(2020, 4, 31));
  EXPECT_FALSE(IsValidCivilDate(2020, 13, 1));
  EXPECT_EQ(ParseIsoDate("2020-03-27")->Iso(), "2020-03-27");
  EXPECT_FALSE(ParseIsoDate("2020-02-30"));
}

TEST(Dates, NormalizesMachineDatesKeepingLocalTime) {
  EXPECT_EQ(NormalizeDateTime("2020-03-27"), "2020-03-27");
  EXPECT_EQ(NormalizeDateTime(" 2020-03-27T23:30:00-05:00"), "2020-03-27T23:30:00-05:00");
  EXPECT_EQ(NormalizeDateTime("2020-03-27T23:30:00.123Z"), "2020-03-27T23:30:00Z");
  EXPECT_EQ(NormalizeDateTime("2020-03-27 08:05"), "2020-03-27T08:05:00");
  EXPECT_EQ(NormalizeDateTime("2020/3/7"), "2020-03-07");
  EXPECT_EQ(NormalizeDateTime("20200327"), "2020-03-27");
  EXPECT_EQ(NormalizeDateTime("Fri, 27 Mar 2020 14:05:00 GMT"), "2020-03-27");
  EXPECT_EQ(NormalizeDateTime("March 27, 2020 2:05 PM"), "2020-03-27");
  EXPECT_FALSE(NormalizeDateTime("2020-02-30"));
  EXPECT_FALSE(NormalizeDateTime("yesterday"));
  EXPECT_FALSE(NormalizeDateTime(""));
}

TEST(Dates, FindsNumericDatesInText) {
  EXPECT_EQ(Isos("Stand: 27.03.2020, 10:15 Uhr"), std::vector<std::string>{"2020-03-27"});
  EXPECT_EQ(Isos("posted 2020/03/27 by admin"), std::vector<std::string>{"2020-03-27"});
  EXPECT_EQ(Isos("on 03/27/2020"), std::vector<std::string>{"2020-03-27"});  // 27 is no month
  EXPECT_EQ(Isos("on 05/04/2020"), std::vector<std::string>{"2020-04-05"});  // day first
  EXPECT_EQ(Isos("2020\xE5\xB9\xB4" "3\xE6\x9C\x88" "27\xE6\x97\xA5"),
            std::vector<std::string>{"2020-03-27"});
  EXPECT_TRUE(Isos("version 1.2.2020.5 and 31.02.2020").empty());
}

TEST(Dates, FindsDatesWithMonthNamesInManyLanguages) {
  EXPECT_EQ(Isos("Published March 27, 2020"), std::vector<std::string>{"2020-03-27"});
  EXPECT_EQ(Isos("Mar. 27th 2020"), std::vector<std::string>{"2020-03-27"});
  EXPECT_EQ(Isos("27th of March, 2020"), std::vector<std::string>{"2020-03-27"});
  EXPECT_EQ(Isos("Veröffentlicht am 27. März 2020"), std::vector<std::string>{"2020-03-27"});
  EXPECT_EQ(Isos("Publié le 1er avril 2020"), std::vector<std::string>{"2020-04-01"});
  EXPECT_EQ(Isos("27 de marzo de 2020"), std::vector<std::string>{"2020-03-27"});
  EXPECT_EQ(Isos("27 marzo 2020"), std::vector<std::string>{"2020-03-27"});
  EXPECT_EQ(Isos("27 \xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0 2020"),  // марта
            std::vector<std::string>{"2020-03-27"});
  EXPECT_EQ(Isos("2020. m\xC3\xA1rcius 27."), std::vector<std::string>{"2020-03-27"});
  EXPECT_EQ(Isos("27 MARS 2020"), std::vector<std::string>{"2020-03-27"});
  std::vector<TextDate> found = FindTextDates("Updated: 28 March 2020");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].begin, 9u);
  EXPECT_EQ(found[0].end, 22u);
}

TEST(Dates, ReadsDatesFromUrls) {
  EXPECT_EQ(DateFromUrl("https://x.com/2020/03/27/story/")->Iso(), "2020-03-27");
  EXPECT_EQ(DateFromUrl("https://x.com/news/20200413/story")->Iso(), "2020-04-13");
  EXPECT_EQ(DateFromUrl("https://x.com/a/2020-06-03-1.3874341")->Iso(), "2020-06-03");
  EXPECT_EQ(DateFromUrl("https://x.com/a/202003171044893040-slug/")->Iso(), "2020-03-17");
  EXPECT_FALSE(DateFromUrl("https://x.com/2020/03/slug"));
  EXPECT_FALSE(DateFromUrl("https://20200327.com/story"));  // the host is no path
  EXPECT_FALSE(DateFromUrl("https://x.com/story/12345678"));
  EXPECT_EQ(UrlYearMonth("https://x.com/2020/03/slug")->month, 3);
  EXPECT_FALSE(UrlYearMonth("https://x.com/2020/slug"));
}

}  // namespace
}  // namespace verbatim::text

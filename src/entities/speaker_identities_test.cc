#include "entities/speaker_identities.h"

#include <gtest/gtest.h>

namespace verbatim::entities {
namespace {

TEST(SpeakerIdentities, NameVariantsMergeAcrossArticles) {
  // Seeds and news: "Rutte" in one article, "Mark Rutte" in another; Zelensky / Zelenskyy;
  // Erdogan / Erdoğan.
  std::vector<SpeakerIdentity> ids = GroupSpeakers({{"Mark Rutte", 30, 5},
                                                    {"Rutte", 4, 2},
                                                    {"Volodymyr Zelensky", 2, 1},
                                                    {"Volodymyr Zelenskyy", 1, 1},
                                                    {"Recep Tayyip Erdo\xC4\x9F" "an", 3, 1},
                                                    {"Erdogan", 1, 1}});
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[0].name, "Mark Rutte");
  EXPECT_EQ(ids[0].variants, (std::vector<std::string>{"Mark Rutte", "Rutte"}));
  EXPECT_EQ(ids[0].quotations, 34);
  EXPECT_EQ(ids[1].name, "Recep Tayyip Erdo\xC4\x9F" "an");
  EXPECT_EQ(ids[1].variants.size(), 2u);
  EXPECT_EQ(ids[2].variants.size(), 2u);
}

TEST(SpeakerIdentities, PeopleSharingASurnameStayApart) {
  std::vector<SpeakerIdentity> ids =
      GroupSpeakers({{"Donald Trump", 50, 9}, {"Ivanka Trump", 5, 2}, {"Trump", 20, 6}});
  ASSERT_EQ(ids.size(), 2u);
  // The bare surname joins the most quoted of the full names it fits.
  EXPECT_EQ(ids[0].name, "Donald Trump");
  EXPECT_EQ(ids[0].variants, (std::vector<std::string>{"Donald Trump", "Trump"}));
  EXPECT_EQ(ids[1].variants, (std::vector<std::string>{"Ivanka Trump"}));
}

TEST(SpeakerIdentities, TheMostQuotedFullNameNamesTheIdentity) {
  std::vector<SpeakerIdentity> ids = GroupSpeakers({{"Offensive Things Donald Trump", 1, 1}, {"Donald Trump", 40, 9}});
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0].name, "Donald Trump");
}

TEST(SpeakerIdentities, AliasFileCorrectsTheMerge) {
  auto aliases = ParseAliases("# newsroom corrections\n\nJohn Smith = J. Smith; Smith\nAcme Corp =\n");
  ASSERT_TRUE(aliases.ok()) << aliases.status();
  std::vector<SpeakerIdentity> ids = GroupSpeakers({{"John Smith", 3, 2}, {"Smith", 2, 1}, {"J. Smith", 1, 1}, {"Jane Smith", 4, 2}}, *aliases);
  ASSERT_EQ(ids.size(), 2u);
  const SpeakerIdentity& john = ids[0].name == "John Smith" ? ids[0] : ids[1];
  EXPECT_EQ(john.quotations, 6);
  EXPECT_EQ(john.variants.size(), 3u);
  EXPECT_FALSE(ParseAliases("no equals sign here").ok());
  EXPECT_FALSE(ParseAliases(" = Variant").ok());
}

}  // namespace
}  // namespace verbatim::entities

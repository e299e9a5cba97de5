// In-article coreference as attribution sees it: who "he", "it", "the report", a respelt
// surname or initials refer to. Every article here is written for the test.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "ingest/reader.h"
#include "quotes/extractor.h"
#include "quotes/speakers.h"

namespace verbatim::quotes {
namespace {

std::vector<Quotation> ExtractText(std::string_view text) {
  ExtractorOptions marked_only;
  marked_only.find_indirect = false;
  return Extractor(marked_only).Extract(ingest::ArticleReader().FromText("t.txt", text));
}

// The speaker of the quotation whose text starts with `prefix`; "(no quotation)" if none.
std::string SpeakerOf(const std::vector<Quotation>& qs, std::string_view prefix) {
  for (const Quotation& q : qs) {
    if (std::string_view(q.text).substr(0, prefix.size()) == prefix) return q.speaker.value_or("(null)");
  }
  return "(no quotation)";
}

TEST(Coreference, GenderOfTitlesAndPronouns) {
  EXPECT_EQ(GenderOfWord("ms"), Gender::kFemale);
  EXPECT_EQ(GenderOfWord("mr."), Gender::kMale);
  EXPECT_EQ(GenderOfWord("spokeswoman"), Gender::kFemale);
  EXPECT_EQ(GenderOfWord("secretary"), Gender::kUnknown);
  EXPECT_EQ(GenderOfPronoun("she"), Gender::kFemale);
  EXPECT_EQ(GenderOfPronoun("they"), Gender::kUnknown);
  EXPECT_TRUE(GenderAgrees(Gender::kUnknown, Gender::kMale));
  EXPECT_TRUE(GenderAgrees(Gender::kConflict, Gender::kFemale));
  EXPECT_FALSE(GenderAgrees(Gender::kFemale, Gender::kMale));
}

TEST(Coreference, HeSkipsTheSalientWomanForTheManNamedJustBefore) {
  std::vector<Quotation> qs = ExtractText(
      "Harbour plans divide the council\n\n"
      "Ms Alvarez said the new quay would open in spring. Her plan did not impress the "
      "opposition leader Tomas Brennan. \"The figures simply do not add up,\" he said.");
  EXPECT_EQ(SpeakerOf(qs, "The figures"), "Tomas Brennan");
}

TEST(Coreference, SheStaysWithTheSalientWoman) {
  std::vector<Quotation> qs = ExtractText(
      "Harbour plans divide the council\n\n"
      "Ms Ines Alvarez presented the plan to Mr Brennan on Monday. \"The quay will open in "
      "spring,\" she said.");
  EXPECT_EQ(SpeakerOf(qs, "The quay"), "Ines Alvarez");
}

// An organisation's name runs over "of" and keeps a possessive inside it, whether the rules
// or the parse (reported speech) find the mention; "it" then speaks for it.
TEST(Coreference, OrganisationNamesKeepTheirOfPhraseAndInnerPossessive) {
  std::vector<Quotation> qs = ExtractText(
      "Nurses warn of winter\n\n"
      "\"Staff are exhausted,\" the Royal College of Nursing said on Monday. \"We have "
      "warned ministers for a year,\" it added.\n\n"
      "\"The quay is ours,\" said the Northgate Fishermen's Association.");
  EXPECT_EQ(SpeakerOf(qs, "Staff are"), "Royal College of Nursing");
  EXPECT_EQ(SpeakerOf(qs, "We have"), "Royal College of Nursing");
  EXPECT_EQ(SpeakerOf(qs, "The quay"), "Northgate Fishermen's Association");

  std::vector<Quotation> reported = Extractor().Extract(ingest::ArticleReader().FromText(
      "t.txt",
      "Rates on hold\n\nThe Bank of England said rates would stay where they are until "
      "the spring. The Ministry of Defence said the jets had landed safely at the base."));
  EXPECT_EQ(SpeakerOf(reported, "rates would"), "Bank of England");
  EXPECT_EQ(SpeakerOf(reported, "the jets"), "Ministry of Defence");
  // A possessor that is not part of a name stays out of it, and a title with "of" before a
  // full name is a title, not a role working for someone.
  std::vector<Quotation> person = ExtractText(
      "Talks\n\n\"We are close,\" Secretary of State John Kerry said. \"Not yet,\" said "
      "Britain's Foreign Secretary Philip Hammond.");
  EXPECT_EQ(SpeakerOf(person, "We are"), "John Kerry");
  EXPECT_EQ(SpeakerOf(person, "Not yet"), "Philip Hammond");
}

TEST(Coreference, SurnameSpeltTwoWaysIsOnePerson) {
  std::vector<Quotation> qs = ExtractText(
      "Port deal signed\n\n"
      "Trade minister Ravindra Chatterjee opened the fair on Tuesday. \"We welcome every "
      "partner who brings work to the port,\" said Mr Chaterjee.");
  EXPECT_EQ(SpeakerOf(qs, "We welcome"), "Ravindra Chatterjee");
}

TEST(Coreference, ShortSurnamesDifferingByOneLetterStayApart) {
  std::vector<Quotation> qs = ExtractText(
      "Port deal signed\n\n"
      "Anna Hale met Tom Hall on Tuesday. \"We welcome every partner,\" said Hall.");
  EXPECT_EQ(SpeakerOf(qs, "We welcome"), "Tom Hall");
}

TEST(Coreference, InitialsBelongToTheName) {
  std::vector<Quotation> qs = ExtractText(
      "New novel tops the chart\n\n"
      "The new novel by author PD Marlowe went straight to number one. \"I am delighted and "
      "a little surprised,\" Marlowe said.");
  EXPECT_EQ(SpeakerOf(qs, "I am delighted"), "PD Marlowe");
}

TEST(Coreference, OrganisationSpeaksAsItAndThroughItsReport) {
  std::vector<Quotation> qs = ExtractText(
      "Growth to slow, says OECD\n\n"
      "Growth in the euro area will slow next year, the OECD said on Tuesday. \"Investment "
      "should recover in North America,\" it added. However, the report warned: \"Demand in "
      "Europe remains weak.\"");
  EXPECT_EQ(SpeakerOf(qs, "Investment"), "OECD");
  EXPECT_EQ(SpeakerOf(qs, "Demand"), "OECD");
}

TEST(Coreference, ParagraphOpeningQuoteContinuesThePreviousSpeakerNotTheNextOne) {
  std::vector<Quotation> qs = ExtractText(
      "Marathon hopes\n\n"
      "\"How you respond to a setback decides everything,\" argues coach Ivo Marek.\n\n"
      "\"Every race is a chance to learn.\" And her rival Sara Lind says: \"She will be back "
      "stronger.\"");
  EXPECT_EQ(SpeakerOf(qs, "Every race"), "Ivo Marek");
  EXPECT_EQ(SpeakerOf(qs, "She will be back"), "Sara Lind");
}

TEST(Coreference, APossessorIsNeverTheSpeaker) {
  std::vector<Quotation> qs = ExtractText(
      "Book tops the chart\n\n"
      "\"Readers have been waiting for this one for two years,\" said Bookworld's Dana Whitlock.");
  EXPECT_EQ(SpeakerOf(qs, "Readers have"), "Dana Whitlock");
}

TEST(Coreference, ThePlaceInAnAppositionIsNotTheSpeaker) {
  std::vector<Quotation> qs = ExtractText(
      "Mayor row\n\n"
      "Mr Halloran, MP for Eastwick, Northshire, said he expected an apology \"within the "
      "week, not the month\".");
  EXPECT_EQ(SpeakerOf(qs, "within the week"), "Halloran");
}

TEST(Coreference, TheSubjectOfTheReportedClauseIsNotTheSpeaker) {
  std::vector<Quotation> qs = ExtractText(
      "Mayor row\n\n"
      "However, Mr Halloran, who chairs the transport committee, said Mr Pryce \"should stay out "
      "of\" the dispute.");
  EXPECT_EQ(SpeakerOf(qs, "should stay out"), "Halloran");
}

TEST(Coreference, ADescriptionNamesThePersonBeingTalkedAbout) {
  std::vector<Quotation> qs = ExtractText(
      "Relay honours\n\n"
      "Darren Oduya said the award capped a difficult year. \"I think the honour matters to "
      "the people closest to me,\" said the Leeds-based sprinter.");
  EXPECT_EQ(SpeakerOf(qs, "I think the honour"), "Darren Oduya");
}

}  // namespace
}  // namespace verbatim::quotes

#include "text/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace verbatim::text {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

TEST(Utf8, CleanTextIsCleanAndRepairLeavesItAlone) {
  // A curly apostrophe and a Turkish dotted capital: multi-byte but valid.
  const std::string s = "Russia\xE2\x80\x99s court, T\xC3\xBCrkiye";
  EXPECT_TRUE(IsCleanUtf8(s));
  Utf8Repair r = RepairUtf8(s);
  EXPECT_EQ(r.text, s);
  EXPECT_EQ(r.replaced, 0u);
}

TEST(Utf8, LoneContinuationByteIsReplacedAndReported) {
  const std::string s = std::string("ab\x80") + "cd";
  EXPECT_FALSE(IsCleanUtf8(s));
  Utf8Repair r = RepairUtf8(s);
  EXPECT_EQ(r.text, "ab" + kFffd + "cd");
  EXPECT_EQ(r.replaced, 1u);
  EXPECT_EQ(r.first_bad_offset, 2u);
}

TEST(Utf8, Latin1ByteFromAMisdecodedFileIsReplaced) {
  // "café" written in Latin-1: 0xE9 starts a 3-byte sequence that never completes.
  const std::string s = "caf\xE9 au lait";
  Utf8Repair r = RepairUtf8(s);
  EXPECT_EQ(r.text, "caf" + kFffd + " au lait");
  EXPECT_EQ(r.replaced, 1u);
  EXPECT_EQ(r.first_bad_offset, 3u);
}

TEST(Utf8, OverlongEncodingsAreInvalid) {
  // 0xC0 0xAF is an overlong '/', 0xE0 0x80 0xAF another; each byte is its own maximal subpart.
  EXPECT_FALSE(IsCleanUtf8("\xC0\xAF"));
  Utf8Repair two = RepairUtf8("x\xC0\xAFy");
  EXPECT_EQ(two.text, "x" + kFffd + kFffd + "y");
  EXPECT_EQ(two.replaced, 2u);
  EXPECT_EQ(two.first_bad_offset, 1u);

  Utf8Repair three = RepairUtf8("\xE0\x80\xAF");
  EXPECT_EQ(three.text, kFffd + kFffd + kFffd);
  EXPECT_EQ(three.first_bad_offset, 0u);
}

TEST(Utf8, EncodedSurrogateIsInvalid) {
  // U+D800 encoded as ED A0 80 (CESU-8 style) is not UTF-8.
  const std::string s = "a\xED\xA0\x80z";
  EXPECT_FALSE(IsCleanUtf8(s));
  Utf8Repair r = RepairUtf8(s);
  EXPECT_EQ(r.text, "a" + kFffd + kFffd + kFffd + "z");
  EXPECT_EQ(r.replaced, 3u);
  EXPECT_EQ(r.first_bad_offset, 1u);
}

TEST(Utf8, CodePointAboveUnicodeRangeIsInvalid) {
  EXPECT_FALSE(IsCleanUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_TRUE(IsCleanUtf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF
}

TEST(Utf8, TruncatedSequenceIsOneReplacement) {
  // The first two bytes of a curly quote (E2 80 9C) at the end of the input: one maximal subpart.
  const std::string s = "said \xE2\x80";
  Utf8Repair r = RepairUtf8(s);
  EXPECT_EQ(r.text, "said " + kFffd);
  EXPECT_EQ(r.replaced, 1u);
  EXPECT_EQ(r.first_bad_offset, 5u);
}

TEST(Utf8, NulByteIsNotCleanAndIsReplaced) {
  const std::string s("ab\0cd", 5);
  EXPECT_FALSE(IsCleanUtf8(s));
  Utf8Repair r = RepairUtf8(s);
  EXPECT_EQ(r.text, "ab" + kFffd + "cd");
  EXPECT_EQ(r.replaced, 1u);
  EXPECT_EQ(r.first_bad_offset, 2u);
  EXPECT_EQ(r.text.find('\0'), std::string::npos);
}

TEST(Utf8, CountsEveryProblemButReportsTheFirstOffset) {
  const std::string s = std::string("ok \xFF then ") + std::string("\0", 1) + " and \x80";
  Utf8Repair r = RepairUtf8(s);
  EXPECT_EQ(r.replaced, 3u);
  EXPECT_EQ(r.first_bad_offset, 3u);
  EXPECT_TRUE(IsCleanUtf8(r.text));
}

TEST(Utf8, DecodeNextAndDecodePrevRoundTrip) {
  // One code point of each length: 1 ('a'), 2 ('ü'), 3 ('“'), 4 (U+1F600).
  const std::string s = "a\xC3\xBC\xE2\x80\x9C\xF0\x9F\x98\x80";
  const std::vector<char32_t> expected = {U'a', U'\u00FC', U'\u201C', U'\U0001F600'};
  std::vector<char32_t> forward;
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size();) {
    starts.push_back(i);
    forward.push_back(DecodeNext(s, i));
  }
  EXPECT_EQ(forward, expected);
  EXPECT_EQ(starts, (std::vector<size_t>{0, 1, 3, 6}));

  std::vector<char32_t> backward;
  for (size_t i = s.size(); i > 0;) {
    backward.insert(backward.begin(), DecodePrev(s, i));
    EXPECT_EQ(i, starts[starts.size() - backward.size()]);
  }
  EXPECT_EQ(backward, expected);
}

TEST(Utf8, AppendUtf8EncodesWhatDecodeNextReads) {
  for (char32_t cp : {U'\u0041', U'\u00A0', U'\u2019', U'\uFFFD', U'\U0001F600'}) {
    std::string s;
    AppendUtf8(cp, s);
    size_t i = 0;
    EXPECT_EQ(DecodeNext(s, i), cp);
    EXPECT_EQ(i, s.size());
  }
}

TEST(Utf8, CharacterClasses) {
  EXPECT_TRUE(IsSpace(U'\u00A0'));  // NBSP in "Mr\u00a0Prescott"
  EXPECT_TRUE(IsSpace(U'\u2009'));  // thin space
  EXPECT_FALSE(IsSpace(U'x'));
  EXPECT_TRUE(IsDash(U'\u2014'));  // em dash in "tango — and"
  EXPECT_TRUE(IsDash(U'-'));
  EXPECT_FALSE(IsDash(U'_'));
  EXPECT_TRUE(IsUpper(U'\u00DC'));  // Ü
  EXPECT_TRUE(IsLower(U'\u011F'));  // ğ
  EXPECT_TRUE(IsLetter(U'\u011F'));
  EXPECT_FALSE(IsLetter(U'\u2019'));
  EXPECT_TRUE(IsDigit(U'7'));
}

TEST(Utf8, FoldForMatchStripsAccentsAndLowercases) {
  EXPECT_EQ(FoldForMatch("Erdo\xC4\x9F"
                         "an"),
            "erdogan");
  EXPECT_EQ(FoldForMatch("Zelenskyy"), "zelenskyy");
  EXPECT_EQ(FoldForMatch("T\xC3\xBCrkiye"), "turkiye");
  // Folding makes the two spellings of one name compare equal.
  EXPECT_EQ(FoldForMatch("Erdo\xC4\x9F"
                         "an"),
            FoldForMatch("Erdogan"));
}

}  // namespace
}  // namespace verbatim::text

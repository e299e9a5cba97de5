#include "ingest/charset.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <string>

namespace verbatim::ingest {
namespace {

// `utf8` encoded in `charset` with ICU: how the test pages in legacy encodings are made.
std::string Encode(const std::string& utf8, const char* charset) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UErrorCode err = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(charset, &err);
  EXPECT_TRUE(U_SUCCESS(err)) << charset;
  std::string out(static_cast<size_t>(u.length()) * 4 + 16, '\0');
  const int32_t n = ucnv_fromUChars(cnv, out.data(), static_cast<int32_t>(out.size()),
                                    u.getBuffer(), u.length(), &err);
  ucnv_close(cnv);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(static_cast<size_t>(n));
  return out;
}

const std::string kRussian =
    "Президент России заявил журналистам, что переговоры продолжатся на следующей неделе. "
    "«Мы готовы обсуждать все вопросы, которые касаются безопасности», — сказал он. "
    "По его словам, правительство рассчитывает на конструктивный диалог с партнёрами.";

std::string Page(const std::string& head, const std::string& body) {
  return "<!DOCTYPE html>\n<html><head>" + head + "<title>Новости</title></head><body><p>" + body +
         "</p></body></html>";
}

TEST(DecodeHtmlToUtf8, DetectsAnUndeclaredWindows1251Page) {
  const std::string utf8 = Page("", kRussian);
  const std::string bytes = Encode(utf8, "windows-1251");
  ASSERT_NE(bytes, utf8);
  DecodedHtml d = DecodeHtmlToUtf8(bytes, "text/html");
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_EQ(d.source, "detected");
  EXPECT_EQ(d.utf8, utf8);
  EXPECT_EQ(d.replaced, 0u);
}

TEST(DecodeHtmlToUtf8, TheHttpCharsetWinsOverMeta) {
  // KOI8-R has no guillemets or dashes: plain words only.
  const std::string utf8 = Page("<meta charset=\"utf-8\">", "Президент России заявил журналистам");
  DecodedHtml d = DecodeHtmlToUtf8(Encode(utf8, "KOI8-R"), "text/html; charset=\"koi8-r\"");
  EXPECT_EQ(d.charset, "KOI8-R");
  EXPECT_EQ(d.source, "http");
  EXPECT_EQ(d.utf8, utf8);
}

TEST(DecodeHtmlToUtf8, ReadsMetaCharsetAndHttpEquiv) {
  const std::string a = Page("<meta charset='windows-1251'>", kRussian);
  DecodedHtml da = DecodeHtmlToUtf8(Encode(a, "windows-1251"), "text/html");
  EXPECT_EQ(da.charset, "windows-1251");
  EXPECT_EQ(da.source, "meta");
  EXPECT_EQ(da.utf8, a);

  const std::string chinese = "新华社北京电 国务院总理表示，经济运行总体平稳。";
  const std::string b = Page(
      "<!-- <meta charset=utf-8> --><META HTTP-EQUIV=\"Content-Type\" "
      "CONTENT=\"text/html; charset=gb2312\">",
      chinese);
  DecodedHtml db = DecodeHtmlToUtf8(Encode(b, "GB18030"), "");
  EXPECT_EQ(db.charset, "GBK");
  EXPECT_EQ(db.source, "meta");
  EXPECT_EQ(db.utf8, b);
}

TEST(DecodeHtmlToUtf8, ResolvesWhatwgLabels) {
  EXPECT_EQ(CharsetForLabel("latin1"), "windows-1252");
  EXPECT_EQ(CharsetForLabel(" ISO-8859-1 "), "windows-1252");
  EXPECT_EQ(CharsetForLabel("utf8"), "UTF-8");
  EXPECT_EQ(CharsetForLabel("gb2312"), "GBK");
  EXPECT_EQ(CharsetForLabel("x-sjis"), "Shift_JIS");
  EXPECT_EQ(CharsetForLabel("no-such-charset"), std::nullopt);
  // A Latin-1 label reads 0x93/0x94 as the windows-1252 curly quotes.
  DecodedHtml d =
      DecodeHtmlToUtf8("<p>\x93quoted\x94 caf\xe9</p>", "text/html; charset=ISO-8859-1");
  EXPECT_EQ(d.utf8, "<p>\u201Cquoted\u201D caf\u00e9</p>");
  const std::string japanese =
      Page("<meta charset=x-sjis>", "首相は記者団に対し「全力で取り組む」と述べた。");
  DecodedHtml dj = DecodeHtmlToUtf8(Encode(japanese, "Shift_JIS"), "");
  EXPECT_EQ(dj.charset, "Shift_JIS");
  EXPECT_EQ(dj.utf8, japanese);
}

TEST(DecodeHtmlToUtf8, ABomWinsAndIsRemoved) {
  DecodedHtml d =
      DecodeHtmlToUtf8("\xEF\xBB\xBF<p>caf\xC3\xA9</p>", "text/html; charset=windows-1252");
  EXPECT_EQ(d.source, "bom");
  EXPECT_EQ(d.utf8, "<p>caf\u00e9</p>");
  DecodedHtml le = DecodeHtmlToUtf8(std::string("\xFF\xFE<\0p\0>\0", 8), "");
  EXPECT_EQ(le.charset, "UTF-16LE");
  EXPECT_EQ(le.utf8, "<p>");
}

TEST(DecodeHtmlToUtf8, ValidUtf8WithoutDeclarationIsUtf8) {
  const std::string utf8 = Page("", kRussian);
  DecodedHtml d = DecodeHtmlToUtf8(utf8, "text/html");
  EXPECT_EQ(d.charset, "UTF-8");
  EXPECT_EQ(d.source, "utf-8-valid");
  EXPECT_EQ(d.utf8, utf8);
}

TEST(DecodeHtmlToUtf8, AsciiDefaultsToWindows1252) {
  DecodedHtml d = DecodeHtmlToUtf8("<p>plain</p>", "");
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_EQ(d.source, "default");
  EXPECT_EQ(d.utf8, "<p>plain</p>");
}

TEST(DecodeHtmlToUtf8, InvalidBytesAndNulsBecomeReplacementCharacters) {
  DecodedHtml d = DecodeHtmlToUtf8(std::string("<p>a\0b\xFF"
                                               "c</p>",
                                               12),
                                   "text/html; charset=utf-8");
  EXPECT_EQ(d.utf8, "<p>a\uFFFDb\uFFFDc</p>");
  EXPECT_EQ(d.replaced, 2u);
  DecodedHtml w =
      DecodeHtmlToUtf8(std::string("<p>a\0b</p>", 10), "text/html; charset=windows-1251");
  EXPECT_EQ(w.utf8, "<p>a\uFFFDb</p>");
  // An illegal Shift_JIS lead byte followed by an illegal trail byte.
  DecodedHtml s = DecodeHtmlToUtf8("<p>\x81\x20x</p>", "text/html; charset=shift_jis");
  EXPECT_EQ(s.utf8.find('\0'), std::string::npos);
  EXPECT_NE(s.utf8.find("\uFFFD"), std::string::npos);
}

TEST(PrescanMetaCharset, IgnoresCommentsAndAttributeValues) {
  EXPECT_EQ(PrescanMetaCharset("<!-- <meta charset=koi8-r> --><meta charset=utf-8>"), "utf-8");
  EXPECT_EQ(PrescanMetaCharset("<div title='<meta charset=koi8-r>'></div>"), std::nullopt);
  EXPECT_EQ(PrescanMetaCharset("<meta name=x content='text/html; charset=koi8-r'>"), std::nullopt);
  EXPECT_EQ(
      PrescanMetaCharset("<meta content='text/html; charset=koi8-r' http-equiv=content-type>"),
      "koi8-r");
  EXPECT_EQ(CharsetParameter("text/html; Charset = \"UTF-8\""), "UTF-8");
  EXPECT_EQ(CharsetParameter("text/html"), std::nullopt);
}

TEST(LooksLikeHtml, AcceptsPagesAndRejectsOtherFiles) {
  EXPECT_TRUE(LooksLikeHtml("<!DOCTYPE html><html><body>x"));
  EXPECT_TRUE(LooksLikeHtml("\xEF\xBB\xBF  <!-- generated -->\n<HTML lang=en>"));
  EXPECT_TRUE(
      LooksLikeHtml("<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML\">"));
  EXPECT_TRUE(LooksLikeHtml("<p>A fragment.</p>"));
  // A saved page that opens with a long style block before any other tag.
  EXPECT_TRUE(LooksLikeHtml("<style>" + std::string(2000, 'x') + "</style><div>text</div>"));
  EXPECT_FALSE(LooksLikeHtml("<stylesheet>" + std::string(2000, 'x')));
  EXPECT_TRUE(LooksLikeHtml("Warning: include(x.php) failed<br>\n<!doctype html><html>"));
  EXPECT_FALSE(LooksLikeHtml("{\"html\": \"<p>not a page</p>\"}"));
  EXPECT_FALSE(LooksLikeHtml(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)));
  EXPECT_FALSE(LooksLikeHtml("Just some text about <p> tags."));
  EXPECT_FALSE(LooksLikeHtml("<pre>x</pre>"));
  EXPECT_FALSE(LooksLikeHtml(""));
}

}  // namespace
}  // namespace verbatim::ingest

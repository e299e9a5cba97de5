#include "html/page_metadata.h"

#include <gtest/gtest.h>

#include <string>

namespace verbatim::html {
namespace {

PageMetadata ExtractFrom(std::string_view html, std::string_view url = "",
                         MetadataOptions options = {}) {
  return MetadataExtractor(options).Extract(Dom::Parse(html), url);
}

TEST(MetadataExtractor, ReadsJsonLdGraphWithAuthorsPublisherAndDates) {
  PageMetadata m = ExtractFrom(R"(<html><head>
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Example"},
      {"@type":"NewsArticle","headline":"Rates rise again","datePublished":"2020-03-27T09:00:00+01:00",
       "dateModified":"2020-03-29T10:00:00+01:00",
       "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
       "publisher":{"@type":"Organization","name":"The Daily Example"}}]}</script>
    <script type="application/ld+json">{ not json </script>
    </head><body><p>Text</p></body></html>)");
  EXPECT_EQ(m.published, "2020-03-27T09:00:00+01:00");
  EXPECT_EQ(m.published_source, "json-ld");
  EXPECT_EQ(m.modified, "2020-03-29T10:00:00+01:00");
  EXPECT_EQ(m.author, "Jane Doe; John Roe");
  EXPECT_EQ(m.outlet, "The Daily Example");
  EXPECT_EQ(m.title, "Rates rise again");
}

TEST(MetadataExtractor, ReadsMetaTags) {
  PageMetadata m = ExtractFrom(R"(<html><head>
    <meta property="og:site_name" content="Example News">
    <meta property="og:title" content="Floods in the north">
    <meta name="author" content="Anna Smith">
    <meta property="article:modified_time" content="2021-05-02T08:00:00Z">
    <meta property="article:published_time" content="2021-05-01T07:30:00Z">
    <meta name="description" content="  What happened.  ">
    </head><body></body></html>)");
  EXPECT_EQ(m.published, "2021-05-01T07:30:00Z");
  EXPECT_EQ(m.published_source, "meta");
  EXPECT_EQ(m.modified, "2021-05-02T08:00:00Z");
  EXPECT_EQ(m.author, "Anna Smith");
  EXPECT_EQ(m.outlet, "Example News");
  EXPECT_EQ(m.title, "Floods in the north");
  EXPECT_EQ(m.description, "What happened.");
}

TEST(MetadataExtractor, ModifiedDateIsNotPreferredOverPublished) {
  PageMetadata m = ExtractFrom(R"(<html><head>
    <meta property="og:updated_time" content="2020-06-10">
    <script type="application/ld+json">{"@type":"Article","dateModified":"2020-06-09",
      "datePublished":"2020-06-01"}</script></head><body>
    <time class="updated" datetime="2020-06-11">June 11</time></body></html>)");
  EXPECT_EQ(m.published, "2020-06-01");
  EXPECT_EQ(m.modified, "2020-06-10");
}

TEST(MetadataExtractor, ReadsTimeInTheArticleHeaderNotInComments) {
  PageMetadata m = ExtractFrom(R"(<html><body>
    <article><header><h1>Headline</h1>
      <time datetime="2019-11-05T12:00:00">5 Nov</time></header><p>Body text.</p></article>
    <section id="comments"><time datetime="2019-10-01">a comment</time></section>
    </body></html>)");
  EXPECT_EQ(m.published, "2019-11-05T12:00:00");
  EXPECT_EQ(m.published_source, "time");
}

TEST(MetadataExtractor, ACommentsDateIsNotTaken) {
  PageMetadata m = ExtractFrom(R"(<html><body><h1>Headline</h1><p>Body text without a date.</p>
    <div class="comments"><div class="comment-meta">Posted 3 January 2018</div></div>
    <footer>Copyright 01.01.2017</footer></body></html>)");
  EXPECT_FALSE(m.published);
  EXPECT_EQ(m.published_source, "");
}

TEST(MetadataExtractor, ReadsTheDateFromTheUrl) {
  PageMetadata m = ExtractFrom("<html><body><h1>Headline</h1></body></html>",
                               "https://news.example.com/politics/2020/03/27/headline/");
  EXPECT_EQ(m.published, "2020-03-27");
  EXPECT_EQ(m.published_source, "url");
  EXPECT_EQ(m.outlet, "news.example.com");
}

TEST(MetadataExtractor, ReadsVisibleGermanAndEnglishDates) {
  PageMetadata de = ExtractFrom(R"(<html lang="de-DE"><body><div class="date">Heute: 2. April 2020</div>
    <h1>Schlagzeile</h1><div class="meta">Veröffentlicht am 27. März 2020</div>
    <p>Text.</p></body></html>)");
  EXPECT_EQ(de.published, "2020-03-27");
  EXPECT_EQ(de.published_source, "text");
  EXPECT_EQ(de.lang, "de");
  PageMetadata en = ExtractFrom(R"(<html><body><h1>Headline</h1>
    <p>By Jane Doe | March 27, 2020. Updated March 30, 2020</p></body></html>)");
  EXPECT_EQ(en.published, "2020-03-27");
  EXPECT_EQ(en.published_source, "text");
}

TEST(MetadataExtractor, RejectsFutureAndImplausibleDates) {
  MetadataOptions options;
  options.reference_date = "2020-04-01";
  PageMetadata m = ExtractFrom(R"(<html><head>
    <meta property="article:published_time" content="2020-05-01"></head>
    <body><h1>Headline</h1><p>Written 1 March 1890 and on 12 March 2020.</p></body></html>)",
                               "", options);
  EXPECT_EQ(m.published, "2020-03-12");
  EXPECT_EQ(m.published_source, "text");
}

TEST(MetadataExtractor, OriginalDatePrefersTheEarliestOfOneSignal) {
  const char* html = R"(<html><head><meta name="date" content="2020-03-29">
    <meta name="pubdate" content="2020-03-27"></head><body></body></html>)";
  EXPECT_EQ(ExtractFrom(html).published, "2020-03-27");
  MetadataOptions latest;
  latest.original_date = false;
  EXPECT_EQ(ExtractFrom(html, "", latest).published, "2020-03-27");  // pubdate ranks first
}

TEST(MetadataExtractor, StripsTheSiteNameFromTheTitle) {
  PageMetadata m = ExtractFrom(R"(<html><head><title>Floods in the north | Example News</title>
    <meta property="og:site_name" content="Example News"></head><body></body></html>)");
  EXPECT_EQ(m.title, "Floods in the north");
  PageMetadata by_domain = ExtractFrom(
      "<html><head><title>Brexit: what now? - Zeitung.de</title></head><body></body></html>",
      "https://www.zeitung.de/a/1");
  EXPECT_EQ(by_domain.title, "Brexit: what now?");
  PageMetadata kept = ExtractFrom(
      "<html><head><title>Left - right</title></head><body></body></html>", "https://x.org/");
  EXPECT_EQ(kept.title, "Left - right");
}

TEST(MetadataExtractor, AuthorFromJsonLdStringAndMicrodata) {
  PageMetadata ld = ExtractFrom(R"(<script type="application/ld+json">
    [{"@type":"BlogPosting","author":"By Max Mustermann"}]</script>)");
  EXPECT_EQ(ld.author, "Max Mustermann");
  PageMetadata micro = ExtractFrom(R"(<body><h1>T</h1><span itemprop="author" itemscope>
    <span itemprop="name">Erika Musterfrau</span></span></body>)");
  EXPECT_EQ(micro.author, "Erika Musterfrau");
}

TEST(MetadataExtractor, OutletFromPublisherWhenNoSiteName) {
  PageMetadata m = ExtractFrom(R"(<script type="application/ld+json">
    {"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Courier"}}</script>)",
                               "https://www.courier.example/x");
  EXPECT_EQ(m.outlet, "Courier");
}

TEST(MetadataExtractor, CanonicalUrlIsMadeAbsolute) {
  PageMetadata m = ExtractFrom(R"(<head><link rel="canonical" href="/news/story-1"></head>)",
                               "https://www.example.com/news/story-1?utm=x");
  EXPECT_EQ(m.canonical_url, "https://www.example.com/news/story-1");
  PageMetadata og = ExtractFrom(R"(<head><meta property="og:url" content="https://e.com/a"></head>)");
  EXPECT_EQ(og.canonical_url, "https://e.com/a");
}

TEST(MetadataExtractor, LanguageFromLocaleWhenHtmlHasNone) {
  EXPECT_EQ(ExtractFrom(R"(<head><meta property="og:locale" content="fr_FR"></head>)").lang, "fr");
  EXPECT_FALSE(ExtractFrom("<p>x</p>").lang);
}

TEST(MetadataExtractor, EmptyPageGivesEmptyMetadata) {
  PageMetadata m = ExtractFrom("");
  EXPECT_FALSE(m.title);
  EXPECT_FALSE(m.published);
  EXPECT_FALSE(m.author);
  EXPECT_FALSE(m.outlet);
}

}  // namespace
}  // namespace verbatim::html

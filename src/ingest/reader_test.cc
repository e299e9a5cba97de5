#include "ingest/reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_support.h"

namespace verbatim::ingest {
namespace {

namespace fs = std::filesystem;
using verbatim::testing::TempDir;
using verbatim::testing::WriteFile;

const std::string kFffd = "\xEF\xBF\xBD";

// Everything one Read call produced.
struct ReadResult {
  std::vector<Document> docs;
  std::vector<ReadProblem> problems;
  ReadStats stats;

  const ReadProblem* ProblemAt(const std::string& where) const {
    for (const ReadProblem& p : problems) {
      if (p.where == where) return &p;
    }
    return nullptr;
  }
  std::vector<std::string> DocIds() const {
    std::vector<std::string> ids;
    for (const Document& d : docs) ids.push_back(d.doc);
    return ids;
  }
};

ReadResult ReadPath(const fs::path& p) {
  ReadResult r;
  ArticleReader().Read(
      p.string(), [&](Document&& d) { r.docs.push_back(std::move(d)); },
      [&](const ReadProblem& pr) { r.problems.push_back(pr); }, r.stats);
  return r;
}

void Write(const fs::path& p, std::string_view contents) {
  fs::create_directories(p.parent_path());
  WriteFile(p, contents);
}

TEST(ArticleReader, FolderIsReadRecursivelyWithRelativePathIds) {
  TempDir dir;
  const fs::path root = dir.path() / "news";
  Write(root / "a.txt", "Rutte visits Washington\nNATO chief Mark Rutte met Trump on Thursday.\n");
  Write(root / "sub" / "b.txt", "Second article\nBody text here.\n");
  Write(root / "sub" / "feed.jsonl",
        "{\"id\": \"reuters-1\", \"text\": \"First record.\"}\n"
        "{\"text\": \"A record without an id.\"}\n");
  Write(root / "sub" / "deeper" / "more.ndjson", "{\"id\": 42, \"text\": \"Integer id.\"}\n");
  Write(root / "notes.csv", "not,an,article\n");  // other extensions inside a folder are ignored

  ReadResult r = ReadPath(root);
  EXPECT_TRUE(r.problems.empty()) << r.problems[0].where << ": " << r.problems[0].message;
  // Files in path order; inside a folder the id is the path below it (with '/').
  EXPECT_EQ(r.DocIds(), (std::vector<std::string>{"a.txt", "sub/b.txt", "42", "reuters-1",
                                                  "sub/feed.jsonl:2"}));
  EXPECT_EQ(r.stats.documents, 5u);
  EXPECT_EQ(r.stats.rejected, 0u);
  ASSERT_EQ(r.docs.size(), 5u);
  EXPECT_EQ(r.docs[0].title, "Rutte visits Washington");
  EXPECT_TRUE(r.docs[0].title_in_text);
  EXPECT_EQ(r.docs[0].source_path, (root / "a.txt").string());
  EXPECT_EQ(r.docs[0].source_line, 0);
  EXPECT_EQ(r.docs[4].source_path, (root / "sub" / "feed.jsonl").string());
  EXPECT_EQ(r.docs[4].source_line, 2);
}

TEST(ArticleReader, SingleFileArgumentUsesItsFileName) {
  TempDir dir;
  Write(dir.path() / "in" / "story.txt", "Headline here\nBody.\n");
  Write(dir.path() / "feed.jsonl", "{\"text\": \"No id.\"}\n");
  ReadResult txt = ReadPath(dir.path() / "in" / "story.txt");
  EXPECT_EQ(txt.DocIds(), std::vector<std::string>{"story.txt"});
  ReadResult jsonl = ReadPath(dir.path() / "feed.jsonl");
  EXPECT_EQ(jsonl.DocIds(), std::vector<std::string>{"feed.jsonl:1"});
}

TEST(ArticleReader, BadJsonlRecordsAreRejectedWithFileAndLineWhileNeighboursAreRead) {
  TempDir dir;
  const fs::path feed = dir.path() / "feed.jsonl";
  Write(feed,
        "{\"id\": \"good-1\", \"text\": \"Rutte said the ball is in Russia's court.\"}\n"
        "{\"id\": \"broken\", \"text\": \"no closing brace\"\n"
        "{\"id\": \"no-text\", \"title\": \"Missing text\"}\n"
        "{\"id\": \"num-text\", \"text\": 12345}\n"
        "{\"id\": \"num-title\", \"title\": 7, \"text\": \"Body.\"}\n"
        "\n"
        "[\"an\", \"array\"]\n"
        "{\"id\": \"good-2\", \"text\": \"The second good record.\"}\n");
  ReadResult r = ReadPath(feed);
  EXPECT_EQ(r.DocIds(), (std::vector<std::string>{"good-1", "good-2"}));
  EXPECT_EQ(r.stats.documents, 2u);
  EXPECT_EQ(r.stats.rejected, 5u);
  ASSERT_EQ(r.problems.size(), 5u);
  const std::string f = feed.string();
  for (const auto& [line, words] : std::vector<std::pair<int, std::string>>{
           {2, "malformed JSON"}, {3, "text"}, {4, "text"}, {5, "title"}, {7, "object"}}) {
    const ReadProblem* p = r.ProblemAt(f + ":" + std::to_string(line));
    ASSERT_NE(p, nullptr) << "no problem reported for line " << line;
    EXPECT_TRUE(p->rejected);
    EXPECT_NE(p->message.find(words), std::string::npos) << line << ": " << p->message;
  }
  EXPECT_EQ(r.docs[1].source_line, 8);  // blank line 6 still counts
}

TEST(ArticleReader, InvalidUtf8InsideAJsonlLineIsRepairedWithAWarning) {
  TempDir dir;
  const fs::path feed = dir.path() / "feed.jsonl";
  // 0xE9 is "é" in Latin-1: a file that was not UTF-8.
  Write(feed,
        "{\"id\": \"latin1\", \"text\": \"Caf\xE9 talks ended.\"}\n"
        "{\"id\": \"fine\", \"text\": \"Clean.\"}\n");
  ReadResult r = ReadPath(feed);
  ASSERT_EQ(r.DocIds(), (std::vector<std::string>{"latin1", "fine"}));
  EXPECT_EQ(r.docs[0].text, "Caf" + kFffd + " talks ended.");
  EXPECT_EQ(r.stats.rejected, 0u);
  EXPECT_EQ(r.stats.warnings, 1u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_FALSE(r.problems[0].rejected);
  EXPECT_EQ(r.problems[0].where, feed.string() + ":1");
  EXPECT_NE(r.problems[0].message.find("U+FFFD"), std::string::npos) << r.problems[0].message;
}

TEST(ArticleReader, EscapedNulInJsonTextIsReplaced) {
  std::vector<std::string> warnings;
  absl::StatusOr<Document> d =
      ArticleReader().FromJsonLine(R"({"id":"n","text":"a\u0000b"})", "x", &warnings);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->text, "a" + kFffd + "b");
  EXPECT_EQ(warnings.size(), 1u);
}

TEST(ArticleReader, NulByteInATextFileIsRepairedWithAWarning) {
  TempDir dir;
  const fs::path p = dir.path() / "nul.txt";
  static constexpr char kBytes[] = "Headline\nBody with a \0 NUL byte.\n";
  Write(p, std::string(kBytes, sizeof kBytes - 1));
  ReadResult r = ReadPath(p);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].text.find('\0'), std::string::npos);
  EXPECT_NE(r.docs[0].text.find("a " + kFffd + " NUL"), std::string::npos);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_FALSE(r.problems[0].rejected);
  EXPECT_EQ(r.problems[0].where, p.string());
  EXPECT_NE(r.problems[0].message.find("first at byte 21"), std::string::npos)
      << r.problems[0].message;
  EXPECT_EQ(r.stats.warnings, 1u);
}

TEST(ArticleReader, EmptyJsonlFileYieldsNothingAndNoProblem) {
  TempDir dir;
  Write(dir.path() / "empty.jsonl", "");
  ReadResult r = ReadPath(dir.path() / "empty.jsonl");
  EXPECT_TRUE(r.docs.empty());
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.stats.rejected, 0u);
}

TEST(ArticleReader, MissingPathIsRejected) {
  TempDir dir;
  ReadResult r = ReadPath(dir.path() / "nope.jsonl");
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_TRUE(r.problems[0].rejected);
  EXPECT_EQ(r.problems[0].where, (dir.path() / "nope.jsonl").string());
  EXPECT_EQ(r.stats.rejected, 1u);
}

TEST(ArticleReader, FiftyMegabyteSingleJsonlLineIsRead) {
  TempDir dir;
  const fs::path feed = dir.path() / "huge.jsonl";
  const std::string sentence = "Rutte said the ball is in Russia's court.\\n";  // JSON-escaped \n
  std::string line = "{\"id\":\"huge\",\"title\":\"Huge\",\"text\":\"";
  line.reserve(50u << 20);
  while (line.size() < (50u << 20)) line += sentence;
  line += "\"}\n";
  Write(feed, line);
  ReadResult r = ReadPath(feed);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.docs[0].doc, "huge");
  EXPECT_GT(r.docs[0].text.size(), 48u << 20);  // each escaped newline decodes to one byte
  EXPECT_EQ(r.docs[0].text.substr(0, 42), "Rutte said the ball is in Russia's court.\n");
}

TEST(ArticleReader, UnknownJsonlFieldsAreKeptInExtraJson) {
  absl::StatusOr<Document> d = ArticleReader().FromJsonLine(
      R"({"id":"bbc-business-001","outlet":"BBC News","section":"business","tags":["a","b"],"n":3,"text":"Body."})",
      "x");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->extra_json, R"({"section":"business","tags":["a","b"],"n":3})");
  absl::StatusOr<Document> plain = ArticleReader().FromJsonLine(R"({"text":"Body."})", "x");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->extra_json, "");
}

TEST(ArticleReader, SourceFieldIsTheOutletWhenOutletIsAbsent) {
  ArticleReader reader;
  absl::StatusOr<Document> d = reader.FromJsonLine(R"({"source":"Anadolu","text":"Body."})", "x");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->outlet, "Anadolu");
  absl::StatusOr<Document> both =
      reader.FromJsonLine(R"({"source":"feed","outlet":"Reuters","text":"Body."})", "x");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->outlet, "Reuters");
}

TEST(ArticleReader, JsonlMetadataFields) {
  absl::StatusOr<Document> d = ArticleReader().FromJsonLine(
      R"({"id":"p1","title":"Trump rally","author":"Virgil","url":"https://example.com/a","published":"September 12, 2016","lang":"de","text":"The candidate said that he would win and that it was over."})",
      "x");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->doc, "p1");
  EXPECT_EQ(d->title, "Trump rally");
  EXPECT_FALSE(d->title_in_text);
  EXPECT_EQ(d->author, "Virgil");
  EXPECT_EQ(d->url, "https://example.com/a");
  EXPECT_EQ(d->published, "2016-09-12");
  EXPECT_EQ(d->lang, "de");  // a given language is kept, not guessed over
  EXPECT_EQ(d->source_line, 0);
}

TEST(ArticleReader, DateFieldIsUsedWhenPublishedIsAbsent) {
  absl::StatusOr<Document> d =
      ArticleReader().FromJsonLine(R"({"date":"26-FEB-1987","text":"Body."})", "x");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->published, "1987-02-26");
}

TEST(ArticleReader, UnreadableDateGivesNullPublishedAndAWarning) {
  std::vector<std::string> warnings;
  absl::StatusOr<Document> d = ArticleReader().FromJsonLine(
      R"({"id":"d","published":"last Tuesday","text":"Body."})", "x", &warnings);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->published, std::nullopt);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("last Tuesday"), std::string::npos) << warnings[0];

  TempDir dir;
  Write(dir.path() / "f.jsonl", R"({"id":"d","published":"last Tuesday","text":"Body."})"
                                "\n");
  ReadResult r = ReadPath(dir.path() / "f.jsonl");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.stats.warnings, 1u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_FALSE(r.problems[0].rejected);
}

TEST(ArticleReader, NullFieldsAreAbsentNotErrors) {
  absl::StatusOr<Document> d = ArticleReader().FromJsonLine(
      R"({"id":null,"title":null,"outlet":null,"text":"Body."})", "feed.jsonl:9");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->doc, "feed.jsonl:9");
  EXPECT_EQ(d->title, std::nullopt);
  EXPECT_EQ(d->outlet, std::nullopt);
}

TEST(ArticleReader, IdOfTheWrongTypeIsRejected) {
  absl::StatusOr<Document> d = ArticleReader().FromJsonLine(R"({"id":[1],"text":"Body."})", "x");
  EXPECT_FALSE(d.ok());
}

TEST(ArticleReader, TextArticleWithDateLineGetsDateTitleAndSkip) {
  const std::string bytes =
      " date 2025-04-25 NATO chief says ball is clearly in Russia's court now\n\n"
      "NATO Secretary General Mark Rutte said Thursday that the \"ball is clearly in the Russian "
      "court\" regarding a Ukraine ceasefire.\n";
  Document d = ArticleReader().FromText("000.txt", bytes);
  EXPECT_EQ(d.doc, "000.txt");
  EXPECT_EQ(d.published, "2025-04-25");
  EXPECT_EQ(d.title, "NATO chief says ball is clearly in Russia's court now");
  EXPECT_TRUE(d.title_in_text);
  EXPECT_EQ(d.text.substr(d.title_range.begin, d.title_range.size()), *d.title);
  ASSERT_EQ(d.skip.size(), 1u);
  EXPECT_EQ(d.text.substr(d.skip[0].begin, d.skip[0].size()), "date 2025-04-25 ");
  EXPECT_TRUE(d.boilerplate.empty());
  EXPECT_EQ(d.lang, "en");
}

TEST(ArticleReader, TextArticleBoilerplateIsInSkipInOrder) {
  const std::string bytes =
      "Homepage News NATO Chief: Ball in Russia's Court on...\n"
      "NATO Chief: Ball in Russia's Court on Ukraine Peace Talks\n"
      "Alexandros Michailidis / Shutterstock\n"
      "Rutte said more.\n"
      "Ads by MGDK\n";
  Document d = ArticleReader().FromText("004.txt", bytes);
  ASSERT_EQ(d.boilerplate.size(), 3u);
  EXPECT_EQ(d.skip, d.boilerplate);
  EXPECT_EQ(d.title, "NATO Chief: Ball in Russia's Court on Ukraine Peace Talks");
  for (size_t i = 1; i < d.skip.size(); ++i) EXPECT_LE(d.skip[i - 1].end, d.skip[i].begin);
}

TEST(ArticleReader, InvalidUtf8InATextArticleIsRepairedWithAWarning) {
  std::vector<std::string> warnings;
  Document d = ArticleReader().FromText("x.txt", "Headline\nCaf\xE9.\n", &warnings);
  EXPECT_EQ(d.text, "Headline\nCaf" + kFffd + ".\n");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("first at byte 12"), std::string::npos) << warnings[0];
}

// A news page written for the tests (tests/testdata/html): the article with its metadata,
// without the page's cookie note, navigation, share bar, related links, comments and footer.
TEST(ArticleReader, HtmlPageBecomesTheArticleWithItsMetadata) {
  ReadResult r = ReadPath(verbatim::testing::TestdataDir() / "html" / "harbour-vote.html");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.stats.web_pages, 1u);
  const Document& d = r.docs[0];
  EXPECT_EQ(d.doc, "harbour-vote.html");
  EXPECT_EQ(d.title, "Council backs harbour plan after late-night vote");
  EXPECT_EQ(d.published, "2024-03-14T21:40:00Z");
  EXPECT_EQ(d.author, "Priya Lindqvist");
  EXPECT_EQ(d.outlet, "The Northgate Courier");
  EXPECT_EQ(d.url, "https://courier.example/news/2024/03/14/harbour-vote");
  EXPECT_EQ(d.lang, "en");
  EXPECT_EQ(d.crawled, std::nullopt);
  EXPECT_EQ(d.text.rfind("Northgate council approved the redevelopment", 0), 0u) << d.text;
  EXPECT_NE(d.text.find("\n\nObjections from fishermen\n\n"), std::string::npos);  // heading
  EXPECT_NE(d.text.find("\xE2\x80\x9CWe were promised a seat"), std::string::npos);  // blockquote
  EXPECT_NE(d.text.find("meet the association next week."), std::string::npos);
  for (const char* furniture : {"cookies", "Sport", "Share on", "Related stories",
                                "Fish prices", "harbourwatcher", "All rights reserved",
                                "newsletter", "Photo: Courier archive"}) {
    EXPECT_EQ(d.text.find(furniture), std::string::npos) << furniture;
  }
}

TEST(ArticleReader, GzipHtmlAndTheFolderReadersTakeWebPages) {
  TempDir dir;
  std::string page =
      "<html><head><title>Plain page</title></head><body><article><p>The mayor said on Monday "
      "that the bridge would reopen in May, after two years of repairs to its deck.</p>"
      "</article></body></html>";
  Write(dir.path() / "site" / "a.htm", page);
  Write(dir.path() / "site" / "notes.md", "not read from a folder");
  ReadResult r = ReadPath(dir.path() / "site");
  ASSERT_EQ(r.DocIds(), std::vector<std::string>{"a.htm"});
  EXPECT_EQ(r.docs[0].title, "Plain page");
  EXPECT_NE(r.docs[0].text.find("the bridge would reopen"), std::string::npos);
}

TEST(ArticleReader, HtmlWithoutArticleTextAndNonHtmlAreReportedNotFatal) {
  TempDir dir;
  Write(dir.path() / "empty.html", "<html><body><nav><a href=/>Home</a></nav></body></html>");
  Write(dir.path() / "data.html", "{\"not\": \"html\"}");
  ReadResult empty = ReadPath(dir.path() / "empty.html");
  EXPECT_TRUE(empty.docs.empty());
  EXPECT_EQ(empty.stats.skipped["no-article"], 1u);
  ASSERT_EQ(empty.problems.size(), 1u);
  EXPECT_NE(empty.problems[0].message.find("no article text"), std::string::npos);
  EXPECT_FALSE(empty.problems[0].rejected);
  ReadResult data = ReadPath(dir.path() / "data.html");
  EXPECT_TRUE(data.docs.empty());
  EXPECT_EQ(data.stats.rejected, 1u);
  ASSERT_FALSE(data.problems.empty());
  EXPECT_NE(data.problems[0].where.find("data.html"), std::string::npos);
}

// The real crawls: every HTML response record is either an article or counted as a page
// without article text; docs name the file and the record; the crawl date is kept.
TEST(ArticleReader, WarcCrawlsGiveOneArticleOrOneSkipPerHtmlResponse) {
  VERBATIM_REQUIRE_SHARED();
  const fs::path warc_dir = verbatim::testing::SharedDir() / "eval" / "warc";
  size_t html_responses = 0;
  ReadResult r;
  for (const auto& entry : fs::directory_iterator(warc_dir)) {
    if (entry.path().extension() != ".gz") continue;  // not MANIFEST.txt
    WarcStats warc;
    ReadWarcPages(entry.path().string(), "x", [](WebPage&&) {},
                  [](std::string_view, std::string_view, bool) {}, warc);
    html_responses += warc.html_responses;
    ArticleReader().Read(
        entry.path().string(), [&](Document&& d) { r.docs.push_back(std::move(d)); },
        [&](const ReadProblem& pr) { r.problems.push_back(pr); }, r.stats);
  }
  EXPECT_EQ(r.stats.rejected, 0u);
  EXPECT_GT(r.docs.size(), 100u);
  EXPECT_EQ(r.stats.web_pages + r.stats.skipped["no-article"], html_responses);
  EXPECT_GT(r.stats.skipped["request"], 0u);
  for (const Document& d : r.docs) {
    EXPECT_NE(d.doc.find(".warc.gz#urn:"), std::string::npos) << d.doc;
    ASSERT_TRUE(d.crawled.has_value()) << d.doc;
    EXPECT_EQ(d.crawled->size(), 20u) << *d.crawled;  // 2013-04-11T20:55:18Z
    EXPECT_TRUE(d.url.has_value()) << d.doc;
    EXPECT_FALSE(d.text.empty()) << d.doc;
  }
}

}  // namespace
}  // namespace verbatim::ingest

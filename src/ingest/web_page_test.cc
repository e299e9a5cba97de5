#include "ingest/web_page.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <zlib.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace verbatim::ingest {
namespace {

using ::verbatim::testing::SharedDir;
using ::verbatim::testing::TempDir;
using ::verbatim::testing::WriteFile;

std::string Gzip(std::string_view data) { return ::verbatim::testing::Compress(data); }

std::string Encode(const std::string& utf8, const char* charset) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UErrorCode err = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(charset, &err);
  std::string out(static_cast<size_t>(u.length()) * 4 + 16, '\0');
  const int32_t n = ucnv_fromUChars(cnv, out.data(), static_cast<int32_t>(out.size()),
                                    u.getBuffer(), u.length(), &err);
  ucnv_close(cnv);
  EXPECT_TRUE(U_SUCCESS(err));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string Chunked(std::string_view body, size_t chunk) {
  std::string out;
  for (size_t i = 0; i < body.size(); i += chunk) {
    const std::string_view c = body.substr(i, chunk);
    char size[32];
    std::snprintf(size, sizeof size, "%zx", c.size());
    out += std::string(size) + "\r\n" + std::string(c) + "\r\n";
  }
  return out + "0\r\n\r\n";
}

std::string Record(std::string_view type, std::string_view id, std::string_view uri,
                   std::string_view content_type, std::string_view block) {
  return "WARC/1.1\r\nWARC-Type: " + std::string(type) +
         "\r\nWARC-Record-ID: <urn:uuid:" + std::string(id) +
         ">\r\nWARC-Target-URI: " + std::string(uri) +
         "\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nContent-Type: " + std::string(content_type) +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + std::string(block) +
         "\r\n\r\n";
}

std::string Response(std::string_view id, std::string_view uri, std::string_view http) {
  return Record("response", id, uri, "application/http; msgtype=response", http);
}

const std::string kRussian =
    "<html><head><title>Новости</title></head><body><p>Президент России заявил журналистам, "
    "что переговоры продолжатся на следующей неделе. «Мы готовы обсуждать все вопросы, которые "
    "касаются безопасности», — сказал он. По его словам, правительство рассчитывает на "
    "конструктивный диалог с партнёрами.</p></body></html>";

struct Pages {
  std::vector<WebPage> pages;
  std::vector<std::string> problems;  // "where | message | rejected"
  WarcStats stats;
};

Pages ReadPages(const std::filesystem::path& path, const WebPageOptions& options = {}) {
  Pages out;
  ReadWarcPages(
      path.string(), path.filename().string(),
      [&](WebPage&& p) { out.pages.push_back(std::move(p)); },
      [&](std::string_view where, std::string_view message, bool rejected) {
        out.problems.push_back(std::string(where) + " | " + std::string(message) + " | " +
                               (rejected ? "rejected" : "warning"));
      },
      out.stats, options);
  return out;
}

// A small crawl: every kind of record ReadWarcPages must sort.
std::string MixedCrawl() {
  const std::string page = "<!DOCTYPE html><html><body><p>Chunked and gzipped.</p></body></html>";
  std::string w;
  w += Record("warcinfo", "0", "", "application/warc-fields", "software: test\r\n");
  w += Record("request", "1", "http://news.example/a", "application/http; msgtype=request",
              "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n");
  w += Response("2", "http://news.example/a",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" +
                    Chunked(Gzip(page), 10));
  w += Record("metadata", "3", "http://news.example/a", "application/warc-fields", "via: x\r\n");
  w += Response("4", "http://news.example/old", "HTTP/1.1 301 Moved\r\nLocation: /a\r\n\r\n");
  w += Response("5", "http://news.example/logo.png",
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n");
  w += Record("response", "6", "dns:news.example", "text/dns",
              "20240501 news.example. 1 IN A 1.2.3.4\r\n");
  w += Response("7", "http://news.example/ru",
                "HTTP/1.1 200 OK\r\n\r\n" + Encode(kRussian, "windows-1251"));
  w += Response("8", "http://news.example/missing",
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>");
  w += Record("revisit", "9", "http://news.example/a", "application/http; msgtype=response",
              "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
  w += Response("10", "http://news.example/api", "HTTP/1.1 200 OK\r\n\r\n{\"a\": 1}");
  return w;
}

void ExpectMixedCrawl(const Pages& got) {
  ASSERT_EQ(got.pages.size(), 2u);
  EXPECT_EQ(got.pages[0].html,
            "<!DOCTYPE html><html><body><p>Chunked and gzipped.</p></body></html>");
  EXPECT_EQ(got.pages[0].url, "http://news.example/a");
  EXPECT_EQ(got.pages[0].crawled, "2024-05-01T10:00:00Z");
  EXPECT_EQ(got.pages[0].charset, "UTF-8");
  EXPECT_EQ(got.pages[0].charset_source, "http");
  EXPECT_EQ(got.pages[0].record, 3);
  EXPECT_EQ(got.pages[1].html, kRussian);
  EXPECT_EQ(got.pages[1].charset, "windows-1251");
  EXPECT_EQ(got.pages[1].charset_source, "detected");
  EXPECT_EQ(got.stats.records, 11u);
  EXPECT_EQ(got.stats.html_responses, 2u);
  EXPECT_EQ(got.stats.non_html, 2u);
  EXPECT_EQ(got.stats.errors, 0u);
  const std::map<std::string, size_t> skipped = {
      {"warcinfo", 1}, {"request", 1}, {"metadata", 1},   {"redirect", 1},
      {"non-html", 2}, {"dns", 1},     {"http-error", 1}, {"revisit", 1}};
  EXPECT_EQ(got.stats.skipped, skipped);
}

TEST(ReadWarcPages, KeepsOnlyHtml2xxResponses) {
  TempDir dir;
  WriteFile(dir.path() / "crawl.warc", MixedCrawl());
  Pages got = ReadPages(dir.path() / "crawl.warc");
  EXPECT_TRUE(got.problems.empty()) << got.problems[0];
  ExpectMixedCrawl(got);
  EXPECT_EQ(got.pages[0].doc, "crawl.warc#urn:uuid:2");
  EXPECT_EQ(got.pages[0].source_path, (dir.path() / "crawl.warc").string());
}

TEST(ReadWarcPages, ReadsAOneStreamWarcGz) {
  TempDir dir;
  WriteFile(dir.path() / "one.warc.gz", Gzip(MixedCrawl()));
  Pages got = ReadPages(dir.path() / "one.warc.gz");
  EXPECT_TRUE(got.problems.empty()) << got.problems[0];
  ExpectMixedCrawl(got);
}

TEST(ReadWarcPages, ATruncatedMemberCostsOnePage) {
  TempDir dir;
  std::string file;
  for (int i = 1; i <= 3; ++i) {
    std::string member = Gzip(Response(
        std::to_string(i), "http://x/" + std::to_string(i),
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>page " + std::to_string(i) + "</p>"));
    if (i == 2) member.resize(member.size() - 12);
    file += member;
  }
  WriteFile(dir.path() / "t.warc.gz", file);
  Pages got = ReadPages(dir.path() / "t.warc.gz");
  ASSERT_EQ(got.pages.size(), 2u);
  EXPECT_EQ(got.pages[0].url, "http://x/1");
  EXPECT_EQ(got.pages[1].url, "http://x/3");
  // zlib decodes the cut member into the next one's bytes before it fails, so the damage shows
  // first as a wrong Content-Length, then as the truncated member: both name record 2.
  ASSERT_GE(got.problems.size(), 1u);
  bool named_gzip = false;
  for (const std::string& p : got.problems) {
    EXPECT_NE(p.find("t.warc.gz: record 2 at byte "), std::string::npos) << p;
    EXPECT_NE(p.find("rejected"), std::string::npos);
    named_gzip = named_gzip || p.find("gzip member at byte") != std::string::npos;
  }
  EXPECT_TRUE(named_gzip);
  EXPECT_EQ(got.stats.errors, got.problems.size());
}

TEST(ReadWarcPages, AMissingFileIsOneRejectedProblem) {
  Pages got = ReadPages("/nonexistent/x.warc.gz");
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_NE(got.problems[0].find("/nonexistent/x.warc.gz"), std::string::npos);
  EXPECT_EQ(got.stats.errors, 1u);
}

TEST(ReadWarcPages, SkipsHtmlOverTheCap) {
  TempDir dir;
  WriteFile(
      dir.path() / "big.warc",
      Response("1", "http://x/big",
               "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>" + std::string(5000, 'x')) +
          Response("2", "http://x/small",
                   "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>ok"));
  WebPageOptions options;
  options.max_html_bytes = 1000;
  Pages got = ReadPages(dir.path() / "big.warc", options);
  ASSERT_EQ(got.pages.size(), 1u);
  EXPECT_EQ(got.pages[0].url, "http://x/small");
  EXPECT_EQ(got.stats.skipped["too-large"], 1u);
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_NE(got.problems[0].find("big.warc: record 1"), std::string::npos);
}

// MANIFEST.txt lists, per file ("## <file> size=... records=N {...}"), every response record as
// "  <status> <HTTP content type, cut at 30 characters>  [CE=<coding>] <target URI>". A dns:
// response has no content type (its status column holds digits of the DNS block). An HTML
// response there is a 2xx status with a text/html or application/xhtml+xml content type: the
// same rule as ReadWarcPages, whose LooksLikeHtml sniffing of responses without a content type
// never applies (the manifest lists none).
std::map<std::string, size_t> ManifestHtml2xx(const std::filesystem::path& manifest) {
  std::map<std::string, size_t> counts;
  std::ifstream in(manifest);
  std::string line, file;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      std::istringstream fields(line.substr(3));
      fields >> file;
      counts[file];
      continue;
    }
    if (line.rfind("  ", 0) != 0 || file.empty()) continue;
    std::istringstream fields(line);
    std::string status, type;
    fields >> status >> type;
    const std::string media = type.substr(0, type.find(';'));
    if (status.size() == 3 && status[0] == '2' &&
        (media == "text/html" || media == "application/xhtml+xml")) {
      ++counts[file];
    }
  }
  return counts;
}

TEST(ReadWarcPages, EveryEvalCrawlYieldsTheManifestsHtmlResponses) {
  VERBATIM_REQUIRE_SHARED();
  const std::filesystem::path dir = SharedDir() / "eval" / "warc";
  const std::map<std::string, size_t> expected = ManifestHtml2xx(dir / "MANIFEST.txt");
  ASSERT_EQ(expected.size(), 5u);
  size_t total = 0;
  for (const auto& [file, html] : expected) {
    SCOPED_TRACE(file);
    Pages got = ReadPages(dir / file);
    EXPECT_TRUE(got.problems.empty())
        << got.problems.size() << " problems, first: " << got.problems[0];
    EXPECT_EQ(got.stats.errors, 0u);
    EXPECT_EQ(got.pages.size(), html);
    EXPECT_EQ(got.stats.html_responses, html);
    for (const WebPage& p : got.pages) {
      EXPECT_FALSE(p.html.empty()) << p.url;
      EXPECT_EQ(p.html.find('\0'), std::string::npos) << p.url;
      EXPECT_FALSE(p.url.empty());
      EXPECT_FALSE(p.crawled.empty());
    }
    total += got.pages.size();
  }
  EXPECT_GT(total, 100u);
}

TEST(ReadHtmlFile, ReadsPlainAndGzippedPages) {
  TempDir dir;
  WriteFile(dir.path() / "ru.html", Encode(kRussian, "windows-1251"));
  absl::StatusOr<WebPage> ru = ReadHtmlFile((dir.path() / "ru.html").string(), "ru.html");
  ASSERT_TRUE(ru.ok()) << ru.status();
  EXPECT_EQ(ru->html, kRussian);
  EXPECT_EQ(ru->charset, "windows-1251");
  EXPECT_EQ(ru->doc, "ru.html");
  EXPECT_EQ(ru->record, 0);

  WriteFile(dir.path() / "p.html.gz", Gzip("<!doctype html><p>zipped</p>"));
  absl::StatusOr<WebPage> gz = ReadHtmlFile((dir.path() / "p.html.gz").string(), "p");
  ASSERT_TRUE(gz.ok()) << gz.status();
  EXPECT_EQ(gz->html, "<!doctype html><p>zipped</p>");
}

TEST(ReadHtmlFile, AFiftyMegabyteFileIsAClearError) {
  TempDir dir;
  const std::filesystem::path path = dir.path() / "huge.html";
  {
    std::ofstream out(path, std::ios::binary);
    out << "<!DOCTYPE html><html><body>";
    const std::string para = "<p>" + std::string(1000, 'w') + "</p>\n";
    for (size_t written = 0; written < (size_t{50} << 20); written += para.size()) out << para;
  }
  absl::StatusOr<WebPage> page = ReadHtmlFile(path.string(), "huge.html");
  ASSERT_FALSE(page.ok());
  EXPECT_TRUE(absl::IsResourceExhausted(page.status()));
  EXPECT_NE(page.status().message().find("huge.html"), std::string::npos) << page.status();
  EXPECT_NE(page.status().message().find("limit of 32.0 MB"), std::string::npos) << page.status();

  // The same page gzipped is small on disk: the cap holds while decompressing.
  WriteFile(dir.path() / "huge.html.gz", Gzip(verbatim::testing::ReadFile(path)));
  absl::StatusOr<WebPage> gz = ReadHtmlFile((dir.path() / "huge.html.gz").string(), "huge");
  ASSERT_FALSE(gz.ok());
  EXPECT_TRUE(absl::IsResourceExhausted(gz.status()));
  EXPECT_NE(gz.status().message().find("huge.html.gz"), std::string::npos) << gz.status();
}

TEST(ReadHtmlFile, AFileThatIsNotHtmlIsAClearError) {
  TempDir dir;
  WriteFile(dir.path() / "logo.html", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
  absl::StatusOr<WebPage> png = ReadHtmlFile((dir.path() / "logo.html").string(), "logo.html");
  ASSERT_FALSE(png.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(png.status()));
  EXPECT_NE(png.status().message().find("logo.html: does not look like HTML"), std::string::npos)
      << png.status();
  EXPECT_NE(png.status().message().find("PNG"), std::string::npos) << png.status();

  WriteFile(dir.path() / "data.html", "{\"title\": \"<p>not a page</p>\"}");
  absl::StatusOr<WebPage> json = ReadHtmlFile((dir.path() / "data.html").string(), "data.html");
  ASSERT_FALSE(json.ok());
  EXPECT_NE(json.status().message().find("data.html"), std::string::npos);
}

TEST(ReadHtmlFile, AMissingFileIsNotFound) {
  EXPECT_TRUE(absl::IsNotFound(ReadHtmlFile("/nonexistent/a.html", "a").status()));
}

}  // namespace
}  // namespace verbatim::ingest

#include "ingest/http_response.h"

#include <brotli/encode.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "test_support.h"

namespace verbatim::ingest {
namespace {

using ::verbatim::testing::Compress;

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

const std::string kPage =
    "<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello, world. "
    "Quoted text.</p></body></html>";

TEST(ParseHttpResponse, ReadsStatusHeadersAndBody) {
  absl::StatusOr<HttpResponse> r = ParseHttpResponse(
      "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nX-Long: a\r\n  b\r\n\r\nbody");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->version, "HTTP/1.1");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->reason, "Not Found");
  EXPECT_EQ(r->Header("content-TYPE"), "text/html");
  EXPECT_EQ(r->Header("x-long"), "a b");
  EXPECT_FALSE(r->HasHeader("Content-Encoding"));
  EXPECT_EQ(r->body, "body");
}

TEST(ParseHttpResponse, AcceptsBareLineFeeds) {
  absl::StatusOr<HttpResponse> r =
      ParseHttpResponse("HTTP/1.0 200\nContent-Type: text/html\n\n<p>");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<p>");
}

TEST(ParseHttpResponse, DechunksThenGunzips) {
  const std::string gz = Compress(kPage, 16 + MAX_WBITS);
  absl::StatusOr<HttpResponse> r = ParseHttpResponse(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" +
      Chunked(gz, 17));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->body, kPage);
  EXPECT_TRUE(r->warnings.empty());
}

TEST(ParseHttpResponse, MalformedChunkingFallsBackToTheRawBody) {
  absl::StatusOr<HttpResponse> r =
      ParseHttpResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + kPage);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->body, kPage);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings[0].find("malformed chunked"), std::string::npos);
}

TEST(ParseHttpResponse, AGzipHeaderOverAPlainBodyKeepsTheBody) {
  absl::StatusOr<HttpResponse> r =
      ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Encoding: x-gzip\r\n\r\n" + kPage);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->body, kPage);
  EXPECT_EQ(r->warnings.size(), 1u);
}

TEST(ParseHttpResponse, ACorruptGzipBodyIsDataLoss) {
  std::string gz = Compress(kPage, 16 + MAX_WBITS);
  gz.resize(gz.size() / 2);
  absl::StatusOr<HttpResponse> r =
      ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gz);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(absl::IsDataLoss(r.status())) << r.status();
}

TEST(ParseHttpResponse, InflatesZlibAndRawDeflate) {
  for (int bits : {MAX_WBITS, -MAX_WBITS}) {
    absl::StatusOr<HttpResponse> r = ParseHttpResponse(
        "HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n" + Compress(kPage, bits));
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->body, kPage) << bits;
  }
}

TEST(ParseHttpResponse, DecodesBrotli) {
  std::string br(BrotliEncoderMaxCompressedSize(kPage.size()), '\0');
  size_t size = br.size();
  ASSERT_TRUE(BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                                    kPage.size(), reinterpret_cast<const uint8_t*>(kPage.data()),
                                    &size, reinterpret_cast<uint8_t*>(br.data())));
  br.resize(size);
  absl::StatusOr<HttpResponse> r =
      ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n" + br);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->body, kPage);
}

TEST(ParseHttpResponse, AnUnknownEncodingIsUnimplemented) {
  absl::StatusOr<HttpResponse> r =
      ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Encoding: zstd\r\n\r\nxx");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(absl::IsUnimplemented(r.status()));
  EXPECT_NE(r.status().message().find("zstd"), std::string::npos);
}

TEST(ParseHttpResponse, RejectsWhatIsNotAResponse) {
  EXPECT_TRUE(absl::IsInvalidArgument(ParseHttpResponse("GET / HTTP/1.1\r\n\r\n").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(ParseHttpResponse("HTTP/1.1 OK\r\n\r\n").status()));
}

TEST(ParseHttpResponse, CapsTheDecodedBody) {
  const std::string big(1 << 20, 'a');
  HttpParseOptions options;
  options.max_body_bytes = 1000;
  absl::StatusOr<HttpResponse> r = ParseHttpResponse(
      "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + Compress(big, 16 + MAX_WBITS), options);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(absl::IsResourceExhausted(r.status()));
}

TEST(Dechunk, AcceptsExtensionsAndAMissingLastChunk) {
  absl::StatusOr<std::string> d = Dechunk("5;name=x\r\nhello\r\n6\r\n world\r\n");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(*d, "hello world");
  EXPECT_FALSE(Dechunk("ff\r\nshort").ok());
}

TEST(MediaType, LowercasesAndDropsParameters) {
  EXPECT_EQ(MediaType(" Text/HTML; charset=UTF-8"), "text/html");
  EXPECT_EQ(MediaType(""), "");
}

}  // namespace
}  // namespace verbatim::ingest

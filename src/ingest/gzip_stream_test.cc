#include "ingest/gzip_stream.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "test_support.h"

namespace verbatim::ingest {
namespace {

using ::verbatim::testing::TempDir;
using ::verbatim::testing::WriteFile;

// Compresses `data` as one member: gzip (window_bits 31), zlib (15) or raw deflate (-15).
std::string Deflate(std::string_view data, int window_bits = 16 + MAX_WBITS) {
  return ::verbatim::testing::Compress(data, window_bits);
}

// Text that does not compress to nothing.
std::string Text(size_t n, int seed) {
  std::string s;
  unsigned x = static_cast<unsigned>(seed) * 2654435761u + 1;
  while (s.size() < n) {
    x = x * 1103515245u + 12345u;
    s += static_cast<char>('a' + (x >> 16) % 26);
    if ((x >> 8) % 7 == 0) s += ' ';
  }
  return s;
}

// Reads the whole file in `chunk`-byte reads; problems are appended to `errors`, each followed
// by SkipToNextMember.
std::string ReadAll(GzipFileReader& in, size_t chunk, std::vector<std::string>* errors) {
  std::string out;
  std::string buf(chunk, '\0');
  for (;;) {
    absl::StatusOr<size_t> n = in.Read(buf.data(), buf.size());
    if (!n.ok()) {
      errors->push_back(std::string(n.status().message()));
      if (!in.SkipToNextMember()) break;
      continue;
    }
    if (*n == 0) break;
    out.append(buf, 0, *n);
  }
  return out;
}

TEST(GunzipAll, DecodesEveryMember) {
  const std::string a = Text(5000, 1), b = Text(3000, 2);
  absl::StatusOr<std::string> out = GunzipAll(Deflate(a) + Deflate(b));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, a + b);
}

TEST(GunzipAll, PassesPlainInputThrough) {
  absl::StatusOr<std::string> out = GunzipAll("<html>plain</html>");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "<html>plain</html>");
}

TEST(GunzipAll, StopsAtTheOutputCap) {
  const std::string big(1 << 20, 'x');  // compresses to about 1 KB
  absl::StatusOr<std::string> out = GunzipAll(Deflate(big), 1000);
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::IsResourceExhausted(out.status()));
  EXPECT_NE(out.status().message().find("limit of 1000 bytes"), std::string::npos);
}

TEST(GunzipAll, TruncatedDataNamesTheOffset) {
  const std::string gz = Deflate(Text(4000, 3));
  absl::StatusOr<std::string> out = GunzipAll(std::string_view(gz).substr(0, gz.size() - 20));
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::IsDataLoss(out.status()));
  EXPECT_NE(out.status().message().find("truncated"), std::string::npos) << out.status();
  EXPECT_NE(out.status().message().find("byte 0"), std::string::npos) << out.status();
}

TEST(GunzipAll, CorruptDataIsDataLoss) {
  std::string gz = Deflate(Text(4000, 4));
  for (size_t i = 20; i < 60; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  absl::StatusOr<std::string> out = GunzipAll(gz);
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::IsDataLoss(out.status())) << out.status();
}

TEST(InflateAll, ReadsZlibAndRawDeflate) {
  const std::string text = Text(2000, 5);
  absl::StatusOr<std::string> zlib = InflateAll(Deflate(text, MAX_WBITS));
  ASSERT_TRUE(zlib.ok()) << zlib.status();
  EXPECT_EQ(*zlib, text);
  absl::StatusOr<std::string> raw = InflateAll(Deflate(text, -MAX_WBITS));
  ASSERT_TRUE(raw.ok()) << raw.status();
  EXPECT_EQ(*raw, text);
}

TEST(GzipFileReader, StreamsMembersInSmallReadsAndKnowsWhereEachStarts) {
  TempDir dir;
  const std::vector<std::string> parts = {Text(10000, 6), Text(1, 7), Text(70000, 8)};
  std::string file;
  std::vector<int64_t> member_offsets;
  for (const std::string& p : parts) {
    member_offsets.push_back(static_cast<int64_t>(file.size()));
    file += Deflate(p);
  }
  WriteFile(dir.path() / "m.gz", file);
  GzipFileReader::Options options;
  options.input_buffer_bytes = 100;  // many refills
  GzipFileReader in(options);
  ASSERT_TRUE(in.Open((dir.path() / "m.gz").string()).ok());
  EXPECT_TRUE(in.is_gzip());
  std::vector<std::string> errors;
  EXPECT_EQ(ReadAll(in, 7, &errors), parts[0] + parts[1] + parts[2]);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(in.CompressedOffsetAt(0), member_offsets[0]);
  const int64_t second = static_cast<int64_t>(parts[0].size());
  const int64_t third = second + static_cast<int64_t>(parts[1].size());
  EXPECT_EQ(in.CompressedOffsetAt(second), member_offsets[1]);
  EXPECT_EQ(in.CompressedOffsetAt(third), member_offsets[2]);
  EXPECT_EQ(in.CompressedOffsetAt(third + 1), std::nullopt);
}

TEST(GzipFileReader, SkipsACorruptMemberAndResumesAtTheNext) {
  TempDir dir;
  const std::string a = Text(3000, 9), b = Text(3000, 10), c = Text(3000, 11);
  const std::string ga = Deflate(a), gb = Deflate(b), gc = Deflate(c);
  // Member b loses its last 30 bytes: decoding runs into c's header and fails.
  const std::string file = ga + gb.substr(0, gb.size() - 30) + gc;
  WriteFile(dir.path() / "t.gz", file);
  GzipFileReader in;
  ASSERT_TRUE(in.Open((dir.path() / "t.gz").string()).ok());
  std::vector<std::string> errors;
  const std::string out = ReadAll(in, 4096, &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("t.gz"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("member at byte " + std::to_string(ga.size())), std::string::npos)
      << errors[0];
  EXPECT_EQ(out.substr(0, a.size()), a);
  EXPECT_EQ(out.substr(out.size() - c.size()), c);
}

TEST(GzipFileReader, ATruncatedLastMemberIsReported) {
  TempDir dir;
  const std::string a = Text(3000, 12);
  const std::string gb = Deflate(Text(3000, 13));
  WriteFile(dir.path() / "t.gz", Deflate(a) + gb.substr(0, gb.size() / 2));
  GzipFileReader in;
  ASSERT_TRUE(in.Open((dir.path() / "t.gz").string()).ok());
  std::vector<std::string> errors;
  const std::string out = ReadAll(in, 4096, &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("truncated"), std::string::npos) << errors[0];
  EXPECT_EQ(out.substr(0, a.size()), a);
}

TEST(GzipFileReader, PassesAPlainFileThrough) {
  TempDir dir;
  const std::string text = Text(300000, 14);
  WriteFile(dir.path() / "p.txt", text);
  GzipFileReader in;
  ASSERT_TRUE(in.Open((dir.path() / "p.txt").string()).ok());
  EXPECT_FALSE(in.is_gzip());
  std::vector<std::string> errors;
  EXPECT_EQ(ReadAll(in, 1000, &errors), text);
  EXPECT_EQ(in.CompressedOffsetAt(1234), 1234);
}

TEST(GzipFileReader, AMissingFileIsNotFound) {
  GzipFileReader in;
  EXPECT_TRUE(absl::IsNotFound(in.Open("/nonexistent/x.warc.gz")));
}

}  // namespace
}  // namespace verbatim::ingest

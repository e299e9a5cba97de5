#include "ingest/warc.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "test_support.h"

namespace verbatim::ingest {
namespace {

using ::verbatim::testing::TempDir;
using ::verbatim::testing::WriteFile;

std::string Gzip(std::string_view data) { return ::verbatim::testing::Compress(data); }

// One WARC record; `length_delta` makes its Content-Length wrong.
std::string Record(std::string_view type, std::string_view id, std::string_view block,
                   long length_delta = 0) {
  return "WARC/1.0\r\nWARC-Type: " + std::string(type) +
         "\r\nWARC-Record-ID: <urn:uuid:" + std::string(id) +
         ">\r\nWARC-Target-URI: http://example.com/" + std::string(id) +
         "\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nContent-Type: application/http; msgtype=response"
         "\r\nContent-Length: " +
         std::to_string(static_cast<long>(block.size()) + length_delta) + "\r\n\r\n" +
         std::string(block) + "\r\n\r\n";
}

std::string Block(int i) {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>page " + std::to_string(i) +
         " " + std::string(static_cast<size_t>(200 + 37 * i), 'x') + "</body></html>";
}

struct Result {
  std::vector<WarcRecord> records;
  std::vector<WarcProblem> problems;
  std::vector<std::string> Ids() const {
    std::vector<std::string> ids;
    for (const WarcRecord& r : records) ids.push_back(r.record_id);
    return ids;
  }
};

Result ReadWarc(const std::filesystem::path& path, WarcReader::Options options = {}) {
  Result result;
  WarcReader reader(options);
  absl::Status s = reader.Read(
      path.string(), [&](WarcRecord&& r) { result.records.push_back(std::move(r)); },
      [&](const WarcProblem& p) { result.problems.push_back(p); });
  EXPECT_TRUE(s.ok()) << s;
  return result;
}

TEST(WarcReader, ReadsEveryFieldOfAPlainWarc) {
  TempDir dir;
  const std::string r1 = Record("warcinfo", "a", "software: test\r\n");
  const std::string r2 = Record("response", "b", Block(2));
  WriteFile(dir.path() / "x.warc", r1 + r2);
  Result got = ReadWarc(dir.path() / "x.warc");
  EXPECT_TRUE(got.problems.empty());
  ASSERT_EQ(got.records.size(), 2u);
  const WarcRecord& r = got.records[1];
  EXPECT_EQ(r.number, 2);
  EXPECT_EQ(r.offset, static_cast<int64_t>(r1.size()));
  EXPECT_EQ(r.version, "WARC/1.0");
  EXPECT_EQ(r.type, "response");
  EXPECT_EQ(r.record_id, "urn:uuid:b");
  EXPECT_EQ(r.target_uri, "http://example.com/b");
  EXPECT_EQ(r.date, "2024-05-01T10:00:00Z");
  EXPECT_EQ(r.content_type, "application/http; msgtype=response");
  EXPECT_EQ(r.block, Block(2));
  EXPECT_EQ(r.Header("warc-type"), "response");
}

TEST(WarcReader, PerRecordGzipMembersGiveCompressedOffsets) {
  TempDir dir;
  std::string file;
  std::vector<int64_t> offsets;
  for (int i = 1; i <= 3; ++i) {
    offsets.push_back(static_cast<int64_t>(file.size()));
    file += Gzip(Record("response", std::to_string(i), Block(i)));
  }
  WriteFile(dir.path() / "x.warc.gz", file);
  Result got = ReadWarc(dir.path() / "x.warc.gz");
  EXPECT_TRUE(got.problems.empty());
  ASSERT_EQ(got.records.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(got.records[i].offset, offsets[i]);
    EXPECT_EQ(got.records[i].block, Block(i + 1));
  }
}

TEST(WarcReader, ReadsAOneStreamGzipFile) {
  TempDir dir;
  std::string plain;
  for (int i = 1; i <= 5; ++i) plain += Record("response", std::to_string(i), Block(i));
  WriteFile(dir.path() / "one.warc.gz", Gzip(plain));
  Result got = ReadWarc(dir.path() / "one.warc.gz");
  EXPECT_TRUE(got.problems.empty());
  ASSERT_EQ(got.records.size(), 5u);
  EXPECT_EQ(got.records[0].offset, 0);
  EXPECT_EQ(got.records[1].offset, -1);  // inside the one member
  EXPECT_GT(got.records[1].uncompressed_offset, 0);
  EXPECT_EQ(got.records[4].block, Block(5));
  EXPECT_NE(got.records[1].Where().find("uncompressed byte"), std::string::npos);
}

// A wrong Content-Length costs its record only; the message names file, record and offset.
void ExpectWrongLengthSkipsOneRecord(long delta) {
  TempDir dir;
  const std::string r1 = Record("response", "1", Block(1));
  const std::string r2 = Record("response", "2", Block(2), delta);
  const std::string r3 = Record("response", "3", Block(3));
  const std::string r4 = Record("response", "4", Block(4));
  WriteFile(dir.path() / "bad.warc", r1 + r2 + r3 + r4);
  Result got = ReadWarc(dir.path() / "bad.warc");
  EXPECT_EQ(got.Ids(), (std::vector<std::string>{"urn:uuid:1", "urn:uuid:3", "urn:uuid:4"}));
  ASSERT_EQ(got.problems.size(), 1u);
  const WarcProblem& p = got.problems[0];
  EXPECT_EQ(p.record, 2);
  EXPECT_TRUE(p.record_lost);
  EXPECT_NE(p.where.find("bad.warc"), std::string::npos) << p.where;
  EXPECT_NE(p.where.find("record 2 at byte " + std::to_string(r1.size())), std::string::npos)
      << p.where;
  EXPECT_NE(p.message.find("Content-Length"), std::string::npos) << p.message;
  // Numbers count headers found: record 3 keeps its number.
  EXPECT_EQ(got.records[1].number, 3);
}

TEST(WarcReader, ContentLengthTooShortCostsOneRecord) { ExpectWrongLengthSkipsOneRecord(-50); }

TEST(WarcReader, ContentLengthTooLongCostsOneRecord) { ExpectWrongLengthSkipsOneRecord(+300); }

TEST(WarcReader, ContentLengthTooLongOnTheLastRecordIsReported) {
  TempDir dir;
  WriteFile(dir.path() / "end.warc",
            Record("response", "1", Block(1)) + Record("response", "2", Block(2), 1000));
  Result got = ReadWarc(dir.path() / "end.warc");
  EXPECT_EQ(got.Ids(), std::vector<std::string>{"urn:uuid:1"});
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_NE(got.problems[0].where.find("end.warc: record 2"), std::string::npos);
  EXPECT_NE(got.problems[0].message.find("ends"), std::string::npos) << got.problems[0].message;
}

TEST(WarcReader, ATruncatedGzipMemberCostsItsRecord) {
  TempDir dir;
  std::string file;
  int64_t member2 = 0;
  for (int i = 1; i <= 4; ++i) {
    std::string member = Gzip(Record("response", std::to_string(i), Block(i)));
    if (i == 2) {
      member2 = static_cast<int64_t>(file.size());
      member.resize(member.size() - 25);  // loses the end of its data and its trailer
    }
    file += member;
  }
  WriteFile(dir.path() / "trunc.warc.gz", file);
  Result got = ReadWarc(dir.path() / "trunc.warc.gz");
  EXPECT_EQ(got.Ids(), (std::vector<std::string>{"urn:uuid:1", "urn:uuid:3", "urn:uuid:4"}));
  ASSERT_GE(got.problems.size(), 1u);
  const WarcProblem& p = got.problems[0];
  EXPECT_NE(p.where.find("trunc.warc.gz: record 2 at byte " + std::to_string(member2)),
            std::string::npos)
      << p.where;
  EXPECT_NE(p.message.find("gzip member at byte " + std::to_string(member2)), std::string::npos)
      << p.message;
  EXPECT_GT(got.records[1].offset, member2);  // offsets still known
  EXPECT_EQ(got.records[1].number, 3);
}

TEST(WarcReader, ATruncatedLastGzipMemberIsReported) {
  TempDir dir;
  std::string last = Gzip(Record("response", "2", Block(2)));
  last.resize(last.size() / 2);
  WriteFile(dir.path() / "t.warc.gz", Gzip(Record("response", "1", Block(1))) + last);
  Result got = ReadWarc(dir.path() / "t.warc.gz");
  EXPECT_EQ(got.Ids(), std::vector<std::string>{"urn:uuid:1"});
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_NE(got.problems[0].where.find("t.warc.gz: record 2"), std::string::npos)
      << got.problems[0].where;
  EXPECT_NE(got.problems[0].message.find("truncated"), std::string::npos);
}

TEST(WarcReader, ReadsABlockLargerThanTheReadAhead) {
  TempDir dir;
  std::string big;
  for (int i = 0; big.size() < (size_t{3} << 20); ++i) big += "line " + std::to_string(i) + "\n";
  WriteFile(dir.path() / "large.warc.gz",
            Gzip(Record("resource", "1", big)) + Gzip(Record("response", "2", Block(2))));
  Result got = ReadWarc(dir.path() / "large.warc.gz");
  EXPECT_TRUE(got.problems.empty());
  ASSERT_EQ(got.records.size(), 2u);
  EXPECT_EQ(got.records[0].block, big);
  EXPECT_EQ(got.records[1].block, Block(2));
}

TEST(WarcReader, SkipsRecordsOverTheSizeLimitUnread) {
  TempDir dir;
  WriteFile(dir.path() / "big.warc", Record("response", "1", Block(1)) +
                                         Record("resource", "2", std::string(5000, 'z')) +
                                         Record("response", "3", Block(3)));
  WarcReader::Options options;
  options.max_block_bytes = 1000;
  Result got = ReadWarc(dir.path() / "big.warc", options);
  EXPECT_EQ(got.Ids(), (std::vector<std::string>{"urn:uuid:1", "urn:uuid:3"}));
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_NE(got.problems[0].where.find("big.warc: record 2"), std::string::npos);
  EXPECT_NE(got.problems[0].message.find("exceeds the limit of 1000"), std::string::npos);
}

TEST(WarcReader, ResynchronisesAfterGarbage) {
  TempDir dir;
  WriteFile(dir.path() / "g.warc",
            "this is not a WARC header\r\nnor this\r\n" + Record("response", "1", Block(1)));
  Result got = ReadWarc(dir.path() / "g.warc");
  EXPECT_EQ(got.Ids(), std::vector<std::string>{"urn:uuid:1"});
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_NE(got.problems[0].message.find("expected a WARC header"), std::string::npos);
}

TEST(WarcReader, TheBlockFilterSkipsLoading) {
  TempDir dir;
  WriteFile(dir.path() / "f.warc",
            Record("request", "1", "GET / HTTP/1.1\r\n\r\n") + Record("response", "2", Block(2)));
  std::vector<WarcRecord> records;
  WarcReader reader;
  ASSERT_TRUE(reader
                  .Read((dir.path() / "f.warc").string(),
                        [&](WarcRecord&& r) { records.push_back(std::move(r)); },
                        [](const WarcProblem& p) { ADD_FAILURE() << p.where << p.message; },
                        [](const WarcRecord& r) { return r.type == "response"; })
                  .ok());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_FALSE(records[0].block_loaded);
  EXPECT_TRUE(records[0].block.empty());
  EXPECT_EQ(records[1].block, Block(2));
}

TEST(WarcReader, AMissingFileIsAnError) {
  WarcReader reader;
  absl::Status s = reader.Read(
      "/nonexistent/a.warc", [](WarcRecord&&) {}, [](const WarcProblem&) {});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent/a.warc"), std::string::npos);
}

}  // namespace
}  // namespace verbatim::ingest

// WarcReader: streams the records of a WARC file (WARC/1.0 and WARC/1.1, ISO 28500), plain
// (.warc) or gzip-compressed (.warc.gz, one member per record or one member for the file).
//
//   WarcReader reader;  // Options: see below
//   absl::Status s = reader.Read("crawl.warc.gz",
//       [](WarcRecord&& r) { if (r.type == "response") Use(r.target_uri, r.block); },
//       [](const WarcProblem& p) { Log(p.where, p.message); });
//
// Content-Length drives reading. After each block the reader checks the record separator: the
// block must be followed by "\r\n\r\n" and then the next "WARC/" header or the end of the input.
// When it is not (a wrong Content-Length, too short or too long), the record is reported and
// dropped, and the reader resynchronises at the next line starting with "WARC/1." after the
// record's header, so a wrong length costs one record. A corrupt or truncated gzip member costs
// the records that start in it: the reader resumes at the next gzip magic after the member.
// Records whose Content-Length exceeds Options::max_block_bytes are reported and skipped
// without loading their block.
//
// Memory: one record's block plus a 64 KB read-ahead; never the whole file.
//
// Options (defaults):
//   max_block_bytes   64 MB   larger blocks are skipped, unread
//   max_header_bytes   1 MB   a larger record header is reported and the reader resynchronises
//
// Thread-safe: Read is const and keeps its state on the stack; callbacks run on the calling
// thread, in file order.
#ifndef VERBATIM_INGEST_WARC_H_
#define VERBATIM_INGEST_WARC_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace verbatim::ingest {

struct WarcRecord {
  int64_t number = 0;  // 1-based, in file order, counting every record header found
  // Byte offset of the record in the file: for a .warc.gz, the offset of the gzip member that
  // starts with the record (one member per record); -1 when the record starts inside a member
  // (a one-member file): see uncompressed_offset.
  int64_t offset = -1;
  int64_t uncompressed_offset = 0;  // in the decompressed stream
  std::string version;              // "WARC/1.0"
  std::string type;                 // WARC-Type: "response", "request", "warcinfo", ...
  std::string record_id;            // WARC-Record-ID, without its angle brackets
  std::string target_uri;           // WARC-Target-URI (angle brackets, as WARC/1.0 examples
                                    // show them, removed)
  std::string date;                 // WARC-Date (ISO 8601, as written)
  std::string content_type;         // Content-Type of the block
  int64_t content_length = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // every header, in order
  bool block_loaded = true;  // false when the block filter declined it: block is empty
  std::string block;

  // The first header named `name` (ASCII case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
  // "record 12 at byte 3456" (or "at uncompressed byte ..." when the file offset is unknown).
  std::string Where() const;
};

// One problem in a WARC file. Reading goes on after every problem.
struct WarcProblem {
  std::string where;  // "<path>: record 12 at byte 3456", or "<path>: byte 3456"
  std::string message;
  int64_t record = 0;       // the record concerned, 0 when none
  bool record_lost = true;  // false: a warning, the record was still delivered
};

class WarcReader {
 public:
  struct Options {
    int64_t max_block_bytes = int64_t{64} << 20;
    size_t max_header_bytes = size_t{1} << 20;
  };

  using RecordSink = std::function<void(WarcRecord&&)>;
  using ProblemSink = std::function<void(const WarcProblem&)>;
  // Called with the record's headers (block empty) before the block is read: returning false
  // skips the block without loading it; the record still reaches the sink, with
  // block_loaded = false.
  using BlockFilter = std::function<bool(const WarcRecord&)>;

  WarcReader() = default;
  explicit WarcReader(Options options) : options_(options) {}

  // Reads every record of `path`. Returns an error only when the file cannot be opened; every
  // other problem goes to `problems` and reading goes on.
  absl::Status Read(const std::string& path, const RecordSink& sink, const ProblemSink& problems,
                    const BlockFilter& want_block = nullptr) const;

  const Options& options() const { return options_; }

 private:
  Options options_;
};

}  // namespace verbatim::ingest

#endif  // VERBATIM_INGEST_WARC_H_

// Gzip decompression with zlib: a streaming file reader for inputs that may be gigabytes
// (.warc.gz) and whole-buffer helpers for small things (.html.gz, HTTP Content-Encoding).
//
//   GzipFileReader in;
//   if (absl::Status s = in.Open("crawl.warc.gz"); !s.ok()) ...
//   std::string chunk(1 << 16, '\0');
//   for (;;) {
//     absl::StatusOr<size_t> n = in.Read(chunk.data(), chunk.size());
//     if (!n.ok()) {                      // corrupt or truncated member: names the byte offset
//       report(n.status());
//       if (!in.SkipToNextMember()) break;  // resume at the next gzip magic after it
//       continue;
//     }
//     if (*n == 0) break;                 // end of input
//     consume(chunk.data(), *n);
//   }
//
// A gzip file is a sequence of members (RFC 1952): a .warc.gz usually holds one member per
// WARC record, sometimes one member for the whole file. GzipFileReader decodes every member in
// turn, holding only a bounded input buffer and zlib's 32 KB window, and records where each
// member starts (compressed and decompressed offsets) so a caller can name the file offset of
// a record and skip a member that fails. A file that does not start with the gzip magic
// (1f 8b) is passed through unchanged.
//
// Thread-compatible: one reader per thread.
#ifndef VERBATIM_INGEST_GZIP_STREAM_H_
#define VERBATIM_INGEST_GZIP_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace verbatim::ingest {

inline constexpr size_t kDefaultMaxGunzipBytes = size_t{64} << 20;  // 64 MB

// True when `bytes` starts with the gzip magic and the deflate method (1f 8b 08).
bool HasGzipMagic(std::string_view bytes);

// Decompresses every gzip member of `compressed` into one string. Input that does not start
// with the gzip magic is returned unchanged. Bytes after the last complete member that do not
// start another member are ignored (zero padding, as browsers do). Fails (DataLoss) on corrupt
// or truncated data, naming the compressed byte offset, and (ResourceExhausted) as soon as the
// output would exceed `max_output` bytes: the output is never allocated past the cap.
absl::StatusOr<std::string> GunzipAll(std::string_view compressed,
                                      size_t max_output = kDefaultMaxGunzipBytes);

// Decompresses an HTTP `Content-Encoding: deflate` body: a zlib stream (RFC 1950), or raw
// deflate (RFC 1951), which some servers send instead. Same errors and cap as GunzipAll.
absl::StatusOr<std::string> InflateAll(std::string_view compressed,
                                       size_t max_output = kDefaultMaxGunzipBytes);

// Streams the decompressed bytes of a file: gzip (any number of members) or plain.
class GzipFileReader {
 public:
  struct Options {
    size_t input_buffer_bytes = size_t{256} << 10;  // compressed bytes read at a time
  };

  // Where one gzip member starts.
  struct MemberStart {
    int64_t compressed_offset = 0;    // byte offset of the member's magic in the file
    int64_t decompressed_offset = 0;  // output bytes produced before the member
  };

  GzipFileReader();
  explicit GzipFileReader(Options options);
  ~GzipFileReader();
  GzipFileReader(const GzipFileReader&) = delete;
  GzipFileReader& operator=(const GzipFileReader&) = delete;

  // Opens `path` and reads its first bytes to tell gzip from plain. Fails (NotFound or
  // Unavailable) when the file cannot be opened or read.
  absl::Status Open(const std::string& path);

  // Reads up to `n` decompressed bytes into `out`. Returns the number read; 0 only at the end of
  // the input. Fails (DataLoss) on corrupt data, a truncated member, or non-gzip bytes after a
  // member; the message names the file, the member's compressed offset and the offset where
  // decoding stopped. After a failure, call SkipToNextMember or stop; bytes of the failed
  // member that an earlier Read returned may be garbage.
  // REQUIRES: Open succeeded.
  absl::StatusOr<size_t> Read(char* out, size_t n);

  // After a failed Read of a gzip file: moves to the next gzip magic (1f 8b 08) after the start
  // of the member that failed. Returns false when there is none (the input is then at its end)
  // or the file is not gzip.
  bool SkipToNextMember();

  bool is_gzip() const { return is_gzip_; }
  // The compressed offset of the current member (after a failed Read: the member that failed).
  int64_t member_offset() const { return member_offset_; }
  const std::string& path() const { return path_; }
  // Decompressed bytes returned so far (after a skipped member: bytes actually decoded).
  int64_t decompressed_offset() const { return out_total_; }

  // The compressed offset of the member that starts exactly at decompressed offset `offset`, if
  // one does (always offset 0 of a plain file: the offsets coincide). Entries before `offset`
  // are forgotten: ask in increasing order. Only the latest 4096 member starts are kept.
  std::optional<int64_t> CompressedOffsetAt(int64_t offset);

 private:
  // Makes at least `k` unread input bytes available, reading the file; false at its end.
  bool EnsureInput(size_t k);
  // Seeks the file to `offset` and drops the input buffer.
  bool SeekInput(int64_t offset);
  int64_t InputOffset() const;  // file offset of the next unread compressed byte
  absl::Status Corrupt(std::string_view what) const;

  Options options_;
  std::string path_;
  std::FILE* file_ = nullptr;
  bool is_gzip_ = false;
  bool file_eof_ = false;
  std::vector<unsigned char> in_;
  size_t in_pos_ = 0;           // next unread byte of in_
  size_t in_end_ = 0;           // bytes of in_ holding data
  int64_t in_file_offset_ = 0;  // file offset of in_[0]
  struct ZState;
  std::unique_ptr<ZState> z_;
  bool in_member_ = false;
  bool failed_ = false;
  int64_t member_offset_ = 0;  // compressed offset of the current (or failed) member
  int64_t out_total_ = 0;
  std::deque<MemberStart> member_starts_;
};

}  // namespace verbatim::ingest

#endif  // VERBATIM_INGEST_GZIP_STREAM_H_

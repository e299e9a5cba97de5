#include "ingest/warc.h"

#include <algorithm>
#include <optional>

#include "ingest/gzip_stream.h"
#include "ingest/strings.h"

namespace verbatim::ingest {
namespace {

constexpr size_t kReadChunk = size_t{64} << 10;
constexpr size_t kMaxReadChunk = size_t{1} << 20;
constexpr size_t kMaxLine = size_t{64} << 10;
// Blank bytes tolerated between a block and the next header (the standard says 4: CRLF CRLF).
constexpr size_t kMaxSeparator = 64;

// A read-ahead buffer over the decompressed input. Bytes stay in the buffer until consumed, so
// a record whose separator check fails can be rescanned from its block.
class Stream {
 public:
  explicit Stream(GzipFileReader& in) : in_(in) {}

  // Makes `n` bytes available from the current position, fewer only at the end of the input.
  // A gzip error is returned only when it keeps the `n` bytes from being available: the bytes
  // decoded before a corrupt member stay readable.
  absl::Status Ensure(size_t n) {
    if (avail() >= n || eof_) return absl::OkStatus();
    if (!pending_.ok()) return pending_;
    if (pos_ > 0) {
      buf_.erase(0, pos_);
      offset_ += static_cast<int64_t>(pos_);
      pos_ = 0;
    }
    while (buf_.size() < n && !eof_) {
      const size_t old = buf_.size();
      // Bounded: resize zero-fills the chunk, and one read returns at most about a megabyte.
      const size_t chunk = std::min(std::max(kReadChunk, n - old), kMaxReadChunk);
      buf_.resize(old + chunk);
      absl::StatusOr<size_t> got = in_.Read(buf_.data() + old, chunk);
      buf_.resize(old + (got.ok() ? *got : 0));
      if (!got.ok()) {
        pending_ = got.status();
        return avail() >= n ? absl::OkStatus() : pending_;
      }
      if (*got == 0) eof_ = true;
    }
    return absl::OkStatus();
  }

  size_t avail() const { return buf_.size() - pos_; }
  std::string_view view() const { return std::string_view(buf_).substr(pos_); }
  bool eof() const { return eof_; }
  void Consume(size_t n) { pos_ += std::min(n, avail()); }
  // Decompressed offset of the current position.
  int64_t offset() const { return offset_ + static_cast<int64_t>(pos_); }

  // Drops the buffer after the gzip reader skipped a member.
  void Reset() {
    buf_.clear();
    pos_ = 0;
    offset_ = in_.decompressed_offset();
    eof_ = false;
    pending_ = absl::OkStatus();
  }

  // Consumes `n` bytes without keeping them. Sets *consumed to the bytes actually consumed.
  absl::Status Discard(int64_t n, int64_t* consumed) {
    *consumed = 0;
    while (*consumed < n) {
      if (avail() == 0) {
        if (absl::Status s = Ensure(1); !s.ok()) return s;
        if (avail() == 0) break;
      }
      const size_t take =
          static_cast<size_t>(std::min<int64_t>(n - *consumed, static_cast<int64_t>(avail())));
      Consume(take);
      *consumed += static_cast<int64_t>(take);
    }
    return absl::OkStatus();
  }

  // Reads one line (without its "\n" or "\r\n"). At the end of the input returns the rest
  // (nullopt when nothing is left). Fails with OutOfRange when a line is longer than `max`.
  absl::StatusOr<std::optional<std::string>> ReadLine(size_t max) {
    size_t searched = 0;
    for (;;) {
      std::string_view v = view();
      const size_t nl = v.find('\n', searched);
      if (nl != std::string_view::npos) {
        std::string line(v.substr(0, nl));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        Consume(nl + 1);
        return std::optional<std::string>(std::move(line));
      }
      searched = v.size();
      if (v.size() > max) return absl::OutOfRangeError("line too long");
      if (eof_) {
        if (v.empty()) return std::optional<std::string>();
        std::string line(v);
        Consume(v.size());
        return std::optional<std::string>(std::move(line));
      }
      if (absl::Status s = Ensure(v.size() + 1); !s.ok()) return s;
    }
  }

  // Moves to the next line that starts with "WARC/1.", treating the current position as the
  // start of a line. Returns false (with everything consumed) when there is none.
  absl::StatusOr<bool> SeekWarcLine() {
    static constexpr std::string_view kMark = "WARC/1.";
    bool at_line_start = true;
    for (;;) {
      if (absl::Status s = Ensure(kMark.size() + 1); !s.ok()) return s;
      std::string_view v = view();
      if (at_line_start && str::StartsWith(v, kMark)) return true;
      const size_t hit = v.find("\nWARC/1.");
      if (hit != std::string_view::npos) {
        Consume(hit + 1);
        return true;
      }
      if (eof_) {
        Consume(v.size());
        return false;
      }
      // Keep the tail: the mark (and its newline) may straddle the next read.
      const size_t keep = std::min(v.size(), kMark.size());
      Consume(v.size() - keep);
      at_line_start = false;
      if (absl::Status s = Ensure(keep + 1); !s.ok()) return s;
    }
  }

 private:
  GzipFileReader& in_;
  std::string buf_;
  size_t pos_ = 0;
  int64_t offset_ = 0;  // decompressed offset of buf_[0]
  bool eof_ = false;
  absl::Status pending_;  // a gzip error met while reading ahead
};

std::string_view StripAngles(std::string_view s) {
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') return s.substr(1, s.size() - 2);
  return s;
}

std::string Printable(std::string_view s, size_t max = 40) {
  std::string out;
  for (char c : s.substr(0, max)) {
    out +=
        (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f) ? c : '?';
  }
  if (s.size() > max) out += "...";
  return out;
}

}  // namespace

std::string_view WarcRecord::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (str::EqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

std::string WarcRecord::Where() const {
  if (offset >= 0) return str::Cat("record ", number, " at byte ", offset);
  return str::Cat("record ", number, " at uncompressed byte ", uncompressed_offset);
}

absl::Status WarcReader::Read(const std::string& path, const RecordSink& sink,
                              const ProblemSink& problems, const BlockFilter& want_block) const {
  GzipFileReader gz;
  if (absl::Status s = gz.Open(path); !s.ok()) return s;
  Stream in(gz);

  int64_t number = 0;
  int64_t last_number = 0;   // the last record whose header was read
  int64_t last_offset = -1;  // and its file offset
  WarcRecord rec;            // the record being read; rec.number == 0 between records
  auto report = [&](std::string message, bool lost = true) {
    WarcProblem p;
    p.where = rec.number > 0 ? str::Cat(path, ": ", rec.Where()) : path;
    p.message = std::move(message);
    p.record = rec.number;
    p.record_lost = lost;
    problems(p);
  };
  // After a gzip error: report it, then resume at the next member. False: nothing is left.
  auto recover = [&](const absl::Status& status) {
    if (rec.number == 0 && last_offset >= 0 && gz.member_offset() == last_offset) {
      // Resynchronising inside the member of the last record read: the damage is its.
      rec.number = last_number;
      rec.offset = last_offset;
    } else if (rec.number == 0) {
      // Between records: the failed member would have held the next one (one member per
      // record), whose header could not be read.
      rec.number = ++number;
      rec.offset = gz.member_offset();
    }
    report(str::Cat(status.message(), "; skipping to the next gzip member"));
    rec = WarcRecord();
    const bool more = gz.SkipToNextMember();
    in.Reset();
    return more;
  };

  auto byte_at = [&](int64_t offset) {
    return str::Cat(gz.is_gzip() ? "uncompressed byte " : "byte ", offset);
  };
  bool resync = false;
  for (;;) {
    rec = WarcRecord();
    if (resync) {
      absl::StatusOr<bool> found = in.SeekWarcLine();
      if (!found.ok()) {
        if (recover(found.status())) continue;
        break;
      }
      if (!*found) break;
      resync = false;
    }
    // Blank lines before a header are tolerated (some writers pad the start of a file).
    for (;;) {
      if (absl::Status s = in.Ensure(1); !s.ok()) {
        resync = recover(s);
        break;
      }
      std::string_view v = in.view();
      if (v.empty() || (v[0] != '\r' && v[0] != '\n')) break;
      in.Consume(1);
    }
    if (resync) continue;
    if (in.avail() == 0) break;  // the end of the input

    const int64_t start = in.offset();
    absl::StatusOr<std::optional<std::string>> first = in.ReadLine(kMaxLine);
    if (!first.ok() && absl::IsOutOfRange(first.status())) {
      report(str::Cat(byte_at(start), ": expected a WARC header line, found a line longer than ",
                      kMaxLine, " bytes; skipping to the next \"WARC/1.\" line"));
      resync = true;
      continue;
    }
    if (!first.ok()) {
      if (recover(first.status()))
        resync = true;
      else
        break;
      continue;
    }
    if (!first->has_value()) break;
    if (!str::StartsWith(**first, "WARC/")) {
      report(str::Cat(byte_at(start), ": expected a WARC header line (\"WARC/1.x\"), found \"",
                      Printable(**first), "\"; skipping to the next \"WARC/1.\" line"));
      resync = true;
      continue;
    }

    rec.number = ++number;
    rec.uncompressed_offset = start;
    rec.offset = gz.CompressedOffsetAt(start).value_or(-1);
    rec.version = std::move(**first);
    last_number = rec.number;
    last_offset = rec.offset;

    // Header fields up to the blank line; continuation lines start with a space or a tab.
    size_t header_bytes = 0;
    bool header_ok = false;
    for (;;) {
      absl::StatusOr<std::optional<std::string>> line = in.ReadLine(kMaxLine);
      if (!line.ok() && !absl::IsOutOfRange(line.status())) {
        if (recover(line.status())) resync = true;
        break;
      }
      if (!line.ok() || header_bytes > options_.max_header_bytes) {
        report(str::Cat("the header is longer than ", options_.max_header_bytes,
                        " bytes; skipping to the next \"WARC/1.\" line"));
        resync = true;
        break;
      }
      if (!line->has_value()) {
        report("the file ends inside the record header");
        break;
      }
      const std::string& l = **line;
      header_bytes += l.size() + 2;
      if (l.empty()) {
        header_ok = true;
        break;
      }
      if ((l[0] == ' ' || l[0] == '\t') && !rec.headers.empty()) {
        rec.headers.back().second += str::Cat(" ", str::Trim(l));
        continue;
      }
      const size_t colon = l.find(':');
      if (colon == std::string::npos) {
        report(str::Cat("header line without ':' ignored: \"", Printable(l), "\""), false);
        continue;
      }
      rec.headers.emplace_back(std::string(str::Trim(l.substr(0, colon))),
                               std::string(str::Trim(l.substr(colon + 1))));
    }
    if (!header_ok) {
      if (resync || rec.number == 0) continue;  // recovered from gzip, or resynchronising
      break;                                    // the end of the input
    }

    rec.type = std::string(rec.Header("WARC-Type"));
    rec.record_id = std::string(StripAngles(rec.Header("WARC-Record-ID")));
    rec.target_uri = std::string(StripAngles(rec.Header("WARC-Target-URI")));
    rec.date = std::string(rec.Header("WARC-Date"));
    rec.content_type = std::string(rec.Header("Content-Type"));
    const std::string_view length_text = rec.Header("Content-Length");
    if (!str::ParseInt(length_text, &rec.content_length) || rec.content_length < 0) {
      report(str::Cat(length_text.empty()
                          ? "no Content-Length"
                          : str::Cat("unreadable Content-Length \"", Printable(length_text), "\""),
                      "; skipping to the next \"WARC/1.\" line"));
      resync = true;
      continue;
    }

    if (rec.content_length > options_.max_block_bytes) {
      report(str::Cat("Content-Length ", rec.content_length, " exceeds the limit of ",
                      options_.max_block_bytes, " bytes: record skipped unread"));
      int64_t skipped = 0;
      if (absl::Status s = in.Discard(rec.content_length, &skipped); !s.ok()) {
        if (recover(s))
          resync = true;
        else
          break;
        continue;
      }
      if (skipped < rec.content_length) {
        report("the input ends inside the skipped block");
        break;
      }
    }

    // The block and what follows it: CR/LF bytes, then the next header or the end.
    const size_t block_len =
        rec.content_length > options_.max_block_bytes ? 0 : static_cast<size_t>(rec.content_length);
    auto deliver = [&](std::string_view v, size_t next) {
      rec.block_loaded = !want_block || want_block(rec);
      if (rec.block_loaded) rec.block.assign(v.substr(0, block_len));
      in.Consume(next);
      sink(std::move(rec));
    };
    if (absl::Status s = in.Ensure(block_len + kMaxSeparator + 5); !s.ok()) {
      std::string_view v = in.view();
      if (rec.content_length <= options_.max_block_bytes && v.size() >= block_len + 4 &&
          v.substr(block_len, 4) == "\r\n\r\n") {
        // The damage is after this record: deliver it; the next read meets the error again.
        deliver(v, block_len + 4);
        continue;
      }
      if (recover(s))
        resync = true;
      else
        break;
      continue;
    }
    std::string_view v = in.view();
    if (v.size() < block_len) {
      report(str::Cat("the input ends ", v.size(), " bytes into the block, but Content-Length is ",
                      rec.content_length,
                      " (wrong Content-Length or truncated file); "
                      "record skipped, looking for a later \"WARC/1.\" line"));
      resync = true;
      continue;
    }
    size_t next = block_len;
    while (next < v.size() && next - block_len < kMaxSeparator &&
           (v[next] == '\r' || v[next] == '\n')) {
      ++next;
    }
    const bool at_end = next == v.size() && in.eof();
    if (!at_end && !str::StartsWith(v.substr(next), "WARC/")) {
      report(str::Cat("Content-Length ", rec.content_length,
                      " is wrong: the block is not followed by \"\\r\\n\\r\\n\" and the next "
                      "WARC header (found \"",
                      Printable(v.substr(block_len, 20)),
                      "\"); record skipped, resynchronising at the next \"WARC/1.\" line"));
      resync = true;  // from the block start: a too-long length swallowed the next header
      continue;
    }
    if (rec.content_length <= options_.max_block_bytes) {
      if (v.substr(block_len, next - block_len) != "\r\n\r\n") {
        report("the block is not followed by exactly \"\\r\\n\\r\\n\" (record read)", false);
      }
      deliver(v, next);
    } else {
      in.Consume(next);
    }
  }
  return absl::OkStatus();
}

}  // namespace verbatim::ingest

#include "ingest/gzip_stream.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "ingest/strings.h"

namespace verbatim::ingest {
namespace {

constexpr int kGzipWindowBits = 16 + MAX_WBITS;  // gzip wrapper only
constexpr int kZlibWindowBits = MAX_WBITS;
constexpr int kRawWindowBits = -MAX_WBITS;

// Inflates `in` with the given zlib window bits into at most `max_output` bytes. With
// `gzip_members`, decodes member after member while the bytes after one start with the magic.
absl::StatusOr<std::string> InflateBuffer(std::string_view in, int window_bits, size_t max_output,
                                          bool gzip_members) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) {
    return absl::InternalError("zlib: inflateInit2 failed");
  }
  std::string out;
  size_t written = 0;
  size_t pos = 0;
  absl::Status status;
  for (;;) {
    const size_t member_start = pos;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + pos));
    z.avail_in = static_cast<uInt>(in.size() - pos);
    int ret = Z_OK;
    while (ret != Z_STREAM_END) {
      if (written == out.size()) {
        if (written > max_output) break;
        const size_t grow =
            std::min(std::max<size_t>(written, size_t{64} << 10), max_output + 1 - written);
        out.resize(written + grow);
      }
      z.next_out = reinterpret_cast<Bytef*>(out.data() + written);
      z.avail_out = static_cast<uInt>(out.size() - written);
      const uInt avail_before = z.avail_out;
      ret = inflate(&z, Z_NO_FLUSH);
      written += avail_before - z.avail_out;
      if (written > max_output) break;
      if (ret == Z_STREAM_END || ret == Z_OK) continue;
      if (ret == Z_BUF_ERROR && z.avail_in == 0) {
        status = absl::DataLossError(
            str::Cat("truncated compressed data: the stream starting at byte ", member_start,
                     " ends at byte ", in.size(), " before its end"));
        break;
      }
      if (ret == Z_BUF_ERROR) continue;  // output space is refilled above
      status = absl::DataLossError(
          str::Cat("corrupt compressed data in the stream starting at byte ", member_start,
                   " (decoding stopped near byte ", in.size() - z.avail_in,
                   "): ", z.msg != nullptr ? z.msg : "zlib error"));
      break;
    }
    if (written > max_output) {
      status = absl::ResourceExhaustedError(
          str::Cat("decompressed data exceeds the limit of ", max_output, " bytes"));
    }
    if (!status.ok()) break;
    pos = in.size() - z.avail_in;
    if (!gzip_members || !HasGzipMagic(in.substr(pos))) break;
    inflateReset(&z);
  }
  inflateEnd(&z);
  if (!status.ok()) return status;
  out.resize(written);
  return out;
}

}  // namespace

bool HasGzipMagic(std::string_view bytes) {
  return bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b && static_cast<unsigned char>(bytes[2]) == 8;
}

absl::StatusOr<std::string> GunzipAll(std::string_view compressed, size_t max_output) {
  if (!HasGzipMagic(compressed)) {
    if (compressed.size() > max_output) {
      return absl::ResourceExhaustedError(
          str::Cat("data exceeds the limit of ", max_output, " bytes"));
    }
    return std::string(compressed);
  }
  return InflateBuffer(compressed, kGzipWindowBits, max_output, /*gzip_members=*/true);
}

absl::StatusOr<std::string> InflateAll(std::string_view compressed, size_t max_output) {
  // A zlib header: compression method 8 and a header checksum divisible by 31 (RFC 1950).
  const bool zlib_wrapped = compressed.size() >= 2 &&
                            (static_cast<unsigned char>(compressed[0]) & 0x0f) == 8 &&
                            ((static_cast<unsigned char>(compressed[0]) << 8) |
                             static_cast<unsigned char>(compressed[1])) %
                                    31 ==
                                0;
  return InflateBuffer(compressed, zlib_wrapped ? kZlibWindowBits : kRawWindowBits, max_output,
                       /*gzip_members=*/false);
}

struct GzipFileReader::ZState {
  z_stream z{};
  bool initialized = false;
};

GzipFileReader::GzipFileReader() : GzipFileReader(Options{}) {}

GzipFileReader::GzipFileReader(Options options)
    : options_(options), z_(std::make_unique<ZState>()) {
  options_.input_buffer_bytes = std::max<size_t>(options_.input_buffer_bytes, 16);
}

GzipFileReader::~GzipFileReader() {
  if (z_->initialized) inflateEnd(&z_->z);
  if (file_ != nullptr) std::fclose(file_);
}

absl::Status GzipFileReader::Open(const std::string& path) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    return absl::NotFoundError(str::Cat(path, ": cannot open: ", std::strerror(errno)));
  }
  in_.resize(options_.input_buffer_bytes);
  if (inflateInit2(&z_->z, kGzipWindowBits) != Z_OK) {
    return absl::InternalError("zlib: inflateInit2 failed");
  }
  z_->initialized = true;
  EnsureInput(2);
  if (std::ferror(file_)) {
    return absl::UnavailableError(str::Cat(path, ": cannot read: ", std::strerror(errno)));
  }
  is_gzip_ = in_end_ - in_pos_ >= 2 && in_[in_pos_] == 0x1f && in_[in_pos_ + 1] == 0x8b;
  return absl::OkStatus();
}

bool GzipFileReader::EnsureInput(size_t k) {
  if (in_end_ - in_pos_ >= k) return true;
  if (in_pos_ > 0) {
    std::memmove(in_.data(), in_.data() + in_pos_, in_end_ - in_pos_);
    in_file_offset_ += static_cast<int64_t>(in_pos_);
    in_end_ -= in_pos_;
    in_pos_ = 0;
  }
  while (in_end_ < k && !file_eof_) {
    const size_t got = std::fread(in_.data() + in_end_, 1, in_.size() - in_end_, file_);
    if (got == 0) file_eof_ = true;
    in_end_ += got;
  }
  return in_end_ - in_pos_ >= k;
}

bool GzipFileReader::SeekInput(int64_t offset) {
  in_pos_ = in_end_ = 0;
  in_file_offset_ = offset;
  file_eof_ = false;
  if (fseeko(file_, static_cast<off_t>(offset), SEEK_SET) != 0) {
    file_eof_ = true;
    return false;
  }
  return true;
}

int64_t GzipFileReader::InputOffset() const {
  return in_file_offset_ + static_cast<int64_t>(in_pos_);
}

absl::Status GzipFileReader::Corrupt(std::string_view what) const {
  return absl::DataLossError(str::Cat(path_, ": gzip member at byte ", member_offset_, ": ", what));
}

absl::StatusOr<size_t> GzipFileReader::Read(char* out, size_t n) {
  if (failed_) {
    return absl::FailedPreconditionError(
        str::Cat(path_, ": read after a gzip error without SkipToNextMember"));
  }
  if (n == 0) return size_t{0};
  if (!is_gzip_) {
    size_t got = 0;
    if (in_pos_ < in_end_) {
      got = std::min(n, in_end_ - in_pos_);
      std::memcpy(out, in_.data() + in_pos_, got);
      in_pos_ += got;
    } else if (!file_eof_) {
      got = std::fread(out, 1, n, file_);
      if (got == 0) file_eof_ = true;
      in_file_offset_ += static_cast<int64_t>(got);
    }
    out_total_ += static_cast<int64_t>(got);
    return got;
  }
  z_stream& z = z_->z;
  size_t produced = 0;
  while (produced == 0) {
    if (!in_member_) {
      // Zero padding after the last member is common (tape-block writers): skip it.
      while (EnsureInput(1) && in_[in_pos_] == 0) {
        while (in_pos_ < in_end_ && in_[in_pos_] == 0) ++in_pos_;
      }
      if (!EnsureInput(1)) return size_t{0};
      member_offset_ = InputOffset();
      if (!EnsureInput(3) || in_[in_pos_] != 0x1f || in_[in_pos_ + 1] != 0x8b ||
          in_[in_pos_ + 2] != 8) {
        failed_ = true;
        return absl::DataLossError(str::Cat(path_, ": the bytes at ", member_offset_,
                                            " after a gzip member do not start another one"));
      }
      inflateReset(&z);
      in_member_ = true;
      member_starts_.push_back({member_offset_, out_total_});
      if (member_starts_.size() > 4096) member_starts_.pop_front();
    }
    if (!EnsureInput(1)) {
      failed_ = true;
      return Corrupt(
          str::Cat("truncated: the file ends at byte ", InputOffset(), " inside the member"));
    }
    z.next_in = in_.data() + in_pos_;
    z.avail_in = static_cast<uInt>(in_end_ - in_pos_);
    z.next_out = reinterpret_cast<Bytef*>(out);
    z.avail_out = static_cast<uInt>(std::min<size_t>(n, uInt{1} << 30));
    const uInt avail_out_before = z.avail_out;
    const int ret = inflate(&z, Z_NO_FLUSH);
    in_pos_ = in_end_ - z.avail_in;
    produced = avail_out_before - z.avail_out;
    if (ret == Z_STREAM_END) {
      in_member_ = false;
    } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
      failed_ = true;
      return Corrupt(str::Cat("corrupt data (decoding stopped near byte ", InputOffset(),
                              "): ", z.msg != nullptr ? z.msg : "zlib error"));
    }
  }
  out_total_ += static_cast<int64_t>(produced);
  return produced;
}

bool GzipFileReader::SkipToNextMember() {
  if (!is_gzip_) return false;
  failed_ = false;
  in_member_ = false;
  SeekInput(member_offset_ + 1);
  while (EnsureInput(3)) {
    for (size_t i = in_pos_; i + 2 < in_end_; ++i) {
      if (in_[i] == 0x1f && in_[i + 1] == 0x8b && in_[i + 2] == 8) {
        in_pos_ = i;
        return true;
      }
    }
    in_pos_ = in_end_ - 2;  // the magic may straddle the next read
    if (file_eof_) break;
  }
  in_pos_ = in_end_;
  file_eof_ = true;
  return false;
}

std::optional<int64_t> GzipFileReader::CompressedOffsetAt(int64_t offset) {
  if (!is_gzip_) return offset;
  while (!member_starts_.empty() && member_starts_.front().decompressed_offset < offset) {
    member_starts_.pop_front();
  }
  // Empty members share a decompressed offset with the next one: the last of them holds data.
  while (member_starts_.size() >= 2 && member_starts_[1].decompressed_offset == offset) {
    member_starts_.pop_front();
  }
  if (!member_starts_.empty() && member_starts_.front().decompressed_offset == offset) {
    return member_starts_.front().compressed_offset;
  }
  return std::nullopt;
}

}  // namespace verbatim::ingest

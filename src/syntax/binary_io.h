// Little-endian byte writing and bounds-checked reading for the model file. The reader never
// reads past its input: every getter fails with a Status (naming what was being read) instead.
#ifndef VERBATIM_SYNTAX_BINARY_IO_H_
#define VERBATIM_SYNTAX_BINARY_IO_H_

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "syntax/str_cat.h"

namespace verbatim::syntax {

class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out) {}
  template <typename T>
  void Put(T v) {  // integral or float
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    if constexpr (std::endian::native == std::endian::big) std::reverse(b, b + sizeof(T));
    out_.append(b, sizeof(T));
  }
  void PutString(std::string_view s) {
    Put<uint32_t>(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }

 private:
  std::string& out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  template <typename T>
  absl::Status Get(T& v, std::string_view what) {
    if (in_.size() - pos_ < sizeof(T)) return Truncated(what);
    char b[sizeof(T)];
    std::memcpy(b, in_.data() + pos_, sizeof(T));
    if constexpr (std::endian::native == std::endian::big) std::reverse(b, b + sizeof(T));
    std::memcpy(&v, b, sizeof(T));
    pos_ += sizeof(T);
    return absl::OkStatus();
  }
  absl::Status GetString(std::string& s, std::string_view what) {
    uint32_t n = 0;
    if (absl::Status st = Get(n, what); !st.ok()) return st;
    if (in_.size() - pos_ < n) return Truncated(what);
    s.assign(in_.substr(pos_, n));
    pos_ += n;
    return absl::OkStatus();
  }
  size_t remaining() const { return in_.size() - pos_; }

 private:
  absl::Status Truncated(std::string_view what) const {
    return absl::DataLossError(Cat("model data ends early (reading ", what, " at byte ", pos_, ")"));
  }
  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_BINARY_IO_H_

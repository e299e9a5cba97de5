#include "syntax/model_file.h"

#include <cstring>

#include "syntax/binary_io.h"
#include "syntax/feature_hash.h"
#include "syntax/str_cat.h"

namespace verbatim::syntax {

uint64_t ModelChecksum(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t w = 0;
    for (int k = 7; k >= 0; --k) w = (w << 8) | static_cast<unsigned char>(bytes[i + k]);
    h = (h ^ w) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * 0x100000001b3ULL;
  return MixBits(h ^ bytes.size());
}

std::string WrapModelPayload(std::string_view payload) {
  std::string out(kModelMagic);
  ByteWriter w(out);
  w.Put<uint32_t>(kModelFormatVersion);
  w.Put<uint64_t>(payload.size());
  w.Put<uint64_t>(ModelChecksum(payload));
  out.append(payload);
  return out;
}

absl::StatusOr<std::string_view> UnwrapModelPayload(std::string_view file) {
  if (file.size() < kModelMagic.size() || file.substr(0, kModelMagic.size()) != kModelMagic) {
    return absl::InvalidArgumentError("not a Verbatim syntax model (bad magic)");
  }
  if (file.size() < kModelHeaderSize) {
    return absl::DataLossError(Cat("syntax model truncated: ", file.size(), " bytes, shorter than its header"));
  }
  ByteReader r(file.substr(kModelMagic.size()));
  uint32_t version = 0;
  uint64_t size = 0, checksum = 0;
  if (auto s = r.Get(version, "header"); !s.ok()) return s;
  if (auto s = r.Get(size, "header"); !s.ok()) return s;
  if (auto s = r.Get(checksum, "header"); !s.ok()) return s;
  if (version != kModelFormatVersion) {
    return absl::FailedPreconditionError(
        Cat("syntax model format version ", version, " is not supported (this build reads ", kModelFormatVersion, ")"));
  }
  const std::string_view payload = file.substr(kModelHeaderSize);
  if (payload.size() != size) {
    return absl::DataLossError(Cat("syntax model truncated or padded: payload has ", payload.size(),
                                   " bytes, the header says ", size));
  }
  if (ModelChecksum(payload) != checksum) return absl::DataLossError("syntax model checksum mismatch (corrupt file)");
  return payload;
}

}  // namespace verbatim::syntax

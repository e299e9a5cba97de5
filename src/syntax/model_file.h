// The envelope of a syntax model file:
//
//   bytes 0..7    magic "VBSYNTAX"
//   bytes 8..11   format version (uint32, little-endian), kModelFormatVersion
//   bytes 12..19  payload size in bytes (uint64)
//   bytes 20..27  checksum of the payload (uint64, ModelChecksum)
//   bytes 28..    payload (model.cc: labels, tag dictionary, three weight tables)
//
// Opening checks the magic, the version, the size and the checksum, in that order, and says
// which failed; the payload reader is bounds-checked as well, so even a payload that matches a
// forged checksum cannot make the loader read out of bounds.
#ifndef VERBATIM_SYNTAX_MODEL_FILE_H_
#define VERBATIM_SYNTAX_MODEL_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace verbatim::syntax {

inline constexpr std::string_view kModelMagic = "VBSYNTAX";
inline constexpr uint32_t kModelFormatVersion = 1;
inline constexpr size_t kModelHeaderSize = 28;

// A 64-bit checksum of `bytes` (FNV-1a over 8-byte words, mixed): catches truncation and
// corruption, not tampering.
uint64_t ModelChecksum(std::string_view bytes);

// The header followed by `payload`.
std::string WrapModelPayload(std::string_view payload);
// The payload of a model file, or why it is not one.
absl::StatusOr<std::string_view> UnwrapModelPayload(std::string_view file);

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_MODEL_FILE_H_

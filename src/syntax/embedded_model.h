// The syntax model compiled into the binary (models/syntax-en-ewt.bin, linked in with an
// assembler .incbin at build time), so `verbatim parse` runs from any directory.
#ifndef VERBATIM_SYNTAX_EMBEDDED_MODEL_H_
#define VERBATIM_SYNTAX_EMBEDDED_MODEL_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "syntax/model.h"

namespace verbatim::syntax {

// The bytes of the embedded model file.
std::string_view EmbeddedModelBytes();

// The embedded model, parsed on the first call (thread-safe) and shared read-only by every
// caller for the life of the process; the error when the embedded bytes do not load.
absl::StatusOr<const Model*> EmbeddedModel();

}  // namespace verbatim::syntax

#endif  // VERBATIM_SYNTAX_EMBEDDED_MODEL_H_

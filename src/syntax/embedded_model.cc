#include "syntax/embedded_model.h"

// Defined in the generated syntax_model_data.S.
extern "C" const char verbatim_syntax_model_data[];
extern "C" const char verbatim_syntax_model_end[];

namespace verbatim::syntax {

std::string_view EmbeddedModelBytes() {
  return std::string_view(verbatim_syntax_model_data,
                          static_cast<size_t>(verbatim_syntax_model_end - verbatim_syntax_model_data));
}

absl::StatusOr<const Model*> EmbeddedModel() {
  static const absl::StatusOr<Model>* const model = new absl::StatusOr<Model>(Model::FromBytes(EmbeddedModelBytes()));
  if (!model->ok()) return model->status();
  return &**model;
}

}  // namespace verbatim::syntax

// The attribution-model command of the CLI (commands.cc declares it):
//   verbatim train attribution --polnear TRAIN_DIR [--dev DEV_DIR] --out M.bin [--epochs N]
// (--dev: figures of each epoch on a development split; the model does not depend on it)
// It reads every annotator's file of a PolNeAR split, parses the articles with the embedded
// syntax model and writes the model file; progress goes to `err`.
#ifndef VERBATIM_CLI_ATTRIBUTION_COMMANDS_H_
#define VERBATIM_CLI_ATTRIBUTION_COMMANDS_H_

#include <ostream>
#include <string>

namespace verbatim::cli {

int TrainAttribution(const std::string& polnear_dir, const std::string& dev_dir, const std::string& out_path,
                     int epochs, std::ostream& out, std::ostream& err);

}  // namespace verbatim::cli

#endif  // VERBATIM_CLI_ATTRIBUTION_COMMANDS_H_

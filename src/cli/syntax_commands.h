// The syntax commands of the CLI (commands.cc declares them):
//   verbatim train syntax --train T.conllu --dev D.conllu --out M.bin [--corpus A.jsonl ...]
//                         [--threads N]
//   verbatim parse FILE.conllu [--format conllu] [--model M.bin]
//   verbatim eval ud FILE.conllu [--model M.bin] [--gold-tags]
// An empty model path means the embedded model.
#ifndef VERBATIM_CLI_SYNTAX_COMMANDS_H_
#define VERBATIM_CLI_SYNTAX_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

namespace verbatim::cli {

int TrainSyntax(const std::string& train, const std::string& dev, const std::string& out_path,
                const std::vector<std::string>& corpus, int threads, std::ostream& out, std::ostream& err);
// Writes the sentences of a CoNLL-U file with predicted UPOS, HEAD and DEPREL. FORM, LEMMA,
// XPOS, FEATS, MISC, comments and multi-word token lines are kept; DEPS becomes "_" (it
// described the input's graph).
int ParseConlluFile(const std::string& path, const std::string& model_path, std::ostream& out, std::ostream& err);
int EvalUd(const std::string& path, const std::string& model_path, bool gold_tags, std::ostream& out,
           std::ostream& err);

}  // namespace verbatim::cli

#endif  // VERBATIM_CLI_SYNTAX_COMMANDS_H_

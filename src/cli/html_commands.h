// The HTML evaluation command of the CLI (commands.cc wires it into `eval`):
//   verbatim eval html [--aeb DIR] [--trafilatura DIR] [--parser libxml2|gumbo] [--json]
//                      [--show-worst N]
// Scores the body extractor on the AEB pages (shingle P/R/F1, see eval/html_eval.h) and on
// trafilatura's snippet set, with pages/s for parsing and extraction. The defaults are
// ../shared/eval/html/{aeb,trafilatura} (run from the repository root); an empty directory
// skips that set. More sets (e.g. --mediacloud date scoring) add a field to HtmlEvalFlags, an
// option in AddHtmlEvalOptions and a section in EvalHtml, one beside the others.
#ifndef VERBATIM_CLI_HTML_COMMANDS_H_
#define VERBATIM_CLI_HTML_COMMANDS_H_

#include <ostream>
#include <string>

namespace CLI {
class App;
}  // namespace CLI

namespace verbatim::cli {

struct HtmlEvalFlags {
  std::string aeb_dir = "../shared/eval/html/aeb";
  std::string trafilatura_dir = "../shared/eval/html/trafilatura";
  std::string mediacloud_dir = "../shared/eval/html/mediacloud-2020";
  std::string parser = "libxml2";  // same bodies as Gumbo, 3-4x faster (docs/PERFORMANCE.md)
  int show_worst = 0;
};

// Adds the options above to the `eval` command (they only apply to `eval html`; --json is the
// `eval` command's own flag).
void AddHtmlEvalOptions(CLI::App& eval, HtmlEvalFlags& flags);

// Runs the sets named in `flags`; returns an ExitCode (kNothingProcessed when a set fails).
int EvalHtml(const HtmlEvalFlags& flags, bool json, std::ostream& out, std::ostream& err);

}  // namespace verbatim::cli

#endif  // VERBATIM_CLI_HTML_COMMANDS_H_

// `verbatim demo`: ingests the embedded demo corpus (demo/articles.jsonl, our own fiction)
// into a temporary database and prints a readable summary.
#ifndef VERBATIM_CLI_DEMO_H_
#define VERBATIM_CLI_DEMO_H_

#include <iosfwd>
#include <string>
#include <string_view>

namespace verbatim::cli {

// The demo corpus bytes (JSONL), compiled into the binary.
extern const std::string_view kDemoCorpus;

// Runs the demo; keeps the database at `keep_db` when it is not empty. Returns an exit code.
int RunDemo(const std::string& keep_db, std::ostream& out, std::ostream& err);

}  // namespace verbatim::cli

#endif  // VERBATIM_CLI_DEMO_H_

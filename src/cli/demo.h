// `verbatim demo`: ingests the embedded demo corpus (demo/articles.jsonl, our own fiction)
// into a temporary database and prints a readable summary.
#ifndef VERBATIM_CLI_DEMO_H_
#define VERBATIM_CLI_DEMO_H_

#include <iosfwd>
#include <string>
#include <string_view>

#include "server/http_server.h"

namespace verbatim::cli {

// The demo corpus bytes (JSONL), compiled into the binary.
extern const std::string_view kDemoCorpus;

// Runs the demo; keeps the database at `keep_db` when it is not empty. With `serve`, then
// serves the database (verbatim serve) until interrupted. Returns an exit code.
int RunDemo(const std::string& keep_db, const server::ServerOptions* serve, std::ostream& out, std::ostream& err);

}  // namespace verbatim::cli

#endif  // VERBATIM_CLI_DEMO_H_

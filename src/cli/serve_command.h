// `verbatim serve`: brings a database's quote clusters and stories up to date, then serves it
// read-only over HTTP (server/http_server.h) until SIGINT or SIGTERM.
#ifndef VERBATIM_CLI_SERVE_COMMAND_H_
#define VERBATIM_CLI_SERVE_COMMAND_H_

#include <iosfwd>
#include <string>

#include "server/http_server.h"

namespace verbatim::cli {

// Prints "verbatim: serving DB at URL" as the first line on `out` (flushed) once listening.
// Returns an exit code (cli/commands.h).
int Serve(const std::string& db, const server::ServerOptions& options, std::ostream& out, std::ostream& err);

}  // namespace verbatim::cli

#endif  // VERBATIM_CLI_SERVE_COMMAND_H_

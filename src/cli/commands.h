// The `verbatim` command line: one function per command, all sharing the exit-code contract
//   0  all input read            3  finished, but some records were rejected (on stderr)
//   2  usage error               1  nothing could be processed
// main() only calls RunCli; tests call it too, with their own streams.
#ifndef VERBATIM_CLI_COMMANDS_H_
#define VERBATIM_CLI_COMMANDS_H_

#include <iosfwd>

namespace verbatim::cli {

enum ExitCode : int { kOk = 0, kNothingProcessed = 1, kUsage = 2, kSomeRejected = 3 };

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace verbatim::cli

#endif  // VERBATIM_CLI_COMMANDS_H_

// Thin entry point: everything lives in the verbatim_cli library.
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return verbatim::cli::RunCli(argc, argv, std::cout, std::cerr);
}

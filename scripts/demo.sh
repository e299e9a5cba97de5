#!/usr/bin/env bash
# Installs what is needed, builds Verbatim and runs `verbatim demo` on the built-in corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
build/release/src/verbatim demo "$@"

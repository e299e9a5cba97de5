#!/usr/bin/env bash
# Installs what is needed, builds with g++ (dev preset) and clang-16 (compile check), and runs
# the whole test suite under CTest. This is the command the README gives and .ci/run runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev
if [ "${VERBATIM_SKIP_CLANG:-0}" != "1" ]; then
  cmake --preset clang >/dev/null
  cmake --build --preset clang
fi
# The browser tests' driver (playwright-core, locked in tests/web/package-lock.json); it uses
# Debian's Chromium and never downloads a browser.
(cd tests/web && npm ci --no-audit --no-fund --loglevel=error)
ctest --preset dev --output-on-failure -j2 "$@"

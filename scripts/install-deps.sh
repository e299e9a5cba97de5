#!/usr/bin/env bash
# Installs every Debian 12 package that Verbatim needs to build, test and benchmark.
# Idempotent; run as root (or with sudo available). Node.js/npm (for the browser tests' driver,
# playwright-core) are apt-installed only when no `node` is on the PATH: machines that ship
# their own Node.js conflict with Debian's npm.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git python3
  libsimdjson-dev      # JSON parsing (JSONL input, gold files)
  libabsl-dev          # absl::Status / StatusOr, hashing, string utilities
  libcli11-dev         # command-line parsing
  libgumbo-dev         # HTML5 parsing (HTML pages, WARC records)
  libxml2-dev          # the second HTML parser, measured beside Gumbo
  libcld2-dev          # language identification (Compact Language Detector 2)
  libfmt-dev           # formatting
  libsqlite3-dev       # storage (WAL, FTS5)
  libicu-dev           # Unicode properties, case folding, transliteration; charset conversion
  zlib1g-dev           # gzip: .warc.gz, .html.gz, HTTP Content-Encoding
  libbrotli-dev        # HTTP Content-Encoding: br
  libcpp-httplib-dev   # the HTTP server of `verbatim serve`
  libgtest-dev libgmock-dev  # tests
  libbenchmark-dev     # bench/
  clang-16             # second compiler (sanitizers, fuzzing)
  chromium             # headless browser for the web page's end-to-end tests
  fonts-dejavu-core    # a font for the browser tests' screenshots
  wrk                  # HTTP load generator (bench/serve_wrk.sh)
)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: installed ${missing[*]}"

#!/usr/bin/env bash
# End-to-end figures for docs/PERFORMANCE.md: `extract` and `ingest` on Reuters-21578 + BBC 2004
# (one thread), from the release build. Usage: bench/throughput.sh [path/to/verbatim]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/release/src/verbatim}
shared=../shared/corpus
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
inputs=("$shared/reuters-21578.jsonl" "$shared/bbc-2004.jsonl")
bytes=$(cat "${inputs[@]}" | wc -c)
docs=$(cat "${inputs[@]}" | grep -c .)
run() {  # label command...
  local label=$1 start end
  shift
  start=$(date +%s.%N); "$@" >"$tmp/out" 2>"$tmp/err"; end=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'{sys.argv[3]:8s} {s:6.2f} s  {int(sys.argv[4])/s:8.0f} articles/s  {int(sys.argv[5])/s/1e6:6.1f} MB/s')" "$start" "$end" "$label" "$docs" "$bytes"
}
run extract "$bin" extract "${inputs[@]}" --format jsonl
echo "quotations per 1000 articles (extract): $(python3 -c "print(round(1000*$(wc -l <"$tmp/out")/$docs))")"
cp "$tmp/out" "$tmp/extract.jsonl"
run ingest "$bin" ingest "${inputs[@]}" --db "$tmp/bench.db"
echo "database size: $(du -h "$tmp/bench.db" | cut -f1)"

# Incremental ingest (issue 4): PolNeAR into an empty database, then into the database that
# already holds Reuters + BBC. Quote clusters are updated in both; the second run should cost
# about as much as the first, not grow with the 21,268 stored articles.
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); python3 -c "print(f'{float(\"$e\")-float(\"$s\"):.2f}')"; }
empty=$(secs "$bin" ingest "$shared/polnear-2016.jsonl" --db "$tmp/polnear.db")
onto=$(secs "$bin" ingest "$shared/polnear-2016.jsonl" --db "$tmp/bench.db")
echo "polnear ingest: ${empty} s into an empty database, ${onto} s on top of Reuters + BBC"

#!/usr/bin/env bash
# Whole-run figures for issue 11 (docs/PERFORMANCE.md, "Parallel pipeline"), measured as ratios
# in one run: `LC_ALL=C wc -w`, `extract --threads 1`, `extract --threads 2` and
# `ingest --threads 2` over the same corpus, with wall time, articles/s, MB/s and peak RSS.
#
# Usage: bench/pipeline.sh [--bin build/release/src/verbatim] [--corpus FILE | --bytes 240M]
#                          [--work DIR] [--skip-ingest]
#   --corpus FILE   an existing JSONL corpus; otherwise one is built with bench/make_corpus.py
#                   from Reuters-21578 + BBC 2004 (--bytes, default 240M: "ten times over with
#                   new ids") into WORK/corpus.jsonl
#   --work DIR      where the corpus, outputs and the database go (default: a temporary folder,
#                   removed at exit unless given)
# Also checks that the one- and two-thread extract outputs are byte-identical.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/src/verbatim corpus="" bytes=240M work="" skip_ingest=0
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --bytes) bytes=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --skip-ingest) skip_ingest=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$work" ]; then work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work"
shared=../shared/corpus
if [ -z "$corpus" ]; then
  corpus=$work/corpus.jsonl
  [ -s "$corpus" ] || python3 bench/make_corpus.py --bytes "$bytes" --sources "$shared/reuters-21578.jsonl" \
      "$shared/bbc-2004.jsonl" --out "$corpus"
fi
articles=$(grep -c . "$corpus")
size=$(stat -c %s "$corpus")
echo "corpus: $corpus, $articles articles, $((size / 1000000)) MB; $(nproc) cores"

# run LABEL OUT COMMAND...: the command's stdout to OUT, its stderr to OUT.err; prints wall
# time, rates and peak RSS, and leaves the seconds in $secs.
run() {
  local label=$1 out=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$out" 2> "$work/$(basename "$out").err"
  read -r secs rss < "$work/time.txt"
  python3 -c "import sys; s=float(sys.argv[1]); print(f'{sys.argv[2]:22s} {s:8.1f} s  {int(sys.argv[3])/s:8.0f} articles/s  {int(sys.argv[4])/s/1e6:7.1f} MB/s  peak RSS {int(sys.argv[5])/1024:7.0f} MB')" \
    "$secs" "$label" "$articles" "$size" "$rss"
}
run "wc -w" /dev/null env LC_ALL=C wc -w "$corpus"
wc_secs=$secs
run "extract --threads 1" "$work/t1.jsonl" "$bin" extract "$corpus" --threads 1 --quiet
t1=$secs
run "extract --threads 2" "$work/t2.jsonl" "$bin" extract "$corpus" --threads 2 --quiet
t2=$secs
cmp -s "$work/t1.jsonl" "$work/t2.jsonl" && echo "extract output: identical for 1 and 2 threads ($(wc -l < "$work/t1.jsonl") quotations)" \
  || echo "extract output: DIFFERS between 1 and 2 threads"
python3 -c "import sys; w,a,b=map(float,sys.argv[1:]); print(f'ratios: extract --threads 2 is {b/w:.1f}x the time of wc -w (target <= 25x); 2 threads = {a/b:.2f}x one thread (target >= 1.8x)')" "$wc_secs" "$t1" "$t2"
if [ "$skip_ingest" = 0 ]; then
  rm -f "$work/bench.db"*
  run "ingest --threads 2" "$work/ingest.out" "$bin" ingest "$corpus" --db "$work/bench.db" --threads 2 --quiet --timings
  grep '^verbatim: ' "$work/ingest.out.err" || true  # each stage's time and peak RSS
  db=$(stat -c %s "$work/bench.db")
  echo "database: $((db / 1000000)) MB, $(python3 -c "print(round($db/1e6/$articles*1000, 2))") MB per 1,000 articles"
  tail -1 "$work/ingest.out"
fi

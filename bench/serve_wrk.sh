#!/usr/bin/env bash
# Load test of `verbatim serve` (issue 10, docs/API.md) with wrk on loopback.
#
# Usage: bench/serve_wrk.sh [options]
#   --db FILE        database to serve (default /work/bench-data/serve-100k.db; build one with
#                    bench/make_corpus.py --articles 100000 and `verbatim ingest`)
#   --bin FILE       verbatim binary (default build/release/src/verbatim)
#   --duration D     wrk duration of each measured run (default 30s)
#   --warmup D       unmeasured wrk run before each endpoint's measured runs (default 5s; 0 = none)
#   --runs "T:C ..." wrk threads:connections per measured run (default "2:32 1:16": the second
#                    leaves more of a 2-core machine to the server)
#   --names N        speaker names to rotate through: the N/2 most quoted plus N/2 drawn at
#                    random from the other speakers with a quotation (default 500)
#   --clusters N     cluster ids to rotate through, drawn evenly from size classes 1, 2-3, 4-7,
#                    8-15, ... of `quotations.cluster`, reported speech left out (default 500)
#   --seed S         seed of the random draws (default 1)
#   --endpoints "quotes clusters"  which endpoints to load (default both)
#   --out DIR        keep the name/id lists, wrk outputs and server logs there (default: a
#                    temporary folder, removed at exit)
#   --server-args "A B"  more arguments for `verbatim serve` (e.g. "--threads 16")
#   --preload LIB    run the server with LD_PRELOAD=LIB (for experiments, e.g. a shim that sets
#                    TCP_NODELAY on accepted sockets; see docs/PERFORMANCE.md "HTTP API")
#
# What it does: starts `verbatim serve --db DB --port 0`, reads the URL from its first stdout
# line (`verbatim: serving FILE at http://HOST:PORT/`; the server first brings clusters and
# stories up to date, which may take a while), picks the names and ids with python3's sqlite3
# (read-only), checks a few answers with curl (HTTP 200, JSON with the expected keys), then runs
# `wrk --latency` with bench/wrk/quotes_by_speaker.lua (`/api/quotes?speaker=NAME`) and
# bench/wrk/cluster_by_id.lua (`/api/clusters/ID`). For each run it prints requests/s, p50, p90,
# p99, non-2xx answers, the server's CPU use (cores, from /proc/PID/stat) and how busy the whole
# machine was (from /proc/stat). The server is stopped at exit.
#
# Target (issue 10): >= 2,000 requests/s with p99 < 50 ms on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

db=/work/bench-data/serve-100k.db
bin=build/release/src/verbatim
duration=30s
warmup=5s
runs="2:32 1:16"
n_names=500
n_clusters=500
seed=1
endpoints="quotes clusters"
out=""
server_args=""
preload=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --db) db=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --names) n_names=$2; shift 2 ;;
    --clusters) n_clusters=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --endpoints) endpoints=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --server-args) server_args=$2; shift 2 ;;
    --preload) preload=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "serve_wrk.sh: unknown option $1 (--help)" >&2; exit 2 ;;
  esac
done
[[ -f $db ]] || { echo "serve_wrk.sh: no database $db" >&2; exit 1; }
[[ -x $bin ]] || { echo "serve_wrk.sh: no binary $bin" >&2; exit 1; }
command -v wrk >/dev/null || { echo "serve_wrk.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
if [[ -z $out ]]; then
  out=$(mktemp -d)
  cleanup_dir=$out
else
  mkdir -p "$out"
  cleanup_dir=""
fi

server_pid=""
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [[ -n $cleanup_dir ]] && rm -rf "$cleanup_dir"
  return 0
}
trap cleanup EXIT

# --- pick speaker names and cluster ids (before the server starts, so it is not timed) ---
python3 - "$db" "$n_names" "$n_clusters" "$seed" "$out/names.txt" "$out/clusters.txt" <<'PY'
import random, sqlite3, sys
db, n_names, n_clusters, seed, names_path, clusters_path = sys.argv[1:]
n_names, n_clusters, rng = int(n_names), int(n_clusters), random.Random(int(seed))
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
rows = con.execute("SELECT s.name, COUNT(*) AS n FROM quotations q JOIN speakers s ON s.id = q.speaker_id "
                   "GROUP BY s.id ORDER BY n DESC, s.name").fetchall()
top = rows[: n_names // 2]
rest = rows[n_names // 2:]
sample = rng.sample(rest, min(len(rest), n_names - len(top)))
picked = top + sample
rng.shuffle(picked)
with open(names_path, "w", encoding="utf-8") as f:
    for name, _ in picked:
        f.write(name.replace("\n", " ") + "\n")
counts = sorted(n for _, n in picked)
print(f"speakers: {len(rows)} with a quotation; picked {len(picked)} ({len(top)} most quoted + "
      f"{len(sample)} random): quotations per name min {counts[0]}, median {counts[len(counts)//2]}, "
      f"max {counts[-1]}, sum {sum(counts)}")

# Reported speech ('indirect') is not part of a cluster in the API (docs/API.md: cluster null).
sizes = con.execute("SELECT cluster, COUNT(*) FROM quotations WHERE cluster IS NOT NULL AND kind != 'indirect' "
                    "GROUP BY cluster").fetchall()
classes = {}
for cid, n in sizes:
    classes.setdefault(n.bit_length() - 1, []).append((cid, n))  # 1, 2-3, 4-7, 8-15, ...
chosen = []
keys = sorted(classes)
share = max(1, n_clusters // max(1, len(keys)))
for k in keys:
    members = classes[k]
    chosen += rng.sample(members, min(share, len(members)))
taken = set(chosen)
left = [c for k in keys for c in classes[k] if c not in taken] if len(chosen) < n_clusters else []
chosen += rng.sample(left, min(len(left), n_clusters - len(chosen)))
rng.shuffle(chosen)
with open(clusters_path, "w") as f:
    for cid, _ in chosen[:n_clusters]:
        f.write(f"{cid}\n")
ns = sorted(n for _, n in chosen[:n_clusters])
print(f"clusters: {len(sizes)}; picked {len(ns)} over size classes "
      + ", ".join(f"{1 << k}-{(2 << k) - 1}: {len(classes[k])}" for k in keys)
      + f"; picked sizes min {ns[0]}, median {ns[len(ns)//2]}, max {ns[-1]}")
PY

# --- start the server ---
# shellcheck disable=SC2086  # server_args: words on purpose
if [[ -n $preload ]]; then
  LD_PRELOAD=$preload "$bin" serve --db "$db" --port 0 $server_args >"$out/serve.out" 2>"$out/serve.err" &
else
  "$bin" serve --db "$db" --port 0 $server_args >"$out/serve.out" 2>"$out/serve.err" &
fi
server_pid=$!
url=""
start=$(date +%s.%N)
for _ in $(seq 1 6000); do  # up to 10 minutes: the server brings clusters and stories up to date first
  if [[ -s $out/serve.out ]]; then
    url=$(head -n1 "$out/serve.out" | sed -n 's|^verbatim: serving .* at \(http://[^ ]*\)$|\1|p')
    [[ -n $url ]] && break
  fi
  kill -0 "$server_pid" 2>/dev/null || { echo "serve_wrk.sh: the server exited:" >&2; cat "$out/serve.err" >&2; exit 1; }
  sleep 0.1
done
[[ -n $url ]] || { echo "serve_wrk.sh: no URL from the server after 10 minutes" >&2; exit 1; }
url=${url%/}
echo "server: pid $server_pid at $url${preload:+ (LD_PRELOAD=$preload)} (ready after $(python3 -c "import time; print(f'{time.time()-$start:.1f}')") s)"

# --- sanity checks: a few answers must be HTTP 200 and JSON of the documented shape ---
check() {  # path python-expression-on-j
  local path=$1 expr=$2 code
  code=$(curl -s -o "$out/check.json" -w '%{http_code}' --max-time 30 "$url$path")
  if [[ $code != 200 ]] || ! python3 -c "import json,sys; j=json.load(open(sys.argv[1])); assert $expr, 'unexpected shape'" "$out/check.json" 2>"$out/check.err"; then
    echo "serve_wrk.sh: sanity check failed: GET $path -> HTTP $code: $(head -c 300 "$out/check.json") $(cat "$out/check.err")" >&2
    exit 1
  fi
}
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
check /api/health 'j["status"] == "ok" and j["documents"] > 0'
checked=0
while IFS= read -r name && [[ $checked -lt 3 ]]; do
  check "/api/quotes?speaker=$(urlencode "$name")" '"items" in j and j["total"] >= 1 and j["items"][0]["speaker"] is not None'
  checked=$((checked + 1))
done <"$out/names.txt"
checked=0
while IFS= read -r id && [[ $checked -lt 3 ]]; do
  check "/api/clusters/$id" "j[\"id\"] == $id and len(j[\"variants\"]) == j[\"quotations\"]"
  checked=$((checked + 1))
done <"$out/clusters.txt"
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/api/clusters/999999999999")
[[ $code == 404 ]] || { echo "serve_wrk.sh: an unknown cluster answered HTTP $code, not 404" >&2; exit 1; }
echo "sanity: /api/health, 3 speakers, 3 clusters answer 200 with JSON; an unknown cluster 404"

# --- load ---
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }          # server utime + stime
machine() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat; }  # total, idle+iowait
hz=$(getconf CLK_TCK)
printf '%-8s %-6s %10s %9s %9s %9s %8s %12s %10s\n' endpoint t:c 'req/s' p50 p90 p99 non2xx 'server CPU' 'machine'
for endpoint in $endpoints; do
  case $endpoint in
    quotes) script=bench/wrk/quotes_by_speaker.lua; list=$out/names.txt ;;
    clusters) script=bench/wrk/cluster_by_id.lua; list=$out/clusters.txt ;;
    *) echo "serve_wrk.sh: unknown endpoint $endpoint" >&2; exit 2 ;;
  esac
  if [[ $warmup != 0 ]]; then
    wrk -t2 -c16 -d"$warmup" -s "$script" "$url" -- "$list" >"$out/warmup-$endpoint.txt" 2>&1
  fi
  for run in $runs; do
    t=${run%:*}; c=${run#*:}
    log=$out/wrk-$endpoint-t$t-c$c.txt
    c0=$(cpu_ticks); read -r m0 i0 < <(machine); w0=$(date +%s.%N)
    wrk -t"$t" -c"$c" -d"$duration" --latency -s "$script" "$url" -- "$list" >"$log" 2>&1
    c1=$(cpu_ticks); read -r m1 i1 < <(machine); w1=$(date +%s.%N)
    python3 - "$log" "$endpoint" "$t:$c" "$c0" "$c1" "$m0" "$i0" "$m1" "$i1" "$w0" "$w1" "$hz" <<'PY'
import re, sys
log, endpoint, tc, c0, c1, m0, i0, m1, i1, w0, w1, hz = sys.argv[1:]
text = open(log).read()
def ms(v):
    n, unit = float(re.match(r"[\d.]+", v).group()), re.sub(r"[\d.]+", "", v)
    return n * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[unit]
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
pct = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", text, re.M))
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*", text)
wall = float(w1) - float(w0)
server = (int(c1) - int(c0)) / int(hz) / wall
busy = 1 - (int(i1) - int(i0)) / max(1, int(m1) - int(m0))
if not rps:
    print(f"{endpoint:8s} {tc:6s} wrk failed: {text[:300]}")
    sys.exit(0)
print(f"{endpoint:8s} {tc:6s} {float(rps.group(1)):10.0f} " +
      " ".join(f"{ms(pct[k]):7.2f}ms" if k in pct else f"{'?':>9s}" for k in ("50", "90", "99")) +
      f" {int(non2xx.group(1)) if non2xx else 0:8d} {server:7.2f} cores {busy:9.0%}" +
      (f"  ({errors.group(0)})" if errors else ""))
PY
  done
done
echo "wrk outputs: $out (kept with --out DIR)"

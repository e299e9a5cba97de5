#!/usr/bin/env python3
"""Times the SQL behind `GET /api/quotes?speaker=NAME` (src/store/reader.cc), as the server runs
it and in proposed shapes, one thread, warm cache: evidence for docs/PERFORMANCE.md "HTTP API".

Usage: bench/serve_sql.py DB NAMES_FILE [--repeat 2] [--mmap BYTES] [--cache-kib KIB]
  NAMES_FILE: one speaker name per line (bench/serve_wrk.sh --out DIR writes DIR/names.txt).
  --mmap: PRAGMA mmap_size for the connection (default 0, as the server).
  --cache-kib: PRAGMA cache_size in KiB (default 2000, SQLite's default, as the server).

Shapes (each returns the first page of 20, publication order, undated last, and `total`):
  current    COUNT(*) over quotations_speaker, then the page query: every match joined to its
             document and quotation row, sorted in a temp b-tree, 20 kept.
  late       the same order computed on (quotation id, published, doc, idx) only, then the
             20 rows joined for their columns ("late materialisation").
  late+idx   `late` when the indexes below exist (reported as skipped otherwise):
             CREATE INDEX quotations_speaker_order ON quotations(speaker_id, document_id, idx);
             CREATE INDEX documents_order ON documents(id, published, doc);
             so the ordering step reads two small covering indexes, never a table row.
  ids        the order kept in memory, as the server keeps its other indexes: one scan at
             start gives every speaker row its quotation ids in publication order; a request
             merges the lists of its speaker rows up to offset+limit, counts `total` from their
             lengths and reads only those 20 rows by id (no COUNT, no sort).
Speaker rows are found as the server does (whole folded words of the canonical name), with
Python doing the folding on speakers.name_folded. Standard library only.
"""
import argparse
import hashlib
import json
import sqlite3
import statistics
import time

COLS = ("q.id, q.document_id, d.doc, q.idx, q.kind, q.field, q.text, q.speaker_id, s.name, q.cue_text, "
        "q.confidence, d.published, d.outlet, d.title, d.url, q.cluster, d.story, q.segments, q.clause_start, "
        "q.clause_end, q.cue_start, q.cue_end, q.mention_start, q.mention_end, q.mention_text")
ORDER = " ORDER BY d.published IS NULL, d.published, d.doc, q.idx"
CURRENT = (f"SELECT {COLS} FROM quotations q JOIN documents d ON d.id = q.document_id "
           f"LEFT JOIN speakers s ON s.id = q.speaker_id WHERE 1 AND q.speaker_id IN (SELECT value FROM json_each(?1))"
           f"{ORDER} LIMIT 20 OFFSET 0")
LATE = (f"SELECT {COLS} FROM (SELECT q.id AS qid FROM quotations q JOIN documents d ON d.id = q.document_id "
        f"WHERE q.speaker_id IN (SELECT value FROM json_each(?1)){ORDER} LIMIT 20 OFFSET 0) k "
        f"JOIN quotations q ON q.id = k.qid JOIN documents d ON d.id = q.document_id "
        f"LEFT JOIN speakers s ON s.id = q.speaker_id{ORDER}")
COUNT = "SELECT COUNT(*) FROM quotations q WHERE 1 AND q.speaker_id IN (SELECT value FROM json_each(?1))"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("db")
    p.add_argument("names")
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--mmap", type=int, default=0)
    p.add_argument("--cache-kib", type=int, default=2000)
    a = p.parse_args()
    con = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    con.execute(f"PRAGMA mmap_size = {a.mmap}")
    con.execute(f"PRAGMA cache_size = -{a.cache_kib}")
    has_idx = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")} >= {
        "quotations_speaker_order", "documents_order"}
    folded = con.execute("SELECT id, name, name_folded FROM speakers").fetchall()
    padded = [(i, " " + f + " ") for i, _, f in folded]
    fold_of = {n: f for _, n, f in folded}
    names = [l.rstrip("\n") for l in open(a.names, encoding="utf-8") if l.strip()]
    rows_of = {}
    t0 = time.perf_counter()
    for n in names:
        needle = " " + fold_of.get(n, n.lower()) + " "
        rows_of[n] = json.dumps(sorted(i for i, f in padded if needle in f))
    match_ms = (time.perf_counter() - t0) * 1000 / len(names)
    print(f"{len(names)} names, {len(folded)} speaker rows; matching names by a scan in Python: {match_ms:.2f} ms per name")
    shapes = {"current": CURRENT, "late": LATE} if not has_idx else {"late+idx": LATE, "current+idx": CURRENT}
    shapes["ids"] = None
    t0 = time.perf_counter()
    order, pos = {}, {}
    for i, (sid, qid) in enumerate(con.execute(
            "SELECT q.speaker_id, q.id FROM quotations q JOIN documents d ON d.id = q.document_id "
            "WHERE q.speaker_id IS NOT NULL" + ORDER)):
        order.setdefault(sid, []).append(qid)
        pos[qid] = i
    print(f"ids: ordering index built in {time.perf_counter() - t0:.2f} s ({len(pos)} quotations)")
    by_id = f"SELECT {COLS} FROM quotations q JOIN documents d ON d.id = q.document_id " \
            f"LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.id IN (SELECT value FROM json_each(?1)){ORDER}"
    for label, sql in shapes.items():
        first = None
        times = []
        for rep in range(a.repeat):
            for n in names:
                t = time.perf_counter()
                if sql is None:
                    lists = [order.get(r, []) for r in json.loads(rows_of[n])]
                    total = sum(map(len, lists))
                    # one speaker row in most cases; several: merge the heads by global position
                    page_ids = lists[0][:20] if len(lists) == 1 else sorted(
                        (q for l in lists for q in l[:20]), key=lambda q: pos[q])[:20]
                    page = con.execute(by_id, (json.dumps(page_ids),)).fetchall()
                else:
                    total = con.execute(COUNT, (rows_of[n],)).fetchone()[0]
                    page = con.execute(sql, (rows_of[n],)).fetchall()
                times.append(time.perf_counter() - t)
                if rep == 0:
                    ids = [r[0] for r in page]
                    first = (first or []) + [(n, total, ids)]
            if rep == 0:
                answers = first
        times_ms = sorted(x * 1000 for x in times[len(names):] or times)  # last repeat: warm
        mean = statistics.mean(times_ms)
        print(f"{label:12s} mean {mean:6.2f} ms  p50 {times_ms[len(times_ms) // 2]:6.2f}  "
              f"p99 {times_ms[int(len(times_ms) * 0.99)]:7.2f}  max {times_ms[-1]:7.2f}  "
              f"=> {1000 / mean:6.0f} requests/s of SQL on one core; "
              f"answers digest {hashlib.md5(json.dumps(answers).encode()).hexdigest()[:8]}")


if __name__ == "__main__":
    main()

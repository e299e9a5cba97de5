#!/usr/bin/env python3
"""Build a realistic JSONL corpus of a requested size from ../shared/corpus (issues 10 and 11).

Usage:
  bench/make_corpus.py --articles 100000 --out /work/bench-data/corpus-100k.jsonl
  bench/make_corpus.py --bytes 240M --sources ../shared/corpus/reuters-21578.jsonl \
      ../shared/corpus/bbc-2004.jsonl --out big.jsonl
  bench/make_corpus.py --bytes 1G --seed 7 | verbatim extract - > /dev/null

Every output line is a source article (JSONL, as docs/FORMATS.md "input" reads it) with its
text, title and other fields unchanged, and with a new `id`, `outlet`, `published` (ISO date)
and `url`:

- The sources are read in passes: each pass emits every source article once, in a fresh
  shuffled order, so N articles hold every source article N/size times (issue 11's "ten times
  over with new ids" is --articles 10*size or the matching --bytes).
- `id` is `c<seed>-<n>-<source id>` (n counts output lines from 1), unique in one output.
- `outlet` rotates through 40 outlet names: a source article starts at a random outlet and each
  later pass takes the next one, so its first 40 copies are in 40 different outlets.
- `published`: each source article gets a random day of the year (--start, --days) and every
  copy is dated on that day plus a small lag (0 to 6 days, mostly 0 or 1, clipped to the
  window), so the copies of one wire story and its quotations cluster in time like real pickups;
  `--spread uniform` dates every copy independently. `--undated F` leaves a fraction F without
  a date (the reader then stores null).
- The source's own `date`, `source`, `outlet`, `published` and `url` are replaced; other keys
  (`author`, BBC's `section`, ...) are kept, and the reader keeps unknown ones under `extra`.

Deterministic: the same sources, options and --seed give the same bytes. Streaming: the
sources are held in memory once (as pre-encoded JSON fragments); output is written line by line.
Standard library only.
"""
import argparse
import datetime
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCES = [os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpus", name))
                   for name in ("reuters-21578.jsonl", "bbc-2004.jsonl", "polnear-2016.jsonl")]

# 40 outlets: (name, domain). Invented-looking domains are fine: nothing is fetched.
OUTLETS = [
    ("Reuters", "reuters.com"), ("Associated Press", "apnews.com"), ("BBC News", "bbc.co.uk"),
    ("The Guardian", "theguardian.com"), ("The New York Times", "nytimes.com"),
    ("The Washington Post", "washingtonpost.com"), ("Financial Times", "ft.com"),
    ("The Wall Street Journal", "wsj.com"), ("Bloomberg", "bloomberg.com"),
    ("Agence France-Presse", "afp.com"), ("Al Jazeera English", "aljazeera.com"),
    ("CNN", "cnn.com"), ("NPR", "npr.org"), ("The Times", "thetimes.co.uk"),
    ("The Independent", "independent.co.uk"), ("The Telegraph", "telegraph.co.uk"),
    ("Sky News", "news.sky.com"), ("The Irish Times", "irishtimes.com"),
    ("Deutsche Welle", "dw.com"), ("France 24", "france24.com"), ("Euronews", "euronews.com"),
    ("Politico", "politico.com"), ("The Hill", "thehill.com"), ("Axios", "axios.com"),
    ("Los Angeles Times", "latimes.com"), ("Chicago Tribune", "chicagotribune.com"),
    ("The Boston Globe", "bostonglobe.com"), ("USA Today", "usatoday.com"),
    ("CBC News", "cbc.ca"), ("The Globe and Mail", "theglobeandmail.com"),
    ("ABC News (Australia)", "abc.net.au"), ("The Sydney Morning Herald", "smh.com.au"),
    ("The Hindu", "thehindu.com"), ("The Straits Times", "straitstimes.com"),
    ("South China Morning Post", "scmp.com"), ("The Japan Times", "japantimes.co.jp"),
    ("Valley Courier", "valleycourier.example"), ("Northgate Gazette", "northgategazette.example"),
    ("The Economist", "economist.com"), ("Der Spiegel International", "spiegel.de"),
]

REPLACED = {"id", "doc", "outlet", "source", "published", "date", "url"}


def parse_size(text):
    """'240M' = 240,000,000 bytes (k, M, G, T are powers of 1000, as the docs' MB); 'Mi' or 'MiB' are powers of 1024."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:([kKmMgGtT])(i?)[bB]?)?\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (examples: 5000000, 240M, 1G, 512MiB)")
    power = "kmgt".index(m.group(2).lower()) + 1 if m.group(2) else 0
    return int(float(m.group(1)) * (1024 if m.group(3) else 1000) ** power)


def iso_day(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}")


def slug(title, limit=60):
    s = re.sub(r"[^a-z0-9]+", "-", (title or "").lower()).strip("-")
    return s[:limit].rstrip("-") or "story"


def load_sources(paths):
    """Returns a list of (source id, slug, JSON fragment of the kept keys without braces)."""
    sources = []
    for path in paths:
        with open(path, "rb") as f:
            for line_no, raw in enumerate(f, 1):
                if not raw.strip():
                    continue
                try:
                    obj = json.loads(raw)
                except ValueError as e:
                    print(f"make_corpus: {path}:{line_no}: skipped, not JSON ({e})", file=sys.stderr)
                    continue
                if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                    print(f"make_corpus: {path}:{line_no}: skipped, no 'text'", file=sys.stderr)
                    continue
                sid = obj.get("id", obj.get("doc"))
                sid = str(sid) if sid is not None else f"{os.path.basename(path)}:{line_no}"
                kept = {k: v for k, v in obj.items() if k not in REPLACED}
                # Title first, text last: reads well and keeps the big field at the end.
                ordered = {}
                if "title" in kept:
                    ordered["title"] = kept.pop("title")
                text = kept.pop("text")
                ordered.update(kept)
                ordered["text"] = text
                fragment = json.dumps(ordered, ensure_ascii=False, separators=(", ", ": "))[1:-1]
                sources.append((sid, slug(ordered.get("title") or text[:80]), fragment))
    return sources


def lag_days(rng):
    """0..6 days, mostly 0 or 1: when a pickup runs after the first report."""
    r = rng.random()
    for days, cumulative in enumerate((0.45, 0.75, 0.87, 0.93, 0.97, 0.99)):
        if r < cumulative:
            return days
    return 6


def generate(args, out):
    sources = load_sources(args.sources)
    if not sources:
        sys.exit("make_corpus: no source articles")
    rng = random.Random(args.seed)
    n_src = len(sources)
    base_day = [rng.randrange(args.days) for _ in range(n_src)]
    first_outlet = [rng.randrange(len(OUTLETS)) for _ in range(n_src)]
    order = list(range(n_src))
    written = n = 0
    passes = 0
    limit_articles = args.articles
    limit_bytes = args.bytes
    while True:
        rng.shuffle(order)
        for s in order:
            if limit_articles is not None and n >= limit_articles:
                break
            if limit_bytes is not None and written >= limit_bytes:
                break
            n += 1
            sid, sl, fragment = sources[s]
            outlet, domain = OUTLETS[(first_outlet[s] + passes) % len(OUTLETS)]
            if args.undated and rng.random() < args.undated:
                day = None
            elif args.spread == "uniform":
                day = args.start + datetime.timedelta(days=rng.randrange(args.days))
            else:
                offset = min(base_day[s] + lag_days(rng), args.days - 1)
                day = args.start + datetime.timedelta(days=offset)
            doc_id = f"c{args.seed}-{n}-{sid}"
            head = {"id": doc_id, "outlet": outlet}
            if day is not None:
                head["published"] = day.isoformat()
            path_day = day.strftime("%Y/%m/%d") if day else "undated"
            head["url"] = f"https://www.{domain}/{path_day}/{sl}-{n}"
            line = (json.dumps(head, ensure_ascii=False, separators=(", ", ": "))[:-1] + ", "
                    + fragment + "}\n").encode("utf-8")
            out.write(line)
            written += len(line)
        else:
            passes += 1
            continue
        break
    return n, written, n_src, passes


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    size = p.add_mutually_exclusive_group(required=True)
    size.add_argument("--articles", type=int, help="number of articles to write")
    size.add_argument("--bytes", type=parse_size,
                      help="stop after the line that reaches this many bytes (240M = 240,000,000; 1Gi = 2**30)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--out", help="output file (default: standard output)")
    p.add_argument("--sources", nargs="+", default=DEFAULT_SOURCES,
                   help="source JSONL files (default: reuters-21578, bbc-2004 and polnear-2016 in ../shared/corpus)")
    p.add_argument("--start", type=iso_day, default=datetime.date(2025, 1, 1),
                   help="first publication day (default 2025-01-01)")
    p.add_argument("--days", type=int, default=365, help="length of the date window in days (default 365)")
    p.add_argument("--spread", choices=("story", "uniform"), default="story",
                   help="story: copies of one article within days of each other (default); uniform: any day")
    p.add_argument("--undated", type=float, default=0.0, help="fraction of articles without a date (default 0)")
    args = p.parse_args()
    if args.articles is not None and args.articles < 0 or args.days < 1 or not 0 <= args.undated <= 1:
        p.error("--articles >= 0, --days >= 1 and 0 <= --undated <= 1")

    if args.out:
        tmp = args.out + ".part"
        with open(tmp, "wb", buffering=1 << 20) as f:
            n, written, n_src, passes = generate(args, f)
        os.replace(tmp, args.out)
    else:
        n, written, n_src, passes = generate(args, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    print(f"make_corpus: {n} articles, {written} bytes ({written / 1e6:.1f} MB) from {n_src} source articles "
          f"({n / n_src:.2f} copies each), seed {args.seed}", file=sys.stderr)


if __name__ == "__main__":
    main()

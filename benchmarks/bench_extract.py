#!/usr/bin/env python3
"""Extraction time per article on one core, for articles of about 5,000 words and in general.

Usage:  python benchmarks/bench_extract.py [--shared ../shared] [--repeat 3]

Reads the bulk corpus at run time (nothing is copied into the project), extracts every full
text and a sample of abstracts and news on one core, and prints median, 95th percentile and
worst time per article, the worst article's size, and the times for articles of 4,000-6,000
words (the issue's "5,000-word article").
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

from pipeline.extract import extract_text

ROOT = Path(__file__).resolve().parents[1]
# The shared folder beside the checkout (or beside the folder of worktrees).
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()), ROOT.parent / "shared")


def load(shared: Path, name: str, limit: int | None = None) -> list[tuple[str, str]]:
    out = []
    with gzip.open(shared / "corpus" / "bulk" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            out.append((str(d["id"]), d["text"].replace("\r\n", "\n")))
            if limit and len(out) >= limit:
                break
    return out


def best_time(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        extract_text("x", text)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    docs = load(a.shared, "fulltext") + load(a.shared, "abstracts", 500) + load(a.shared, "news", 500)
    rows = [(len(t.split()), len(t), best_time(t, a.repeat) * 1000, i) for i, t in docs]
    ms = sorted(r[2] for r in rows)
    five_k = [r[2] for r in rows if 4000 <= r[0] <= 6000]
    worst = max(rows, key=lambda r: r[2])
    total_mb = sum(r[1] for r in rows) / 1e6
    print(f"{len(rows)} articles, {total_mb:.1f} MB, {total_mb / (sum(ms) / 1000):.2f} MB/s on one core")
    print(f"per article: median {statistics.median(ms):.1f} ms, p95 {ms[int(0.95 * len(ms))]:.1f} ms, "
          f"worst {worst[2]:.1f} ms ({worst[0]} words, {worst[3]})")
    if five_k:
        print(f"4,000-6,000 words ({len(five_k)} articles): median {statistics.median(five_k):.1f} ms, "
              f"max {max(five_k):.1f} ms")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark the validation stage alone on bulk articles (not a test).

Usage:  python benchmarks/bench_validate.py [--shared ../shared] [--limit N] [--rules]

Reads up to N articles from each bulk file (gzip JSON lines {"id","source","text"}), extracts
facts once (untimed), then times ``pipeline.validate.validate`` on each article: throughput in
MB/s, mean and worst milliseconds per article (by kind), and with --rules the time of each rule.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.extract import extract  # noqa: E402
from pipeline.models import Article  # noqa: E402
from pipeline.validate import validate  # noqa: E402
from pipeline.validate.engine import run_rules  # noqa: E402
from pipeline.validate.registry import all_rules  # noqa: E402


def load(bulk: Path, limit: int) -> list[tuple[str, Article]]:
    out = []
    for path in sorted(bulk.glob("*.jsonl.gz")):
        kind = path.name.split(".")[0]
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= limit:
                    break
                d = json.loads(line)
                text = d["text"].replace("\r\n", "\n")
                out.append((kind, Article(source_id=f"{kind}-{d['id']}", path=f"{d['id']}.txt",
                                          sha256="0" * 64, text=text)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("/work/shared"))
    ap.add_argument("--limit", type=int, default=500, help="articles per bulk file")
    ap.add_argument("--rules", action="store_true", help="also time each rule on its own")
    args = ap.parse_args()
    articles = load(args.shared / "corpus" / "bulk", args.limit)
    t = time.perf_counter()
    pairs = [(kind, a, extract(a)) for kind, a in articles]
    extract_s = time.perf_counter() - t
    validate(pairs[0][1], pairs[0][2])  # warm up: imports, vocabularies, compiled patterns
    per: list[tuple[float, str, str]] = []
    findings = 0
    t = time.perf_counter()
    for kind, a, facts in pairs:
        t0 = time.perf_counter()
        findings += len(validate(a, facts))
        per.append((time.perf_counter() - t0, kind, a.source_id))
    total = time.perf_counter() - t
    mb = sum(len(a.text) for _, a, _ in pairs) / 1e6
    print(f"{len(pairs)} articles, {mb:.2f} MB (extraction took {extract_s:.1f} s, not counted)")
    print(f"validation: {total:.2f} s, {mb / total:.2f} MB/s, {1000 * total / len(pairs):.2f} ms/article, "
          f"{findings} findings")
    for kind in sorted({k for _, k, _ in per}):
        ts = [d for d, k, _ in per if k == kind]
        print(f"  {kind:<10} {len(ts):>5} articles  mean {1000 * sum(ts) / len(ts):6.2f} ms  "
              f"worst {1000 * max(ts):6.1f} ms")
    worst = sorted(per, reverse=True)[:3]
    print("worst articles: " + ", ".join(f"{sid} {1000 * d:.1f} ms" for d, _, sid in worst))
    if args.rules:
        for rule in all_rules():
            t = time.perf_counter()
            for _, a, facts in pairs:
                run_rules(a, facts, [rule])
            print(f"  {rule.code} {rule.slug:<28} {time.perf_counter() - t:6.3f} s")


if __name__ == "__main__":
    main()

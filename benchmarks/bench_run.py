#!/usr/bin/env python3
"""Benchmark `pipeline run` on the bulk corpus, side by side with the reference scan.

Usage:  python benchmarks/bench_run.py [--shared ../shared] [--limit N] [--jobs N] [--out FILE]

Writes the bulk corpus (gzip JSON lines) to a temporary raw folder, then measures in one go:
the reference scan, a full run (wall time, ratio, MB/s, peak RSS), a re-run with nothing
changed, a re-run after editing one article, a run on a quarter of the corpus (peak RSS), and
each rule's flag rate. Not part of the unit-test run.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write_corpus(shared: Path, out: Path, limit: int | None) -> tuple[int, int]:
    out.mkdir(parents=True)
    n = size = 0
    for name in ("abstracts", "fulltext", "news"):
        with gzip.open(shared / "corpus" / "bulk" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                if limit is not None and n >= limit:
                    return n, size
                d = json.loads(line)
                safe = re.sub(r"[^\w.-]+", "_", str(d["id"]))
                data = d["text"].encode("utf-8")
                (out / f"{name}-{safe}.txt").write_bytes(data)
                n += 1
                size += len(data)
    return n, size


def peak_rss_of(argv: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one command, measured in a fresh parent process."""
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", (
        "import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"), *argv], capture_output=True, text=True)
    return time.perf_counter() - t0, int(p.stdout.strip() or 0) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--out", type=Path, help="also write the figures as JSON here")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        raw = work / "raw"
        n, size = write_corpus(a.shared, raw, a.limit)
        db = work / "evidence.duckdb"
        pipe = [sys.executable, "-m", "pipeline", "run", "--raw", str(raw), "--db", str(db),
                "--decisions", str(work / "decisions.toml"), "--export", str(work / "export")]
        if a.jobs:
            pipe += ["--jobs", str(a.jobs)]
        ref_t, _ = peak_rss_of([sys.executable, str(a.shared / "bench" / "reference_scan.py"), str(raw)])
        full_t, full_rss = peak_rss_of(pipe)
        rerun_t, _ = peak_rss_of(pipe)
        victim = sorted(raw.glob("*.txt"))[n // 2]
        victim.write_text(victim.read_text(encoding="utf-8") + "\nEdited for the benchmark.\n", encoding="utf-8")
        edit_t, _ = peak_rss_of(pipe)
        quarter = work / "quarter"
        quarter.mkdir()
        for p in sorted(raw.glob("*.txt"))[::4]:
            shutil.copy(p, quarter / p.name)
        _, quarter_rss = peak_rss_of([*pipe[:4], str(quarter), "--db", str(work / "q.duckdb"),
                                      "--decisions", str(work / "decisions.toml"), "--export", str(work / "qexport")])
        import duckdb

        con = duckdb.connect(str(db), read_only=True)
        rates = con.execute(
            "select rule, count(distinct source_id) from flags group by rule order by 2 desc").fetchall()
        studies = con.execute("select count(*) from studies").fetchone()[0]
        con.close()
        fig = {
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "articles": n, "mb": round(size / 1e6, 1), "studies": studies,
            "reference_s": round(ref_t, 2), "full_s": round(full_t, 2), "ratio": round(full_t / ref_t, 2),
            "mb_per_s": round(size / 1e6 / full_t, 2), "peak_rss_mb": round(full_rss),
            "quarter_peak_rss_mb": round(quarter_rss),
            "rerun_unchanged_s": round(rerun_t, 2), "rerun_unchanged_pct": round(100 * rerun_t / full_t, 1),
            "rerun_one_edit_s": round(edit_t, 2), "rerun_one_edit_pct": round(100 * edit_t / full_t, 1),
            "flag_rate": {rule: round(c / n, 4) for rule, c in rates},
        }
        for k, v in fig.items():
            if k != "flag_rate":
                print(f"{k:<22}{v}")
        print("flag rate (share of articles with the rule):")
        for rule, rate in fig["flag_rate"].items():
            print(f"  {rule:<28}{rate:.2%}")
        if a.out:
            a.out.write_text(json.dumps(fig, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark `pipeline run` on the bulk corpus, side by side with the reference scan.

Usage:  python benchmarks/bench_run.py [--shared ../shared] [--limit N] [--jobs N] [--out FILE]

Copies the code to a temporary folder (so that edits made meanwhile cannot invalidate the
incremental runs), writes the bulk corpus (gzip JSON lines) to a temporary raw folder, then
measures in one go: the reference scan, a full run (wall time, ratio, MB/s, peak RSS), a
re-run with nothing changed, a re-run after editing one article, a run on a quarter of the
corpus (peak RSS), the extraction stage with --jobs 1 and --jobs 2 on that quarter, and each
rule's flag rate. Not part of the unit-test run.
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


def measured(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall time, peak RSS (MB, the largest process of the command) and stdout of one command."""
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", (
        "import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "sys.stderr.write(p.stdout + p.stderr); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"), *argv],
        capture_output=True, text=True, env=env, cwd=env["PYTHONPATH"])
    return time.perf_counter() - t0, int(p.stdout.strip() or 0) / 1024, p.stderr


STAGES = ("import json, sys; from pathlib import Path; from pipeline.runner import run; "
          "r = run(Path(sys.argv[1]), Path(sys.argv[2]), jobs=int(sys.argv[3]), use_cache=False, lock_timeout=0); "
          "print(json.dumps(r.seconds))")


def _burn(n: int) -> int:
    return sum(i * i for i in range(n))


def cpu_capacity() -> float:
    """How many cores this machine really gives now (2.0 on two idle cores): the yardstick for --jobs 2."""
    from concurrent.futures import ProcessPoolExecutor

    n = 5_000_000
    t0 = time.perf_counter()
    _burn(n)
    _burn(n)
    serial = time.perf_counter() - t0
    with ProcessPoolExecutor(2) as ex:
        t0 = time.perf_counter()
        list(ex.map(_burn, [n, n]))
        return round(serial / (time.perf_counter() - t0), 2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--out", type=Path, help="also write the figures as JSON here")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        code = work / "code"
        shutil.copytree(ROOT / "pipeline", code / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
        env = {**os.environ, "PYTHONPATH": str(code)}
        raw = work / "raw"
        n, size = write_corpus(a.shared, raw, a.limit)

        def pipe(folder: Path, db: Path) -> list[str]:
            return [sys.executable, "-m", "pipeline", "run", "--raw", str(folder), "--db", str(db),
                    *(["--jobs", str(a.jobs)] if a.jobs else [])]

        db = work / "full" / "evidence.duckdb"
        ref_t, _, ref_out = measured([sys.executable, str(a.shared / "bench" / "reference_scan.py"), str(raw)], env)
        full_t, full_rss, full_out = measured(pipe(raw, db), env)
        rerun_t, _, rerun_out = measured(pipe(raw, db), env)
        victim = sorted(raw.glob("*.txt"))[n // 2]
        victim.write_text(victim.read_text(encoding="utf-8") + "\nEdited for the benchmark.\n", encoding="utf-8")
        edit_t, _, edit_out = measured(pipe(raw, db), env)
        quarter = work / "quarter"
        quarter.mkdir()
        for p in sorted(raw.glob("*.txt"))[::4]:
            shutil.copy(p, quarter / p.name)
        _, quarter_rss, _ = measured(pipe(quarter, work / "q" / "evidence.duckdb"), env)
        stages = {}
        for jobs in (1, 2):
            out = subprocess.run([sys.executable, "-c", STAGES, str(quarter), str(work / f"j{jobs}" / "e.duckdb"),
                                  str(jobs)], capture_output=True, text=True, env=env, cwd=code)
            stages[jobs] = json.loads(out.stdout.strip().splitlines()[-1])["process"]
        capacity = cpu_capacity()
        import duckdb

        con = duckdb.connect(str(db), read_only=True)
        counts = dict(con.execute("select rule, count(distinct source_id) from flags group by rule").fetchall())
        flags = dict(con.execute("select rule, count(*) from flags group by rule").fetchall())
        studies = con.execute("select count(*) from studies").fetchone()[0]
        con.close()
        rules = subprocess.run([sys.executable, "-c", (
            "from pipeline.validate.registry import all_rules; "
            "print('\\n'.join(r.code + ' ' + r.slug for r in all_rules()))")],
            capture_output=True, text=True, env=env, cwd=code).stdout.split("\n")
        slugs = [line.split(" ", 1) for line in rules if line.strip()]
        for rule in counts:  # rules outside the registry (curation)
            if rule not in {s for _, s in slugs}:
                slugs.append(["-", rule])
        fig = {
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
                       f"load {os.getloadavg()[0]:.1f}",
            "articles": n, "mb": round(size / 1e6, 1), "studies": studies,
            "reference_s": round(ref_t, 2), "full_s": round(full_t, 2), "ratio": round(full_t / ref_t, 2),
            "mb_per_s": round(size / 1e6 / full_t, 2), "peak_rss_mb": round(full_rss),
            "quarter_peak_rss_mb": round(quarter_rss),
            "rerun_unchanged_s": round(rerun_t, 2), "rerun_unchanged_pct": round(100 * rerun_t / full_t, 1),
            "rerun_one_edit_s": round(edit_t, 2), "rerun_one_edit_pct": round(100 * edit_t / full_t, 1),
            "extract_jobs1_s": stages[1], "extract_jobs2_s": stages[2],
            "jobs2_speedup": round(stages[1] / stages[2], 2) if stages[2] else None,
            "cpu_capacity_2_procs": capacity,
            "flag_rate": {f"{code} {slug}": {"articles": counts.get(slug, 0), "flags": flags.get(slug, 0),
                                             "rate": round(counts.get(slug, 0) / n, 4)} for code, slug in slugs},
        }
        for k, v in fig.items():
            if k != "flag_rate":
                print(f"{k:<22}{v}")
        print(f"runs: {full_out.strip()} | {rerun_out.strip()} | {edit_out.strip()}", file=sys.stderr)
        print(f"reference: {ref_out.strip()}", file=sys.stderr)
        print("flag rate (share of articles with the rule; flags):")
        for rule, r in fig["flag_rate"].items():
            print(f"  {rule:<34}{r['rate']:>7.2%}  {r['flags']}")
        if a.out:
            a.out.write_text(json.dumps(fig, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

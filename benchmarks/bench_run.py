#!/usr/bin/env python3
"""Benchmark `pipeline run` on the bulk corpus, side by side with the reference scan.

Usage:  python benchmarks/bench_run.py [--shared ../shared] [--limit N] [--jobs N] [--out FILE] [--compare CHECKOUT]

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
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
# The shared folder beside the checkout (or beside the folder of worktrees).
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()), ROOT.parent / "shared")


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


class Measure(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + sys seconds of the command and every process it waited for
    rss: float  # peak RSS in MB of the largest of those processes
    out: str


def measured(argv: list[str], env: dict[str, str]) -> Measure:
    """Wall time, CPU time, peak RSS and output of one command."""
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", (
        "import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "sys.stderr.write(p.stdout + p.stderr); "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(u.ru_maxrss, u.ru_utime + u.ru_stime)"), *argv],
        capture_output=True, text=True, env=env, cwd=env["PYTHONPATH"])
    rss, cpu = (p.stdout.split() or ["0", "0"])[:2]
    return Measure(time.perf_counter() - t0, float(cpu), int(rss) / 1024, p.stderr)


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
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--out", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--compare", type=Path, metavar="CHECKOUT",
                    help="also time a full run of another checkout's code (e.g. main) right after this one's")
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
        load_before = os.getloadavg()[0]
        ref = measured([sys.executable, str(a.shared / "bench" / "reference_scan.py"), str(raw)], env)
        full = measured(pipe(raw, db), env)
        other = None
        if a.compare:
            shutil.copytree(a.compare / "pipeline", work / "other" / "pipeline",
                            ignore=shutil.ignore_patterns("__pycache__"))
            other_env = {**os.environ, "PYTHONPATH": str(work / "other")}
            other = measured(pipe(raw, work / "other-db" / "evidence.duckdb"), other_env)
        load_after = os.getloadavg()[0]
        rerun = measured(pipe(raw, db), env)
        victim = sorted(raw.glob("*.txt"))[n // 2]
        victim.write_text(victim.read_text(encoding="utf-8") + "\nEdited for the benchmark.\n", encoding="utf-8")
        edit = measured(pipe(raw, db), env)
        quarter = work / "quarter"
        quarter.mkdir()
        for p in sorted(raw.glob("*.txt"))[::4]:
            shutil.copy(p, quarter / p.name)
        quarter_rss = measured(pipe(quarter, work / "q" / "evidence.duckdb"), env).rss
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
            "load_1min_before_after": f"{load_before:.2f} / {load_after:.2f}",
            "reference_s": round(ref.wall, 2), "reference_cpu_s": round(ref.cpu, 2),
            "full_s": round(full.wall, 2), "full_cpu_s": round(full.cpu, 2),
            "ratio": round(full.wall / ref.wall, 2), "cpu_ratio": round(full.cpu / ref.cpu, 2),
            **({"compare_full_s": round(other.wall, 2), "compare_full_cpu_s": round(other.cpu, 2),
                "compare_cpu_ratio": round(other.cpu / ref.cpu, 2)} if other else {}),
            "mb_per_s": round(size / 1e6 / full.wall, 2), "peak_rss_mb": round(full.rss),
            "quarter_peak_rss_mb": round(quarter_rss),
            "rerun_unchanged_s": round(rerun.wall, 2), "rerun_unchanged_pct": round(100 * rerun.wall / full.wall, 1),
            "rerun_one_edit_s": round(edit.wall, 2), "rerun_one_edit_pct": round(100 * edit.wall / full.wall, 1),
            "extract_jobs1_s": stages[1], "extract_jobs2_s": stages[2],
            "jobs2_speedup": round(stages[1] / stages[2], 2) if stages[2] else None,
            "cpu_capacity_2_procs": capacity,
            "flag_rate": {f"{code} {slug}": {"articles": counts.get(slug, 0), "flags": flags.get(slug, 0),
                                             "rate": round(counts.get(slug, 0) / n, 4)} for code, slug in slugs},
        }
        for k, v in fig.items():
            if k != "flag_rate":
                print(f"{k:<22}{v}")
        print(f"runs: {full.out.strip()} | {rerun.out.strip()} | {edit.out.strip()}", file=sys.stderr)
        print(f"reference: {ref.out.strip()}", file=sys.stderr)
        print("flag rate (share of articles with the rule; flags):")
        for rule, r in fig["flag_rate"].items():
            print(f"  {rule:<34}{r['rate']:>7.2%}  {r['flags']}")
        if a.out:
            a.out.write_text(json.dumps(fig, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

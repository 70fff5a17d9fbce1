"""Benchmark: `pipeline export` of a built database in each format; time and size of the output.

    python benchmarks/bench_export.py DB [--formats parquet,csv,sqlite,jsonl] [--repeat 3]

DB is a database built by `pipeline run`, for example of the bulk corpus:

    pipeline run --raw /work/scratch/bulk-raw --db /tmp/bulk.duckdb --export /tmp/bulk-export \\
        --decisions /tmp/empty-decisions.toml

Prints, per format, the best wall time of ``--repeat`` exports (through the library, as the command
runs it), the files' total size and rows. Target (README, Performance): Parquet of the bulk corpus
in under a few seconds.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.store.formats import FORMATS, export_database  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--formats", default="parquet", help=f"comma-separated, of {', '.join(FORMATS)}")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"{args.db}: {args.db.stat().st_size / 1e6:.1f} MB")
    for fmt in args.formats.split(","):
        best = float("inf")
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(args.repeat):
                out = Path(tmp) / f"run{i}"
                t0 = time.perf_counter()
                result = export_database(args.db, fmt, out)
                best = min(best, time.perf_counter() - t0)
            size = sum(p.stat().st_size for p in out.iterdir())
        print(f"{fmt:8} {best:6.2f} s  {size / 1e6:7.1f} MB  {len(result.files)} files, "
              f"{sum(result.files.values()):,} rows")


if __name__ == "__main__":
    main()

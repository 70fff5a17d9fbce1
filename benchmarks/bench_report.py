"""Benchmark: render the evidence report for N synthetic articles; report size and Chromium load time.

    python benchmarks/bench_report.py [--articles 1000] [--keep DIR]

Prints build time, file size, and the page's navigation-to-load time in headless Chromium (read from the
`data-load-ms` attribute the page's script sets), plus the wall time of a whole headless Chromium run.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.models.rows import (  # noqa: E402
    ConditionRow, DoseRow, FlagRow, InterventionRow, ProvenanceRow, Row, SourceRow, StudyRow,
)
from pipeline.report import build_report  # noqa: E402
from tests.dbfiles import write_database  # noqa: E402

AGENTS = ["ketamine", "esketamine", "psilocybin", "lithium", "sertraline", "buspirone", "nitrous oxide"]
CONDITIONS = ["major depression", "social anxiety disorder", "PTSD", "bipolar depression", "OCD", "panic disorder"]
DESIGNS = ["a randomized, double-blind, placebo-controlled trial", "an open-label pilot study",
           "a retrospective chart review", "a randomized crossover study"]
FILLER = ("Clinicians describe the treatment course, the setting of the clinic and what patients may expect "
          "before and after each session. ")


def study_paragraph(rng: random.Random, k: int) -> tuple[str, dict]:
    n = rng.choice([8, 12, 20, 36, 64, 120, 250, 1200])
    a, b = rng.randint(1, n), rng.randint(1, n)
    facts = dict(n=n, design=rng.choice(DESIGNS), agent=rng.choice(AGENTS), cond=rng.choice(CONDITIONS),
                 cond2=rng.choice(CONDITIONS), dose=rng.choice(["0.5 mg/kg", "25 mg", "56 mg", "1 mg/kg"]),
                 a=a, b=b)
    text = (f"Study {k}: {facts['agent']} for {facts['cond']}\n\n"
            f"This was {facts['design']} of {n} participants. {a} had {facts['cond']} and {b} had "
            f"{facts['cond2']}. They received {facts['agent']} {facts['dose']} weekly. " + FILLER * 3 + "\n\n")
    return text, facts


def article_rows(i: int, rng: random.Random) -> dict[str, list[Row]]:
    sid = f"article-{i:05d}"
    text = f"Synthetic article {i}\n\n" + FILLER * rng.randint(3, 12) + "\n\n"
    rows: dict[str, list[Row]] = {k: [] for k in ("studies", "study_conditions", "interventions", "doses",
                                                   "flags", "provenance")}

    def prov(table: str, row_id: str, field: str, start: int, quote: str, rule: str) -> None:
        rows["provenance"].append(ProvenanceRow(table_name=table, row_id=row_id, field=field, source_id=sid,
                                                char_start=start, char_end=start + len(quote), quote=quote, rule=rule))

    for k in range(1, rng.randint(1, 3) + 1):
        base = len(text)
        para, f = study_paragraph(rng, k)
        text += para + FILLER * rng.randint(2, 8) + "\n\n"
        st, iv = f"{sid}:s{k}", f"{sid}:s{k}/i-{f['agent']}"
        amount, unit = f["dose"].split(" ")
        rows["studies"].append(StudyRow(study_id=st, source_id=sid, ordinal=k, label=f"Study {k}", sample_size=f["n"],
                                        randomized="randomized" in f["design"], char_start=base,
                                        char_end=base + len(para)))
        rows["study_conditions"].append(ConditionRow(condition_id=f"{st}/c-1", study_id=st, condition=f["cond"], n=f["a"]))
        rows["interventions"].append(InterventionRow(intervention_id=iv, study_id=st, agent=f["agent"]))
        rows["doses"].append(DoseRow(intervention_id=iv, seq=1, amount=float(amount), unit=unit))

        def find(q: str, after: int = 0) -> int:
            return text.index(q, base + after)
        prov("studies", st, "sample_size", find(f"{f['n']} participants"), f"{f['n']} participants", "n")
        prov("studies", st, "randomized", find(f["design"]), f["design"], "design")
        p = find(f"{f['a']} had {f['cond']}")
        prov("study_conditions", f"{st}/c-1", "n", p, f"{f['a']} had {f['cond']}", "cond-n")
        prov("study_conditions", f"{st}/c-1", "condition", p + len(f"{f['a']} had "), f["cond"], "cond")
        q = find(f"{f['agent']} {f['dose']}")
        prov("interventions", iv, "agent", q, f["agent"], "agent")
        prov("doses", f"{iv}#1", "amount", q + len(f["agent"]) + 1, f["dose"], "dose")
        if f["a"] + f["b"] > f["n"]:
            start = p
            end = text.index(".", p)
            rows["flags"].append(FlagRow(flag_id=f"subgroup:{st}", code="S101", rule="subgroup-exceeds-total",
                                         severity="error", source_id=sid, study_id=st,
                                         message=f"{f['a']} + {f['b']} exceed {f['n']}", char_start=start,
                                         char_end=end, line=None, col=None))
    rows["sources"] = [SourceRow(source_id=sid, path=f"{sid}.txt", sha256="0" * 64, title=f"Synthetic article {i}",
                                 kind="blog", n_chars=len(text), text=text)]
    return rows


def chromium_load(page: Path, tmp: Path) -> tuple[int | None, float]:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return None, float("nan")
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={tmp / 'profile'}", "--dump-dom", page.as_uri()]
    t0 = time.perf_counter()
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=True).stdout
    wall = time.perf_counter() - t0
    m = re.search(r'data-load-ms="(\d+)"', dom)
    return (int(m.group(1)) if m else None), wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--keep", type=Path, help="Folder to keep the database and report in.")
    args = ap.parse_args()
    rng = random.Random(1234)
    tmp = Path(tempfile.mkdtemp(prefix="bench-report-"))
    work = args.keep or tmp
    work.mkdir(parents=True, exist_ok=True)
    rows: dict[str, list[Row]] = {}
    for i in range(args.articles):
        for k, v in article_rows(i, rng).items():
            rows.setdefault(k, []).extend(v)
    db = work / "bench.duckdb"
    db.unlink(missing_ok=True)
    write_database(db, rows)
    t0 = time.perf_counter()
    summary = build_report(db, work / "report.html")
    build_s = time.perf_counter() - t0
    load_ms, wall = chromium_load(summary.out, tmp)
    t = summary.totals
    print(f"articles={t['articles']} studies={t['studies']} highlights={t['highlights']} open_flags={t['open_flags']}")
    print(f"build: {build_s:.2f} s   size: {summary.n_bytes / 1e6:.2f} MB")
    print(f"chromium: navigation->load {load_ms} ms, whole headless run {wall:.2f} s")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

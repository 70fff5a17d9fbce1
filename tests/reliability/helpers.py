"""Shared helpers of the reliability tests: well-formed articles, runs, database checks."""
from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import duckdb
from click.testing import CliRunner, Result

from pipeline.cli import cli
from pipeline.store.check import check_database

ROOT = Path(os.path.abspath(__file__)).parents[2]  # not resolve(): keep a symlinked checkout

# Test articles written for these tests; varied wording, nothing taken from a real article.
GOOD = {
    "good-alpha": (
        "Morning walks and sleep quality\n\n"
        "In a randomised, double-blind trial, 48 adults with insomnia were assigned to brisk "
        "morning walks or to a stretching routine for eight weeks. Forty-four participants "
        "completed the study. Sleep onset improved in the walking group. Two people reported "
        "sore knees.\n"
    ),
    "good-beta": (
        "Clinic news: a small pilot of magnesium for cramps\n\n"
        "Our clinic ran an open-label pilot study in 2021 with 12 patients (7 women, 5 men) "
        "who had nocturnal leg cramps. Each took 300 mg of magnesium by mouth every evening "
        "for 30 days. Cramps became less frequent; one patient had mild diarrhoea.\n"
    ),
}

_WORDS = ("patients trial placebo randomized dose weekly group outcome cohort symptom clinic "
          "therapy blinded baseline follow-up adverse nausea headache improvement participants "
          "study measured reported daily tablet infusion mg sample enrolled completed").split()


def write_good(raw: Path) -> list[str]:
    raw.mkdir(parents=True, exist_ok=True)
    for sid, text in GOOD.items():
        (raw / f"{sid}.txt").write_text(text, encoding="utf-8")
    return list(GOOD)


def generated_article(rng: random.Random, paragraphs: int = 12) -> str:
    """A plausible-looking article of random words and numbers (bulk for timing tests)."""
    out = [" ".join(rng.choice(_WORDS).capitalize() for _ in range(5))]
    for _ in range(paragraphs):
        words = [rng.choice(_WORDS) if rng.random() > 0.15 else str(rng.randint(1, 400)) for _ in range(90)]
        out.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(out) + "\n"


def write_generated(raw: Path, n: int, seed: int = 7, prefix: str = "gen") -> None:
    raw.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for i in range(n):
        (raw / f"{prefix}-{i:04d}.txt").write_text(generated_article(rng), encoding="utf-8")


def invoke(raw: Path, db: Path, *extra: str) -> Result:
    """`pipeline run` in-process; an uncaught exception fails the test (no traceback allowed)."""
    return CliRunner().invoke(cli, ["run", "--raw", str(raw), "--db", str(db), *extra], catch_exceptions=False)


def spawn(raw: Path, db: Path, *extra: str, **kw) -> subprocess.Popen:
    """`python -m pipeline run` as a real process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", "--raw", str(raw), "--db", str(db), *extra],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def source_ids(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()}
    finally:
        con.close()


def assert_sound(db: Path) -> None:
    report = check_database(db)
    assert report.exit_code == 0, report.problems

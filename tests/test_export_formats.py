"""`pipeline export`: every format round-trips the database (row counts and values), byte for byte
the same on a second export."""
from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.models.rows import TABLES
from pipeline.store.views import VIEWS
from tests.contract_articles import build

NAMES = [m.__table__ for m in TABLES] + list(VIEWS)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("export"))


@pytest.fixture(scope="module")
def counts(db) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {n: con.execute(f"SELECT count(*) FROM {n}").fetchall()[0][0] for n in NAMES}


def export(db: Path, fmt: str, out: Path) -> dict:
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", fmt, "--out", str(out), "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def same_bytes(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    return names == sorted(p.name for p in b.iterdir()) and all((a / n).read_bytes() == (b / n).read_bytes()
                                                                for n in names)


def test_parquet_round_trip(db, counts, tmp_path):
    export(db, "parquet", tmp_path / "a")
    con = duckdb.connect()
    for name, n in counts.items():
        assert con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path / 'a' / name}.parquet')").fetchall() == [(n,)]
    dose = con.execute(f"SELECT amount, unit, per FROM read_parquet('{tmp_path / 'a'}/doses.parquet') "
                       "WHERE amount = 2").fetchall()
    assert dose == [(2.0, "mg/day", "day")]
    [(terms, phase)] = con.execute(f"SELECT design_terms, phase FROM read_parquet('{tmp_path / 'a'}/studies.parquet') "
                                   "WHERE phase IS NOT NULL").fetchall()
    assert phase == 3 and "phase" in terms  # still a list, still an integer
    export(db, "parquet", tmp_path / "b")
    assert same_bytes(tmp_path / "a", tmp_path / "b")


def test_csv_round_trip(db, counts, tmp_path):
    export(db, "csv", tmp_path / "a")
    for name, n in counts.items():
        with open(tmp_path / "a" / f"{name}.csv", newline="", encoding="utf-8") as f:
            assert len(list(csv.DictReader(f))) == n, name
    with open(tmp_path / "a" / "studies.csv", newline="", encoding="utf-8") as f:
        [trial] = [r for r in csv.DictReader(f) if r["phase"]]
    assert trial["phase"] == "3" and trial["period_start"] == "2018-03-01" and trial["period_start_precision"] == "month"
    assert "phase" in json.loads(trial["design_terms"])  # lists as JSON arrays
    export(db, "csv", tmp_path / "b")
    assert same_bytes(tmp_path / "a", tmp_path / "b")


def test_sqlite_round_trip_with_views(db, counts, tmp_path):
    report = export(db, "sqlite", tmp_path / "a")
    path = tmp_path / "a" / "evidence.sqlite"
    assert report["files"] == {"evidence.sqlite": sum(counts[m.__table__] for m in TABLES)}
    lite = sqlite3.connect(path)
    for name, n in counts.items():
        assert lite.execute(f"SELECT count(*) FROM {name}").fetchall() == [(n,)], name
    kinds = dict(lite.execute("SELECT name, type FROM sqlite_master WHERE name IN (%s)" % ",".join("?" * len(VIEWS)),
                              list(VIEWS)).fetchall())
    assert kinds == {v: "view" for v in VIEWS}
    [(interventions, flags_, level)] = lite.execute(
        "SELECT interventions, open_flags, evidence_level FROM study_summary WHERE source_id = 'lozenges'").fetchall()
    assert interventions == "dexamethasone (sublingual): 2.0 mg/day" and level == 2 and flags_ >= 0
    with duckdb.connect(str(db), read_only=True) as con:
        want = con.execute("SELECT flag_id, quote FROM open_flags ORDER BY flag_id").fetchall()
        want_values = con.execute("SELECT row_id, field, value, quote FROM evidence_with_quotes "
                                  "ORDER BY row_id, field").fetchall()
    assert lite.execute("SELECT flag_id, quote FROM open_flags ORDER BY flag_id").fetchall() == want
    assert lite.execute("SELECT row_id, field, value, quote FROM evidence_with_quotes ORDER BY row_id, field"
                        ).fetchall() == want_values
    lite.close()
    export(db, "sqlite", tmp_path / "b")
    assert same_bytes(tmp_path / "a", tmp_path / "b")


def test_jsonl_round_trip_matches_the_run_export(db, counts, tmp_path):
    export(db, "jsonl", tmp_path / "a")
    for name, n in counts.items():
        lines = (tmp_path / "a" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == n, name
    for m in TABLES:  # the tables are the text export `pipeline run` writes
        run_export = db.parent / "export" / f"{m.__table__}.jsonl"
        assert (tmp_path / "a" / run_export.name).read_bytes() == run_export.read_bytes()
    summary = [json.loads(x) for x in (tmp_path / "a" / "study_summary.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {s["source_id"]: s["n_completed"] for s in summary} == {"lozenges": 80, "walking": 43}


def test_datasette_serves_the_sqlite_export(db, tmp_path):
    datasette_app = pytest.importorskip("datasette.app", reason="datasette is not installed (pip install datasette)")
    export(db, "sqlite", tmp_path)
    ds = datasette_app.Datasette([str(tmp_path / "evidence.sqlite")])

    async def get(path: str):
        return (await ds.client.get(path)).json()

    rows = asyncio.run(get("/evidence/study_summary.json?_shape=array&_sort=study_id"))
    assert [r["source_id"] for r in rows] == ["lozenges", "walking"]
    assert rows[0]["phase"] == 3


def test_export_of_a_missing_database_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "no database" in result.output and not (tmp_path / "o").exists()


def test_a_small_database_is_small(db):
    """A build is compacted (no blocks its checkpoints left free) and a small one has 16 KiB blocks:
    two articles take well under 1 MB, not the 6 MB of one 256 KiB block per table and key."""
    assert db.stat().st_size < 1_000_000
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT block_size, free_blocks FROM pragma_database_size()").fetchall() == [(16384, 0)]

"""`pipeline migrate`: a v1 file upgraded in place equals a fresh v2 build of the same articles."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from pipeline import CONTRACT_VERSION
from pipeline.cli import cli
from pipeline.models.rows import TABLES
from pipeline.store.check import check_database
from pipeline.store.views import VIEWS
from tests.conftest import ROOT
from tests.contract_articles import build

FROZEN_V1 = (ROOT / "tests/fixtures/contracts/contract-v1.sql").read_text(encoding="utf-8")

def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """A v2 build of ARTICLES with one curator decision (a corrected duration)."""
    work = tmp_path_factory.mktemp("fresh")
    db = build(work)
    con = duckdb.connect(str(db), read_only=True)
    [(study,)] = con.execute("SELECT study_id FROM studies WHERE source_id = 'walking'").fetchall()
    con.close()
    build(work, f'''[[decision]]
id = "D1"
kind = "correction"
target = "{study}"
field = "duration"
value = "one year"
quote = "ran for 18 months"
reason = "test"
''')
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT duration FROM studies WHERE study_id = ?", [study]).fetchall() == [("one year",)]
    return db


def v1_copy(v2: Path, v1: Path) -> None:
    """The database contract v1 holds for the same articles: the frozen v1 DDL, filled with the v2
    rows written as v1 wrote them ("; "-joined design terms, the level as text, units as 'mg/d')."""
    con = duckdb.connect(str(v1))
    con.execute(FROZEN_V1)
    con.execute(f"ATTACH '{v2}' AS v2 (READ_ONLY)")
    as_v1 = {"design_terms": "array_to_string(design_terms, '; ')",
             "evidence_level": "CAST(evidence_level AS VARCHAR)",
             "unit": "regexp_replace(unit, '/day$', '/d')"}
    for (table,) in con.execute("SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() "
                                "AND table_schema = 'main'").fetchall():
        names = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE "
                                           "table_catalog = current_database() AND table_name = ? ORDER BY ordinal_position",
                                           [table]).fetchall()]
        if table == "schema_info":
            con.execute("INSERT INTO schema_info SELECT 1, pipeline_version FROM v2.schema_info")
            continue
        cols = ", ".join(as_v1.get(n, n) for n in names)
        con.execute(f"INSERT INTO main.{table} SELECT {cols} FROM v2.{table}")
    con.close()


def dump(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for m in TABLES:
            out[m.__table__] = con.execute(f"SELECT * FROM {m.__table__} ORDER BY {', '.join(m.__key__)}").fetchall()
        for name in VIEWS:
            out[name] = sorted(con.execute(f"SELECT * FROM {name}").fetchall(), key=repr)
        out["types"] = con.execute("SELECT table_name, column_name, data_type FROM information_schema.columns "
                                   "ORDER BY table_name, ordinal_position").fetchall()
        return out
    finally:
        con.close()


def test_migrated_v1_file_equals_a_fresh_v2_build(fresh, tmp_path):
    old = tmp_path / "old.duckdb"
    v1_copy(fresh, old)
    assert check_database(old).exit_code == 2  # a v1 file is refused by readers until migrated
    with duckdb.connect(str(old), read_only=True) as con:
        assert con.execute("SELECT unit FROM doses WHERE unit LIKE '%/d'").fetchall() == [("mg/d",)]
        assert con.execute("SELECT count(*) FROM studies WHERE evidence_level = '2'").fetchall() == [(1,)]
    result = invoke("migrate", str(old), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["migrated"] and report["from_version"] == 1 and report["flow_rows"] > 0
    assert report["studies_without_flow"] == 0
    want, got = dump(fresh), dump(old)
    assert got == want
    # A few values the migration derived, checked by hand.
    with duckdb.connect(str(old), read_only=True) as con:
        assert con.execute("SELECT unit, amount_unit, per FROM doses WHERE amount = 2").fetchall() == \
            [("mg/day", "mg", "day")]
        assert con.execute("SELECT duration_days FROM studies WHERE source_id = 'walking'").fetchall() == [(365.25,)]
        assert con.execute("SELECT phase, period_start_precision FROM studies WHERE source_id = 'lozenges'"
                           ).fetchall() == [(3, "month")]
    assert check_database(old).exit_code == 0
    again = invoke("migrate", str(old))
    assert again.exit_code == 0 and "already at contract v2" in again.output


def test_a_failed_migration_leaves_the_v1_file_as_it_was(fresh, tmp_path, monkeypatch):
    old = tmp_path / "old.duckdb"
    v1_copy(fresh, old)
    before = {t: r for t, r in dump_v1(old).items()}
    import pipeline.store.migrate as m

    real = m.insert_tuples

    def failing(con, table, rows):
        if table == "participant_flow":  # after studies, interventions and doses were replaced
            raise duckdb.IOException("disk full (injected)")
        real(con, table, rows)

    monkeypatch.setattr(m, "insert_tuples", failing)
    result = invoke("migrate", str(old))
    assert result.exit_code == 2
    assert "migration failed, the file is unchanged" in result.output and "disk full (injected)" in result.output
    assert dump_v1(old) == before


def dump_v1(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        out = {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
        out["types"] = con.execute("SELECT table_name, column_name, data_type FROM information_schema.columns "
                                   "ORDER BY table_name, ordinal_position").fetchall()
        return out
    finally:
        con.close()


def test_migrate_refuses_a_newer_file_and_a_file_that_is_not_a_database(fresh, tmp_path):
    newer = tmp_path / "newer.duckdb"
    newer.write_bytes(fresh.read_bytes())
    with duckdb.connect(str(newer)) as con:
        con.execute("DELETE FROM schema_info")
        con.execute("INSERT INTO schema_info VALUES (?, 'future')", [CONTRACT_VERSION + 1])
    result = invoke("migrate", str(newer))
    assert result.exit_code == 2 and "upgrade the pipeline" in result.output
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database\n")
    result = invoke("migrate", str(text))
    assert result.exit_code == 2 and "not a DuckDB database" in result.output
    assert text.read_text() == "not a database\n"

"""Store units: atomic writes, publish, lock, contract versions, check-db, SQL hygiene."""
from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from pipeline import CONTRACT_VERSION, __version__
from pipeline.cli import cli
from pipeline.errors import ContractError, LockTimeout, WriteError
from pipeline.models.rows import (
    AdverseEventRow, ConditionRow, DoseRow, FlagRow, FlowRow, InterventionRow, ProvenanceRow, ResultRow,
    SchemaInfoRow, SourceRow, StudyRow,
)
from pipeline.store.atomic import atomic_write_text, umask
from pipeline.store.build import PublishError
from pipeline.store.check import check_database
from pipeline.store.connect import check_replaceable, open_read
from pipeline.store.lock import pid_path, run_lock
from pipeline.store.publish import clean_stale
from pipeline.store.sql import ident
from tests.dbfiles import write_database

ROOT = Path(__file__).resolve().parents[1]
TEXT = "A pilot trial: 12 adults took 5 mg nightly; two had headaches. \U0001F600 Sleep improved."


def sample_rows(sid: str = "s1") -> dict[str, list]:
    """One row in every table, with spans into TEXT."""
    def prov(table, row_id, field, start, end):
        return ProvenanceRow(table_name=table, row_id=row_id, field=field, source_id=sid, char_start=start,
                             char_end=end, quote=TEXT[start:end], rule="test")
    st, iv = f"{sid}:s1", f"{sid}:s1/i-x"
    return {
        "schema_info": [SchemaInfoRow(contract_version=CONTRACT_VERSION, pipeline_version=__version__)],
        "sources": [SourceRow(source_id=sid, path=f"{sid}.txt", sha256="0" * 64, title="t", kind="other",
                              n_chars=len(TEXT), text=TEXT)],
        "studies": [StudyRow(study_id=st, source_id=sid, ordinal=1, sample_size=12, char_start=0,
                             char_end=len(TEXT))],
        "study_conditions": [ConditionRow(condition_id=f"{st}/c-i", study_id=st, condition="insomnia")],
        "interventions": [InterventionRow(intervention_id=iv, study_id=st, agent="x")],
        "doses": [DoseRow(intervention_id=iv, seq=1, amount=5.0, unit="mg", amount_unit="mg")],
        "results": [ResultRow(result_id=f"{st}/r-1", source_id=sid, study_id=st, finding="Sleep improved")],
        "adverse_events": [AdverseEventRow(adverse_event_id=f"{st}/ae-h", source_id=sid, study_id=st,
                                           event="headache")],
        "participant_flow": [FlowRow(study_id=st, seq=1, role="enrolled", n=12, char_start=TEXT.index("12 adults"),
                                     char_end=TEXT.index("12 adults") + 2, rule="test")],
        "flags": [FlagRow(flag_id="f1", code="X1", rule="r", severity="info", source_id=sid, study_id=st,
                          message="m", char_start=15, char_end=17, line=1, col=16)],
        "provenance": [prov("studies", st, "sample_size", 15, 17), prov("doses", f"{iv}#1", "amount", 29, 33),
                       prov("adverse_events", f"{st}/ae-h", "event", 54, 63), prov("results", f"{st}/r-1",
                       "finding", TEXT.index("Sleep"), len(TEXT) - 1)],
    }


@pytest.fixture
def good_db(tmp_path) -> Path:
    db = tmp_path / "e.duckdb"
    write_database(db, sample_rows())
    return db


def sql(db: Path, statement: str, params=()) -> None:
    con = duckdb.connect(str(db))
    try:
        con.execute(statement, list(params))
    finally:
        con.close()


# atomic writes -------------------------------------------------------------------------------

def test_atomic_write_text_replaces_and_keeps_mode(tmp_path):
    p = tmp_path / "decisions.toml"
    p.write_text("old")
    p.chmod(0o640)
    atomic_write_text(p, "new\r\n")
    assert p.read_bytes() == b"new\r\n" and (p.stat().st_mode & 0o777) == 0o640
    assert os.listdir(tmp_path) == ["decisions.toml"]


def test_atomic_write_text_failure_leaves_old_file(tmp_path, monkeypatch):
    p = tmp_path / "d.toml"
    p.write_text("old")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(WriteError, match=r"d.toml: cannot write \(No space left on device\)"):
        atomic_write_text(p, "new")
    assert p.read_text() == "old" and os.listdir(tmp_path) == ["d.toml"]


def test_atomic_write_gives_a_new_file_the_umask_mode_and_flushes_it(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    old = os.umask(0o027)
    try:
        assert umask() == 0o027
        atomic_write_text(tmp_path / "new.toml", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.toml").stat().st_mode & 0o777 == 0o640  # 0666 & ~umask, not mkstemp's 0600
    assert len(synced) >= 2  # the file before the rename, its folder after


# publish -----------------------------------------------------------------------------------

def test_reader_with_old_file_open_keeps_working(good_db):
    reader = duckdb.connect(str(good_db), read_only=True)
    try:
        write_database(good_db, sample_rows("s2"))
        assert reader.execute("SELECT source_id FROM sources").fetchall() == [("s1",)]
    finally:
        reader.close()
    con = duckdb.connect(str(good_db), read_only=True)
    assert con.execute("SELECT source_id FROM sources").fetchall() == [("s2",)]
    con.close()


def test_failed_build_leaves_published_db_and_no_stray_files(good_db, monkeypatch):
    import pipeline.store.build as build

    def broken(con):
        raise duckdb.IOException("disk full")
    monkeypatch.setattr(build, "summary", broken)
    with pytest.raises(PublishError, match="published one is unchanged"):
        write_database(good_db, sample_rows("s2"))
    assert check_database(good_db).exit_code == 0
    assert sorted(os.listdir(good_db.parent)) == [".e.duckdb.run.json", "e.duckdb", "export"]


def test_stale_wal_of_old_file_is_not_replayed_into_new(good_db):
    Path(f"{good_db}.wal").write_bytes(b"junk from an old writer")
    write_database(good_db, sample_rows("s2"))
    assert not Path(f"{good_db}.wal").exists()
    assert check_database(good_db).exit_code == 0


def test_clean_stale_removes_only_temp_files_of_this_db(tmp_path):
    db = tmp_path / "e.duckdb"
    stale = [tmp_path / ".e.duckdb.abc123.tmp", tmp_path / ".e.duckdb.abc123.tmp.wal"]
    keep = [tmp_path / "e.duckdb", tmp_path / ".other.duckdb.x.tmp", tmp_path / "notes.tmp"]
    for p in stale + keep:
        p.write_text("x")
    assert sorted(clean_stale(db)) == sorted(stale)
    assert all(p.exists() for p in keep)


# lock --------------------------------------------------------------------------------------

def test_lock_records_pid_cleans_stale_and_names_holder(tmp_path):
    db = tmp_path / "e.duckdb"
    (tmp_path / ".e.duckdb.dead.tmp").write_text("left by a killed run")
    with run_lock(db, timeout=0):
        assert pid_path(db).read_text().strip() == str(os.getpid())
        assert not (tmp_path / ".e.duckdb.dead.tmp").exists()
    assert not pid_path(db).exists()


def test_lock_timeout_message_has_pid(tmp_path):
    import multiprocessing as mp
    db = tmp_path / "e.duckdb"
    ctx = mp.get_context("fork")
    ready, done = ctx.Event(), ctx.Event()

    def hold():
        with run_lock(db, timeout=0):
            ready.set()
            done.wait(30)
    p = ctx.Process(target=hold)
    p.start()
    try:
        assert ready.wait(30)
        with pytest.raises(LockTimeout, match=rf"\(pid {p.pid}\).*gave up after 0.2 s"):
            with run_lock(db, timeout=0.2):
                pass
    finally:
        done.set()
        p.join(30)


# contract versions -------------------------------------------------------------------------

def set_version(db: Path, version: int) -> None:
    sql(db, "UPDATE schema_info SET contract_version = ?", [version])


def test_newer_contract_is_refused_by_run_and_readers(good_db, tmp_path):
    set_version(good_db, CONTRACT_VERSION + 1)
    before = good_db.read_bytes()
    with pytest.raises(ContractError, match="newer than this pipeline"):
        check_replaceable(good_db)
    with pytest.raises(ContractError, match="upgrade the pipeline"):
        with open_read(good_db):
            pass
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(TEXT)
    result = CliRunner().invoke(cli, ["run", "--raw", str(raw), "--db", str(good_db)], catch_exceptions=False)
    assert result.exit_code == 2 and "newer than this pipeline" in result.stderr
    assert good_db.read_bytes() == before
    assert check_database(good_db).exit_code == 2


def test_older_contract_is_rebuilt_by_run_and_never_misread(good_db, tmp_path):
    set_version(good_db, 0)
    with pytest.raises(ContractError, match="older"):
        with open_read(good_db):
            pass
    report = check_database(good_db)
    assert report.exit_code == 2 and "rebuild it with `pipeline run`" in report.problems[0]
    assert report.contract_version == 0
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(TEXT)
    result = CliRunner().invoke(cli, ["run", "--raw", str(raw), "--db", str(good_db)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    assert check_database(good_db).exit_code == 0


@pytest.mark.parametrize("fixture", sorted((ROOT / "tests/fixtures/contracts").glob("contract-v*.sql")),
                         ids=lambda p: p.stem)
def test_frozen_contract_fixtures(fixture, tmp_path):
    """A database built with the DDL of each past version is read as current or rebuilt, never misread."""
    version = int(re.search(r"v(\d+)", fixture.stem).group(1))
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute(fixture.read_text())
    con.execute("INSERT INTO schema_info VALUES (?, ?)", [version, "old"])
    con.close()
    report = check_database(db)
    if version == CONTRACT_VERSION:
        assert report.exit_code == 0, ("the contract changed without a new CONTRACT_VERSION", report.problems)
    else:
        assert report.exit_code == 2 and "older" in report.problems[0]
        check_replaceable(db)  # `run` may rebuild it


@pytest.mark.parametrize("content", [b"not a database at all", b"PAR1 parquet-ish bytes here"])
def test_run_refuses_to_overwrite_a_foreign_file(tmp_path, content):
    target = tmp_path / "precious.duckdb"
    target.write_bytes(content)
    with pytest.raises(ContractError, match="refusing to overwrite"):
        check_replaceable(target)
    assert target.read_bytes() == content


def test_run_refuses_a_folder_as_db(tmp_path):
    with pytest.raises(ContractError, match="is a folder"):
        check_replaceable(tmp_path)


# check-db ----------------------------------------------------------------------------------

def test_check_db_ok(good_db):
    result = CliRunner().invoke(cli, ["check-db", str(good_db)])
    assert result.exit_code == 0 and result.stdout.rstrip().endswith(": ok"), result.output
    assert check_database(good_db).rows["provenance"] == 4


CORRUPTIONS = {
    "quote": ("UPDATE provenance SET quote = 'zz' WHERE field = 'sample_size'", "quote: differs"),
    "span": ("UPDATE studies SET char_end = 10000", "studies: span outside"),
    "flag-span": ("UPDATE flags SET char_start = NULL", "flags: only one of char_start"),
    "orphan-study": ("UPDATE studies SET source_id = 'nope'", "studies.source_id: no such sources row"),
    "orphan-dose": ("UPDATE doses SET intervention_id = 'nope'", "doses.intervention_id: no such interventions"),
    "orphan-prov": ("UPDATE provenance SET row_id = 'gone' WHERE table_name = 'doses'", "row_id with no doses row"),
    "prov-field": ("UPDATE provenance SET field = 'nonsense' WHERE table_name = 'results'", "not a column of results"),
    "prov-table": ("UPDATE provenance SET table_name = 'nope' WHERE table_name = 'results'", "not a contract table"),
    "n_chars": ("UPDATE sources SET n_chars = 3", "n_chars: differs"),
    "domain": ("UPDATE flags SET severity = 'fatal'", "flags.severity: value outside"),
    "mixed-source": ("UPDATE results SET source_id = 's9'", "results: source_id differs from its study's"),
    "missing-table": ("DROP TABLE doses", "doses: table missing"),
    "extra-column": ("ALTER TABLE results ADD COLUMN extra INTEGER", "results: columns differ"),
    "schema-rows": ("INSERT INTO schema_info VALUES (0, 'x')", "schema_info: expected exactly one row"),
    "unit-form": ("UPDATE doses SET unit = 'mg/d', per = 'day'", "doses.unit: not the normal form"),
    "precision": ("UPDATE studies SET period_start = DATE '2019-01-01'", "period_start_precision: set exactly when"),
    "level-bound": ("UPDATE studies SET evidence_level = 9", "studies.evidence_level: value > 5"),
    "empty-terms": ("UPDATE studies SET design_terms = []", "design_terms: an empty list"),
    "flow-span": ("UPDATE participant_flow SET char_end = 10000", "participant_flow: span outside"),
    "missing-view": ("DROP VIEW open_flags", "open_flags: view missing"),
    "view-columns": ("CREATE OR REPLACE VIEW study_summary AS SELECT 1 AS x", "study_summary: view columns differ"),
}


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_check_db_finds_problem(good_db, name):
    statement, expected = CORRUPTIONS[name]
    sql(good_db, statement)
    if name == "mixed-source":
        sql(good_db, "INSERT INTO sources SELECT 's9', path, sha256, title, kind, n_chars, url, text FROM sources")
    result = CliRunner().invoke(cli, ["check-db", str(good_db)])
    assert result.exit_code == 1, result.output
    assert expected in result.stderr, result.stderr


def test_check_db_unusable_files(tmp_path):
    (tmp_path / "x.duckdb").write_bytes(b"\x89PNG\r\n\x1a\n")
    for target in (tmp_path / "x.duckdb", tmp_path / "missing.duckdb", tmp_path):
        result = CliRunner().invoke(cli, ["check-db", str(target)])
        assert result.exit_code == 2 and result.stderr.startswith("error: "), result.output


def test_check_db_json(good_db):
    import json
    result = CliRunner().invoke(cli, ["check-db", "--json", str(good_db)])
    data = json.loads(result.stdout)
    assert data["exit_code"] == 0 and data["contract_version"] == CONTRACT_VERSION


# SQL hygiene -------------------------------------------------------------------------------

def test_ident_refuses_anything_but_words():
    assert ident("studies") == '"studies"'
    for bad in ("x; DROP TABLE sources", 'a"b', "", "1x", "a b"):
        with pytest.raises(ValueError):
            ident(bad)


_SQL_WORDS = re.compile(r"\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE TABLE|DROP|WHERE|VALUES)\b")
# Reviewed: fragments of SQL built in code from the row models or from constants, never from data.
_REVIEWED = {
    "pipeline/store/ddl.py": {"*"},  # the DDL generator: table and column names from the row models
    "pipeline/store/check.py": {"sql", "t", "p", "c", "key", "marks", "names", "bounds", "id_col", "EXAMPLES", "op"},
    # The views' SQL, composed from fragments written in the module and names from the row models.
    "pipeline/store/views.py": {"*"},
    # Column lists, ORDER BY and ? marks built with ident() from the row models and the views' own columns.
    # ATTACH takes no ? parameter: the path goes in as a quoted literal.
    "pipeline/store/build.py": {"literal(str(path))"},
    "pipeline/store/formats.py": {"', '.join(cols)", "keys", "marks"},
    # Column lists and ORDER BY built with ident() from the row models.
    # Conditions rows_of_sources() writes from the row models' fields; values go in through the `gone` table.
    "pipeline/store/queries.py": {"', '.join((ident(n) for n in names))", "order", "in_gone", "of_studies",
                                  "where"},
    # The projection, table name and ORDER BY built with ident() from the row models; rows_of_sources()'s condition.
    "pipeline/store/export.py": {"projection", "table", "order", "where", "keys"},
}


def _sql_strings(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if _SQL_WORDS.search(text):
                yield node, [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str) and _SQL_WORDS.search(node.left.value):
            yield node, [node.right]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format" \
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str) \
                and _SQL_WORDS.search(node.func.value.value):
            yield node, list(node.args) + [k.value for k in node.keywords]


def test_no_sql_text_built_from_data():
    """Every value goes in as a ``?`` parameter; only names from code go into SQL text (via ident())."""
    offenders = []
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        reviewed = _REVIEWED.get(rel, set())
        for node, parts in _sql_strings(ast.parse(path.read_text(encoding="utf-8"))):
            for part in parts:
                src = ast.unparse(part)
                trusted = (isinstance(part, ast.Call) and ast.unparse(part.func) == "ident") or "*" in reviewed \
                    or src in reviewed
                if not trusted:
                    offenders.append(f"{rel}:{node.lineno}: {{{src}}}")
    assert not offenders, "SQL text built from a value; pass it as a ? parameter or use ident():\n" + "\n".join(offenders)

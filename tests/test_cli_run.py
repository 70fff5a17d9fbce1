"""`pipeline run` with decisions and export, `pipeline run --check`, through CliRunner and a subprocess."""
import os
import subprocess
import sys

import duckdb
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import ROOT

ARTICLE = """Walking groups and low mood

Our clinic often gets asked whether group walks help.

Study 1: Walking groups for older adults

In a randomized, placebo-controlled trial, 64 adults aged over 65 with major depressive disorder joined a walking group three times a week for 12 weeks. Mood scores improved more than in the control group. Three participants reported knee pain.

Final thoughts

Talk to your doctor before starting any new exercise routine.
"""


@pytest.fixture
def work(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "walks.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path, raw, tmp_path / "curated" / "e.duckdb"


def run(raw, db, *extra):
    return CliRunner().invoke(cli, ["run", "--raw", str(raw), "--db", str(db), *extra])


def first_study(db, source="walks"):
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("select study_id from studies where source_id = ? order by ordinal limit 1",
                          [source]).fetchone()
    finally:
        con.close()
    if row is None:
        pytest.skip("the extractor finds no study in the test article")
    return row[0]


def export_bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_run_writes_db_and_export_and_check_follows_edits(work):
    tmp, raw, db = work
    export = db.parent / "export"
    r = run(raw, db)
    assert r.exit_code in (0, 1), r.output
    first = export_bytes(export)
    assert set(first) >= {"studies.jsonl", "provenance.jsonl", "flags.jsonl"}
    assert run(raw, db).exit_code in (0, 1)
    assert export_bytes(export) == first  # byte-identical on the same inputs
    ok = run(raw, db, "--check")
    assert ok.exit_code == 0 and "up to date" in ok.output

    # an edit of raw/ makes --check fail, without writing anything, until the next run
    (raw / "walks.txt").write_text(ARTICLE.replace("64 adults", "66 adults"), encoding="utf-8")
    db_before = db.read_bytes()
    bad = run(raw, db, "--check")
    assert bad.exit_code == 1 and "sources" in bad.output and "changed" in bad.output, bad.output
    assert export_bytes(export) == first and db.read_bytes() == db_before
    assert run(raw, db).exit_code in (0, 1)
    assert run(raw, db, "--check").exit_code == 0

    # so does an edit of the decisions
    sid = first_study(db)
    r = CliRunner().invoke(cli, ["set", sid, "sample_size", "65", "--quote", "66 adults", "--reason", "test",
                                 "--db", str(db)])
    assert r.exit_code == 0, r.output
    bad = run(raw, db, "--check")
    assert bad.exit_code == 1 and "studies: 0 added, 0 removed, 1 changed" in bad.output, bad.output
    assert run(raw, db).exit_code in (0, 1)
    assert run(raw, db, "--check").exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    got = con.execute("select s.sample_size, p.origin, p.decision_id, p.quote from studies s join provenance p "
                      "on p.table_name = 'studies' and p.row_id = s.study_id and p.field = 'sample_size' "
                      "where s.study_id = ?", [sid]).fetchone()
    con.close()
    assert got == (65, "corrected", "D001", "66 adults")


def test_stale_decision_is_an_open_error_flag(work):
    tmp, raw, db = work
    run(raw, db)
    sid = first_study(db)
    CliRunner().invoke(cli, ["set", sid, "sample_size", "65", "--quote", "64 adults", "--reason", "t", "--db", str(db)])
    assert run(raw, db).exit_code in (0, 1)
    (raw / "walks.txt").write_text(ARTICLE.replace("64 adults", "sixty-four adults"), encoding="utf-8")
    r = run(raw, db)
    assert r.exit_code == 1 and "1 stale decision " in r.output, r.output
    con = duckdb.connect(str(db), read_only=True)
    flag = con.execute("select severity, category, status, message from flags where rule = 'stale-decision'").fetchone()
    con.close()
    assert flag[:3] == ("error", "curation", "open") and "decisions.toml:" in flag[3]


@pytest.mark.parametrize("bad", [
    "[[decision]\n",                                                           # TOML syntax
    '[[decision]]\nid = "D1"\nkind = "rejection"\ntarget = "walks:snope"\nquote = "64 adults"\nreason = "r"\n',
    '[[decision]]\nid = "D1"\nkind = "correction"\ntarget = "walks:snope"\nfield = "colour"\nvalue = 1\n'
    'quote = "64 adults"\nreason = "r"\n',
])
def test_invalid_decisions_exit_2_and_publish_nothing(work, bad):
    tmp, raw, db = work
    assert run(raw, db).exit_code in (0, 1)
    before = db.read_bytes(), export_bytes(db.parent / "export")
    (db.parent / "decisions.toml").write_text(bad, encoding="utf-8")
    r = run(raw, db)
    assert r.exit_code == 2 and "decisions.toml:" in r.output, r.output
    assert (db.read_bytes(), export_bytes(db.parent / "export")) == before
    assert run(raw, db, "--check").exit_code == 2


def test_explicit_missing_decisions_file_is_an_error(work):
    tmp, raw, db = work
    r = run(raw, db, "--decisions", str(tmp / "nope.toml"))
    assert r.exit_code == 2 and not db.exists()


def test_study_ids_survive_edits_elsewhere_and_other_articles(work):
    tmp, raw, db = work
    run(raw, db)
    sid = first_study(db)
    edited = ARTICLE.replace("Our clinic often gets asked", "Readers keep asking us").replace(
        "Talk to your doctor", "Please talk to your own doctor")
    (raw / "walks.txt").write_text(edited, encoding="utf-8")
    (raw / "other.txt").write_text(ARTICLE.replace("walking group", "swimming class"), encoding="utf-8")
    run(raw, db)
    assert first_study(db) == sid


def test_run_and_check_as_subprocess(work):
    tmp, raw, db = work
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def pipeline(*args):
        return subprocess.run([sys.executable, "-m", "pipeline", *args, "--raw", str(raw), "--db", str(db)],
                              capture_output=True, text=True, env=env, cwd=tmp, timeout=120)

    assert pipeline("run").returncode in (0, 1)
    assert pipeline("run", "--check").returncode == 0
    (raw / "walks.txt").write_text(ARTICLE + "\nOne more line.\n", encoding="utf-8")
    p = pipeline("run", "--check")
    assert p.returncode == 1 and "out of date" in p.stderr and "Traceback" not in p.stderr

"""Incremental runs: only changed articles are processed, and the result equals a full rebuild."""
from __future__ import annotations

import os
import shutil

import duckdb
import pytest

from pipeline.models.rows import TABLES
from pipeline.runner import run
from pipeline.store.export import _write_patched

ARTICLES = {
    "swim": """Swimming and back pain

Study A: Pool sessions for office workers

In a randomized trial, 48 office workers with chronic low back pain swam twice a week for 10 weeks.
Pain scores fell more than in the waiting-list group. Two swimmers reported ear infections.
""",
    "tea": """Green tea and sleep

A double-blind, placebo-controlled study enrolled 30 adults (18 women and 14 men) with insomnia.
They drank 250 ml of green tea extract daily for 4 weeks. Sleep onset improved.
""",
    "yoga": """Yoga for migraine

An open-label pilot followed 22 patients with migraine who practised yoga three times weekly
for 8 weeks between March 2018 and May 2018. Attack frequency dropped by a third.
""",
}


def contents(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {m.__table__: sorted(map(repr, con.execute(f'SELECT * FROM "{m.__table__}"').fetchall()))
                for m in TABLES}
    finally:
        con.close()


def export_bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.jsonl"))}


def full_rebuild(raw, tmp, decisions=None):
    db = tmp / "full" / "e.duckdb"
    shutil.rmtree(db.parent, ignore_errors=True)
    run(raw, db, use_cache=False, jobs=1, decisions=decisions, lock_timeout=0)
    return contents(db), export_bytes(db.parent / "export")


@pytest.fixture
def work(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in ARTICLES.items():
        (raw / f"{name}.txt").write_text(text, encoding="utf-8")
    return raw, tmp_path / "cur" / "e.duckdb"


def test_only_changed_articles_are_processed_and_result_equals_full_rebuild(work, tmp_path):
    raw, db = work
    assert run(raw, db, jobs=1).processed == 3
    (raw / "tea.txt").write_text(ARTICLES["tea"].replace("30 adults", "31 adults"), encoding="utf-8")
    (raw / "yoga.txt").unlink()
    (raw / "run.txt").write_text(ARTICLES["swim"].replace("swam", "jogged").replace("Pool", "Track"),
                                 encoding="utf-8")
    report = run(raw, db, jobs=1)
    assert report.processed == 2 and report.articles == 3 and not report.unchanged
    assert (contents(db), export_bytes(db.parent / "export")) == full_rebuild(raw, tmp_path)


def test_nothing_changed_writes_nothing_but_a_touched_export_is_rewritten(work):
    raw, db = work
    first = run(raw, db, jobs=1)
    before = db.stat().st_mtime_ns, export_bytes(db.parent / "export")
    again = run(raw, db, jobs=1)
    assert again.unchanged and again.studies == first.studies
    assert (db.stat().st_mtime_ns, export_bytes(db.parent / "export")) == before
    (db.parent / "export" / "studies.jsonl").write_text("edited by hand\n", encoding="utf-8")
    fixed = run(raw, db, jobs=1)
    assert not fixed.unchanged and fixed.processed == 0
    assert export_bytes(db.parent / "export") == before[1]


def test_a_decision_reprocesses_only_its_article(work, tmp_path):
    raw, db = work
    run(raw, db, jobs=1)
    con = duckdb.connect(str(db), read_only=True)
    row = con.execute("SELECT study_id FROM studies WHERE source_id = 'tea' ORDER BY ordinal LIMIT 1").fetchone()
    con.close()
    if row is None:
        pytest.skip("the extractor finds no study in the test article")
    decisions = db.parent / "decisions.toml"
    decisions.write_text(f'[[decision]]\nid = "D1"\nkind = "correction"\ntarget = "{row[0]}"\n'
                         'field = "sample_size"\nvalue = 32\nquote = "30 adults"\nreason = "test"\n', encoding="utf-8")
    report = run(raw, db, jobs=1)
    assert report.processed == 1 and report.decisions_applied == 1
    assert (contents(db), export_bytes(db.parent / "export")) == full_rebuild(raw, tmp_path, decisions)
    decisions.write_text("", encoding="utf-8")  # withdrawn: the article goes back to what was extracted
    assert run(raw, db, jobs=1).processed == 1
    assert contents(db) == full_rebuild(raw, tmp_path, decisions)[0]


def test_a_replaced_database_is_not_patched(work, tmp_path):
    raw, db = work
    run(raw, db, jobs=1)
    other = tmp_path / "other" / "e.duckdb"
    run(raw, other, jobs=1)
    os.replace(other, db)  # same contents, but not the file the stamp describes
    assert run(raw, db, jobs=1).processed == 3


def test_check_reuses_the_published_database_and_writes_nothing(work):
    raw, db = work
    run(raw, db, jobs=1)
    (raw / "swim.txt").write_text(ARTICLES["swim"].replace("48 office", "46 office"), encoding="utf-8")
    listing = sorted(p.name for p in db.parent.iterdir())
    report = run(raw, db, check=True, jobs=1)
    assert report.processed == 1 and not report.export_diff.up_to_date
    assert sorted(p.name for p in db.parent.iterdir()) == listing


class Lines:
    """Stands for the staged file ``_write_patched`` writes to."""

    def __init__(self) -> None:
        self.data = b""

    def write(self, data: bytes) -> None:
        self.data += data

    def write_text(self, text: str) -> None:
        self.data += text.encode()


@pytest.mark.parametrize(("dropped", "added", "expected"), [
    ([], [], "a c e"),
    ([1], [(1, "b")], "a b e"),
    ([1], [(1, "b"), (2, "d")], "a b d e"),
    ([0, 2], [], "c"),
    ([], [(0, "0"), (4, "f")], "0 a c e f"),
    ([0, 1, 2], [(0, "x")], "x"),
])
def test_a_patch_takes_out_the_dropped_lines_and_puts_the_added_at_their_place(dropped, added, expected):
    out = Lines()
    _write_patched([b"a", b"c", b"e"], dropped, [(at, line + "\n") for at, line in added], out)
    assert out.data.decode().split() == expected.split() and out.data.endswith(b"\n")


def test_an_incremental_run_leaves_untouched_export_files_in_place(work, tmp_path):
    raw, db = work
    run(raw, db, jobs=1)
    export = db.parent / "export"
    kept = (export / "schema_info.jsonl").stat().st_ino
    (raw / "yoga.txt").write_text(ARTICLES["yoga"].replace("22 patients", "23 patients"), encoding="utf-8")
    assert run(raw, db, jobs=1).processed == 1
    assert (export / "schema_info.jsonl").stat().st_ino == kept
    assert (contents(db), export_bytes(export)) == full_rebuild(raw, tmp_path)


def test_an_export_file_that_is_not_the_published_one_is_written_whole(work, tmp_path):
    raw, db = work
    run(raw, db, jobs=1)
    studies = db.parent / "export" / "studies.jsonl"
    studies.write_bytes(studies.read_bytes() + b'{"study_id":"extra"}\n')  # one line too many
    (raw / "swim.txt").write_text(ARTICLES["swim"].replace("48 office", "50 office"), encoding="utf-8")
    assert run(raw, db, jobs=1).processed == 1
    assert (contents(db), export_bytes(db.parent / "export")) == full_rebuild(raw, tmp_path)

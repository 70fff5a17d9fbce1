"""I/O faults, tested the way SQLite tests them: every file-system call of a run, a decision edit
and a report in turn fails (as on a full disk or a read-only folder). Each time the command exits
2 with one line naming the file and the cause, never a traceback; the published database, its
export, its stamp and the decisions file are as they were; no temporary file is left."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.store.check import check_database
from tests.reliability.faults import inject, snapshot, temp_files
from tests.reliability.helpers import GOOD, source_ids, write_good

CAUSES = ("No space left on device", "Read-only file system")


def one_clear_line(stderr: str, folder) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert any(c in lines[0] for c in CAUSES) and str(folder) in lines[0], lines[0]
    assert "Traceback" not in stderr
    return lines[0]


def cli_run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def every_fault(monkeypatch, command: list[str], folder, on_success=None, limit: int = 400):
    """Run ``command`` once per file-system call it makes, that call failing; yield each result."""
    for k in range(1, limit):
        with inject(monkeypatch, k) as inj:
            result = cli_run(*command)
        if inj.fired is None:
            assert result.exit_code in (0, 1), result.output
            return k - 1
        yield k, inj.fired, result
    raise AssertionError(f"more than {limit} calls")


def run_faults(monkeypatch, command, folder, check_unchanged, recover):
    """Drive ``every_fault``; returns how many calls were tried and how many failed the command."""
    tried = failed = 0
    gen = every_fault(monkeypatch, command, folder)
    try:
        while True:
            k, where, result = next(gen)
            tried += 1
            if result.exit_code == 2:
                failed += 1
                one_clear_line(result.stderr, folder)
                check_unchanged(where)
            else:  # the failed call was one whose failure does not matter (a folder's fsync)
                assert result.exit_code in (0, 1) and where.startswith("fsync("), (where, result.output)
                recover()
            assert not temp_files(folder), (where, temp_files(folder))
    except StopIteration as done:
        return done.value, tried, failed


@pytest.fixture
def published(tmp_path):
    """A published database of the GOOD articles, its export and stamp, a decisions file, and one
    more article in raw/ so that the next run has something to publish."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    db = out / "evidence.duckdb"
    write_good(raw)
    decisions = out / "decisions.toml"
    out.mkdir()
    decisions.write_text("# no decisions yet\n", encoding="utf-8")
    assert cli_run("run", "--raw", str(raw), "--db", str(db), "--jobs", "1").exit_code in (0, 1)
    (raw / "extra.txt").write_text("An open-label study of 9 patients with gout took 10 mg colchicine daily.\n")
    return raw, db


def test_run_survives_a_fault_at_every_write_rename_and_fsync(published, monkeypatch):
    raw, db = published
    out = db.parent
    command = ["run", "--raw", str(raw), "--db", str(db), "--jobs", "1"]
    state = {"before": snapshot(out, skip=(db.name,))}

    def check_unchanged(where):
        assert snapshot(out, skip=(db.name,)) == state["before"], where
        assert source_ids(db) == set(GOOD) and check_database(db).exit_code == 0, where

    def recover():  # a successful run published the extra article: publish the old state again
        (raw / "extra.txt").rename(raw.parent / "extra.txt")
        assert cli_run(*command).exit_code in (0, 1)
        (raw.parent / "extra.txt").rename(raw / "extra.txt")
        state["before"] = snapshot(out, skip=(db.name,))

    calls, tried, failed = run_faults(monkeypatch, command, out, check_unchanged, recover)
    assert calls == tried and failed >= 30, (calls, failed)  # mkstemp, writes, fsyncs, links, renames of 12 files
    assert source_ids(db) == set(GOOD) | {"extra"}


def test_a_decision_edit_survives_a_fault_at_every_call(published, monkeypatch):
    _, db = published
    out = db.parent
    study = json.loads((out / "export" / "studies.jsonl").read_text().splitlines()[0])["study_id"]
    command = ["set", study, "sample_size", "41", "--reason", "recounted", "--db", str(db)]
    before = snapshot(out)

    def check_unchanged(where):
        assert snapshot(out) == before, where

    calls, tried, failed = run_faults(monkeypatch, command, out, check_unchanged, recover=lambda: None)
    assert failed >= 4 and 'kind = "correction"' in (out / "decisions.toml").read_text()


def test_report_survives_a_fault_at_every_call(published, monkeypatch, tmp_path):
    _, db = published
    report = tmp_path / "site" / "report.html"
    report.parent.mkdir()
    report.write_text("the old report\n")
    command = ["report", "--db", str(db), "--out", str(report)]

    def check_unchanged(where):
        assert report.read_text() == "the old report\n", where

    calls, tried, failed = run_faults(monkeypatch, command, report.parent, check_unchanged, recover=lambda: None)
    assert failed >= 4 and report.read_text().startswith("<!")

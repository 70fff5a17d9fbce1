"""Every reader of the database refuses a file of another contract version, through the CLI:
exit 2 and one line saying what to do, nothing written."""
from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest
from click.testing import CliRunner

from pipeline import CONTRACT_VERSION
from pipeline.cli import cli
from tests.conftest import ROOT
from tests.curate.factory import curated_rows
from tests.curate.test_edit_cli import A, FLAG
from tests.dbfiles import write_database

READERS = {
    "flags": ["flags"],
    "report": ["report", "--out", "{tmp}/report.html"],
    "check-db": ["check-db"],
    "ack": ["ack", FLAG, "--reason", "seen"],
    "set": ["set", A, "sample_size", "41", "--reason", "recount"],
    "add": ["add", A, "conditions", "shift work disorder", "--quote", "night-shift", "--reason", "missed"],
    "reject": ["reject", f"{A}/ae-headache", "--reason", "not an adverse event"],
}
# What the message tells the user to do, for a file older and newer than this pipeline.
# The hint repeats the --db the command was given (`pipeline run --db ...`).
ADVICE = {CONTRACT_VERSION - 1: "rebuild it with `pipeline run", CONTRACT_VERSION + 1: "upgrade the pipeline"}


@pytest.fixture(params=sorted(ADVICE), ids=lambda v: "older" if v < CONTRACT_VERSION else "newer")
def other_version(request, tmp_path):
    db = tmp_path / "evidence.duckdb"
    write_database(db, curated_rows())
    con = duckdb.connect(str(db))
    con.execute("UPDATE schema_info SET contract_version = ?", [request.param])
    con.close()
    return db, request.param


def args_for(name: str, db, tmp) -> list[str]:
    args = [a.replace("{tmp}", str(tmp)) for a in READERS[name]]
    return args + ([str(db)] if name == "check-db" else ["--db", str(db)])


@pytest.mark.parametrize("name", sorted(READERS))
def test_reader_refuses_another_contract_version(name, other_version, tmp_path):
    db, version = other_version
    before = db.read_bytes()
    result = CliRunner().invoke(cli, args_for(name, db, tmp_path), catch_exceptions=False)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and ADVICE[version] in lines[0], result.stderr
    assert f"contract version {version}" in lines[0] and str(db) in lines[0]
    assert not (tmp_path / "decisions.toml").exists() and not (tmp_path / "report.html").exists()
    assert db.read_bytes() == before


def test_readers_accept_the_current_version(tmp_path):
    db = tmp_path / "evidence.duckdb"
    write_database(db, curated_rows())
    for name in ("flags", "check-db", "report", "ack"):
        result = CliRunner().invoke(cli, args_for(name, db, tmp_path), catch_exceptions=False)
        assert result.exit_code == 0, (name, result.output)


def test_refusal_in_a_real_process(other_version, tmp_path):
    db, version = other_version
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    for name in ("flags", "ack"):
        proc = subprocess.run([sys.executable, "-m", "pipeline", *args_for(name, db, tmp_path)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.count("\n") == 1 and ADVICE[version] in proc.stderr and "Traceback" not in proc.stderr

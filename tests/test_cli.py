"""The CLI through click's runner and once as a real subprocess."""
import json
import os
import subprocess
import sys

import duckdb
from click.testing import CliRunner

from pipeline import CONTRACT_VERSION
from pipeline.cli import cli
from tests.conftest import ROOT

CLEAN = """A pilot of evening light therapy

In an open-label pilot study, 14 patients with seasonal affective disorder used a light box daily.
"""


def _raw(tmp_path, **articles):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in articles.items():
        (raw / f"{name}.txt").write_text(text, encoding="utf-8")
    return raw


def test_run_prints_summary_and_exit_code(tmp_path):
    raw = _raw(tmp_path, a=CLEAN)
    db = tmp_path / "e.duckdb"
    result = CliRunner().invoke(cli, ["run", "--raw", str(raw), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code in (0, 1)
    assert result.output.startswith("1 article, 1 study; 0 open flags (0 errors), 0 acknowledged, 0 resolved;")
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select contract_version from schema_info").fetchone()[0] == CONTRACT_VERSION
    open_errors = con.execute("select count(*) from flags where severity = 'error' and status = 'open'").fetchone()[0]
    con.close()
    assert result.exit_code == (1 if open_errors else 0)


def test_missing_raw_folder_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["run", "--raw", str(tmp_path / "nope"), "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 2
    assert "nope" in result.output and "Traceback" not in result.output


def test_extract_prints_json_with_quotes(tmp_path):
    raw = _raw(tmp_path, a=CLEAN)
    result = CliRunner().invoke(cli, ["extract", str(raw / "a.txt"), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["source_id"] == "a"


def test_every_command_has_help():
    runner = CliRunner()
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help, f"{name} has no help text"


def test_run_as_subprocess(tmp_path):
    raw = _raw(tmp_path, a=CLEAN, b=(ROOT / "raw" / "ketamine-treatment-for-anxiety.txt").read_text(encoding="utf-8"))
    db = tmp_path / "e.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    p = subprocess.run([sys.executable, "-m", "pipeline", "run", "--raw", str(raw), "--db", str(db)],
                       capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert p.returncode in (0, 1), p.stderr
    assert "2 articles" in p.stdout
    assert "Traceback" not in p.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from sources").fetchone()[0] == 2
    con.close()

"""The curator's commands and what every command shares: `studies`, `show`, `decisions`, `config`;
paths from flags, environment and [tool.pipeline]; hints quoting the paths in effect; `--format`,
`-h`, `-q`; `-` for standard output; file modes under the umask."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

TEXT = """Breathing exercise trial

A randomized trial enrolled 36 adults with asthma: 17 men and 21 women. Participants practised
breathing exercises twice daily for 8 weeks.
"""
SID = "asthma-trial"


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with raw/ and a published database elsewhere (data/e.duckdb), as the current folder."""
    monkeypatch.chdir(tmp_path)
    for key in ("PIPELINE_RAW", "PIPELINE_DB", "PIPELINE_DECISIONS", "PIPELINE_EXPORT", "PIPELINE_REPORT"):
        monkeypatch.delenv(key, raising=False)
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / f"{SID}.txt").write_text(TEXT, encoding="utf-8")
    r = invoke("run", "--db", "data/e.duckdb")
    assert r.exit_code == 1, r.output
    return tmp_path


def study_id() -> str:
    [s] = json.loads(invoke("studies", "--db", "data/e.duckdb", "--format", "json").output)
    return s["study_id"]


def test_studies_lists_ids_and_key_values(work: Path) -> None:
    r = invoke("studies", "--db", "data/e.duckdb")
    assert r.exit_code == 0
    line = r.output.splitlines()[0]
    assert line.startswith(f"{SID}:s") and "study 1: n=36; randomized, level 2; 1 condition, 0 interventions, " \
        "1 open flag" in line
    assert "1 study; see one with `pipeline show STUDY_ID --db data/e.duckdb`" in r.output
    [s] = json.loads(invoke("studies", "--db", "data/e.duckdb", "--source", SID, "--format", "json").output)
    assert (s["sample_size"], s["open_flags"], s["randomized"]) == (36, 1, True)
    missing = invoke("studies", "--db", "data/e.duckdb", "--source", "nope")
    assert missing.exit_code == 2 and "no article 'nope' in data/e.duckdb" in missing.output
    assert "`pipeline studies --db data/e.duckdb`" in missing.output


def test_show_study_prints_values_quotes_places_and_commands(work: Path) -> None:
    sid = study_id()
    r = invoke("show", sid, "--db", "data/e.duckdb")
    assert r.exit_code == 0
    out = r.output
    assert "    n_male = 17 '17 men' at raw/asthma-trial.txt:3:52 (population/sex-split)" in out
    assert f"        pipeline set {sid} n_male 17 --db data/e.duckdb --quote '17 men' --reason '...'" in out
    assert f"    pipeline reject {sid} --db data/e.duckdb --reason '...'" in out
    assert f"  study_conditions {sid}/c-asthma" in out
    flag = next(line.split()[1] for line in out.splitlines() if line.startswith("  flag "))
    assert f"pipeline ack {flag} --db data/e.duckdb --reason '...'" in out
    data = json.loads(invoke("show", sid, "--db", "data/e.duckdb", "--format", "json").output)
    n_male = next(v for v in data["studies"][0]["values"] if v["field"] == "n_male")
    assert (n_male["value"], n_male["quote"], n_male["line"], n_male["col"]) == (17, "17 men", 3, 52)
    assert n_male["set"].startswith(f"pipeline set {sid} n_male 17")


def test_show_a_row_a_flag_and_an_article(work: Path) -> None:
    sid = study_id()
    row = invoke("show", f"{sid}/c-asthma", "--db", "data/e.duckdb")
    assert row.exit_code == 0 and f"  study_conditions {sid}/c-asthma  <-" in row.output
    flags = [json.loads(x) for x in invoke("flags", "--db", "data/e.duckdb", "--format", "json").output.splitlines()]
    flag = invoke("show", flags[0]["flag_id"], "--db", "data/e.duckdb")
    assert flag.exit_code == 0 and "S103 sex-split-mismatch: 17 men + 21 women = 38" in flag.output
    article = invoke("show", SID, "--db", "data/e.duckdb")
    assert article.output.startswith(f"article {SID}: Breathing exercise trial (raw/{SID}.txt)")
    unknown = invoke("show", f"{SID}:sffffff", "--db", "data/e.duckdb")
    assert unknown.exit_code == 2 and "`pipeline studies --db data/e.duckdb`" in unknown.output


def test_decisions_list_status_and_remove(work: Path) -> None:
    sid = study_id()
    invoke("set", sid, "n_male", "15", "--quote", "17 men", "--reason", "table 1", "--db", "data/e.duckdb")
    listed = invoke("decisions", "--db", "data/e.duckdb")
    assert f"D001  correction of {sid} n_male = 15 [pending]" in listed.output
    assert "data/decisions.toml:" in listed.output and "1 decision in data/decisions.toml" in listed.output
    assert invoke("run", "--db", "data/e.duckdb").exit_code == 0
    assert "[applied]" in invoke("decisions", "--db", "data/e.duckdb").output
    shown = invoke("show", sid, "--db", "data/e.duckdb").output
    assert "    n_male = 15 [corrected by D001] '17 men'" in shown and "[resolved by D001]" in shown
    removed = invoke("decisions", "--db", "data/e.duckdb", "--remove", "D001")
    assert removed.exit_code == 0 and "run `pipeline run --db data/e.duckdb` to apply the change" in removed.output
    left = (work / "data" / "decisions.toml").read_text(encoding="utf-8")
    assert "\n[[decision]]" not in left and "D001" not in left and left.startswith("# Curator decisions")
    again = invoke("decisions", "--db", "data/e.duckdb", "--remove", "D001")
    assert again.exit_code == 2 and "no decision with id 'D001'" in again.output


def test_hints_quote_the_database_given(work: Path) -> None:
    r = invoke("flags", "--db", "other/none.duckdb")
    assert r.exit_code == 2
    assert "other/none.duckdb: no database; run `pipeline run --db other/none.duckdb` first" in r.output
    done = invoke("set", study_id(), "n_male", "15", "--reason", "x", "--db", "data/e.duckdb")
    assert "D001 written to data/decisions.toml; run `pipeline run --db data/e.duckdb` to apply it" in done.output


def test_paths_come_from_flag_then_environment_then_pyproject(work: Path) -> None:
    (work / "pyproject.toml").write_text('[tool.pipeline]\ndb = "data/e.duckdb"\nexport = "out/export"\n',
                                         encoding="utf-8")
    cfg = json.loads(invoke("config", "--format", "json").output)
    assert cfg["db"] == {"path": "data/e.duckdb", "from": "pyproject.toml:2"}
    assert cfg["export"] == {"path": "out/export", "from": "pyproject.toml:3"}
    assert cfg["decisions"] == {"path": "data/decisions.toml", "from": "default"}  # beside the database
    env = json.loads(invoke("config", "--format", "json", env={"PIPELINE_DB": "env.duckdb"}).output)
    assert env["db"] == {"path": "env.duckdb", "from": "PIPELINE_DB"}
    flag = json.loads(invoke("config", "--db", "x.duckdb", "--format", "json", env={"PIPELINE_DB": "env.duckdb"}).output)
    assert flag["db"] == {"path": "x.duckdb", "from": "flag"}
    # The configured database serves every command without --db.
    assert invoke("studies").exit_code == 0
    text = invoke("config").output
    assert "db         data/e.duckdb" in text and "from pyproject.toml:2" in text


def test_a_bad_config_key_is_named_with_its_line(work: Path) -> None:
    (work / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.pipeline]\ndatabase = "e.duckdb"\n',
                                         encoding="utf-8")
    r = invoke("studies")
    assert r.exit_code == 2 and "pyproject.toml:5: unknown key 'database' in [tool.pipeline]" in r.output


def test_every_command_has_h_and_examples_keep_their_lines() -> None:
    for name, command in cli.commands.items():
        r = invoke(name, "-h")
        assert r.exit_code == 0 and "Usage:" in r.output, name
        if name == "schema":
            continue
        assert "Example:\n" in r.output, name
        example = r.output.split("Example:\n", 1)[1].split("\n\n", 1)[0]
        assert all(line.startswith("      pipeline ") or line.startswith("      PIPELINE_")
                   for line in example.splitlines()), (name, example)


def test_commands_that_print_data_take_format_json(work: Path) -> None:
    sid = study_id()
    for args in (["studies"], ["show", sid], ["decisions"], ["config"], ["rules"], ["check-db", "data/e.duckdb"],
                 ["report", "--out", "r.html"], ["validate"], ["run"]):
        extra = [] if args[0] in ("rules", "check-db", "config", "validate") else ["--db", "data/e.duckdb"]
        if args[0] == "decisions":
            invoke("set", sid, "n_male", "15", "--reason", "x", "--db", "data/e.duckdb")
        r = invoke(*args, *extra, "--format", "json")
        json.loads(r.stdout), args  # parses


def test_quiet_prints_no_summary(work: Path) -> None:
    r = invoke("run", "--db", "data/e.duckdb", "-q")
    assert r.exit_code == 1 and r.output == ""
    v = invoke("validate", "-q")
    assert v.output.splitlines() == [v.output.splitlines()[0]] and "S103" in v.output


def test_report_dash_writes_to_standard_output(work: Path) -> None:
    r = invoke("report", "--db", "data/e.duckdb", "--out", "-")
    assert r.exit_code == 0 and r.stdout.startswith("<!DOCTYPE html>")
    assert not (work / "-").exists()


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_files_get_the_mode_of_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / f"{SID}.txt").write_text(TEXT, encoding="utf-8")
    script = (f"import os, sys; os.umask({mask}); from pipeline.cli import main; sys.argv = ['pipeline'] + "
              "sys.argv[1:]; main()")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", script, *args], cwd=tmp_path, capture_output=True, text=True,
                              env=env, timeout=300)

    assert run("run").returncode == 1
    sid = json.loads(run("studies", "--format", "json").stdout)[0]["study_id"]
    assert run("set", sid, "n_male", "15", "--quote", "17 men", "--reason", "x").returncode == 0
    assert run("report").returncode == 0
    files = [tmp_path / "curated" / "decisions.toml", tmp_path / "curated" / "report.html",
             tmp_path / "curated" / "evidence.duckdb", *sorted((tmp_path / "curated" / "export").glob("*.jsonl"))]
    assert {f.name: oct(stat.S_IMODE(f.stat().st_mode)) for f in files} == {f.name: oct(mode) for f in files}

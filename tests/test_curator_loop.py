"""The curator's loop, end to end in a scratch copy of the repository: a wrong count is flagged,
`pipeline set` corrects it, the next `run` shows the flag resolved and exits 0, and `validate` on
the same folder agrees and prints the flag id."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Written for this test: 17 + 21 = 38 people, but the trial enrolled 36.
WRONG_COUNT = """Breathing exercise trial

A randomized trial enrolled 36 adults with asthma: 17 men and 21 women. Participants practised
breathing exercises twice daily for 8 weeks.
"""


def pipeline(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=repo, capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The repository's raw/, decisions and pyproject.toml, plus one article with a wrong count."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "raw", repo / "raw")
    (repo / "curated").mkdir()
    shutil.copy(ROOT / "curated" / "decisions.toml", repo / "curated" / "decisions.toml")
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    (repo / "raw" / "asthma-trial.txt").write_text(WRONG_COUNT, encoding="utf-8")
    return repo


def test_flag_set_run_resolved_and_validate_agrees(repo: Path) -> None:
    first = pipeline(repo, "run")
    assert first.returncode == 1, first.stderr
    flags = [json.loads(line) for line in pipeline(repo, "flags", "--format", "json").stdout.splitlines()]
    [flag] = [f for f in flags if f["source_id"] == "asthma-trial"]
    assert flag["rule"] == "sex-split-mismatch" and flag["status"] == "open"
    assert "17 men + 21 women = 38, but the study has 36 adults" in flag["message"]

    # The ids come from `pipeline studies`; `pipeline show` prints the exact command to change the value.
    [study] = json.loads(pipeline(repo, "studies", "--source", "asthma-trial", "--format", "json").stdout)
    shown = pipeline(repo, "show", flag["flag_id"]).stdout
    assert f"pipeline set {study['study_id']} n_male 17 --quote '17 men' --reason '...'" in shown

    done = pipeline(repo, "set", study["study_id"], "n_male", "15", "--quote", "17 men",
                    "--reason", "the participant table gives 15 men")
    assert done.returncode == 0 and "D006 written to curated/decisions.toml" in done.stdout, done.stderr

    second = pipeline(repo, "run")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "0 open flags (0 errors)" in second.stdout and "1 resolved" in second.stdout
    after = {f["flag_id"]: f for f in map(json.loads, pipeline(repo, "flags", "--all", "--format", "json")
                                          .stdout.splitlines())}
    assert after[flag["flag_id"]]["status"] == "resolved" and after[flag["flag_id"]]["decision_id"] == "D006"

    check = pipeline(repo, "validate")
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"flag {flag['flag_id']}" in check.stdout
    assert "raw/asthma-trial.txt:3:52: S103 sex-split-mismatch [error, resolved by D006]" in check.stdout
    report = json.loads(pipeline(repo, "validate", "--format", "json").stdout)
    by_id = {f["flag_id"]: f for f in report["findings"]}
    # Every flag of the database, with the same status: `validate` and `run` agree.
    assert {k: (v["status"], v["decision_id"]) for k, v in by_id.items()} == \
        {k: (v["status"], v["decision_id"]) for k, v in after.items()}


def test_a_correction_that_does_not_remove_the_cause_rewords_the_flag(repo: Path) -> None:
    pipeline(repo, "run")
    [study] = json.loads(pipeline(repo, "studies", "--source", "asthma-trial", "--format", "json").stdout)
    pipeline(repo, "set", study["study_id"], "n_male", "16", "--quote", "17 men", "--reason", "a recount")
    again = pipeline(repo, "run")
    assert again.returncode == 1
    flags = [json.loads(line) for line in pipeline(repo, "flags", "--format", "json").stdout.splitlines()]
    [flag] = [f for f in flags if f["source_id"] == "asthma-trial"]
    assert flag["status"] == "open"
    assert flag["message"] == "16 men + 21 women = 37, but the study has 36 adults (1 more)"

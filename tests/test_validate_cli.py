"""`pipeline validate`: formats, selection, exit codes."""
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import CONTRACT_VERSION
from pipeline.cli import cli
from pipeline.validate.report import render_github, report_json_schema

ROOT = Path(__file__).resolve().parents[1]
WARN_ONLY = "Mood clinics use SNRIs (selective norepinephrine reuptake inhibitors) often.\n"
ERROR = ("Study 1: Sleep trial\n\nThis study enrolled 20 adults with insomnia. Ten men and ten women took part.\n"
         "By week four, 24 out of 20 adults slept longer.\n")


def invoke(*args):
    return CliRunner().invoke(cli, ["validate", *args], catch_exceptions=False)


@pytest.fixture
def raw(tmp_path):
    d = tmp_path / "raw"
    d.mkdir()
    (d / "warn.txt").write_text(WARN_ONLY, encoding="utf-8")
    (d / "err.txt").write_text(ERROR, encoding="utf-8")
    return d


def test_text_format_is_compiler_style_with_caret(raw):
    r = invoke("--raw", str(raw))
    assert r.exit_code == 1
    line = next(ln for ln in r.output.splitlines() if "count-exceeds-total" in ln)
    m = re.match(r"^(.+/err\.txt):(\d+):(\d+): S102 count-exceeds-total \[error\] ", line)
    assert m, line
    lines = r.output.splitlines()
    i = lines.index(line)
    col = int(m.group(3))
    assert lines[i + 1].strip() == ERROR.splitlines()[int(m.group(2)) - 1].strip()
    assert lines[i + 2].index("^") - 4 == col - 1


def test_exit_codes(raw, tmp_path):
    (raw / "err.txt").unlink()
    assert invoke("--raw", str(raw)).exit_code == 0  # warnings only
    assert invoke("--raw", str(raw), "--strict").exit_code == 1
    assert invoke("--raw", str(tmp_path / "missing")).exit_code == 2
    assert invoke("--raw", str(raw), "--select", "X9").exit_code == 2
    assert invoke("--raw", str(raw), "--format", "yaml").exit_code == 2


def test_select_and_ignore(raw):
    r = invoke("--raw", str(raw), "--format", "json", "--select", "S1")
    rules = {f["rule"] for f in json.loads(r.output)["findings"]}
    assert rules and all(f.startswith(("count", "sub", "sex", "percent", "period", "dose", "design", "sample", "missing"))
                         for f in rules)
    r = invoke("--raw", str(raw), "--format", "json", "--ignore", "count-exceeds-total,A2")
    assert r.exit_code == 0 and json.loads(r.output)["findings"] == []


def test_json_validates_against_exported_schema(raw):
    jsonschema = pytest.importorskip("jsonschema")  # dev dependency
    r = invoke("--raw", str(raw), "--format", "json")
    data = json.loads(r.output)
    schema = json.loads((ROOT / "schemas" / f"findings-v{CONTRACT_VERSION}.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads(json.dumps(report_json_schema()))
    jsonschema.validate(data, schema)
    assert data["exit_code"] == r.exit_code == 1 and data["valid"] is False
    f = next(f for f in data["findings"] if f["rule"] == "count-exceeds-total")
    assert f["status"] == "open" and f["study_ordinal"] == 1 and f["path"].endswith("err.txt")
    assert ERROR[f["char_start"]:f["char_end"]] == "24 out of 20 adults"


def test_github_annotations(raw):
    r = invoke("--raw", str(raw), "--format", "github")
    lines = r.output.splitlines()
    assert lines and all(re.match(r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=[A-Z]\d{3} [a-z-]+ \([^)]+\)::.+$", ln)
                         for ln in lines), lines


def test_github_escaping():
    from pipeline.validate.report import Report, ReportFinding

    f = ReportFinding(code="S104", rule="percent-count-mismatch", severity="info", message="50% of 3\r\nnext",
                      source_id="a", path="raw/a,b:c.txt", line=1, col=2)
    out = render_github(Report(valid=True, exit_code=0, findings=[f]))
    assert out == "::notice file=raw/a%2Cb%3Ac.txt,line=1,col=2,title=S104 percent-count-mismatch::50%25 of 3%0D%0Anext"


def test_unreadable_file_is_reported_and_fails(raw):
    (raw / "bad.txt").write_bytes(b"\xff\xfe bad")
    r = invoke("--raw", str(raw), "--format", "json", "--ignore", "S,A")
    data = json.loads(r.output)
    assert r.exit_code == 1 and data["source_errors"][0]["path"].endswith("bad.txt")

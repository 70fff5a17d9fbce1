"""A validation run's report and its three renderings: compiler-style text, JSON, GitHub annotations."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from pipeline import CONTRACT_VERSION
from pipeline.models import Finding, SourceError

REPORT_VERSION = 1


class ReportFinding(Finding):
    """A finding with the file it is in and its curation status."""

    path: str = Field(description="The article file, as given to the command (e.g. raw/x.txt).")
    status: Literal["open", "acknowledged"] = "open"


class Report(BaseModel):
    """Everything `pipeline validate` found, as printed by ``--format json``."""

    report_version: int = REPORT_VERSION
    contract_version: int = CONTRACT_VERSION
    valid: bool = Field(description="True when the exit code is 0.")
    exit_code: int
    strict: bool = False
    articles: int = 0
    counts: dict[str, int] = Field(default_factory=dict, description="Findings by severity.")
    findings: list[ReportFinding] = Field(default_factory=list)
    source_errors: list[SourceError] = Field(default_factory=list)


def exit_code_for(findings: Sequence[Finding], strict: bool) -> int:
    failing = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.severity in failing for f in findings) else 0


def build_report(findings: list[ReportFinding], articles: int, source_errors: list[SourceError],
                 strict: bool = False) -> Report:
    # An unreadable input file fails the check like an error finding would.
    code = 1 if source_errors else exit_code_for(findings, strict)
    counts = Counter(f.severity for f in findings)
    return Report(valid=code == 0, exit_code=code, strict=strict, articles=articles,
                  counts={k: counts.get(k, 0) for k in ("error", "warning", "info")},
                  findings=findings, source_errors=source_errors)


def report_json_schema() -> dict:
    """JSON Schema of the ``--format json`` output (exported as schemas/findings-v1.schema.json)."""
    schema = Report.model_json_schema()
    schema["title"] = f"pipeline validate --format json, report version {REPORT_VERSION}"
    return schema


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=1)


def render_text(report: Report, texts: dict[str, str]) -> str:
    """Compiler-style: ``path:line:col: CODE slug [severity] message``, the source line, a caret."""
    out = []
    for f in report.findings:
        where = f"{f.path}:{f.line}:{f.col}" if f.line else f.path
        out.append(f"{where}: {f.code} {f.rule} [{f.severity}] {f.message}")
        text = texts.get(f.source_id)
        if text is not None and f.line:
            src = text.split("\n")[f.line - 1]
            col = f.col or 1
            # Long lines are cut around the column so the caret stays readable.
            lo = max(0, col - 60)
            shown = ("..." if lo else "") + src[lo:lo + 120] + ("..." if lo + 120 < len(src) else "")
            width = max(1, min(len(src), (f.char_end or 0) - (f.char_start or 0), 120 - (col - 1 - lo)))
            out.append("    " + shown)
            out.append("    " + " " * (col - 1 - lo + (3 if lo else 0)) + "^" + "~" * (width - 1))
    for e in report.source_errors:
        out.append(f"{e.path}: skipped: {e.message}")
    c = report.counts
    out.append(f"{report.articles} articles: {c.get('error', 0)} errors, {c.get('warning', 0)} warnings, "
               f"{c.get('info', 0)} info")
    return "\n".join(out)


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands: ``::error file=...,line=...,col=...,title=...::message``."""
    out = []
    for f in report.findings:
        props = [f"file={_escape_property(f.path)}"]
        if f.line:
            props += [f"line={f.line}", f"col={f.col}"]
        props.append(f"title={_escape_property(f'{f.code} {f.rule}')}")
        out.append(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_escape_data(f.message)}")
    for e in report.source_errors:
        out.append(f"::error file={_escape_property(e.path)},title=input::{_escape_data(e.message)}")
    return "\n".join(out)

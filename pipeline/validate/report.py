"""A validation run's report and its three renderings: compiler-style text, JSON, GitHub annotations."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from pipeline import CONTRACT_VERSION
from pipeline.models import Finding, SourceError
from pipeline.words import plural

REPORT_VERSION = 1


class ReportFinding(Finding):
    """A finding with the file it is in, its flag id and its curation status (as `run` stores it)."""

    path: str = Field(description="The article file, as given to the command (e.g. raw/x.txt).")
    status: Literal["open", "acknowledged", "resolved"] = "open"
    flag_id: str | None = Field(default=None, description="The flag's id in the database (`pipeline ack` takes it).")
    study_id: str | None = None
    decision_id: str | None = Field(default=None, description="The decision that acknowledged or resolved it.")


class Report(BaseModel):
    """Everything `pipeline validate` found, as printed by ``--format json``."""

    report_version: int = REPORT_VERSION
    contract_version: int = CONTRACT_VERSION
    valid: bool = Field(description="True when the exit code is 0.")
    exit_code: int
    strict: bool = False
    articles: int = 0
    counts: dict[str, int] = Field(default_factory=dict, description="Open findings by severity.")
    statuses: dict[str, int] = Field(default_factory=dict, description="Findings by status.")
    decisions_applied: int = 0
    decisions_elsewhere: int = Field(default=0, description="Decisions that name no article of the folder "
                                                            "(not applied).")
    findings: list[ReportFinding] = Field(default_factory=list)
    source_errors: list[SourceError] = Field(default_factory=list)


def exit_code_for(findings: Sequence[Finding], strict: bool) -> int:
    """1 when an open finding fails the check (acknowledged and resolved ones never do)."""
    failing = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.severity in failing and getattr(f, "status", "open") == "open" for f in findings) else 0


def build_report(findings: list[ReportFinding], articles: int, source_errors: list[SourceError],
                 strict: bool = False) -> Report:
    # An unreadable input file fails the check like an error finding would.
    code = 1 if source_errors else exit_code_for(findings, strict)
    counts = Counter(f.severity for f in findings if f.status == "open")
    statuses = Counter(f.status for f in findings)
    return Report(valid=code == 0, exit_code=code, strict=strict, articles=articles,
                  counts={k: counts.get(k, 0) for k in ("error", "warning", "info")},
                  statuses={k: statuses.get(k, 0) for k in ("open", "acknowledged", "resolved")},
                  findings=findings, source_errors=source_errors)


def report_json_schema() -> dict:
    """JSON Schema of the ``--format json`` output (exported as schemas/findings-v1.schema.json)."""
    schema = Report.model_json_schema()
    schema["title"] = f"pipeline validate --format json, report version {REPORT_VERSION}"
    return schema


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=1)


def _excerpt(f: ReportFinding, text: str) -> list[str]:
    """The finding's source line (cut around the column when long) and a caret under its words."""
    src = text.split("\n")[f.line - 1] if f.line else ""
    col = f.col or 1
    lo = max(0, col - 60)
    shown = ("..." if lo else "") + src[lo:lo + 120] + ("..." if lo + 120 < len(src) else "")
    width = max(1, min(len(src), (f.char_end or 0) - (f.char_start or 0), 120 - (col - 1 - lo)))
    return ["    " + shown, "    " + " " * (col - 1 - lo + (3 if lo else 0)) + "^" + "~" * (width - 1)]


def location(f: ReportFinding) -> str:
    """``path:line:col``, the form editors and terminals open."""
    return f"{f.path}:{f.line}:{f.col or 1}" if f.line else f.path


def render_text(report: Report, texts: dict[str, str], quiet: bool = False) -> str:
    """Compiler-style: ``path:line:col: CODE slug [severity] message``, the source line, a caret and
    the flag id; acknowledged and resolved findings in one line each. ``quiet``: open findings only,
    one line each, no summary."""
    out = []
    for f in report.findings:
        state = "" if f.status == "open" else f", {f.status}" + (f" by {f.decision_id}" if f.decision_id else "")
        if quiet and f.status != "open":
            continue
        out.append(f"{location(f)}: {f.code} {f.rule} [{f.severity}{state}] {f.message}")
        if quiet:
            continue
        text = texts.get(f.source_id)
        if f.status == "open" and text is not None and f.line:
            out += _excerpt(f, text)
        if f.flag_id:
            out.append(f"    flag {f.flag_id}")
    for e in report.source_errors:
        out.append(f"{e.path}: skipped: {e.message}")
    if not quiet:
        c, s = report.counts, report.statuses
        out.append(f"{plural(report.articles, 'article')}: {plural(c.get('error', 0), 'error')}, "
                   f"{plural(c.get('warning', 0), 'warning')}, {plural(c.get('info', 0), 'info')} open; "
                   f"{s.get('acknowledged', 0):,} acknowledged, {s.get('resolved', 0):,} resolved; "
                   f"{plural(report.decisions_applied, 'decision')} applied")
    return "\n".join(out)


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands: ``::error file=...,line=...,col=...,title=...::message``, for
    open findings (acknowledged and resolved ones are no longer problems); the title names the flag id."""
    out = []
    for f in report.findings:
        if f.status != "open":
            continue
        props = [f"file={_escape_property(f.path)}"]
        if f.line:
            props += [f"line={f.line}", f"col={f.col}"]
        flag = f" ({f.flag_id})" if f.flag_id else ""
        props.append(f"title={_escape_property(f'{f.code} {f.rule}{flag}')}")
        out.append(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_escape_data(f.message)}")
    for e in report.source_errors:
        out.append(f"::error file={_escape_property(e.path)},title=input::{_escape_data(e.message)}")
    return "\n".join(out)

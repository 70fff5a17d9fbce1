"""`pipeline validate` as a library function: every article of a raw folder through the same steps as
`pipeline run` (extract, validate, curate, the curator's decisions, validation of the curated
values), without writing a database. So `validate` and `run` agree on every flag, its id and its
status.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from pipeline.cache import Entry, Plan
from pipeline.curate.apply import error_order
from pipeline.curate.decisions import DecisionFile, load_decisions
from pipeline.errors import InputError
from pipeline.ingest import read_article
from pipeline.models import SourceError
from pipeline.models.rows import FlagRow, StudyRow
from pipeline.parallel import BATCH, default_jobs, ordered_map
from pipeline.runner import Progress
from pipeline.validate.registry import select, unknown_selectors
from pipeline.validate.report import Report, ReportFinding, build_report


class Checked(NamedTuple):
    """What validation found in one article (picklable, sent back from a worker process)."""

    source_id: str
    findings: list[ReportFinding]
    text: str | None  # only when there are findings to show a line of
    applied: int
    errors: list[tuple[str, str]]


def check_article(item: tuple[Path, Path, DecisionFile | None]) -> Checked | SourceError:
    """One article of the folder, as `run` would store its flags."""
    from pipeline.process import curate_with_decisions

    path, raw, decisions = item
    article = read_article(path, raw)
    if isinstance(article, SourceError):
        return article
    try:
        done = curate_with_decisions(article, decisions)
    except Exception as e:  # one article's bug must not take the check down; it is reported instead
        return SourceError(path=article.path, code="internal-error",
                           message=f"{article.path}: internal error ({type(e).__name__}: {e}); please report")
    ordinals = {r.study_id: r.ordinal for r in done.rows.get("studies", []) if isinstance(r, StudyRow)}
    shown = (raw / article.path).as_posix()
    findings = [
        ReportFinding(code=f.code, rule=f.rule, severity=f.severity, category=f.category,  # type: ignore[arg-type]
                      message=f.message, source_id=f.source_id, study_ordinal=ordinals.get(f.study_id or ""),
                      char_start=f.char_start, char_end=f.char_end, line=f.line, col=f.col, path=shown,
                      flag_id=f.flag_id, study_id=f.study_id, status=f.status, decision_id=f.decision_id)
        for f in done.rows.get("flags", []) if isinstance(f, FlagRow)
    ]
    findings.sort(key=lambda f: (f.char_start if f.char_start is not None else -1, f.code))
    return Checked(article.source_id, findings, article.text if findings else None, done.applied, done.errors)


def validate_folder(raw: Path, decisions: Path, selected: Sequence[str] = (), ignored: Sequence[str] = (),
                    strict: bool = False, jobs: int | None = None, progress: Progress | None = None,
                    decisions_required: bool = False) -> tuple[Report, dict[str, str]]:
    """Validate every article of ``raw`` with the decisions of ``decisions`` applied; returns the report
    and the text of each article with findings, by source id."""
    if not raw.is_dir():
        raise InputError(f"{raw}: no such folder of articles")
    bad = unknown_selectors([*selected, *ignored])
    if bad:
        raise InputError(f"unknown rule code or slug: {', '.join(bad)} (see `pipeline rules`)")
    codes = {r.code for r in select(selected, ignored)}
    dfile = load_decisions(decisions, required=decisions_required)
    plan = Plan.make(raw, decisions, dfile, None)  # the articles and decisions `run` would read
    errors: list[SourceError] = [e.model_copy(update={"path": (raw / e.path).as_posix()})
                                 for e in plan.entries if isinstance(e, SourceError)]
    entries = [e for e in plan.entries if isinstance(e, Entry)]
    if progress:
        progress.start(len(entries))
    items = [(e.path, raw, plan.groups.get(e.source_id)) for e in entries]
    few = len(items) <= BATCH
    findings: list[ReportFinding] = []
    texts: dict[str, str] = {}
    # Decisions on articles that are not in this folder do not concern its check (a folder other than
    # the one `run` publishes, or a part of it): they are reported, not applied, and fail nothing.
    decision_errors: list[tuple[str, str]] = []
    articles = applied = 0
    for result in ordered_map(check_article, items, jobs=1 if few else (jobs or default_jobs()),
                              progress=progress.advance if progress else None):
        if isinstance(result, SourceError):
            errors.append(result.model_copy(update={"path": (raw / result.path).as_posix()}))
            continue
        articles += 1
        applied += result.applied
        decision_errors += result.errors
        findings += [f for f in result.findings if f.code in codes]
        if result.text is not None:
            texts[result.source_id] = result.text
    if decision_errors:
        order = error_order(dfile)
        decision_errors.sort(key=lambda e: order.get(e[0], (9, 0)))
        raise InputError("decisions do not apply:\n  " + "\n  ".join(msg for _, msg in decision_errors))
    report = build_report(findings, articles, errors, strict)
    report.decisions_applied = applied
    report.decisions_elsewhere = len(plan.unknown.errors)
    return report, texts

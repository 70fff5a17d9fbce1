"""`pipeline validate` as a library function: ingest + extract + validate, no database."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.errors import InputError
from pipeline.models import SourceError
from pipeline.validate.engine import run_rules
from pipeline.validate.registry import select, unknown_selectors
from pipeline.validate.report import Report, ReportFinding, build_report


def validate_folder(raw: Path, selected: Sequence[str] = (), ignored: Sequence[str] = (),
                    strict: bool = False) -> tuple[Report, dict[str, str]]:
    """Validate every article of ``raw``; returns the report and each article's text by source id."""
    from pipeline.extract import extract
    from pipeline.ingest import read_corpus

    if not raw.is_dir():
        raise InputError(f"{raw}: no such folder of articles")
    bad = unknown_selectors([*selected, *ignored])
    if bad:
        raise InputError(f"unknown rule code or slug: {', '.join(bad)} (see `pipeline rules`)")
    rules = select(selected, ignored)
    findings: list[ReportFinding] = []
    errors: list[SourceError] = []
    texts: dict[str, str] = {}
    articles = 0
    for item in read_corpus(raw):
        if isinstance(item, SourceError):
            errors.append(item.model_copy(update={"path": (raw / item.path).as_posix()}))
            continue
        articles += 1
        texts[item.source_id] = item.text
        path = (raw / item.path).as_posix()
        for f in run_rules(item, extract(item), rules):
            findings.append(ReportFinding(**f.model_dump(), path=path))
    return build_report(findings, articles, errors, strict), texts

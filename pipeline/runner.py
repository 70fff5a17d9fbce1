"""`pipeline run` as a library function: raw folder -> published DuckDB file."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from pipeline.curate import CuratedArticle, curate_article, schema_info_row
from pipeline.curate.apply import apply_decisions
from pipeline.curate.decisions import DecisionFile, load_decisions
from pipeline.curate.export import ExportDiff, compare, render, write_export
from pipeline.curate.rowset import RowSet
from pipeline.errors import InputError
from pipeline.extract import extract
from pipeline.ingest import list_sources, read_corpus
from pipeline.models import Article, SourceError
from pipeline.models.rows import Row
from pipeline.settings import DEFAULT_LOCK_TIMEOUT
from pipeline.store.lock import run_lock
from pipeline.store.publish import publish
from pipeline.validate import validate


class RunReport(BaseModel):
    articles: int = 0
    studies: int = 0
    flags_by_severity: dict[str, int] = Field(default_factory=dict)
    open_errors: int = 0
    acknowledged: int = 0
    source_errors: list[SourceError] = Field(default_factory=list)
    db: str = ""
    decisions_applied: int = 0
    stale_decisions: int = 0
    export: str = ""
    export_diff: ExportDiff | None = Field(default=None, description="Set by a --check run.")

    @property
    def exit_code(self) -> int:
        if self.export_diff is not None:  # --check: only whether the committed export is current
            return 0 if self.export_diff.up_to_date else 1
        # 2: some input file was skipped (the good ones are still published); see README.
        return 2 if self.source_errors else 1 if self.open_errors else 0


def process_article(article: Article) -> CuratedArticle:
    """Extract, validate and curate one article."""
    facts = extract(article)
    findings = validate(article, facts)
    return curate_article(article, facts, findings)


def build_rows(items: Iterable[Article | SourceError], report: RunReport,
               on_article: Callable[[], None] | None = None) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {"schema_info": [schema_info_row()]}
    for item in items:
        if isinstance(item, SourceError):
            report.source_errors.append(item)
            continue
        curated = process_article(item)
        report.articles += 1
        for table, table_rows in curated.rows.items():
            rows.setdefault(table, []).extend(table_rows)
        if on_article:
            on_article()
    return rows


def curate_rows(rows: dict[str, list[Row]], decisions: DecisionFile, report: RunReport) -> dict[str, list[Row]]:
    """Apply the decisions; raise ``InputError`` (nothing published) when one names an unknown id."""
    rs = RowSet(rows)
    outcome = apply_decisions(rs, decisions)
    if outcome.errors:
        raise InputError("decisions do not apply (nothing was published):\n  " + "\n  ".join(outcome.errors))
    report.decisions_applied, report.stale_decisions = outcome.applied, outcome.stale
    rows = rs.to_rows()
    report.studies = len(rows.get("studies", []))
    flags = rows.get("flags", [])
    report.flags_by_severity = dict(Counter(f.severity for f in flags))
    report.open_errors = sum(1 for f in flags if f.severity == "error" and f.status == "open")
    report.acknowledged = sum(1 for f in flags if f.status == "acknowledged")
    return rows


def run(raw: Path, db: Path, on_article: Callable[[], None] | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT, decisions: Path | None = None,
        export: Path | None = None, check: bool = False, decisions_required: bool = False) -> RunReport:
    """Process every article of ``raw``, apply the curator's decisions, publish ``db`` atomically
    and write the text export, one writer at a time.

    ``decisions`` and ``export`` default to ``decisions.toml`` and ``export/`` beside ``db``. With
    ``check`` nothing is written: the report tells how the committed export differs.
    """
    if not raw.is_dir():
        raise InputError(f"{raw}: no such folder of articles")
    decisions = decisions if decisions is not None else db.parent / "decisions.toml"
    export = export if export is not None else db.parent / "export"
    dfile = load_decisions(decisions, required=decisions_required)  # fail before the long part
    report = RunReport(db=str(db), export=str(export))
    if check:
        rows = curate_rows(build_rows(read_corpus(raw), report, on_article), dfile, report)
        report.export_diff = compare(export, render(rows))
        return report
    with run_lock(db, lock_timeout):
        rows = curate_rows(build_rows(read_corpus(raw), report, on_article), dfile, report)
        publish(db, rows)
        write_export(export, render(rows))
    return report


def count_sources(raw: Path) -> int:
    return len(list_sources(raw)) if raw.is_dir() else 0

"""`pipeline run` as a library function: raw folder -> published DuckDB file."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from pipeline.curate import CuratedArticle, curate_article, schema_info_row
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
    source_errors: list[SourceError] = Field(default_factory=list)
    db: str = ""

    @property
    def exit_code(self) -> int:
        return 1 if self.open_errors else 0


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
    report.studies = len(rows.get("studies", []))
    flags = rows.get("flags", [])
    report.flags_by_severity = dict(Counter(f.severity for f in flags))
    report.open_errors = sum(1 for f in flags if f.severity == "error" and f.status == "open")
    return rows


def run(raw: Path, db: Path, on_article: Callable[[], None] | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> RunReport:
    """Process every article of ``raw`` and publish ``db`` atomically, one writer at a time."""
    if not raw.is_dir():
        raise InputError(f"{raw}: no such folder of articles")
    report = RunReport(db=str(db))
    with run_lock(db, lock_timeout):
        rows = build_rows(read_corpus(raw), report, on_article)
        publish(db, rows)
    return report


def count_sources(raw: Path) -> int:
    return len(list_sources(raw)) if raw.is_dir() else 0

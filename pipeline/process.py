"""One article through the stages: extract, validate, curate, then the curator's decisions on it.

Runs in worker processes (``pipeline.parallel``): the functions here are module-level, and an
article's rows come back as plain tuples, cheap to send between processes.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pipeline.cache import Entry
from pipeline.curate.decisions import DecisionFile
from pipeline.ingest import read_article
from pipeline.models import Article, SourceError
from pipeline.models.rows import Row

if TYPE_CHECKING:
    from pipeline.curate.rows import CuratedArticle


def process_article(article: Article) -> CuratedArticle:
    """Extract, validate and curate one article."""
    # Imported here, not at the top: a run with nothing to do must not pay for loading them.
    from pipeline.curate.rows import curate_article
    from pipeline.extract import extract
    from pipeline.validate import validate

    facts = extract(article)
    findings = validate(article, facts)
    return curate_article(article, facts, findings)


class ArticleResult(NamedTuple):
    """One article's final rows as tuples (cheap to send between processes) and its decisions' outcome."""

    source_id: str
    sha256: str
    rows: dict[str, list[tuple[Any, ...]]]
    applied: int
    stale: int
    errors: list[tuple[str, str]]  # (decision id, message)


class CuratedResult(NamedTuple):
    """One article's final rows (decisions applied, flags checked against the curated values)."""

    rows: dict[str, list[Row]]
    applied: int
    stale: int
    errors: list[tuple[str, str]]  # (decision id, message)


def curate_with_decisions(article: Article, decisions: DecisionFile | None) -> CuratedResult:
    """Extract, validate and curate one article, apply the curator's decisions on it, and validate
    the curated values again (``pipeline.curate.recheck``): what `run` stores and `validate` prints."""
    from pipeline.curate.apply import apply_decisions
    from pipeline.curate.recheck import recheck_flags
    from pipeline.curate.rows import curate_article
    from pipeline.curate.rowset import RowSet
    from pipeline.curate.typed import with_typed_values
    from pipeline.extract import extract
    from pipeline.validate import validate

    facts = extract(article)
    curated = curate_article(article, facts, validate(article, facts))
    if decisions is None or not decisions.decisions:
        return CuratedResult(curated.rows, 0, 0, [])
    rs = RowSet(curated.rows)
    dfile = decisions

    def recheck(rows: RowSet, applied: list[str]) -> None:
        recheck_flags(article, facts, curated.fact_ids, RowSet(curated.rows), rows, dfile, applied, validate)

    out = apply_decisions(rs, decisions, recheck)
    # The typed columns follow the values the decisions set ("one year" -> 365.25 days).
    return CuratedResult(with_typed_values(rs.to_rows()), out.applied, out.stale, list(zip(out.error_ids, out.errors)))


def finalize_article(article: Article, decisions: DecisionFile | None) -> ArticleResult:
    """``curate_with_decisions`` with the rows as tuples, for the database."""
    from pipeline.store.write import as_tuples

    done = curate_with_decisions(article, decisions)
    return ArticleResult(article.source_id, article.sha256, as_tuples(done.rows), done.applied, done.stale,
                         done.errors)


def load_stages() -> None:
    """Import what ``work`` runs (importing the extractors compiles their patterns: about 1 s)."""
    import pipeline.curate.apply
    import pipeline.curate.recheck
    import pipeline.curate.rows
    import pipeline.curate.typed
    import pipeline.extract
    import pipeline.store.write
    import pipeline.validate  # noqa: F401


WorkItem = tuple[Article | SourceError, DecisionFile | None]


def work(item: WorkItem) -> ArticleResult | SourceError:
    """What a worker does with one item; an article's crash is reported, never raised."""
    article, decisions = item
    if isinstance(article, SourceError):
        return article
    try:
        return finalize_article(article, decisions)
    except Exception as e:  # one article's bug must not take the run down; it is reported instead
        return SourceError(path=article.path, code="internal-error",
                           message=f"{article.path}: internal error ({type(e).__name__}: {e}); please report")


def work_items(todo: list[Entry | SourceError], raw: Path, groups: dict[str, DecisionFile]) -> Iterator[WorkItem]:
    """Read each article only when the pool asks for it: never all texts at once."""
    for e in todo:
        yield (e, None) if isinstance(e, SourceError) else (read_article(e.path, raw), groups.get(e.source_id))

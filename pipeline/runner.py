"""`pipeline run` as a library function: raw folder -> published DuckDB file."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager, nullcontext
from pathlib import Path

from pydantic import BaseModel, Field

from pipeline.cache import ArticleCache, article_key, run_fingerprint
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
from pipeline.parallel import default_jobs, ordered_map
from pipeline.settings import DEFAULT_LOCK_TIMEOUT
from pipeline.store.atomic import atomic_write_text
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
    unchanged: bool = Field(default=False, description="Nothing changed since the last run: nothing written.")

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


def _process_item(item: Article | SourceError) -> CuratedArticle | SourceError:
    if isinstance(item, SourceError):
        return item
    try:
        return process_article(item)
    except Exception as e:  # one article's bug must not take the run down; it is reported instead
        return SourceError(path=item.path, code="internal-error",
                           message=f"{item.path}: internal error ({type(e).__name__}: {e}); please report")


def _results(items: Iterable[Article | SourceError], jobs: int, executor: Executor | None,
             cache: ArticleCache | None, keys: list[str]) -> Iterator[CuratedArticle | SourceError]:
    """Results in input order: cached ones as they are, the rest computed on ``jobs`` processes."""
    if cache is None:
        yield from ordered_map(_process_item, items, jobs=jobs, executor=executor)
        return
    cached: dict[int, CuratedArticle] = {}
    todo: list[Article | SourceError] = []
    order: list[tuple[bool, int]] = []
    for item in items:
        if isinstance(item, SourceError):
            order.append((False, len(todo)))
            todo.append(item)
            continue
        key = article_key(item)
        keys.append(key)
        hit = cache.get(key)
        if hit is not None:
            order.append((True, len(cached)))
            cached[len(cached)] = hit
        else:
            order.append((False, len(todo)))
            todo.append(item)
    fresh = ordered_map(_process_item, todo, jobs=jobs, executor=executor)
    for is_cached, i in order:
        if is_cached:
            yield cached.pop(i)
            continue
        result = next(fresh)
        if isinstance(result, CuratedArticle):
            art = todo[i]
            cache.put(article_key(art), result)
        yield result


def build_rows(items: Iterable[Article | SourceError], report: RunReport,
               on_article: Callable[[], None] | None = None, jobs: int = 1, executor: Executor | None = None,
               cache: ArticleCache | None = None, keys: list[str] | None = None) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {"schema_info": [schema_info_row()]}
    for curated in _results(items, jobs, executor, cache, keys if keys is not None else []):
        if isinstance(curated, SourceError):
            report.source_errors.append(curated)
            continue
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


def _executor(scheduler: str | None):
    """A concurrent.futures executor on an existing Dask cluster, or None for local processes."""
    if scheduler is None:
        return nullcontext(None)
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs the dask extra: pip install '.[dask]'") from None

    @contextmanager
    def client_executor():
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as e:
            raise InputError(f"--scheduler {scheduler}: cannot connect ({e})") from None
        with client:
            yield client.get_executor()

    return client_executor()


def run(raw: Path, db: Path, on_article: Callable[[], None] | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT, decisions: Path | None = None,
        export: Path | None = None, check: bool = False, decisions_required: bool = False,
        jobs: int | None = None, scheduler: str | None = None, use_cache: bool = True) -> RunReport:
    """Process every article of ``raw``, apply the curator's decisions, publish ``db`` atomically
    and write the text export, one writer at a time.

    ``decisions`` and ``export`` default to ``decisions.toml`` and ``export/`` beside ``db``. With
    ``check`` nothing is written: the report tells how the committed export differs. Results are
    cached per article (``.cache/`` beside ``db``); when nothing changed since the last run the
    database and export are left as they are.
    """
    if not raw.is_dir():
        raise InputError(f"{raw}: no such folder of articles")
    decisions = decisions if decisions is not None else db.parent / "decisions.toml"
    export = export if export is not None else db.parent / "export"
    dfile = load_decisions(decisions, required=decisions_required)  # fail before the long part
    report = RunReport(db=str(db), export=str(export))
    jobs = jobs or default_jobs()
    cache = ArticleCache(db.parent / ".cache" / "articles") if use_cache and not check else None
    with _executor(scheduler) as executor:
        if check:
            rows = curate_rows(build_rows(read_corpus(raw), report, on_article, jobs, executor), dfile, report)
            report.export_diff = compare(export, render(rows))
            return report
        with run_lock(db, lock_timeout):
            items = list(read_corpus(raw))
            stamp = db.with_name(f".{db.name}.run.json")
            fingerprint = None
            if cache is not None:
                fingerprint = run_fingerprint(
                    [article_key(a) if isinstance(a, Article) else a.message for a in items], decisions)
                last = _last_run(stamp)
                if last is not None and last[0] == fingerprint and db.is_file() and export.is_dir():
                    last[1].unchanged = True
                    return last[1]
            keys: list[str] = []
            rows = curate_rows(build_rows(items, report, on_article, jobs, executor, cache, keys), dfile, report)
            del items
            publish(db, rows)
            write_export(export, render(rows))
            if fingerprint is not None:
                atomic_write_text(stamp, json.dumps({"fingerprint": fingerprint,
                                                     "report": report.model_dump(mode="json")}))
    return report


def _last_run(stamp: Path) -> tuple[str, RunReport] | None:
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
        return data["fingerprint"], RunReport.model_validate(data["report"])
    except (OSError, ValueError, KeyError):
        return None


def count_sources(raw: Path) -> int:
    return len(list_sources(raw)) if raw.is_dir() else 0

"""`pipeline run` as a library function: raw folder -> published DuckDB file.

Articles stream through: read one at a time, extracted, validated, curated and given their
curator decisions (on ``jobs`` processes), then buffered as plain tuples and inserted into a
temporary database through Arrow every few thousand rows. Only articles whose key changed
since the published database are processed; the rows of the others are kept from a copy of it.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import duckdb
from pydantic import BaseModel, Field

from pipeline.cache import Entry, RunIndex, SourceState, article_key, code_fingerprint, export_identity, \
    file_identity, run_fingerprint, scan
from pipeline.curate.apply import apply_decisions, error_order, group_by_source
from pipeline.curate.decisions import DecisionFile, load_decisions
from pipeline.curate.export import ExportDiff, compare_database, export_database
from pipeline.curate.rowset import RowSet
from pipeline.errors import InputError
from pipeline.ingest import list_sources, read_article
from pipeline.models import Article, SourceError
from pipeline.parallel import BATCH, default_jobs, ordered_map
from pipeline.settings import DEFAULT_LOCK_TIMEOUT
from pipeline.store.lock import run_lock
from pipeline.store.publish import build_error, discard, new_temp, publish_file, stamps

if TYPE_CHECKING:
    from pipeline.curate import CuratedArticle


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
    processed: int = Field(default=0, description="Articles extracted in this run (the others were reused).")
    seconds: dict[str, float] = Field(default_factory=dict, description="Wall time of each stage of this run.")

    @property
    def exit_code(self) -> int:
        if self.export_diff is not None:  # --check: only whether the committed export is current
            return 0 if self.export_diff.up_to_date else 1
        # 2: some input file was skipped (the good ones are still published); see README.
        return 2 if self.source_errors else 1 if self.open_errors else 0


def process_article(article: Article) -> CuratedArticle:
    """Extract, validate and curate one article."""
    # Imported here, not at the top: a run with nothing to do must not pay for loading them.
    from pipeline.curate import curate_article
    from pipeline.extract import extract
    from pipeline.validate import validate

    facts = extract(article)
    findings = validate(article, facts)
    return curate_article(article, facts, findings)


class ArticleResult(NamedTuple):
    """One article's final rows as tuples (cheap to send between processes) and its decisions' outcome."""

    source_id: str
    sha256: str
    rows: dict[str, list[tuple]]
    applied: int
    stale: int
    errors: list[tuple[str, str]]  # (decision id, message)


def finalize_article(article: Article, decisions: DecisionFile | None) -> ArticleResult:
    """``process_article`` plus the curator's decisions on this article."""
    from pipeline.store import as_tuples

    rows = process_article(article).rows
    if decisions is None or not decisions.decisions:
        return ArticleResult(article.source_id, article.sha256, as_tuples(rows), 0, 0, [])
    rs = RowSet(rows)
    out = apply_decisions(rs, decisions)
    return ArticleResult(article.source_id, article.sha256, as_tuples(rs.to_rows()), out.applied, out.stale,
                         list(zip(out.error_ids, out.errors)))


WorkItem = tuple[Article | SourceError, DecisionFile | None]


def _work(item: WorkItem) -> ArticleResult | SourceError:
    article, decisions = item
    if isinstance(article, SourceError):
        return article
    try:
        return finalize_article(article, decisions)
    except Exception as e:  # one article's bug must not take the run down; it is reported instead
        return SourceError(path=article.path, code="internal-error",
                           message=f"{article.path}: internal error ({type(e).__name__}: {e}); please report")


def _work_items(todo: list[Entry | SourceError], raw: Path, groups: dict[str, DecisionFile]) -> Iterator[WorkItem]:
    """Read each article only when the pool asks for it: never all texts at once."""
    for e in todo:
        yield (e, None) if isinstance(e, SourceError) else (read_article(e.path, raw), groups.get(e.source_id))


def _group_digest(group: DecisionFile | None) -> str:
    return hashlib.sha256(group.model_dump_json().encode()).hexdigest() if group else ""


def _copy_published(db: Path, index: RunIndex | None, dest: Path) -> bool:
    """Copy ``db`` to ``dest`` if it is still the file ``index`` describes (checked on the open file)."""
    if index is None or not index.db_identity:
        return False
    try:
        fd = os.open(db, os.O_RDONLY)
    except OSError:
        return False
    try:
        if file_identity(fd) != index.db_identity:
            return False
        with os.fdopen(os.dup(fd), "rb") as src, dest.open("wb") as out:
            shutil.copyfileobj(src, out, 1 << 22)
        return True
    except OSError:
        dest.unlink(missing_ok=True)
        return False
    finally:
        os.close(fd)


# DuckDB's buffer pool defaults to most of RAM; a small one keeps memory flat however large the
# corpus (blocks beyond it are written to the file, which is where they go anyway).
DUCKDB_MEMORY = "32MB"
EXPORT_MEMORY = "64MB"


def _connect(path: Path, read_only: bool = False, spill: Path | None = None) -> duckdb.DuckDBPyConnection:
    config = {"memory_limit": DUCKDB_MEMORY, "threads": 1, "allocator_flush_threshold": "8MB"}
    if spill is not None:  # sorting a large table for the export needs more than the write buffer
        config["memory_limit"] = EXPORT_MEMORY
        config["temp_directory"] = str(spill)
    return duckdb.connect(str(path), read_only=read_only, config=config)


class _Build(NamedTuple):
    report: RunReport
    sources: dict[str, SourceState]


def _build(raw: Path, entries: list[Entry | SourceError], dfile: DecisionFile, tmp: Path, db: Path,
           index: RunIndex | None, jobs: int, executor, on_article: Callable[[], None] | None,
           report: RunReport) -> _Build:
    """Write the database of this run at ``tmp``: reuse what ``index`` says is current, process the rest."""
    from pipeline.curate import schema_info_row
    from pipeline.store import BatchWriter, as_tuples, create_schema, delete_sources, insert_tuples

    groups, unknown = group_by_source(dfile, {e.source_id for e in entries if isinstance(e, Entry)})
    keys = {e.source_id: article_key(e, _group_digest(groups.get(e.source_id)))
            for e in entries if isinstance(e, Entry) and e.sha256 is not None}
    sha = {e.source_id: e.sha256 for e in entries if isinstance(e, Entry)}
    states: dict[str, SourceState] = {}
    copied = _copy_published(db, index, tmp)
    con = _connect(tmp)
    if copied:
        states = {sid: st for sid, st in index.sources.items() if keys.get(sid) == st.key}  # type: ignore[union-attr]
        delete_sources(con, set(index.sources) - set(states))  # type: ignore[union-attr]
    else:
        create_schema(con)
        insert_tuples(con, "schema_info", as_tuples({"schema_info": [schema_info_row()]})["schema_info"])
    try:
        todo = [e for e in entries if not (isinstance(e, Entry) and e.source_id in states)]
        t0 = time.perf_counter()
        if on_article:
            for _ in states:
                on_article()
        errors = list(zip(unknown.error_ids, unknown.errors))
        writer = BatchWriter(con)
        few = executor is None and len(todo) <= BATCH  # not worth starting processes
        for result in ordered_map(_work, _work_items(todo, raw, groups), jobs=1 if few else jobs, executor=executor,
                                  batch=BATCH):
            if isinstance(result, SourceError):
                report.source_errors.append(result)
                continue
            writer.add(result.rows)
            errors += result.errors
            # A file edited while we ran gets no key: the next run reads it again.
            key = keys.get(result.source_id, "") if result.sha256 == sha.get(result.source_id) else ""
            states[result.source_id] = SourceState(key=key, applied=result.applied, stale=result.stale)
            report.processed += 1
            if on_article:
                on_article()
        writer.flush()
        report.seconds["process"] = round(time.perf_counter() - t0, 3)
        if errors:
            order = error_order(dfile)
            errors.sort(key=lambda e: order.get(e[0], (9, 0)))
            raise InputError("decisions do not apply (nothing was published):\n  "
                             + "\n  ".join(msg for _, msg in errors))
        _summarize(con, report, states)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return _Build(report, states)


def _summarize(con: duckdb.DuckDBPyConnection, report: RunReport, states: dict[str, SourceState]) -> None:
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    report.articles = one("SELECT count(*) FROM sources")
    report.studies = one("SELECT count(*) FROM studies")
    report.flags_by_severity = dict(con.execute(
        "SELECT severity, count(*) FROM flags GROUP BY severity ORDER BY severity").fetchall())
    report.open_errors = one("SELECT count(*) FROM flags WHERE severity = 'error' AND status = 'open'")
    report.acknowledged = one("SELECT count(*) FROM flags WHERE status = 'acknowledged'")
    report.decisions_applied = sum(s.applied for s in states.values())
    report.stale_decisions = sum(s.stale for s in states.values())


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
    ``check`` nothing is written: the report tells how the committed export differs. Only the
    articles whose file, decisions or code changed since the published ``db`` are processed
    (all of them without ``use_cache``); when nothing changed the database and export are left
    as they are.
    """
    if not raw.is_dir():
        raise InputError(f"{raw}: no such folder of articles")
    decisions = decisions if decisions is not None else db.parent / "decisions.toml"
    export = export if export is not None else db.parent / "export"
    dfile = load_decisions(decisions, required=decisions_required)  # fail before the long part
    report = RunReport(db=str(db), export=str(export))
    jobs = jobs or default_jobs()
    stamp = stamps(db)[0]
    if check:
        index = RunIndex.load(stamp) if use_cache else None
        return _check(raw, db, dfile, decisions, export, index, jobs, scheduler, on_article, report)
    with run_lock(db, lock_timeout):
        index = RunIndex.load(stamp) if use_cache else None  # as the last writer left it
        t0 = time.perf_counter()
        entries = scan(raw)
        fingerprint = run_fingerprint(entries, decisions)
        report.seconds["scan"] = round(time.perf_counter() - t0, 3)
        if _unchanged(index, fingerprint, db, export):
            last = RunReport.model_validate(index.report)  # type: ignore[union-attr]
            last.unchanged = True
            return last
        tmp = new_temp(db)
        try:
            with _executor(scheduler) as executor:
                built = _build(raw, entries, dfile, tmp, db, index, jobs, executor, on_article, report)
        except duckdb.Error as e:
            discard(tmp)
            raise build_error(db, e) from None
        except BaseException:
            discard(tmp)
            raise
        t0 = time.perf_counter()
        publish_file(db, tmp)
        with tempfile.TemporaryDirectory(prefix=f".{db.name}.", dir=db.parent) as spill:
            con = _connect(db, read_only=True, spill=Path(spill))
            try:
                export_database(con, export)
            finally:
                con.close()
        report.seconds["publish_export"] = round(time.perf_counter() - t0, 3)
        RunIndex(code=code_fingerprint(), fingerprint=fingerprint, db_identity=file_identity(db),
                 export=export_identity(export), sources=built.sources,
                 report=built.report.model_dump(mode="json")).save(stamp)
    return built.report


def _unchanged(index: RunIndex | None, fingerprint: str, db: Path, export: Path) -> bool:
    try:
        return (index is not None and index.fingerprint == fingerprint and file_identity(db) == index.db_identity
                and bool(index.export) and export_identity(export) == index.export)
    except OSError:
        return False


def _check(raw: Path, db: Path, dfile: DecisionFile, decisions: Path, export: Path, index: RunIndex | None,
           jobs: int, scheduler: str | None, on_article, report: RunReport) -> RunReport:
    """Build this run's database in a temporary folder and compare its export with ``export``."""
    entries = scan(raw)
    if _unchanged(index, run_fingerprint(entries, decisions), db, export):
        last = RunReport.model_validate(index.report)  # type: ignore[union-attr]
        last.export_diff = ExportDiff()
        return last
    with tempfile.TemporaryDirectory(prefix="pipeline-check-") as folder:
        tmp = Path(folder) / "check.duckdb"
        with _executor(scheduler) as executor:
            built = _build(raw, entries, dfile, tmp, db, index, jobs, executor, on_article, report)
        con = _connect(tmp, read_only=True, spill=Path(folder))
        try:
            built.report.export_diff = compare_database(con, export)
        finally:
            con.close()
    return built.report


def count_sources(raw: Path) -> int:
    return len(list_sources(raw)) if raw.is_dir() else 0


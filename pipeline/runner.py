"""`pipeline run` as a library function: raw folder -> published DuckDB file and its text export.

A run is a plan and four steps, one writer at a time (``run_lock``):

1. plan (``cache.Plan``): scan the raw folder, group the curator's decisions by article, and
   see what the published database's stamp lets this run reuse;
2. process the other articles (``process.work`` on ``jobs`` processes or a Dask cluster);
3. build the new database beside the published one (``store.build``): a copy of it, minus the
   re-processed articles, plus their new rows;
4. publish it with its text export and stamp in one step (``store.publish``).

With ``check`` the build goes to a temporary folder and its export is compared with the
committed one instead.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel, Field

from pipeline.cache import Entry, Plan, RunIndex, SourceState
from pipeline.curate.apply import error_order
from pipeline.curate.decisions import load_decisions
from pipeline.errors import InputError
from pipeline.ingest import list_sources
from pipeline.models import SourceError
from pipeline.parallel import BATCH, init_worker, cluster_executor, default_jobs, ordered_map
from pipeline.process import load_stages, work, work_items
from pipeline.settings import DEFAULT_LOCK_TIMEOUT
from pipeline.store.atomic import temp_folder
from pipeline.store.diff import ExportDiff
from pipeline.store.lock import run_lock
from pipeline.store.publish import stamp_path

# DuckDB and Arrow are loaded by the runs that build (``_build``, ``_check``):
# a run that finds nothing changed does not pay for loading them.
if TYPE_CHECKING:
    from pipeline.store.build import Build
    from pipeline.store.queries import Summary


class RunReport(BaseModel):
    articles: int = 0
    studies: int = 0
    flags_by_severity: dict[str, int] = Field(default_factory=dict)
    open_errors: int = 0
    acknowledged: int = 0
    resolved: int = 0
    open_flags: int = 0
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

    def count(self, summary: Summary, states: dict[str, SourceState]) -> None:
        self.articles, self.studies = summary.articles, summary.studies
        self.flags_by_severity = summary.flags_by_severity
        self.open_errors, self.acknowledged = summary.open_errors, summary.acknowledged
        self.resolved, self.open_flags = summary.resolved, summary.open_flags
        self.decisions_applied = sum(s.applied for s in states.values())
        self.stale_decisions = sum(s.stale for s in states.values())


class Progress(Protocol):
    """Who hears how much work there is and of each article done (the progress bar)."""

    def start(self, todo: int, done: int = 0) -> None: ...

    def advance(self, n: int = 1) -> None: ...


@dataclass
class Workers:
    """Where articles are processed, and who hears of each one done."""

    jobs: int
    executor: Executor | None
    progress: Progress | None
    warm: Executor | None = None  # one process already loading the stages, for a run of few articles


def _since(t0: float) -> float:
    return round(time.perf_counter() - t0, 3)


def _build(plan: Plan, build: Build, workers: Workers, report: RunReport) -> dict[str, SourceState]:
    """Fill ``build`` with this run's rows: reuse what the plan allows, process the rest. Returns the
    state of every article of the new database."""
    copied = build.start(plan.index.db_identity if plan.index else None)
    states = plan.reusable() if copied else {}
    if copied and plan.index is not None:
        build.delete_sources(set(plan.index.sources) - set(states))
    todo = [e for e in plan.entries if not (isinstance(e, Entry) and e.source_id in states)]
    t0 = time.perf_counter()
    if workers.progress:
        workers.progress.start(len(todo), len(states))
    errors = list(zip(plan.unknown.error_ids, plan.unknown.errors))
    few = workers.executor is None and len(todo) <= BATCH  # not worth starting processes
    results = ordered_map(work, work_items(todo, plan.raw, plan.groups), jobs=1 if few else workers.jobs,
                          executor=workers.warm if few and todo else workers.executor, batch=BATCH,
                          progress=workers.progress.advance if workers.progress else None)
    for result in results:
        if isinstance(result, SourceError):
            report.source_errors.append(result)
            continue
        build.add(result.rows, result.source_id)
        errors += result.errors
        states[result.source_id] = plan.state(result.source_id, result.sha256, result.applied, result.stale)
        report.processed += 1
    build.flush()
    report.seconds["process"] = _since(t0)
    if errors:
        order = error_order(plan.decisions)
        errors.sort(key=lambda e: order.get(e[0], (9, 0)))
        raise InputError("decisions do not apply (nothing was published):\n  "
                         + "\n  ".join(msg for _, msg in errors))
    report.count(build.finish(), states)
    return states


def run(raw: Path, db: Path, progress: Progress | None = None,
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
    workers = Workers(jobs or default_jobs(), None, progress)
    if check:
        index = RunIndex.load(stamp_path(db)) if use_cache else None
        return _check(Plan.make(raw, decisions, dfile, index), db, export, workers, scheduler, report)
    with run_lock(db, lock_timeout, export):
        index = RunIndex.load(stamp_path(db)) if use_cache else None  # as the last writer left it
        t0 = time.perf_counter()
        plan = Plan.make(raw, decisions, dfile, index)
        report.seconds["scan"] = _since(t0)
        if plan.unchanged(db, export):
            return _last(plan, unchanged=True)
        from pipeline.store.build import Build
        from pipeline.store.publish import publish

        with _warm_worker(plan, workers, scheduler), Build(db) as build:
            with cluster_executor(scheduler) as executor:
                workers.executor = executor
                states = _build(plan, build, workers, report)
            t0 = time.perf_counter()

            def stamp(db_identity: list[int], exported: dict[str, list[int]]) -> str:
                report.seconds["publish_export"] = _since(t0)
                return plan.stamp(db_identity, exported, states, report.model_dump(mode="json"))

            publish(build, export, stamp, plan.index.export if plan.index else None)
        report.seconds["publish_export"] = _since(t0)
    return report


@contextmanager
def _warm_worker(plan: Plan, workers: Workers, scheduler: str | None) -> Iterator[None]:
    """With few articles to process and more than one job: a worker process that loads the stages
    (about 1 s, most of a one-article run) while this one copies the database and deletes the
    changed articles' rows, on the other core. Shut down on exit."""
    reusable = plan.reusable()
    todo = sum(1 for e in plan.entries if not (isinstance(e, Entry) and e.source_id in reusable))
    if workers.jobs < 2 or scheduler is not None or not 0 < todo <= BATCH:
        yield
        return
    # Set up as ordered_map's own workers are (it dies with this process: a killed run leaves no orphan).
    pool = ProcessPoolExecutor(max_workers=1, initializer=init_worker, initargs=(None,))
    pool.submit(load_stages)
    workers.warm = pool
    try:
        yield
    finally:
        workers.warm = None
        pool.shutdown(wait=False, cancel_futures=True)


def _last(plan: Plan, unchanged: bool = False, check: bool = False) -> RunReport:
    """The report the stamp recorded, for a run that found nothing to do."""
    assert plan.index is not None
    last = RunReport.model_validate(plan.index.report)
    last.unchanged = unchanged
    if check:
        last.export_diff = ExportDiff()
    return last


def _check(plan: Plan, db: Path, export: Path, workers: Workers, scheduler: str | None,
           report: RunReport) -> RunReport:
    """Build this run's database in a temporary folder and compare its export with ``export``."""
    if plan.unchanged(db, export):
        return _last(plan, check=True)
    from pipeline.store.build import Build
    from pipeline.store.export import compare_export

    with temp_folder() as folder, Build(db, folder / "check.duckdb") as build:
        with cluster_executor(scheduler) as executor:
            workers.executor = executor
            _build(plan, build, workers, report)
        report.export_diff = compare_export(build.path, export, spill=folder)
    return report


def count_sources(raw: Path) -> int:
    return len(list_sources(raw)) if raw.is_dir() else 0

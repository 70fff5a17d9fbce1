"""Process articles on several cores (or an existing Dask cluster), in bounded batches, keeping
input order.

Batches amortize the per-task overhead of a process pool (and of Dask, ~1.5 ms a task), and
bounded windows keep memory flat however large the corpus: at most ``jobs * BATCH * 2``
articles are in flight at once.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from typing import TypeVar

from pipeline.errors import InputError

T = TypeVar("T")
R = TypeVar("R")

BATCH = 64


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _exit_with_parent() -> None:
    """Worker initializer: die with the parent, so a killed run leaves no orphan workers."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: orphans end when their queue closes


def map_batch(fn: Callable[[T], R], batch: list[T]) -> list[R]:
    return [fn(x) for x in batch]


def ordered_map(fn: Callable[[T], R], items: Iterable[T], jobs: int = 1, executor: Executor | None = None,
                batch: int = BATCH) -> Iterator[R]:
    """``map(fn, items)`` on ``jobs`` processes (or ``executor``), results in input order.

    ``fn`` must be a module-level function so that worker processes can import it.
    """
    if executor is None and jobs <= 1:
        yield from map(fn, items)
        return
    own = executor is None
    pool = executor or ProcessPoolExecutor(max_workers=jobs, initializer=_exit_with_parent)
    window = max(2, 2 * (jobs if own else 2))
    try:
        pending = []
        for chunk in _batches(items, batch):
            pending.append(pool.submit(map_batch, fn, chunk))
            if len(pending) >= window:
                yield from pending.pop(0).result()
        for fut in pending:
            yield from fut.result()
    finally:
        if own:
            pool.shutdown(cancel_futures=True)


@contextmanager
def cluster_executor(scheduler: str | None) -> Iterator[Executor | None]:
    """A concurrent.futures executor on the Dask cluster at ``scheduler``, or None (local processes)."""
    if scheduler is None:
        yield None
        return
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs the dask extra: pip install '.[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except OSError as e:
        raise InputError(f"--scheduler {scheduler}: cannot connect ({e})") from None
    with client:
        yield client.get_executor()

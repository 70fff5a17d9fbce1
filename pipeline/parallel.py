"""Process articles on several cores (or an existing Dask cluster), in bounded batches, keeping
input order.

Batches amortize the per-task overhead of a process pool (and of Dask, ~1.5 ms a task), and
bounded windows keep memory flat however large the corpus: at most ``jobs * BATCH * 2``
articles are in flight at once.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from typing import Any, TypeVar

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


# In a worker process: where to report each article done (set by ``init_worker``), read by a
# thread of the parent so that progress is counted per article, not per batch.
_DONE: Any = None


def init_worker(done: Any) -> None:
    global _DONE
    _exit_with_parent()
    _DONE = done


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
    out = []
    for x in batch:
        out.append(fn(x))
        if _DONE is not None:
            _DONE.put(1)
    return out


def ordered_map(fn: Callable[[T], R], items: Iterable[T], jobs: int = 1, executor: Executor | None = None,
                batch: int = BATCH, progress: Callable[[int], None] | None = None) -> Iterator[R]:
    """``map(fn, items)`` on ``jobs`` processes (or ``executor``), results in input order.

    ``fn`` must be a module-level function so that worker processes can import it. ``progress(n)``
    hears of every article finished: from the worker processes as each one ends (results still come
    back a batch at a time), or as results arrive on an external executor.
    """
    if executor is None and jobs <= 1:
        for x in items:
            yield fn(x)
            if progress:
                progress(1)
        return
    own = executor is None
    done = multiprocessing.get_context().SimpleQueue() if own and progress else None
    listener = threading.Thread(target=_relay, args=(done, progress), daemon=True) if done else None
    pool = executor or ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(done,))
    if listener:
        listener.start()
    window = max(2, 2 * (jobs if own else 2))

    def results(fut: Any) -> list[R]:
        out = fut.result()
        if progress and not own:
            progress(len(out))
        return out

    try:
        pending = []
        for chunk in _batches(items, batch):
            pending.append(pool.submit(map_batch, fn, chunk))
            if len(pending) >= window:
                yield from results(pending.pop(0))
        for fut in pending:
            yield from results(fut)
    finally:
        if own:
            pool.shutdown(cancel_futures=True)
        if done is not None and listener is not None:
            done.put(None)
            listener.join()


def _relay(done: Any, progress: Callable[[int], None]) -> None:
    while (n := done.get()) is not None:
        progress(n)


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

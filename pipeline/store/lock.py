"""One writer at a time."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from pipeline.errors import LockTimeout


@contextmanager
def run_lock(db: Path, timeout: float) -> Iterator[None]:
    db.parent.mkdir(parents=True, exist_ok=True)
    lock_path = db.with_name(f".{db.name}.lock")
    lock = FileLock(str(lock_path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockTimeout(f"{lock_path}: another `pipeline run` holds the lock") from None
    try:
        yield
    finally:
        lock.release()

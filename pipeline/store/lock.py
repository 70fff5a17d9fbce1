"""One writer at a time: a file lock beside the database, and the holder's pid beside the lock."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from pipeline.errors import InputError, LockTimeout
from pipeline.store.atomic import atomic_write_text
from pipeline.store.publish import clean_stale


def lock_path(db: Path) -> Path:
    return db.with_name(f".{db.name}.lock")


def pid_path(db: Path) -> Path:
    return db.with_name(f".{db.name}.lock.pid")


def lock_holder(db: Path) -> str:
    """The pid the current holder wrote, or 'unknown' (it may not have written it yet)."""
    try:
        pid = pid_path(db).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return "unknown"
    return pid if pid.isdigit() else "unknown"


@contextmanager
def run_lock(db: Path, timeout: float, export: Path | None = None) -> Iterator[None]:
    """Hold the lock of ``db`` for a whole run.

    Waits up to ``timeout`` seconds (0: one try; negative: forever), then raises
    ``LockTimeout`` naming the holder's pid. Once held: records our pid and removes temporary
    files of writers that were killed (of ``db`` and of ``export``). (A target `run` must not
    overwrite is refused by ``store.build.Build``.)
    """
    db = Path(db)
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"{db.parent}: cannot create the database folder ({e.strerror})") from None
    lock = FileLock(str(lock_path(db)), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockTimeout(
            f"{db}: another `pipeline run` (pid {lock_holder(db)}) is writing this database; "
            f"gave up after {timeout:g} s (raise --lock-timeout to wait longer)"
        ) from None
    except OSError as e:
        raise InputError(f"{lock_path(db)}: cannot create the lock file ({e.strerror})") from None
    try:
        atomic_write_text(pid_path(db), f"{os.getpid()}\n")
        clean_stale(db, export)
        yield
    finally:
        pid_path(db).unlink(missing_ok=True)
        lock.release()

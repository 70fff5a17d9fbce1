"""Atomic publish: build beside the target, flush to disk, then one rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb

from pipeline.errors import PipelineError
from pipeline.models.rows import Row
from pipeline.store import write_database
from pipeline.store.atomic import fsync_dir, fsync_file
from pipeline.store.migrations import check_replaceable


class PublishError(PipelineError):
    """The new database could not be written; the published one is unchanged."""


def temp_glob(db: Path) -> list[str]:
    """Patterns of the files a writer of ``db`` leaves behind when it is killed mid-build."""
    return [f".{db.name}.*.tmp", f".{db.name}.*.tmp.wal"]


def stamps(db: Path) -> list[Path]:
    """Files that describe the published ``db`` (the runner's ``.<name>.run.json``)."""
    return [db.with_name(f".{db.name}.run.json")]


def clean_stale(db: Path) -> list[Path]:
    """Remove temporary files of killed writers. Call only while holding the run lock."""
    removed = []
    for pattern in temp_glob(db):
        for p in db.parent.glob(pattern):
            if p.is_file() and not p.is_symlink():
                p.unlink(missing_ok=True)
                removed.append(p)
    return removed


def new_temp(db: Path) -> Path:
    """A fresh temporary name beside ``db`` (matched by ``temp_glob``); the file does not exist."""
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    check_replaceable(db)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{db.name}.", suffix=".tmp", dir=db.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB must create the file itself; the random name stays ours under the lock
    return tmp


def discard(tmp: Path) -> None:
    for leftover in (tmp, Path(f"{tmp}.wal")):
        leftover.unlink(missing_ok=True)


def publish_file(db: Path, tmp: Path) -> None:
    """Rename the complete, closed database ``tmp`` over ``db`` (see ``publish``)."""
    db = Path(db)
    try:
        fsync_file(tmp)
        # A .wal beside the published file belongs to the old content; DuckDB must not replay
        # it into the new file.
        Path(f"{db}.wal").unlink(missing_ok=True)
        # A stamp says "the published file is the result of these inputs"; it is rewritten only
        # after a complete run, so a run killed after this rename is never taken as up to date.
        for stamp in stamps(db):
            stamp.unlink(missing_ok=True)
        os.replace(tmp, db)
        fsync_dir(db.parent)
    except OSError as e:
        raise PublishError(f"{db}: could not publish ({e.strerror or e}); "
                           "the published one is unchanged") from None
    finally:
        discard(tmp)


def build_error(db: Path, e: duckdb.Error) -> PublishError:
    return PublishError(f"{db}: could not write the new database ({' '.join(str(e).split())}); "
                        "the published one is unchanged")


def publish(db: Path, rows: dict[str, list[Row]]) -> None:
    """Build the database under a temporary name beside ``db``, then rename it over ``db``.

    Killed at any moment, this leaves the previous ``db`` intact (plus at worst a temporary
    file that the next run removes). Readers that have the old file open keep reading it.
    """
    db = Path(db)
    tmp = new_temp(db)
    try:
        write_database(tmp, rows)  # closes the file: after close() nothing is left in the .wal
    except duckdb.Error as e:
        discard(tmp)
        raise build_error(db, e) from None
    except OSError as e:
        discard(tmp)
        raise PublishError(f"{db}: could not publish ({e.strerror or e}); the published one is unchanged") from None
    except BaseException:
        discard(tmp)
        raise
    publish_file(db, tmp)

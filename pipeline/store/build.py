"""A new database under a temporary name beside the published one: written, then published by
``publish.py`` or discarded, never half-visible.

An incremental run starts from a copy of the published file (when it is still the file the run
stamp describes) and deletes the rows of the articles it re-processes; otherwise the build
starts from an empty database of the contract. A new database is compacted when finished; a
copy only once its free blocks pass ``COMPACT_FREE_SHARE``.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

import duckdb

from pipeline.errors import PipelineError, WriteError
from pipeline.models.rows import TABLES
from pipeline.store.atomic import cause, identity, temp_name
from pipeline.store.connect import check_replaceable, open_build, open_compact
from pipeline.store.export import ExportPatch, lines_of_sources
from pipeline.store.queries import Summary, delete_sources, summary
from pipeline.store.sql import ident, literal
from pipeline.store.write import BatchWriter, create_schema

# A finished build is copied into a new file without the blocks its checkpoints left free. A file
# takes at least one block per table and one per key index: a small one gets 16 KiB blocks
# (a 3-article database: 6 MB -> 0.45 MB), a large one DuckDB's 256 KiB, tuned for scans.
SMALL_FILE = 16 << 20
SMALL_BLOCK = 16 << 10
# An incremental build (a copy of the published file, a few articles deleted and inserted again)
# is compacted only when its free blocks pass this share of the file: compacting rewrites every
# table (1.5 s on the bulk corpus) while the few freed blocks are reused by the next checkpoint
# (bulk corpus, 30 one-article runs in a row: 39 MB -> 51 MB, then steady).
COMPACT_FREE_SHARE = 0.25


class PublishError(PipelineError):
    """The new database could not be written or published; the published one is unchanged."""


def build_error(db: Path, e: duckdb.Error) -> PublishError:
    return PublishError(f"{db}: could not write the new database ({' '.join(str(e).split())}); "
                        "the published one is unchanged")


def _copy_if_current(db: Path, expected: list[int], dest: Path) -> bool:
    """Copy ``db`` to ``dest`` if it is still the file of identity ``expected`` (checked on the open file)."""
    try:
        fd = os.open(db, os.O_RDONLY)
    except OSError:
        return False
    try:
        if identity(fd) != expected:
            return False
        with os.fdopen(os.dup(fd), "rb") as src, dest.open("wb") as out:
            shutil.copyfileobj(src, out, 1 << 22)
        return True
    except OSError:
        dest.unlink(missing_ok=True)
        return False
    finally:
        os.close(fd)


def compact(path: Path) -> None:
    """Replace the closed database at ``path`` with a copy of its tables and views that holds no
    free blocks (rows in the same order; the keys checked again as they are inserted)."""
    dest = temp_name(path)
    block = SMALL_BLOCK if path.stat().st_size < SMALL_FILE else None
    try:
        con = open_compact(dest, block)
        try:
            con.execute(f"ATTACH {literal(str(path))} AS built (READ_ONLY)")
            create_schema(con)
            con.execute("DELETE FROM schema_info")
            for model in TABLES:  # one statement per table: each is checkpointed, memory stays flat
                con.execute(f"INSERT INTO main.{ident(model.__table__)} SELECT * FROM built.{ident(model.__table__)}")
            con.execute("DETACH built")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(dest, path)
    except OSError as e:
        raise WriteError(path, cause(e)) from None
    finally:
        for leftover in (dest, Path(f"{dest}.wal")):
            leftover.unlink(missing_ok=True)


class Build:
    """The database of this run at ``path`` (a fresh name beside ``db``, or ``path`` when given)."""

    def __init__(self, db: Path, path: Path | None = None):
        self.db = Path(db)
        if path is None:
            check_replaceable(self.db)
        self.path = path if path is not None else temp_name(self.db)
        self._con: duckdb.DuckDBPyConnection | None = None
        self.writer: BatchWriter | None = None
        self.copied = False
        self.patch: ExportPatch | None = None  # set when the build starts from the published file

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise RuntimeError("Build.start() first")
        return self._con

    def start(self, published: list[int] | None = None) -> bool:
        """Open the new database: a copy of the published one when its identity is ``published``
        (returns True), else an empty database of the contract."""
        copied = bool(published) and _copy_if_current(self.db, published or [], self.path)
        self._con = open_build(self.path)
        if not copied:
            create_schema(self._con)
        self.writer = BatchWriter(self._con)
        self.copied = copied
        if copied:
            self.patch = ExportPatch({m.__table__: int(self._con.execute(
                f"SELECT count(*) FROM {ident(m.__table__)}").fetchall()[0][0]) for m in TABLES})
        return copied

    def delete_sources(self, source_ids: Iterable[str]) -> None:
        ids = set(source_ids)
        if self.patch is not None and self.patch.dropped and ids:
            self.patch = None  # positions are those of the published tables: a second deletion writes whole
        if self.patch is not None:  # their lines in the published export, before they go
            self.patch.sources |= ids
            for table, lines in lines_of_sources(self.con, ids).items():
                self.patch.dropped.setdefault(table, []).extend(lines)
        delete_sources(self.con, ids)

    def add(self, tuples_by_table: dict[str, list[tuple[object, ...]]], source_id: str | None = None) -> None:
        """Buffer the rows of one article (``source_id``: whose they are, for the export patch)."""
        assert self.writer is not None
        if self.patch is not None and source_id is not None:
            self.patch.sources.add(source_id)
        self.writer.add(tuples_by_table)

    def flush(self) -> None:
        assert self.writer is not None
        self.writer.flush()

    def finish(self) -> Summary:
        """Insert what is buffered, count what the database holds, and close it (complete on disk)."""
        self.flush()
        counts = summary(self.con)
        self.con.execute("CHECKPOINT")
        total, free = self.con.execute("SELECT total_blocks, free_blocks FROM pragma_database_size()").fetchall()[0]
        self.close()
        if not self.copied or free > COMPACT_FREE_SHARE * total:
            compact(self.path)
        return counts

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def discard(self) -> None:
        """Close and remove the new database (nothing when it was published: its name is gone)."""
        self.close()
        for leftover in (self.path, Path(f"{self.path}.wal")):
            leftover.unlink(missing_ok=True)

    def __enter__(self) -> Build:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Remove the new database unless it was published; a DuckDB failure becomes ``PublishError``."""
        self.discard()
        if isinstance(exc, duckdb.Error):
            raise build_error(self.db, exc) from None

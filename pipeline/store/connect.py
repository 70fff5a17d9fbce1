"""Opening a DuckDB database: the only module that calls ``duckdb.connect``.

Readers get ``open_read``, which always checks the contract version (a file of another
version is refused, never misread); a build gets ``open_build`` with the memory settings that
keep a run's memory flat.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipeline.errors import ContractError, InputError
from pipeline.store.contract import check_version, is_duckdb_file, replace_problem, stored_version

# DuckDB's buffer pool defaults to most of RAM; a small one keeps memory flat however large the
# corpus (blocks beyond it are written to the file, which is where they go anyway).
BUILD_MEMORY = "32MB"
# Sorting a large table for the export needs more than the write buffer (and spills beyond it).
EXPORT_MEMORY = "64MB"
# `pipeline export` also writes the views, whose joins across the tables need more (bulk corpus: 256 MB).
FORMATS_MEMORY = "256MB"
_SETTINGS: dict[str, str | int] = {"threads": 1, "allocator_flush_threshold": "8MB"}


def one_line(e: BaseException) -> str:
    return " ".join(str(e).split())


def connect_file(path: Path, read_only: bool, memory: str | None = None,
                 spill: Path | None = None, block_size: int | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to ``path``; with ``memory``, this project's bounded-memory settings (``spill``:
    where DuckDB may write temporary data; ``block_size``: of a file it creates). Without, DuckDB's
    defaults: a reader in the same process as another connection to the file must open it with
    the same configuration."""
    if memory is None:
        return duckdb.connect(str(path), read_only=read_only)
    config: dict[str, str | bool | int | float | list[str]] = {**_SETTINGS, "memory_limit": memory}
    if spill is not None:
        config["temp_directory"] = str(spill)
    if block_size is not None:
        config["default_block_size"] = str(block_size)
    return duckdb.connect(str(path), read_only=read_only, config=config)


def memory_database() -> duckdb.DuckDBPyConnection:
    """An empty in-memory database (for comparing with the contract's own DDL)."""
    return duckdb.connect()


def open_compact(path: Path, block_size: int | None) -> duckdb.DuckDBPyConnection:
    """A new database at ``path`` for the compact copy of a finished build (``build.compact``)."""
    return connect_file(path, read_only=False, memory=EXPORT_MEMORY, block_size=block_size)


def open_build(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection to the database being built at ``path`` (created when absent)."""
    return connect_file(path, read_only=False, memory=BUILD_MEMORY)


def open_checked(path: Path, spill: Path | None = None, memory: str = EXPORT_MEMORY) -> duckdb.DuckDBPyConnection:
    """A read-only connection to ``path`` after checking its contract version (``ContractError`` else).

    With ``spill`` (a folder for DuckDB's temporary data), the bounded-memory settings of an export
    (``memory``: its limit)."""
    try:
        if not is_duckdb_file(path):
            raise ContractError(f"{path}: not a DuckDB database")
    except OSError as e:
        raise ContractError(f"{path}: cannot open: {e.strerror or one_line(e)}") from None
    try:
        con = connect_file(path, read_only=True, memory=memory if spill else None, spill=spill)
    except duckdb.Error as e:
        raise ContractError(f"{path}: cannot open the database read-only: {one_line(e)}") from None
    try:
        check_version(con, path)
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def open_read(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published ``db``, closed on exit.

    Refuses (``InputError``/``ContractError``, exit 2) a missing file, a file that is not a DuckDB
    database, and a database of another contract version, saying what to do.
    """
    db = Path(db)
    if not db.is_file():
        raise InputError(f"{db}: no database; run `pipeline run` first")
    con = open_checked(db)
    try:
        yield con
    finally:
        con.close()


def check_replaceable(db: Path) -> None:
    """Raise ``ContractError`` unless ``db`` is absent or an evidence database `run` may rebuild."""
    db = Path(db)
    if db.is_dir():
        raise ContractError(f"{db}: is a folder; give --db the path of a database file")
    if not db.exists() or db.stat().st_size == 0:
        return
    if not is_duckdb_file(db):
        raise ContractError(f"{db}: exists and is not a DuckDB database; refusing to overwrite it "
                            "(move it away or choose another --db)")
    try:
        con = connect_file(db, read_only=True)
    except duckdb.Error as e:
        raise ContractError(f"{db}: exists but cannot be opened ({one_line(e)}); refusing to "
                            "overwrite it (move it away or choose another --db)") from None
    try:
        version = stored_version(con)
    finally:
        con.close()
    problem = replace_problem(db, version)
    if problem:
        raise ContractError(problem)

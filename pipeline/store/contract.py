"""Contract versions of a database file, and what happens to a file of another version.

Policy: `pipeline run` always rebuilds the whole file from raw/, so a file of an older contract
is never upgraded in place; it is replaced by a rebuilt one. A file of a newer contract (written
by a newer pipeline) is never overwritten or read: the user upgrades the pipeline instead.
Readers (`check-db`, reports) refuse any version but the current one rather than misread it.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline import CONTRACT_VERSION
from pipeline.errors import ContractError

DUCKDB_MAGIC = b"DUCK"  # bytes 8..11 of every DuckDB database file


def is_duckdb_file(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(12)[8:12] == DUCKDB_MAGIC


def stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The contract version the file records, or None when it has no ``schema_info`` table."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?",
        ["schema_info"],
    ).fetchone()[0]
    if not found:
        return None
    row = con.execute("SELECT max(contract_version) FROM schema_info").fetchone()
    return None if row is None or row[0] is None else int(row[0])


def newer_message(path: Path, version: int) -> str:
    return (f"{path}: written by contract version {version}, newer than this pipeline's "
            f"{CONTRACT_VERSION}; upgrade the pipeline (it is not overwritten or read)")


def older_message(path: Path, version: int) -> str:
    return (f"{path}: contract version {version} is older than {CONTRACT_VERSION}; "
            "rebuild it with `pipeline run`")


def open_database(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a database of the current contract, or ``ContractError``."""
    path = Path(path)
    if not path.is_file():
        raise ContractError(f"{path}: no such database file")
    if not is_duckdb_file(path):
        raise ContractError(f"{path}: not a DuckDB database")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as e:
        raise ContractError(f"{path}: cannot open: {' '.join(str(e).split())}") from None
    try:
        version = stored_version(con)
    except duckdb.Error as e:
        con.close()
        raise ContractError(f"{path}: cannot read schema_info: {' '.join(str(e).split())}") from None
    if version != CONTRACT_VERSION:
        con.close()
        if version is None:
            raise ContractError(f"{path}: no schema_info table; not an evidence database")
        raise ContractError(newer_message(path, version) if version > CONTRACT_VERSION
                            else older_message(path, version))
    return con


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
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as e:
        raise ContractError(f"{db}: exists but cannot be opened ({' '.join(str(e).split())}); refusing to "
                            "overwrite it (move it away or choose another --db)") from None
    try:
        version = stored_version(con)
    finally:
        con.close()
    if version is None:
        raise ContractError(f"{db}: exists and is not an evidence database (no schema_info table); "
                            "refusing to overwrite it (move it away or choose another --db)")
    if version > CONTRACT_VERSION:
        raise ContractError(newer_message(db, version))
    # Same or older version: rebuilt from raw/ (see the module docstring).

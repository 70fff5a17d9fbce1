"""The contract's version policy: which database files are read, rebuilt or refused.

`pipeline run` always rebuilds the whole file from raw/, so a file of an older contract is
replaced by a rebuilt one; `pipeline migrate` (``migrate.py``) upgrades one in place instead. A file of a newer contract (written
by a newer pipeline) is never overwritten or read: the user upgrades the pipeline instead.
Readers (`flags`, `report`, `check-db`, the curation helpers) refuse any version but the
current one rather than misread it. The files are opened in ``connect.py``.
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
    # fetchall, not fetchone: an unfinished result would block the caller's next query.
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?",
        ["schema_info"],
    ).fetchall()
    if not found[0][0]:
        return None
    row = con.execute("SELECT max(contract_version) FROM schema_info").fetchall()
    return None if row[0][0] is None else int(row[0][0])


def newer_message(path: Path, version: int) -> str:
    return (f"{path}: written by contract version {version}, newer than this pipeline's "
            f"{CONTRACT_VERSION}; upgrade the pipeline (it is not overwritten or read)")


def older_message(path: Path, version: int) -> str:
    return (f"{path}: contract version {version} is older than {CONTRACT_VERSION}; "
            f"rebuild it with `pipeline run` or upgrade it with `pipeline migrate {path}`")


def not_evidence_message(path: Path) -> str:
    return f"{path}: no schema_info table; not an evidence database"


def check_version(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """The file's contract version when it is this pipeline's; ``ContractError`` saying what to do otherwise."""
    try:
        version = stored_version(con)
    except duckdb.Error as e:
        raise ContractError(f"{path}: cannot read schema_info: {' '.join(str(e).split())}") from None
    if version is None:
        raise ContractError(not_evidence_message(path))
    if version != CONTRACT_VERSION:
        error = ContractError(newer_message(path, version) if version > CONTRACT_VERSION
                              else older_message(path, version))
        error.contract_version = version
        raise error
    return version


def replace_problem(db: Path, version: int | None) -> str | None:
    """Why `run` must not overwrite the evidence database ``db`` of ``version``, or None when it may."""
    if version is None:
        return (f"{db}: exists and is not an evidence database (no schema_info table); "
                "refusing to overwrite it (move it away or choose another --db)")
    if version > CONTRACT_VERSION:
        return newer_message(db, version)
    return None  # same or older version: rebuilt from raw/ (see the module docstring)

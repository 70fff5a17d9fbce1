"""Read-only access to a published database, for the commands that only read it."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipeline.errors import InputError


@contextmanager
def read_db(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to ``db``, closed on exit; ``InputError`` when there is none to open."""
    if not db.is_file():
        raise InputError(f"{db}: no database; run `pipeline run` first")
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as e:
        raise InputError(f"{db}: cannot open the database read-only: {e}") from None
    try:
        yield con
    finally:
        con.close()

"""Atomic publish: build beside the target, close, then one rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pipeline.models.rows import Row
from pipeline.store import write_database


def publish(db: Path, rows: dict[str, list[Row]]) -> None:
    """Build the database under a temporary name beside ``db``, then rename it over ``db``."""
    db.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{db.name}.", suffix=".tmp", dir=db.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB must create the file itself
    try:
        write_database(tmp, rows)
        os.replace(tmp, db)  # only after close(): before it, data may still sit in the .wal
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            leftover.unlink(missing_ok=True)

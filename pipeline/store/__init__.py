"""Store: curated rows -> a DuckDB file, written in bulk through Arrow."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.models.rows import TABLES, Row
from pipeline.store.ddl import arrow_schema, contract_ddl
from pipeline.store.sql import ident


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(contract_ddl())


def write_tables(con: duckdb.DuckDBPyConnection, rows_by_table: dict[str, list[Row]]) -> None:
    """Append rows table by table, one Arrow insert per table."""
    for model in TABLES:
        rows = rows_by_table.get(model.__table__, [])
        if not rows:
            continue
        names = list(model.model_fields)
        data = {n: [getattr(r, n) for r in rows] for n in names}
        batch = pa.Table.from_pydict(data, schema=arrow_schema(model))  # noqa: F841 (read by DuckDB)
        con.execute(f"INSERT INTO {ident(model.__table__)} SELECT * FROM batch")


def write_database(path: Path, rows_by_table: dict[str, list[Row]]) -> None:
    """Write a complete new database at ``path`` (which must not exist)."""
    con = duckdb.connect(str(path))
    try:
        create_schema(con)
        write_tables(con, rows_by_table)
        con.execute("CHECKPOINT")
    finally:
        con.close()

"""Curated rows -> DuckDB tables, in bulk through Arrow."""
from __future__ import annotations

from operator import attrgetter
from typing import Any

import duckdb
import pyarrow as pa

from pipeline import CONTRACT_VERSION, __version__
from pipeline.models.rows import MODELS, TABLES, Row, SchemaInfoRow
from pipeline.store.ddl import arrow_schema
from pipeline.store.views import contract_ddl
from pipeline.store.sql import ident

_GETTERS = {m.__table__: attrgetter(*m.model_fields) for m in TABLES}


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """The contract's tables, and the ``schema_info`` row that says which contract the file follows."""
    con.execute(contract_ddl())
    info = SchemaInfoRow(contract_version=CONTRACT_VERSION, pipeline_version=__version__)
    insert_tuples(con, "schema_info", as_tuples({"schema_info": [info]})["schema_info"])


def as_tuples(rows_by_table: dict[str, list[Row]]) -> dict[str, list[tuple[Any, ...]]]:
    """Rows as plain tuples in column order: cheap to pickle, to buffer and to turn into Arrow."""
    return {t: [_GETTERS[t](r) for r in rows] for t, rows in rows_by_table.items() if rows}


def insert_tuples(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]]) -> None:
    """One Arrow insert of ``rows`` (tuples in column order), built column-wise."""
    if not rows:
        return
    schema = arrow_schema(MODELS[table])
    columns = [pa.array(col, type=f.type) for col, f in zip(zip(*rows), schema)]
    batch = pa.Table.from_arrays(columns, schema=schema)  # noqa: F841 (read by DuckDB)
    con.execute(f"INSERT INTO {ident(table)} SELECT * FROM batch")


class BatchWriter:
    """Buffers the rows of many articles and inserts them in bulk, table by table."""

    def __init__(self, con: duckdb.DuckDBPyConnection, max_rows: int = 5_000):
        self.con = con
        self.max_rows = max_rows
        self.buffers: dict[str, list[tuple[Any, ...]]] = {}
        self.pending = 0

    def add(self, tuples_by_table: dict[str, list[tuple[Any, ...]]]) -> None:
        for table, rows in tuples_by_table.items():
            self.buffers.setdefault(table, []).extend(rows)
            self.pending += len(rows)
        if self.pending >= self.max_rows:
            self.flush()

    def flush(self) -> None:
        for model in TABLES:  # parents before children, like the DDL
            insert_tuples(self.con, model.__table__, self.buffers.pop(model.__table__, []))
        self.buffers.clear()
        self.pending = 0

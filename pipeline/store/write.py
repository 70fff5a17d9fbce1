"""Store: curated rows -> a DuckDB file, written in bulk through Arrow."""
from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.models.rows import TABLES, Row
from pipeline.store.ddl import arrow_schema, contract_ddl
from pipeline.store.sql import ident

MODELS = {m.__table__: m for m in TABLES}
_GETTERS = {m.__table__: attrgetter(*m.model_fields) for m in TABLES}


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(contract_ddl())


def as_tuples(rows_by_table: dict[str, list[Row]]) -> dict[str, list[tuple]]:
    """Rows as plain tuples in column order: cheap to pickle, to buffer and to turn into Arrow."""
    return {t: [_GETTERS[t](r) for r in rows] for t, rows in rows_by_table.items() if rows}


def insert_tuples(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """One Arrow insert of ``rows`` (tuples in column order), built column-wise."""
    if not rows:
        return
    schema = arrow_schema(MODELS[table])
    columns = [pa.array(col, type=f.type) for col, f in zip(zip(*rows), schema)]
    batch = pa.Table.from_arrays(columns, schema=schema)  # noqa: F841 (read by DuckDB)
    con.execute(f"INSERT INTO {ident(table)} SELECT * FROM batch")


def write_tables(con: duckdb.DuckDBPyConnection, rows_by_table: dict[str, list[Row]]) -> None:
    """Append rows table by table, one Arrow insert per table."""
    for table, rows in as_tuples(rows_by_table).items():
        insert_tuples(con, table, rows)


class BatchWriter:
    """Buffers the rows of many articles and inserts them in bulk, table by table."""

    def __init__(self, con: duckdb.DuckDBPyConnection, max_rows: int = 5_000):
        self.con = con
        self.max_rows = max_rows
        self.buffers: dict[str, list[tuple]] = {}
        self.pending = 0

    def add(self, tuples_by_table: dict[str, list[tuple]]) -> None:
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


def delete_sources(con: duckdb.DuckDBPyConnection, source_ids: Iterable[str]) -> None:
    """Remove every row that belongs to these articles (children through their study/intervention)."""
    ids = sorted(set(source_ids))
    if not ids:
        return
    gone_ids = pa.table({"source_id": pa.array(ids, pa.string())})  # noqa: F841 (read by DuckDB)
    con.execute("CREATE TEMP TABLE gone AS SELECT * FROM gone_ids")
    con.execute("DELETE FROM doses WHERE intervention_id IN (SELECT intervention_id FROM interventions "
                "WHERE study_id IN (SELECT study_id FROM studies WHERE source_id IN (SELECT source_id FROM gone)))")
    for table in ("study_conditions", "interventions"):
        con.execute(f"DELETE FROM {ident(table)} WHERE study_id IN "
                    "(SELECT study_id FROM studies WHERE source_id IN (SELECT source_id FROM gone))")
    for model in TABLES:
        if "source_id" in model.model_fields:
            con.execute(f"DELETE FROM {ident(model.__table__)} WHERE source_id IN (SELECT source_id FROM gone)")
    con.execute("DROP TABLE gone")


def write_database(path: Path, rows_by_table: dict[str, list[Row]]) -> None:
    """Write a complete new database at ``path`` (which must not exist)."""
    con = duckdb.connect(str(path))
    try:
        create_schema(con)
        write_tables(con, rows_by_table)
        con.execute("CHECKPOINT")
    finally:
        con.close()

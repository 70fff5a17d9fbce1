"""`pipeline export`: the database in the formats analysts' tools open, tables and views alike.

- ``parquet`` and ``csv``: one file per table and view, written by DuckDB's own COPY (through the
  relation API, so no path goes into SQL text). CSV holds list columns as JSON arrays.
- ``sqlite``: one ``evidence.sqlite`` with every table (STRICT, with its primary key) and the
  views in SQLite's SQL (Datasette opens it as it is); checked by opening it again with
  ``sqlite3`` and counting every table's and view's rows against the database.
- ``jsonl``: the text export of `pipeline run` (``export.py``), plus one file per view.

Rows are in key order and the writers run single-threaded, so the same database gives the same
bytes. Files go in place together through ``atomic.Staged``: a failure leaves the folder as it was.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any, Literal

import duckdb
from pydantic import BaseModel, Field

from pipeline.errors import ContractError, InputError, WriteError
from pipeline.models.rows import TABLES, Row
from pipeline.store.atomic import Staged, cause, temp_folder, temp_name
from pipeline.store.connect import FORMATS_MEMORY, one_line, open_checked
from pipeline.store.ddl import sql_columns
from pipeline.store.export import SUFFIX, table_lines
from pipeline.store.sql import ident
from pipeline.store.views import VIEWS, views

Format = Literal["parquet", "csv", "sqlite", "jsonl"]
FORMATS: tuple[Format, ...] = ("parquet", "csv", "sqlite", "jsonl")
SQLITE_NAME = "evidence.sqlite"
# The order a view's rows are written in: its first columns identify a row.
VIEW_ORDER = {"study_summary": ("study_id",), "open_flags": ("flag_id",),
              "evidence_with_quotes": ("table_name", "row_id", "field")}
_SQLITE_TYPES = {"VARCHAR": "TEXT", "BIGINT": "INTEGER", "INTEGER": "INTEGER", "DOUBLE": "REAL",
                 "BOOLEAN": "INTEGER", "DATE": "TEXT", "VARCHAR[]": "TEXT"}


class ExportResult(BaseModel):
    format: str
    out: str
    files: dict[str, int] = Field(default_factory=dict, description="File name -> rows written.")


def _relations() -> list[tuple[str, tuple[str, ...]]]:
    """(name, ordering columns) of every table and view, tables first."""
    return [(m.__table__, m.__key__) for m in TABLES] + [(v, VIEW_ORDER[v]) for v in VIEWS]


def _ordered(con: duckdb.DuckDBPyConnection, name: str, order: tuple[str, ...],
             listed_as_json: bool = False) -> duckdb.DuckDBPyRelation:
    """The rows of ``name`` in ``order``; with ``listed_as_json``, list columns as JSON text."""
    rel = con.table(name)
    cols = []
    for col, typ in zip(rel.columns, rel.types):
        as_json = listed_as_json and str(typ).endswith("[]")
        cols.append(f"to_json({ident(col)}) AS {ident(col)}" if as_json else ident(col))
    keys = ", ".join(ident(k) + " ASC NULLS LAST" for k in order)
    return con.sql(f"SELECT {', '.join(cols)} FROM {ident(name)} ORDER BY {keys}")


def _count(con: duckdb.DuckDBPyConnection, name: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM {ident(name)}").fetchall()[0][0])


def _copy_files(con: duckdb.DuckDBPyConnection, fmt: Format, out: Path, group: Staged) -> dict[str, int]:
    files = {}
    for name, order in _relations():
        target = out / f"{name}.{fmt}"
        tmp = temp_name(target)
        rel = _ordered(con, name, order, listed_as_json=fmt == "csv")
        try:
            if fmt == "parquet":
                # Row groups by size, not by row count: long texts then fit the export's memory limit.
                rel.write_parquet(str(tmp), compression="zstd", row_group_size_bytes="8MB")
            else:
                rel.write_csv(str(tmp), header=True)
        except duckdb.Error as e:
            tmp.unlink(missing_ok=True)
            raise WriteError(target, one_line(e)) from None
        group.add(tmp, target)
        files[target.name] = _count(con, name)
    return files


def _json_value(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v


def _jsonl_files(con: duckdb.DuckDBPyConnection, out: Path, group: Staged) -> dict[str, int]:
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
    files = {}
    for model in TABLES:
        target = out / (model.__table__ + SUFFIX)
        f = group.open(target, keep_if_same=True)
        n = 0
        for line in table_lines(con, model):
            f.write_text(line)
            n += 1
        f.close()
        files[target.name] = n
    for name in VIEWS:
        target = out / (name + SUFFIX)
        f = group.open(target, keep_if_same=True)
        rel = _ordered(con, name, VIEW_ORDER[name])
        n = 0
        for batch in rel.to_arrow_reader(4096):
            names = batch.schema.names
            for values in zip(*(c.to_pylist() for c in batch.columns)):
                f.write_text(encode({k: _json_value(v) for k, v in zip(names, values)}) + "\n")
                n += 1
        f.close()
        files[target.name] = n
    return files


def _sqlite_table_sql(model: type[Row]) -> str:
    cols = [f"{ident(n)} {_SQLITE_TYPES[t]}{'' if nul else ' NOT NULL'}" for n, t, nul in sql_columns(model)]
    cols.append(f"PRIMARY KEY ({', '.join(ident(k) for k in model.__key__)})")
    return f"CREATE TABLE {ident(model.__table__)} (\n    " + ",\n    ".join(cols) + "\n) STRICT"


def _sqlite_select(model: type[Row]) -> str:
    """The table's rows as SQLite stores them: dates as ISO text, booleans as 0/1, lists as JSON."""
    cols = []
    for n, t, _ in sql_columns(model):
        c = ident(n)
        cols.append(f"CAST({c} AS VARCHAR)" if t == "DATE" else f"CAST({c} AS INTEGER)" if t == "BOOLEAN"
                    else f"CAST(to_json({c}) AS VARCHAR)" if t.endswith("[]") else c)
    keys = ", ".join(ident(k) for k in model.__key__)
    return f"SELECT {', '.join(cols)} FROM {ident(model.__table__)} ORDER BY {keys}"


def _references() -> list[tuple[type[Row], str]]:
    """(table, column) of every reference to another table's key that the table's own key does not
    start with: SQLite indexes them, so the views' joins (and Datasette's facets) do not scan."""
    owners = {m.__key__[0] for m in TABLES if len(m.__key__) == 1}
    return [(m, n) for m in TABLES for n in m.model_fields if n in owners and n != m.__key__[0]]


def write_sqlite(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, int]:
    """Every table and view of the database open in ``con`` into a new SQLite file at ``path``."""
    lite = sqlite3.connect(path, isolation_level=None)
    try:
        lite.execute("PRAGMA journal_mode = OFF")  # a new file, renamed into place only when complete
        lite.execute("BEGIN")
        for model in TABLES:
            lite.execute(_sqlite_table_sql(model))
            marks = ", ".join("?" for _ in model.model_fields)
            insert = f"INSERT INTO {ident(model.__table__)} VALUES ({marks})"
            cur = con.execute(_sqlite_select(model))
            while batch := cur.fetchmany(5000):
                lite.executemany(insert, batch)
        for model, column in _references():
            lite.execute(f"CREATE INDEX {ident(model.__table__ + '_' + column)} "
                         f"ON {ident(model.__table__)} ({ident(column)})")
        for name, sql in views("sqlite").items():
            lite.execute(f"CREATE VIEW {ident(name)} AS {sql}")
        lite.execute("COMMIT")
    finally:
        lite.close()
    return check_sqlite(con, path)


def check_sqlite(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, int]:
    """Open the SQLite file read-only, check its integrity and that every table and view gives as
    many rows as the database; the row counts, or ``ContractError`` saying what differs."""
    lite = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if lite.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise ContractError(f"{path}: the SQLite export fails its integrity check")
        counts = {}
        for name, _ in _relations():
            got = lite.execute(f"SELECT count(*) FROM {ident(name)}").fetchall()[0][0]
            want = _count(con, name)
            if got != want:
                raise ContractError(f"{path}: {name} has {got} rows in SQLite, {want} in the database")
            counts[name] = got
        return counts
    finally:
        lite.close()


def export_database(db: Path, fmt: str, out: Path) -> ExportResult:
    """Write the published database ``db`` as ``fmt`` into the folder ``out``; files of that format
    there that belong to no table or view are removed. Raises ``ContractError`` for a database of
    another contract version, ``WriteError`` (nothing changed in ``out``) when writing fails."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    result = ExportResult(format=fmt, out=str(out))
    with temp_folder(beside=db) as spill:
        con = open_checked(db, spill=spill, memory=FORMATS_MEMORY)
        try:
            with Staged() as group:
                try:
                    out.mkdir(parents=True, exist_ok=True)
                except OSError as e:
                    raise WriteError(out, cause(e)) from None
                if fmt == "sqlite":
                    target = out / SQLITE_NAME
                    tmp = temp_name(target)
                    try:
                        counts = write_sqlite(con, tmp)
                    except sqlite3.Error as e:
                        tmp.unlink(missing_ok=True)
                        raise WriteError(target, one_line(e)) from None
                    except BaseException:
                        tmp.unlink(missing_ok=True)
                        raise
                    group.add(tmp, target)
                    result.files = {SQLITE_NAME: sum(counts[m.__table__] for m in TABLES)}
                else:
                    suffix = SUFFIX if fmt == "jsonl" else f".{fmt}"
                    result.files = _jsonl_files(con, out, group) if fmt == "jsonl" else \
                        _copy_files(con, "parquet" if fmt == "parquet" else "csv", out, group)
                    for old in sorted(out.glob(f"*{suffix}")):
                        if old.name not in result.files:
                            group.remove(old)
                group.commit()
        finally:
            con.close()
    return result

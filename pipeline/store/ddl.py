"""SQL DDL of the contract, generated from the row models."""
from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any

import pyarrow as pa

from pipeline.models.rows import TABLES, Row

# ``list`` stands for list[str], the one list type of the contract.
SQL_TYPES = {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN", dt.date: "DATE", list: "VARCHAR[]"}
_ARROW = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(),
          "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "VARCHAR[]": pa.list_(pa.string())}


def _base_type(annotation: Any) -> tuple[type, bool]:
    """The scalar Python type behind an annotation, and whether it admits None."""
    nullable = False
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        nullable = type(None) in args
        annotation = next(a for a in args if a is not type(None))
    if typing.get_origin(annotation) is typing.Literal:
        return type(typing.get_args(annotation)[0]), nullable
    if typing.get_origin(annotation) is list:
        return list, nullable
    return annotation, nullable


def columns(model: type[Row]) -> list[tuple[str, type, bool]]:
    return [(name, *_base_type(f.annotation)) for name, f in model.model_fields.items()]


def sql_columns(model: type[Row]) -> list[tuple[str, str, bool]]:
    """(name, SQL type, nullable) of each column, in the contract's order."""
    return [(name, model.__sql_types__.get(name, SQL_TYPES[typ]), nullable) for name, typ, nullable in columns(model)]


def arrow_schema(model: type[Row]) -> pa.Schema:
    return pa.schema([pa.field(n, _ARROW[t], nullable=nul) for n, t, nul in sql_columns(model)])


def create_table_sql(model: type[Row]) -> str:
    cols = []
    for name, typ, nullable in sql_columns(model):
        cols.append(f"    {name} {typ}{'' if nullable else ' NOT NULL'}")
    key = ", ".join(model.__key__)
    cols.append(f"    PRIMARY KEY ({key})")
    return f"CREATE TABLE {model.__table__} (\n" + ",\n".join(cols) + "\n);"


def tables_ddl() -> str:
    """CREATE TABLE of every contract table, parents first (the views are in ``views.py``)."""
    return "\n\n".join(create_table_sql(m) for m in TABLES)

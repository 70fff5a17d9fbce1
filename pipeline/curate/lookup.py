"""Read-only look-ups in a published database, for the decision helpers and `pipeline flags`."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from pipeline.curate.ids import source_of, table_of
from pipeline.errors import InputError
from pipeline.models.rows import FlagRow
from pipeline.store.read import read_db

_KEY = {"studies": "study_id", "study_conditions": "condition_id", "interventions": "intervention_id",
        "results": "result_id", "adverse_events": "adverse_event_id", "flags": "flag_id"}


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> dict[str, Any] | None:
    cur = con.execute(sql, params)
    row = cur.fetchone()
    return None if row is None else dict(zip([c[0] for c in cur.description], row))


def get_row(con: duckdb.DuckDBPyConnection, rid: str, table: str | None = None) -> tuple[str, dict[str, Any]]:
    """``(table, row)`` of a study, child row, dose (``<intervention id>#<seq>``) or flag id."""
    table = table or table_of(rid)
    if table == "doses":
        iid, _, seq = rid.rpartition("#")
        row = _one(con, "SELECT * FROM doses WHERE intervention_id = ? AND seq = ?",
                   [iid, int(seq) if seq.isdigit() else -1])
    else:
        row = _one(con, f"SELECT * FROM {table} WHERE {_KEY[table]} = ?", [rid])
    if row is None:
        what = "flag" if table == "flags" else "row of " + table
        raise InputError(f"unknown id {rid!r}: no {what} in the database (see `pipeline flags --all` "
                         "or curated/export/*.jsonl for ids)")
    return table, row


def get_source(con: duckdb.DuckDBPyConnection, rid: str) -> dict[str, Any]:
    ids = {r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()}
    sid = source_of(rid, ids)
    if sid is None:
        raise InputError(f"unknown id {rid!r}: it names no article of the database")
    return _one(con, "SELECT source_id, sha256, text FROM sources WHERE source_id = ?", [sid])  # type: ignore[return-value]


def get_prov(con: duckdb.DuckDBPyConnection, table: str, rid: str, field: str) -> dict[str, Any] | None:
    return _one(con, "SELECT * FROM provenance WHERE table_name = ? AND row_id = ? AND field = ?",
                [table, rid, field])


def list_flags(db: Path, include_all: bool = False) -> list[FlagRow]:
    """Flags in a stable order (open ones only unless ``include_all``)."""
    with read_db(db) as con:
        cur = con.execute("SELECT * FROM flags" + ("" if include_all else " WHERE status = 'open'")
                          + " ORDER BY source_id, CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 "
                          "ELSE 2 END, line NULLS LAST, flag_id")
        names = [c[0] for c in cur.description]
        return [FlagRow.model_validate(dict(zip(names, r))) for r in cur.fetchall()]

"""Every query the product runs against the contract's tables (the export's and check-db's are in
``export.py`` and ``check.py``). Names come from the row models through ``ident()``; values are
always ``?`` parameters.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.errors import ContractError, InputError
from pipeline.models.ids import source_of, table_of
from pipeline.models.rows import MODELS, TABLES, FlagRow, Row
from pipeline.store.sql import ident

Record = dict[str, Any]


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Record | None:
    cur = con.execute(sql, params)
    rows = cur.fetchall()  # not fetchone: an unfinished result would block the next query
    return dict(zip([c[0] for c in cur.description], rows[0])) if rows else None


# -- look-ups of the curation helpers -------------------------------------------------------------

def get_row(con: duckdb.DuckDBPyConnection, rid: str, table: str | None = None) -> tuple[str, Record]:
    """``(table, row)`` of a study, child row, dose (``<intervention id>#<seq>``) or flag id."""
    table = table or table_of(rid)
    if table == "doses":
        iid, _, seq = rid.rpartition("#")
        row = _one(con, "SELECT * FROM doses WHERE intervention_id = ? AND seq = ?",
                   [iid, int(seq) if seq.isdigit() else -1])
    else:
        key = MODELS[table].__key__[0]
        row = _one(con, f"SELECT * FROM {ident(table)} WHERE {ident(key)} = ?", [rid])
    if row is None:
        what = "flag" if table == "flags" else "row of " + table
        hint = "`pipeline flags --all`" if table == "flags" else "`pipeline studies` and `pipeline show ARTICLE_ID`"
        raise InputError(f"unknown id {rid!r}: no {what} in the database (see {hint} for ids)")
    return table, row


def get_source(con: duckdb.DuckDBPyConnection, rid: str) -> Record:
    """``source_id``, ``sha256`` and ``text`` of the article an id belongs to."""
    ids = {r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()}
    sid = source_of(rid, ids)
    row = None if sid is None else _one(con, "SELECT source_id, sha256, text FROM sources WHERE source_id = ?",
                                        [sid])
    if row is None:
        raise InputError(f"unknown id {rid!r}: it names no article of the database")
    return row


def get_prov(con: duckdb.DuckDBPyConnection, table: str, rid: str, field: str) -> Record | None:
    return _one(con, "SELECT * FROM provenance WHERE table_name = ? AND row_id = ? AND field = ?",
                [table, rid, field])


def flags(con: duckdb.DuckDBPyConnection, include_all: bool = False) -> list[FlagRow]:
    """Flags in a stable order (open ones only unless ``include_all``)."""
    cur = con.execute("SELECT * FROM flags" + ("" if include_all else " WHERE status = 'open'")
                      + " ORDER BY source_id, CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 "
                      "ELSE 2 END, line NULLS LAST, flag_id")
    names = [c[0] for c in cur.description]
    return [FlagRow.model_validate(dict(zip(names, r))) for r in cur.fetchall()]


# -- whole tables, for the report -----------------------------------------------------------------

def read_table(con: duckdb.DuckDBPyConnection, model: type[Row]) -> list[Row]:
    """Every row of ``model``'s table in key order (built without re-validating: the file is checked)."""
    names = list(model.model_fields)
    order = ", ".join(ident(k) for k in model.__key__)
    try:
        cur = con.execute(f"SELECT {', '.join(ident(n) for n in names)} FROM {ident(model.__table__)} "
                          f"ORDER BY {order}")
    except duckdb.CatalogException as e:
        raise ContractError(
            f"In table `{model.__table__}`: {e}. Run `pipeline run` to rebuild the database.") from e
    rows: list[Row] = []
    while batch := cur.fetchmany(10_000):
        rows.extend(model.model_construct(**dict(zip(names, r))) for r in batch)
    return rows


# -- the build ------------------------------------------------------------------------------------

@dataclass
class Summary:
    """What a run's database holds, for its one-line report."""

    articles: int = 0
    studies: int = 0
    flags_by_severity: dict[str, int] = field(default_factory=dict)
    open_errors: int = 0
    acknowledged: int = 0
    resolved: int = 0
    open_flags: int = 0


def summary(con: duckdb.DuckDBPyConnection) -> Summary:
    def one(sql: str) -> int:
        return int(con.execute(sql).fetchall()[0][0])

    return Summary(
        articles=one("SELECT count(*) FROM sources"),
        studies=one("SELECT count(*) FROM studies"),
        flags_by_severity=dict(con.execute(
            "SELECT severity, count(*) FROM flags GROUP BY severity ORDER BY severity").fetchall()),
        open_errors=one("SELECT count(*) FROM flags WHERE severity = 'error' AND status = 'open'"),
        acknowledged=one("SELECT count(*) FROM flags WHERE status = 'acknowledged'"),
        resolved=one("SELECT count(*) FROM flags WHERE status = 'resolved'"),
        open_flags=one("SELECT count(*) FROM flags WHERE status = 'open'"),
    )


def rows_of_sources(model: type[Row]) -> str | None:
    """The SQL condition "this row of ``model``'s table belongs to an article of the temporary table
    ``gone``" (children through their study or intervention); None for a table of no article."""
    in_gone = "source_id IN (SELECT source_id FROM gone)"
    of_studies = f"study_id IN (SELECT study_id FROM studies WHERE {in_gone})"
    if "source_id" in model.model_fields:
        return in_gone
    if "study_id" in model.model_fields:
        return of_studies
    if "intervention_id" in model.model_fields:
        return f"intervention_id IN (SELECT intervention_id FROM interventions WHERE {of_studies})"
    return None


def _deletion_order(model: type[Row]) -> int:
    # Children first: their condition reads the studies and interventions being deleted.
    fields = model.model_fields
    return 2 if "source_id" in fields else 1 if "study_id" in fields else 0


def delete_sources(con: duckdb.DuckDBPyConnection, source_ids: Iterable[str]) -> None:
    """Remove every row that belongs to these articles (children through their study/intervention)."""
    ids = sorted(set(source_ids))
    if not ids:
        return
    gone_ids = pa.table({"source_id": pa.array(ids, pa.string())})  # noqa: F841 (read by DuckDB)
    con.execute("CREATE TEMP TABLE gone AS SELECT * FROM gone_ids")
    owned = [(m, w) for m in TABLES if (w := rows_of_sources(m)) is not None]
    for model, where in sorted(owned, key=lambda mw: _deletion_order(mw[0])):
        con.execute(f"DELETE FROM {ident(model.__table__)} WHERE {where}")
    con.execute("DROP TABLE gone")


# -- browsing: `pipeline studies` and `pipeline show` ---------------------------------------------

def _records(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[Record]:
    cur = con.execute(sql, params)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _models(con: duckdb.DuckDBPyConnection, model: type[Row], column: str, values: list[Any]) -> list[Row]:
    """Rows of ``model`` whose ``column`` is one of ``values``, in key order."""
    names = list(model.model_fields)
    order = ", ".join(ident(k) for k in model.__key__)
    cur = con.execute(f"SELECT {', '.join(ident(n) for n in names)} FROM {ident(model.__table__)} "
                      f"WHERE list_contains(?, {ident(column)}) ORDER BY {order}", [values])
    return [model.model_construct(**dict(zip(names, r))) for r in cur.fetchall()]


def study_list(con: duckdb.DuckDBPyConnection, source_id: str | None = None) -> list[Record]:
    """Every study (of one article) with its key values and counts, in article and study order."""
    return _records(con, """
        SELECT s.study_id, s.source_id, s.ordinal, s.label, s.sample_size, s.evidence_level, s.randomized,
               s.blinding, s.period_start, s.period_end,
               (SELECT count(*) FROM study_conditions c WHERE c.study_id = s.study_id) AS conditions,
               (SELECT count(*) FROM interventions i WHERE i.study_id = s.study_id) AS interventions,
               (SELECT count(*) FROM flags f WHERE f.study_id = s.study_id AND f.status = 'open') AS open_flags
        FROM studies s WHERE ?::VARCHAR IS NULL OR s.source_id = ? ORDER BY s.source_id, s.ordinal""",
                    [source_id, source_id])


def source_list(con: duckdb.DuckDBPyConnection) -> list[Record]:
    """Every article's id, path and title (without its text)."""
    return _records(con, "SELECT source_id, path, title, kind FROM sources ORDER BY source_id", [])


@dataclass
class StudyRows:
    """One study with every row under it, its flags and the provenance of its values."""

    study: Row
    children: dict[str, list[Row]] = field(default_factory=dict)
    flags: list[Row] = field(default_factory=list)
    provenance: list[Row] = field(default_factory=list)


def study_rows(con: duckdb.DuckDBPyConnection, study_id: str) -> StudyRows | None:
    from pipeline.models.rows import (AdverseEventRow, ConditionRow, DoseRow, InterventionRow, ProvenanceRow,
                                      ResultRow, StudyRow)

    found = _models(con, StudyRow, "study_id", [study_id])
    if not found:
        return None
    out = StudyRows(study=found[0])
    for model in (ConditionRow, InterventionRow, ResultRow, AdverseEventRow):
        out.children[model.__table__] = _models(con, model, "study_id", [study_id])
    out.children["doses"] = _models(con, DoseRow, "intervention_id",
                                    [getattr(r, "intervention_id") for r in out.children["interventions"]])
    out.flags = _models(con, FlagRow, "study_id", [study_id])
    ids = [study_id] + [str(getattr(r, type(r).__key__[0])) for t, rows in out.children.items() if t != "doses"
                        for r in rows] + [f"{getattr(r, 'intervention_id')}#{getattr(r, 'seq')}"
                                          for r in out.children["doses"]]
    out.provenance = _models(con, ProvenanceRow, "row_id", ids)
    return out


def article_rows(con: duckdb.DuckDBPyConnection, source_id: str) -> tuple[Record | None, list[str], list[Row]]:
    """An article's source row (without text), its study ids, and its flags outside any study."""
    src = _one(con, "SELECT source_id, path, title, kind, sha256, n_chars, url FROM sources WHERE source_id = ?",
               [source_id])
    studies = [r["study_id"] for r in _records(con, "SELECT study_id FROM studies WHERE source_id = ? "
                                                    "ORDER BY ordinal", [source_id])]
    flags_ = [f for f in _models(con, FlagRow, "source_id", [source_id]) if getattr(f, "study_id") is None]
    return src, studies, flags_


def flag_row(con: duckdb.DuckDBPyConnection, flag_id: str) -> FlagRow | None:
    rows = _models(con, FlagRow, "flag_id", [flag_id])
    return rows[0] if rows and isinstance(rows[0], FlagRow) else None


def source_path(con: duckdb.DuckDBPyConnection, source_id: str) -> str | None:
    row = _one(con, "SELECT path FROM sources WHERE source_id = ?", [source_id])
    return None if row is None else str(row["path"])


def source_paths(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return {r[0]: r[1] for r in con.execute("SELECT source_id, path FROM sources").fetchall()}


def decision_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Ids of the decisions the database shows applied (in provenance or on a flag)."""
    rows = con.execute("SELECT DISTINCT decision_id FROM provenance WHERE decision_id IS NOT NULL UNION "
                       "SELECT DISTINCT decision_id FROM flags WHERE decision_id IS NOT NULL AND code <> 'K101'"
                       ).fetchall()
    return {r[0] for r in rows}


def stale_messages(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """``(flag id, message)`` of every stale-decision flag."""
    return [(r[0], r[1]) for r in con.execute("SELECT flag_id, message FROM flags WHERE code = 'K101'").fetchall()]


def source_text(con: duckdb.DuckDBPyConnection, source_id: str) -> str:
    row = _one(con, "SELECT text FROM sources WHERE source_id = ?", [source_id])
    if row is None:
        raise InputError(f"no article {source_id!r} in the database (see `pipeline studies`)")
    return str(row["text"])

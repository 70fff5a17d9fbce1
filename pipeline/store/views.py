"""The contract's views: ready-made answers over the tables, for analysts who would rather not join.

Each view is written once, in the SQL that DuckDB and SQLite share (the SQLite export carries
them too); the one difference, ordered string aggregation, goes through ``_joined``.
"""
from __future__ import annotations

from typing import Literal

from pipeline.models.rows import TABLES, Row
from pipeline.store.ddl import columns, tables_ddl
from pipeline.store.sql import ident

Dialect = Literal["duckdb", "sqlite"]

DESCRIPTIONS = {
    "study_summary": "One row per study: its design, conditions, interventions with route and doses, "
                     "comparator, participant-flow counts, evidence level and number of open flags.",
    "open_flags": "Every open flag with its article's title, its study's label and the quote it points at.",
    "evidence_with_quotes": "Every extracted or curated value (as text) with the quote, span and rule it "
                            "came from, one row per value.",
}


def _joined(dialect: Dialect, expr: str, source: str, order: str, sep: str) -> str:
    """``expr`` of the rows of ``source`` (``FROM ... WHERE ...``) joined with ``sep`` in ``order``;
    NULL when there are none."""
    if dialect == "duckdb":
        return f"(SELECT string_agg({expr}, '{sep}' ORDER BY {order}) {source})"
    # SQLite before 3.44 has no ORDER BY inside an aggregate; it aggregates a sub-select in its order.
    return f"(SELECT group_concat(v, '{sep}') FROM (SELECT {expr} AS v {source} ORDER BY {order}))"


def _flow(role: str) -> str:
    return (f"(SELECT f.n FROM participant_flow f WHERE f.study_id = s.study_id AND f.role = '{role}' "
            "AND NOT f.planned ORDER BY f.seq LIMIT 1)")


def study_summary(dialect: Dialect) -> str:
    doses = _joined(dialect, "CAST(d.amount AS VARCHAR) || ' ' || d.unit",
                    "FROM doses d WHERE d.intervention_id = i.intervention_id", "d.seq", ", ")
    one = f"i.agent || coalesce(' (' || i.route || ')', '') || coalesce(': ' || {doses}, '')"
    interventions = _joined(dialect, one, "FROM interventions i WHERE i.study_id = s.study_id",
                            "i.intervention_id", "; ")
    conditions = _joined(dialect, "c.condition || coalesce(' [' || c.icd10 || ']', '')",
                         "FROM study_conditions c WHERE c.study_id = s.study_id", "c.condition_id", "; ")
    flows = ",\n       ".join(f"{_flow(r)} AS n_{r}" for r in ("screened", "enrolled", "randomized",
                                                                "completed", "analysed", "withdrawn"))
    return f"""
SELECT s.study_id, s.source_id, src.title AS source_title, s.ordinal, s.label,
       s.sample_size, s.randomized, s.blinding, s.placebo_controlled, s.crossover, s.design_terms,
       s.evidence_level, s.phase, s.period_start, s.period_end, s.duration_days,
       {conditions} AS conditions,
       {interventions} AS interventions,
       s.comparator,
       {flows},
       (SELECT count(*) FROM participant_flow f WHERE f.study_id = s.study_id AND f.role = 'arm'
        AND NOT f.planned) AS n_arm_counts,
       (SELECT count(*) FROM flags f WHERE f.study_id = s.study_id AND f.status = 'open') AS open_flags
FROM studies s JOIN sources src ON src.source_id = s.source_id
"""


def open_flags(dialect: Dialect) -> str:
    return """
SELECT f.flag_id, f.code, f.rule, f.severity, f.category, f.source_id, src.title AS source_title,
       f.study_id, s.label AS study_label, f.message, f.line, f.col,
       CASE WHEN f.char_start IS NULL THEN NULL
            ELSE substr(src.text, f.char_start + 1, f.char_end - f.char_start) END AS quote
FROM flags f JOIN sources src ON src.source_id = f.source_id
LEFT JOIN studies s ON s.study_id = f.study_id
WHERE f.status = 'open'
"""


def _as_text(name: str, typ: type) -> str:
    col = f"t.{ident(name)}"
    if typ is bool:  # 'true'/'false' in both databases (SQLite has no boolean type)
        return f"CASE WHEN {col} IS NULL THEN NULL WHEN {col} THEN 'true' ELSE 'false' END"
    if typ is list:
        return "NULL"  # list columns have one provenance row per item; the item is in the field name
    return f"CAST({col} AS VARCHAR)"


_STUDY_OF = {"studies": "t.study_id", "doses": "(SELECT i.study_id FROM interventions i "
                                               "WHERE i.intervention_id = t.intervention_id)"}
_VALUE_TABLES = ("studies", "study_conditions", "interventions", "doses", "results", "adverse_events")


def evidence_with_quotes(dialect: Dialect) -> str:
    models: dict[str, type[Row]] = {m.__table__: m for m in TABLES}
    parts = []
    for table in _VALUE_TABLES:
        model = models[table]
        # A one-column key is compared as it is: SQLite then finds the row by its index.
        key = " || '#' || ".join(f"t.{ident(k)}" if typ is str else f"CAST(t.{ident(k)} AS VARCHAR)"
                                 for k, typ in ((k, dict((n, t) for n, t, _ in columns(model))[k])
                                                for k in model.__key__))
        cases = " ".join(f"WHEN '{n}' THEN {_as_text(n, typ)}" for n, typ, _ in columns(model) if typ is not list)
        lists = [n for n, typ, _ in columns(model) if typ is list]
        # "design_terms/<term>": the value is the term.
        item = " ".join(f"WHEN p.field LIKE '{n}/%' THEN substr(p.field, {len(n) + 2})" for n in lists)
        value = f"CASE {item} ELSE CASE p.field {cases} END END" if item else f"CASE p.field {cases} END"
        study = _STUDY_OF.get(table, "t.study_id")
        parts.append(f"""SELECT p.table_name, p.row_id, p.field, {value} AS value, p.quote, p.char_start, p.char_end,
       p.rule, p.origin, p.decision_id, p.source_id, {study} AS study_id
FROM provenance p JOIN {ident(table)} t ON p.table_name = '{table}' AND p.row_id = {key}""")
    parts.append("""SELECT 'participant_flow', t.study_id || '#' || CAST(t.seq AS VARCHAR), 'n', CAST(t.n AS VARCHAR),
       substr(src.text, t.char_start + 1, t.char_end - t.char_start), t.char_start, t.char_end, t.rule,
       'extracted', NULL, s.source_id, t.study_id
FROM participant_flow t JOIN studies s ON s.study_id = t.study_id JOIN sources src ON src.source_id = s.source_id""")
    return "\n" + "\nUNION ALL\n".join(parts) + "\n"


def views(dialect: Dialect = "duckdb") -> dict[str, str]:
    """View name -> its SELECT, in ``dialect``."""
    return {"study_summary": study_summary(dialect), "open_flags": open_flags(dialect),
            "evidence_with_quotes": evidence_with_quotes(dialect)}


VIEWS = views()


def contract_ddl() -> str:
    """The contract as SQL: its tables, then its views."""
    from pipeline import CONTRACT_VERSION

    head = f"-- Evidence database contract, version {CONTRACT_VERSION}. Generated by `pipeline schema export`.\n"
    views_sql = [f"CREATE VIEW {name} AS\n{sql.strip()};" for name, sql in VIEWS.items()]
    return head + "\n\n".join([tables_ddl(), *views_sql]) + "\n"

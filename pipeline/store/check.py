"""`check-db`: verify a database file against the contract, for downstream consumers and CI.

Foreign keys follow the contract's naming convention: a column named like the one-column key
of another table (``source_id``, ``study_id``, ``intervention_id``, ...) references that table.
"""
from __future__ import annotations

import functools
import typing
from pathlib import Path
from typing import Any

import duckdb
from pydantic import BaseModel, Field

from pipeline import CONTRACT_VERSION
from pipeline.errors import ContractError
from pipeline.models.rows import MODELS, TABLES
from pipeline.store.connect import open_checked
from pipeline.store.ddl import sql_columns
from pipeline.store.sql import ident
from pipeline.store.views import VIEWS

EXAMPLES = 3  # ids shown per problem


class CheckReport(BaseModel):
    path: str
    usable: bool = True
    contract_version: int | None = None
    problems: list[str] = Field(default_factory=list)
    rows: dict[str, int] = Field(default_factory=dict)
    views: dict[str, int] = Field(default_factory=dict, description="Rows each view gives.")

    @property
    def exit_code(self) -> int:
        return 2 if not self.usable else 1 if self.problems else 0


class _Checker:
    def __init__(self, con: duckdb.DuckDBPyConnection, report: CheckReport):
        self.con, self.report = con, report

    def count(self, what: str, sql: str, params: list[Any] | None = None) -> None:
        """Record a problem when ``sql`` (selecting one id column) returns rows."""
        found = self.con.execute(f"SELECT count(*) FROM ({sql})", params or []).fetchall()[0][0]
        if found:
            ids = [str(r[0]) for r in self.con.execute(f"{sql} LIMIT {EXAMPLES}", params or []).fetchall()]
            self.report.problems.append(f"{what}: {found} row(s), e.g. {', '.join(ids)}")

    def structure(self) -> bool:
        ok = True
        for model in TABLES:
            got = self.con.execute(
                "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
                [model.__table__],
            ).fetchall()
            want = [(n, t, "YES" if nul else "NO") for n, t, nul in sql_columns(model)]
            if not got:
                self.report.problems.append(f"{model.__table__}: table missing")
                ok = False
            elif got != want:
                diff = [f"{g} != {w}" for g, w in zip(got, want) if g != w]
                if len(got) != len(want):
                    diff.append(f"{len(got)} columns, the contract has {len(want)}")
                self.report.problems.append(f"{model.__table__}: columns differ from the contract: "
                                            + "; ".join(diff[:EXAMPLES]))
                ok = False
            else:
                t = ident(model.__table__)
                n = self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                self.report.rows[model.__table__] = n
        return ok

    def keys(self) -> None:
        for model in TABLES:
            t, key = ident(model.__table__), ", ".join(ident(k) for k in model.__key__)
            self.count(f"{model.__table__}: duplicate key ({', '.join(model.__key__)})",
                       f"SELECT concat_ws('#', {key}) FROM {t} GROUP BY {key} HAVING count(*) > 1")

    def domains(self) -> None:
        """Columns typed as a Literal hold only the allowed values."""
        for model in TABLES:
            for name, field in model.model_fields.items():
                allowed = _literal_values(field.annotation)
                if not allowed:
                    continue
                marks = ", ".join("?" for _ in allowed)
                self.count(f"{model.__table__}.{name}: value outside {sorted(allowed)}",
                           f"SELECT DISTINCT {ident(name)} FROM {ident(model.__table__)} "
                           f"WHERE {ident(name)} IS NOT NULL AND {ident(name)} NOT IN ({marks})",
                           list(allowed))

    def references(self) -> None:
        owners = {m.__key__[0]: m for m in TABLES if len(m.__key__) == 1}
        for model in TABLES:
            t = ident(model.__table__)
            for name in model.model_fields:
                parent = owners.get(name)
                if parent is None or parent is model:
                    continue
                p, c = ident(parent.__table__), ident(name)
                self.count(f"{model.__table__}.{name}: no such {parent.__table__} row",
                           f"SELECT DISTINCT x.{c} FROM {t} x LEFT JOIN {p} y ON x.{c} = y.{c} "
                           f"WHERE x.{c} IS NOT NULL AND y.{c} IS NULL")
            fields = model.model_fields
            if "source_id" in fields and "study_id" in fields and model.__table__ != "studies":
                self.count(f"{model.__table__}: source_id differs from its study's",
                           f"SELECT x.study_id FROM {t} x JOIN studies s ON x.study_id = s.study_id "
                           "WHERE x.source_id <> s.source_id")

    def provenance(self) -> None:
        known = MODELS
        names = ", ".join("?" for _ in known)
        self.count("provenance.table_name: not a contract table",
                   f"SELECT DISTINCT table_name FROM provenance WHERE table_name NOT IN ({names})",
                   list(known))
        for table, model in known.items():
            key = ", ".join(f"CAST({ident(k)} AS VARCHAR)" for k in model.__key__)
            self.count(f"provenance: row_id with no {table} row",
                       f"SELECT p.row_id FROM provenance p WHERE p.table_name = ? AND p.row_id NOT IN "
                       f"(SELECT concat_ws('#', {key}) FROM {ident(table)})", [table])
            # A field names a column, or one part of a list column: "design_terms/<term>".
            fields = list(model.model_fields)
            marks = ", ".join("?" for _ in fields)
            self.count(f"provenance.field: not a column of {table}",
                       f"SELECT DISTINCT field FROM provenance WHERE table_name = ? "
                       f"AND split_part(field, '/', 1) NOT IN ({marks})", [table, *fields])

    def spans(self) -> None:
        self.count("sources.n_chars: differs from the length of text",
                   "SELECT source_id FROM sources WHERE n_chars <> length(text)")
        bounds = "x.char_start < 0 OR x.char_end < x.char_start OR x.char_end > s.n_chars"
        self.count("studies: span outside 0 <= char_start <= char_end <= n_chars",
                   f"SELECT x.study_id FROM studies x JOIN sources s USING (source_id) WHERE {bounds}")
        for table, id_col in (("flags", "flag_id"), ("provenance", "row_id || '.' || field")):
            self.count(f"{table}: only one of char_start, char_end is set",
                       f"SELECT {id_col} FROM {ident(table)} "
                       "WHERE (char_start IS NULL) <> (char_end IS NULL)")
            self.count(f"{table}: span outside 0 <= char_start <= char_end <= n_chars",
                       f"SELECT {id_col} FROM {ident(table)} x JOIN sources s USING (source_id) "
                       f"WHERE x.char_start IS NOT NULL AND ({bounds})")
        self.count("participant_flow: span outside 0 <= char_start <= char_end <= n_chars",
                   "SELECT x.study_id || '#' || x.seq FROM participant_flow x JOIN studies st USING (study_id) "
                   f"JOIN sources s ON s.source_id = st.source_id WHERE {bounds}")
        self.count("provenance.quote: differs from the source text at its span",
                   "SELECT row_id || '.' || field FROM provenance x JOIN sources s USING (source_id) "
                   "WHERE x.char_start IS NOT NULL AND x.quote IS NOT NULL "
                   "AND x.char_start >= 0 AND x.char_end >= x.char_start AND x.char_end <= s.n_chars "
                   "AND substr(s.text, x.char_start + 1, x.char_end - x.char_start) <> x.quote")


    def bounds(self) -> None:
        """Numbers stay within the bounds their model declares (``ge``/``le``)."""
        for model in TABLES:
            for name, field in model.model_fields.items():
                for limit in field.metadata:
                    for attr, op in (("ge", "<"), ("le", ">")):
                        if getattr(limit, attr, None) is not None:
                            self.count(f"{model.__table__}.{name}: value {op} {getattr(limit, attr)}",
                                       f"SELECT DISTINCT {ident(name)} FROM {ident(model.__table__)} "
                                       f"WHERE {ident(name)} {op} ?", [getattr(limit, attr)])

    def typed_values(self) -> None:
        """The typed columns agree with the values they are derived from."""
        for end in ("period_start", "period_end"):
            self.count(f"studies.{end}_precision: set exactly when {end} is",
                       f"SELECT study_id FROM studies WHERE ({ident(end)} IS NULL) <> "
                       f"({ident(end + '_precision')} IS NULL)")
        for table, id_col in (("studies", "study_id"), ("interventions", "intervention_id")):
            self.count(f"{table}.duration_days: set without a duration",
                       f"SELECT {id_col} FROM {ident(table)} WHERE duration IS NULL AND duration_days IS NOT NULL")
        self.count("interventions.per_day: set without a frequency",
                   "SELECT intervention_id FROM interventions WHERE frequency IS NULL AND per_day IS NOT NULL")
        self.count("interventions.route_term: set without a route",
                   "SELECT intervention_id FROM interventions WHERE route IS NULL AND route_term IS NOT NULL")
        self.count("studies.phase: set without the design term 'phase'",
                   "SELECT study_id FROM studies WHERE phase IS NOT NULL "
                   "AND NOT list_contains(coalesce(design_terms, []), 'phase')")
        self.count("studies.design_terms: an empty list or an empty term (NULL when none)",
                   "SELECT study_id FROM studies WHERE len(design_terms) = 0 OR list_contains(design_terms, '')")
        self.count("doses.unit: not the normal form of amount_unit and per",
                   "SELECT intervention_id || '#' || seq FROM doses WHERE unit IS DISTINCT FROM amount_unit || "
                   "CASE per WHEN 'day' THEN '/day' WHEN 'hour' THEN '/h' WHEN 'minute' THEN '/min' ELSE '' END")

    def views(self) -> None:
        """Every view of the contract is there, gives the contract's columns and can be read."""
        found = {r[0]: r[1] for r in self.con.execute(
            "SELECT view_name, sql FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal").fetchall()}
        for name, columns_ in view_columns().items():
            if name not in found:
                self.report.problems.append(f"{name}: view missing")
                continue
            got = [r[0] for r in self.con.execute(f"DESCRIBE {ident(name)}").fetchall()]
            if got != columns_:
                self.report.problems.append(f"{name}: view columns differ from the contract: {got} != {columns_}")
                continue
            self.report.views[name] = self.con.execute(f"SELECT count(*) FROM {ident(name)}").fetchall()[0][0]


@functools.cache
def view_columns() -> dict[str, list[str]]:
    """The columns of each view, as the contract's DDL creates them."""
    from pipeline.store.connect import memory_database
    from pipeline.store.write import create_schema

    con = memory_database()
    try:
        create_schema(con)
        return {name: [r[0] for r in con.execute(f"DESCRIBE {ident(name)}").fetchall()] for name in VIEWS}
    finally:
        con.close()


def _literal_values(annotation: Any) -> tuple[Any, ...]:
    for arg in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(arg) is typing.Literal:
            return typing.get_args(arg)
    return ()


def check_database(path: Path) -> CheckReport:
    """Every way ``path`` departs from the contract; never raises for a bad file."""
    path = Path(path)
    report = CheckReport(path=str(path))

    def unusable(why: str) -> CheckReport:
        report.usable = False
        report.problems.append(why)
        return report

    if not path.is_file():
        return unusable(f"{path}: no such database file")
    try:
        con = open_checked(path)
    except ContractError as e:
        report.contract_version = e.contract_version
        return unusable(str(e))
    report.contract_version = CONTRACT_VERSION
    try:
        checker = _Checker(con, report)
        if not checker.structure():
            return report
        checker.count("schema_info: expected exactly one row",
                      "SELECT contract_version FROM schema_info "
                      "WHERE (SELECT count(*) FROM schema_info) <> 1")
        checker.keys()
        checker.domains()
        checker.references()
        checker.provenance()
        checker.spans()
        checker.bounds()
        checker.typed_values()
        checker.views()
    except duckdb.Error as e:
        return unusable(f"{path}: cannot read: {' '.join(str(e).split())}")
    finally:
        con.close()
    return report


__all__ = ["CheckReport", "check_database"]

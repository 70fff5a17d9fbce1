"""`pipeline migrate`: a database file of an older contract upgraded in place, in one transaction.

From contract v1 to v2, the tables keep their rows and gain the typed columns, which are derived
exactly as a build derives them (``curate/typed.py``, from the values and their quotes in
provenance): ``design_terms`` becomes a list, ``evidence_level`` a number, dose units take their
normal form. ``participant_flow`` did not exist in v1: its rows are read again from each
article's text stored in ``sources`` with this pipeline's extractor, for every study whose span is
still the one the extractor finds (a study it would now cut differently gets no flow rows, and is
counted in the result). A failure anywhere rolls everything back: the file stays v1.

The one transaction holds the new tables until it commits, so the migration runs with DuckDB's
default memory limit, not a build's (bulk corpus: 70 s, 0.5 GB; its result equals a fresh v2
build in every table, participant_flow apart where the extractor changed since).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
from pydantic import BaseModel, ValidationError

from pipeline import CONTRACT_VERSION, __version__
from pipeline.errors import ContractError, InputError
from pipeline.models.rows import DoseRow, FlowRow, InterventionRow, ProvenanceRow, Row, SchemaInfoRow, StudyRow
from pipeline.store.connect import connect_file, one_line
from pipeline.store.contract import is_duckdb_file, newer_message, not_evidence_message, stored_version
from pipeline.store.ddl import create_table_sql
from pipeline.store.sql import ident
from pipeline.store.views import VIEWS
from pipeline.store.write import as_tuples, insert_tuples


class MigrateResult(BaseModel):
    path: str
    from_version: int
    to_version: int = CONTRACT_VERSION
    migrated: bool = False
    flow_rows: int = 0
    studies_without_flow: int = 0


def _records(con: duckdb.DuckDBPyConnection, table: str) -> list[dict[str, Any]]:
    cur = con.execute(f"SELECT * FROM {ident(table)}")
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _v1_studies(con: duckdb.DuckDBPyConnection) -> list[Row]:
    out: list[Row] = []
    for r in _records(con, "studies"):
        terms = [t for t in (r["design_terms"] or "").split("; ") if t]
        level = r["evidence_level"]
        out.append(StudyRow.model_validate({**r, "design_terms": terms or None,
                                            "evidence_level": int(level) if level is not None else None}))
    return out


def _flows(con: duckdb.DuckDBPyConnection, studies: list[Row]) -> tuple[list[Row], int]:
    """Participant-flow rows of every study, read again from the stored text; and how many studies
    the extractor no longer finds where the file has them."""
    from pipeline.extract import extract_text

    by_source: dict[str, dict[int, StudyRow]] = {}
    for s in studies:
        assert isinstance(s, StudyRow)
        by_source.setdefault(s.source_id, {})[s.ordinal] = s
    rows: list[Row] = []
    unmatched = 0
    for source_id, text in con.execute("SELECT source_id, text FROM sources ORDER BY source_id").fetchall():
        stored = by_source.get(source_id, {})
        found = {f.ordinal: f for f in extract_text(source_id, text).studies}
        for ordinal, study in sorted(stored.items()):
            facts = found.get(ordinal)
            if facts is None or (facts.span.char_start, facts.span.char_end) != (study.char_start, study.char_end):
                unmatched += 1
                continue
            for seq, fl in enumerate(facts.flow, 1):
                rows.append(FlowRow(study_id=study.study_id, seq=seq, role=fl.role, n=fl.n.value, arm=fl.arm,
                                    label=fl.label, of_n=fl.of_n, reason=fl.reason, planned=fl.planned,
                                    char_start=fl.n.span.char_start, char_end=fl.n.span.char_end, rule=fl.n.rule))
    return rows, unmatched


def _v1_to_v2(con: duckdb.DuckDBPyConnection, result: MigrateResult) -> None:
    from pipeline.curate.typed import with_typed_values

    rows: dict[str, list[Row]] = {
        "studies": _v1_studies(con),
        "interventions": [InterventionRow.model_validate(r) for r in _records(con, "interventions")],
        "doses": [DoseRow.model_validate(r) for r in _records(con, "doses")],
        "provenance": [ProvenanceRow.model_validate(r) for r in _records(con, "provenance")],
    }
    typed = with_typed_values(rows)
    typed["participant_flow"], result.studies_without_flow = _flows(con, typed["studies"])
    typed["schema_info"] = [SchemaInfoRow(contract_version=2, pipeline_version=__version__)]
    result.flow_rows = len(typed["participant_flow"])
    tuples = as_tuples(typed)
    for model in (SchemaInfoRow, StudyRow, InterventionRow, DoseRow, FlowRow):
        table = model.__table__
        con.execute(f"DROP TABLE IF EXISTS {ident(table)}")
        con.execute(create_table_sql(model))
        insert_tuples(con, table, tuples.get(table, []))
    for name, sql in VIEWS.items():
        con.execute(f"CREATE VIEW {ident(name)} AS {sql}")


# Version -> the step that upgrades a file of that version to the next.
STEPS: dict[int, Callable[[duckdb.DuckDBPyConnection, MigrateResult], None]] = {1: _v1_to_v2}


def migrate(path: Path) -> MigrateResult:
    """Upgrade the database at ``path`` to this pipeline's contract in place, in one transaction.

    Raises ``InputError``/``ContractError`` (exit 2) for a missing file, a file that is not an
    evidence database, or one of a version it cannot upgrade; nothing is changed then."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such database file")
    if not is_duckdb_file(path):
        raise ContractError(f"{path}: not a DuckDB database")
    try:
        con = connect_file(path, read_only=False)
    except duckdb.Error as e:
        raise ContractError(f"{path}: cannot open the database for writing: {one_line(e)}") from None
    try:
        version = stored_version(con)
        if version is None:
            raise ContractError(not_evidence_message(path))
        result = MigrateResult(path=str(path), from_version=version)
        if version == CONTRACT_VERSION:
            return result
        if version > CONTRACT_VERSION:
            raise ContractError(newer_message(path, version))
        if any(v not in STEPS for v in range(version, CONTRACT_VERSION)):
            raise ContractError(f"{path}: no migration from contract version {version}; rebuild it with "
                                "`pipeline run`")
        con.execute("BEGIN TRANSACTION")
        try:
            for v in range(version, CONTRACT_VERSION):
                STEPS[v](con, result)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("CHECKPOINT")
        result.migrated = True
        return result
    except (duckdb.Error, ValidationError) as e:
        raise ContractError(f"{path}: migration failed, the file is unchanged: {one_line(e)}") from None
    finally:
        con.close()

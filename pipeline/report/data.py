"""Read the evidence database (read-only) into the rows the report shows."""
from __future__ import annotations

from pathlib import Path

import duckdb
from pydantic import BaseModel, Field

from pipeline.errors import ContractError
from pipeline.models.rows import (
    AdverseEventRow, ConditionRow, DoseRow, FlagRow, InterventionRow, ProvenanceRow, ResultRow, Row,
    SourceRow, StudyRow,
)
from pipeline.store.read import read_db

_MODELS: tuple[type[Row], ...] = (
    SourceRow, StudyRow, ConditionRow, InterventionRow, DoseRow, ResultRow, AdverseEventRow, FlagRow,
    ProvenanceRow,
)


class EvidenceRows(BaseModel):
    """Every contract row the report needs, in a stable order."""

    sources: list[SourceRow] = Field(default_factory=list)
    studies: list[StudyRow] = Field(default_factory=list)
    study_conditions: list[ConditionRow] = Field(default_factory=list)
    interventions: list[InterventionRow] = Field(default_factory=list)
    doses: list[DoseRow] = Field(default_factory=list)
    results: list[ResultRow] = Field(default_factory=list)
    adverse_events: list[AdverseEventRow] = Field(default_factory=list)
    flags: list[FlagRow] = Field(default_factory=list)
    provenance: list[ProvenanceRow] = Field(default_factory=list)


def _read_table(con: duckdb.DuckDBPyConnection, model: type[Row]) -> list[Row]:
    names = list(model.model_fields)
    order = ", ".join(model.__key__)
    try:
        cur = con.execute(f"SELECT {', '.join(names)} FROM {model.__table__} ORDER BY {order}")
    except duckdb.CatalogException as e:
        raise ContractError(
            f"In table `{model.__table__}`: {e}. Run `pipeline run` to rebuild the database.") from e
    rows: list[Row] = []
    while batch := cur.fetchmany(10_000):
        # Rows come from a schema-checked database: construct without re-validating.
        rows.extend(model.model_construct(**dict(zip(names, r))) for r in batch)
    return rows


def load_rows(db: Path) -> EvidenceRows:
    """Open ``db`` read-only and read the tables the report shows."""
    with read_db(db) as con:
        tables = {m.__table__: _read_table(con, m) for m in _MODELS}
    return EvidenceRows.model_construct(**tables)

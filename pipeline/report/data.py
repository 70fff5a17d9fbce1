"""Read the evidence database (read-only) into the rows the report shows."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from pipeline.models.rows import (
    AdverseEventRow, ConditionRow, DoseRow, FlagRow, InterventionRow, ProvenanceRow, ResultRow, Row,
    SourceRow, StudyRow,
)
from pipeline.store.connect import open_read
from pipeline.store.queries import read_table

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


def load_rows(db: Path) -> EvidenceRows:
    """Open ``db`` read-only and read the tables the report shows."""
    with open_read(db) as con:
        tables = {m.__table__: read_table(con, m) for m in _MODELS}
    return EvidenceRows.model_construct(set(tables), **tables)

"""Rows of the DuckDB contract. The DDL in ``schemas/`` is generated from these models.

Column order is the contract's order: only ever add columns at the end of a table.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pipeline.models.facts import Blinding, Route
from pipeline.models.finding import Severity

Origin = Literal["extracted", "corrected", "added"]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid")
    __table__: str = ""
    __key__: tuple[str, ...] = ()


class SourceRow(Row):
    __table__ = "sources"
    __key__ = ("source_id",)
    source_id: str
    path: str
    sha256: str
    title: str | None
    kind: str
    n_chars: int = Field(ge=0)
    url: str | None = None
    text: str = Field(description="The decoded article text that every span indexes into.")


class StudyRow(Row):
    __table__ = "studies"
    __key__ = ("study_id",)
    study_id: str
    source_id: str
    ordinal: int = Field(ge=1)
    label: str | None = None
    sample_size: int | None = Field(default=None, ge=0)
    randomized: bool | None = None
    blinding: Blinding | None = None
    placebo_controlled: bool | None = None
    crossover: bool | None = None
    n_male: int | None = Field(default=None, ge=0)
    n_female: int | None = Field(default=None, ge=0)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    char_start: int = Field(ge=0)
    char_end: int = Field(ge=0)
    n_enrolled: int | None = Field(default=None, ge=0)
    n_completed: int | None = Field(default=None, ge=0)
    pct_male: float | None = None
    pct_female: float | None = None
    age: str | None = None
    comparator: str | None = None
    duration: str | None = None
    design_terms: str | None = Field(default=None, description="Design terms seen, '; '-separated.")
    evidence_level: str | None = Field(default=None, description="Derived from the design; see README.")


class ConditionRow(Row):
    __table__ = "study_conditions"
    __key__ = ("condition_id",)
    condition_id: str
    study_id: str
    condition: str
    n: int | None = Field(default=None, ge=0)
    icd10: str | None = None


class InterventionRow(Row):
    __table__ = "interventions"
    __key__ = ("intervention_id",)
    intervention_id: str
    study_id: str
    agent: str
    route: Route | None = None
    frequency: str | None = None
    duration: str | None = None


class DoseRow(Row):
    __table__ = "doses"
    __key__ = ("intervention_id", "seq")
    intervention_id: str
    seq: int = Field(ge=1)
    amount: float
    unit: str


class ResultRow(Row):
    __table__ = "results"
    __key__ = ("result_id",)
    result_id: str
    source_id: str
    study_id: str | None
    finding: str


class AdverseEventRow(Row):
    __table__ = "adverse_events"
    __key__ = ("adverse_event_id",)
    adverse_event_id: str
    source_id: str
    study_id: str | None
    event: str


class FlagRow(Row):
    __table__ = "flags"
    __key__ = ("flag_id",)
    flag_id: str
    code: str
    rule: str
    severity: Severity
    source_id: str
    study_id: str | None
    message: str
    char_start: int | None
    char_end: int | None
    line: int | None
    col: int | None
    status: Literal["open", "acknowledged", "resolved"] = "open"  # resolved: by the decision_id's correction
    category: str = "consistency"
    decision_id: str | None = None


class ProvenanceRow(Row):
    """Where one value came from: a span of the source, or a curator's decision."""

    __table__ = "provenance"
    __key__ = ("table_name", "row_id", "field")
    table_name: str
    row_id: str
    field: str
    source_id: str
    char_start: int | None
    char_end: int | None
    quote: str | None
    rule: str | None
    origin: Origin = "extracted"
    decision_id: str | None = None


class SchemaInfoRow(Row):
    __table__ = "schema_info"
    __key__ = ("contract_version",)
    contract_version: int
    pipeline_version: str


TABLES: tuple[type[Row], ...] = (
    SchemaInfoRow, SourceRow, StudyRow, ConditionRow, InterventionRow, DoseRow, ResultRow,
    AdverseEventRow, FlagRow, ProvenanceRow,
)
# Table name -> row model, built once for every module that needs it.
MODELS: dict[str, type[Row]] = {m.__table__: m for m in TABLES}

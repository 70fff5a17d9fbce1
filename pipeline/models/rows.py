"""Rows of the DuckDB contract. The DDL in ``schemas/`` is generated from these models.

Column order is the contract's order: only ever add columns at the end of a table.
Columns named in a model's ``__derived__`` are computed from its other values and their quotes
(``pipeline/curate/typed.py``): a decision never sets them, they follow the values it sets.
``__sql_types__`` names the columns whose SQL type is narrower than the Python type's default.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pipeline.models.facts import Blinding, FlowRole, Route
from pipeline.models.finding import Severity

Origin = Literal["extracted", "corrected", "added"]
# How much of a date the text gave: "2019-03-14", "March 2019" or "2019" (the day, or the month
# and day, of the stored DATE are then the first ones).
DatePrecision = Literal["day", "month", "year"]
# The time a dose unit is per: "mg/day" is an amount per day, "mg/kg/h" a rate per hour.
DosePer = Literal["day", "hour", "minute"]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid")
    __table__: str = ""
    __key__: tuple[str, ...] = ()
    __derived__: tuple[str, ...] = ()
    __sql_types__: dict[str, str] = {}


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
    design_terms: list[str] | None = Field(default=None, description="Design terms seen, in the text's order.")
    evidence_level: int | None = Field(default=None, ge=1, le=5, description="Derived from the design; see README.")
    duration_days: float | None = Field(default=None, ge=0, description="``duration`` in days.")
    period_start_precision: DatePrecision | None = None
    period_end_precision: DatePrecision | None = None
    phase: int | None = Field(default=None, ge=0, le=4, description="Trial phase; the first of '2/3'.")

    __derived__ = ("duration_days", "period_start_precision", "period_end_precision", "phase")
    __sql_types__ = {"evidence_level": "INTEGER", "phase": "INTEGER"}


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
    route_term: str | None = Field(default=None, description="EDQM standard term of the route as written.")
    route_edqm: str | None = Field(default=None, description="EDQM code of that standard term.")
    duration_days: float | None = Field(default=None, ge=0, description="``duration`` in days.")
    per_day: float | None = Field(default=None, ge=0, description="``frequency`` as administrations a day.")
    drugbank_id: str | None = None
    mesh_id: str | None = None

    __derived__ = ("route_term", "route_edqm", "duration_days", "per_day", "drugbank_id", "mesh_id")


class DoseRow(Row):
    __table__ = "doses"
    __key__ = ("intervention_id", "seq")
    intervention_id: str
    seq: int = Field(ge=1)
    amount: float
    unit: str = Field(description="Normal form: 'mg', 'mg/kg', 'mg/day', 'mg/kg/h', ...")
    amount_unit: str | None = Field(default=None, description="``unit`` without its time: 'mg' of 'mg/day'.")
    per: DosePer | None = Field(default=None, description="The time ``unit`` is per: 'day' of 'mg/day'.")

    __derived__ = ("amount_unit", "per")


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


class FlowRow(Row):
    """One count of people in a study's participant flow (screened, randomized, per arm, ...)."""

    __table__ = "participant_flow"
    __key__ = ("study_id", "seq")
    study_id: str
    seq: int = Field(ge=1)
    role: FlowRole
    n: int = Field(ge=0)
    arm: str | None = None
    label: str | None = Field(default=None, description="What a subgroup has in common.")
    of_n: int | None = Field(default=None, ge=0, description="The group a subgroup is counted in.")
    reason: str | None = None
    planned: bool = False
    char_start: int = Field(ge=0)
    char_end: int = Field(ge=0)
    rule: str


class SchemaInfoRow(Row):
    __table__ = "schema_info"
    __key__ = ("contract_version",)
    contract_version: int
    pipeline_version: str


TABLES: tuple[type[Row], ...] = (
    SchemaInfoRow, SourceRow, StudyRow, ConditionRow, InterventionRow, DoseRow, ResultRow,
    AdverseEventRow, FlagRow, ProvenanceRow, FlowRow,
)
# Table name -> row model, built once for every module that needs it.
MODELS: dict[str, type[Row]] = {m.__table__: m for m in TABLES}

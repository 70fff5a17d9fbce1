"""What extraction finds: every value carries the span of text it came from."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pipeline.models.fact import Fact, Span
from pipeline.models.stats import Statistic, iter_number_facts

Blinding = Literal["open-label", "single-blind", "double-blind", "triple-blind"]
Route = Literal["intravenous", "subcutaneous", "intranasal", "oral", "intramuscular", "sublingual", "other"]


class DoseFact(BaseModel):
    amount: Fact[float]
    unit: str = Field(description="Normalised unit, e.g. 'mg/kg', 'mg', 'mg/kg/h'.")


class InterventionFact(BaseModel):
    agent: Fact[str] = Field(description="Normalised agent name from the vocabulary.")
    route: Fact[Route] | None = None
    frequency: Fact[str] | None = None
    duration: Fact[str] | None = None
    doses: list[DoseFact] = Field(default_factory=list)


class ConditionFact(BaseModel):
    name: Fact[str] = Field(description="Normalised condition name from the vocabulary.")
    n: Fact[int] | None = Field(default=None, description="Patients with it, when stated.")


FlowRole = Literal["screened", "eligible", "excluded", "enrolled", "randomized", "arm", "completed", "analysed",
                   "withdrawn", "subgroup"]


class FlowFact(BaseModel):
    """One count of people in a study's participant flow, read by its role in the sentence."""

    model_config = ConfigDict(frozen=True)

    role: FlowRole
    n: Fact[int] = Field(description="The count, its span (the counted phrase) and the rule that read it.")
    arm: str | None = Field(default=None, description="The arm's label, for arm counts and per-arm flow.")
    label: str | None = Field(default=None, description="What a subgroup has in common ('women', a condition).")
    of_n: int | None = Field(default=None, description="The group a subgroup is counted in ('14 of the 17').")
    reason: str | None = Field(default=None, description="Why people withdrew or were excluded, when stated.")
    planned: bool = Field(default=False, description="A planned count of a protocol ('will randomise 350').")


class StudyFacts(BaseModel):
    """One study described by an article. ``None`` means the text does not say."""

    ordinal: int = Field(ge=1, description="1-based order in the article.")
    span: Span = Field(description="The study's description in the article.")
    label: str | None = Field(default=None, description="Heading or short name, when there is one.")
    sample_size: Fact[int] | None = None
    n_enrolled: Fact[int] | None = None
    n_completed: Fact[int] | None = None
    randomized: Fact[bool] | None = None
    blinding: Fact[Blinding] | None = None
    placebo_controlled: Fact[bool] | None = None
    crossover: Fact[bool] | None = None
    design_terms: list[Fact[str]] = Field(
        default_factory=list, description="Every design term seen (pilot, cohort, non-randomized, ...)."
    )
    n_male: Fact[int] | None = None
    n_female: Fact[int] | None = None
    pct_male: Fact[float] | None = None
    pct_female: Fact[float] | None = None
    age: Fact[str] | None = None
    conditions: list[ConditionFact] = Field(default_factory=list)
    interventions: list[InterventionFact] = Field(default_factory=list)
    comparator: Fact[str] | None = None
    period_start: Fact[dt.date] | None = None
    period_end: Fact[dt.date] | None = None
    duration: Fact[str] | None = None
    results: list[Fact[str]] = Field(default_factory=list)
    adverse_events: list[Fact[str]] = Field(default_factory=list)
    flow: list[FlowFact] = Field(default_factory=list, description="Every count of people, by its role.")
    statistics: list[Statistic] = Field(
        default_factory=list, description="Estimates, intervals, p-values, test statistics, means and "
                                          "percentages the text states (read by the validators only).")


class ArticleFacts(BaseModel):
    """Everything extracted from one article."""

    source_id: str
    studies: list[StudyFacts] = Field(default_factory=list)
    adverse_events: list[Fact[str]] = Field(
        default_factory=list, description="Side effects the article lists outside any study."
    )

    def iter_facts(self) -> Iterator[tuple[int | None, str, Fact[Any]]]:
        """Yield ``(study_ordinal_or_None, field_path, fact)`` for every fact, for span checks."""
        for ae_i, ae in enumerate(self.adverse_events):
            yield None, f"adverse_events[{ae_i}]", ae
        for s in self.studies:
            for name in ("sample_size", "n_enrolled", "n_completed", "randomized", "blinding",
                         "placebo_controlled", "crossover", "n_male", "n_female", "pct_male",
                         "pct_female", "age", "comparator", "period_start", "period_end", "duration"):
                f = getattr(s, name)
                if f is not None:
                    yield s.ordinal, name, f
            for i, f in enumerate(s.design_terms):
                yield s.ordinal, f"design_terms[{i}]", f
            for i, c in enumerate(s.conditions):
                yield s.ordinal, f"conditions[{i}].name", c.name
                if c.n is not None:
                    yield s.ordinal, f"conditions[{i}].n", c.n
            for i, iv in enumerate(s.interventions):
                yield s.ordinal, f"interventions[{i}].agent", iv.agent
                for name in ("route", "frequency", "duration"):
                    f = getattr(iv, name)
                    if f is not None:
                        yield s.ordinal, f"interventions[{i}].{name}", f
                for j, d in enumerate(iv.doses):
                    yield s.ordinal, f"interventions[{i}].doses[{j}].amount", d.amount
            for i, f in enumerate(s.results):
                yield s.ordinal, f"results[{i}]", f
            for i, f in enumerate(s.adverse_events):
                yield s.ordinal, f"adverse_events[{i}]", f
            for i, fl in enumerate(s.flow):
                yield s.ordinal, f"flow[{i}].{fl.role}", fl.n
            for i, st in enumerate(s.statistics):
                for name, f in iter_number_facts(st):
                    yield s.ordinal, f"statistics[{i}].{name}", f

"""Evidence level of a study from its design, by the ordered rules of vocab/evidence_levels.toml."""
from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel

from pipeline.models.rows import StudyRow
from pipeline.vocab import load


class LevelRule(BaseModel):
    level: int
    label: str
    terms: list[str] = []
    fields: list[dict[str, Any]] = []


class LevelMatch(BaseModel):
    level: int
    rule: str
    basis: str  # the field name or "design_terms/<term>" that decided it


@functools.cache
def rules() -> tuple[LevelRule, ...]:
    return tuple(LevelRule.model_validate(r) for r in load("evidence_levels").get("rule", []))


def split_terms(design_terms: list[str] | None) -> list[str]:
    return list(design_terms or [])


def evidence_level(study: StudyRow) -> LevelMatch | None:
    """The first rule that matches the study's design fields or design terms, or None."""
    terms = split_terms(study.design_terms)
    for rule in rules():
        for cond in rule.fields:
            value = getattr(study, cond["field"])
            if value is not None and value == cond["value"]:
                return LevelMatch(level=rule.level, rule=rule.label, basis=cond["field"])
        for term in rule.terms:
            if term in terms:
                return LevelMatch(level=rule.level, rule=rule.label, basis=f"design_terms/{term}")
    return None

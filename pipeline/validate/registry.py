"""Code -> rule: the one table of every code the tool writes. Codes are never reused: a removed
rule stays here (its class says ``lifecycle = "removed"``).

Prefixes by scope: ``S1xx`` one study, ``A2xx`` one article, ``M3xx`` checks of the extracted
models themselves (schema and provenance), ``K1xx`` curation (written by ``pipeline.curate``).

To add a rule: write ``pipeline/validate/rules/<slug_with_underscores>.py`` with one ``Rule``
subclass, then add one line to ``RULES`` below (``"CODE": "module:Class"``). Tests check that
every entry resolves to a class with that code, that codes and slugs are unique, and that every
rule class under ``rules/`` is listed.
"""
from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable

from pipeline.validate.base import Rule

RULES: dict[str, str] = {
    "S101": "subgroup_exceeds_total:SubgroupExceedsTotal",
    "S102": "count_exceeds_total:CountExceedsTotal",
    "S103": "sex_split_mismatch:SexSplitMismatch",
    "S104": "percent_count_mismatch:PercentCountMismatch",
    "S105": "period_duration_mismatch:PeriodDurationMismatch",
    "S106": "dose_schedule_mismatch:DoseScheduleMismatch",
    "S107": "design_contradiction:DesignContradiction",
    "S108": "sample_size_conflict:SampleSizeConflict",
    "S109": "missing_sample_size:MissingSampleSize",
    "S110": "estimate_outside_ci:EstimateOutsideCI",
    "S111": "ci_p_mismatch:CIPMismatch",
    "S112": "statistic_p_mismatch:StatisticPMismatch",
    "S113": "grim_inconsistent:GrimInconsistent",
    "S114": "completed_exceeds_allocated:CompletedExceedsAllocated",
    "S115": "flow_arithmetic_mismatch:FlowArithmeticMismatch",
    "A201": "unresolved_citation:UnresolvedCitation",
    "A202": "promotional_content:PromotionalContent",
    "A203": "acronym_mismatch:AcronymMismatch",
    "M301": "model_checks:NegativeCount",
    "M302": "model_checks:PeriodReversed",
    "M303": "model_checks:SpanOutsideText",
    "M304": "model_checks:SpanQuoteMismatch",
    "M399": "model_checks:InternalError",
    "K101": "stale_decision:StaleDecision",
}


def resolve(code: str, where: str) -> type[Rule]:
    """The class a ``RULES`` entry names (``"module:Class"`` under ``pipeline.validate.rules``)."""
    module, _, name = where.partition(":")
    cls = getattr(importlib.import_module(f"pipeline.validate.rules.{module}"), name)
    if not (isinstance(cls, type) and issubclass(cls, Rule)) or cls.code != code:
        raise ValueError(f"RULES[{code!r}] = {where!r} is not the rule with code {code}")
    return cls


@functools.cache
def _table() -> tuple[type[Rule], ...]:
    rules = tuple(resolve(code, where) for code, where in sorted(RULES.items()))
    slugs = [r.slug for r in rules]
    if len(set(slugs)) != len(slugs):
        raise ValueError(f"two rules share a slug: {sorted(s for s in slugs if slugs.count(s) > 1)}")
    return rules


def all_rules(include_removed: bool = False) -> list[type[Rule]]:
    """The rules in code order (removed ones only with ``include_removed``)."""
    return [r for r in _table() if include_removed or r.lifecycle != "removed"]


def lookup(key: str) -> type[Rule] | None:
    """The rule with this code or slug (case-insensitive code)."""
    for r in all_rules(include_removed=True):
        if r.code.lower() == key.lower() or r.slug == key.lower():
            return r
    return None


def _matches(rule: type[Rule], key: str) -> bool:
    return rule.slug == key.lower() or rule.code.upper().startswith(key.upper())


def unknown_selectors(keys: Iterable[str]) -> list[str]:
    """Selectors that match no rule (a typo in --select should not silently select nothing)."""
    return [k for k in keys if not any(_matches(r, k) for r in all_rules(include_removed=True))]


def select(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[type[Rule]]:
    """Rules picked by code, code prefix or slug; ``select`` empty means all."""
    select, ignore = list(select), list(ignore)
    return [r for r in all_rules()
            if (not select or any(_matches(r, k) for k in select)) and not any(_matches(r, k) for k in ignore)]

"""Validation: schema checks and consistency rules over extracted facts -> findings.

Each rule is a small class (``pipeline.validate.rules``, listed in ``registry.RULES``) whose
``check`` yields findings; ``validate`` runs them and turns a crash inside one rule into an internal-error
finding, so one bad rule never takes the run down.
"""
from __future__ import annotations

from collections.abc import Iterable

from pipeline.models import Article, ArticleFacts, Finding


def validate(article: Article, facts: ArticleFacts, rules: Iterable[type] | None = None) -> list[Finding]:
    """Run every rule of the table (or ``rules``) on one article; never raises on bad data."""
    from pipeline.validate.engine import run_rules
    from pipeline.validate.registry import all_rules

    return run_rules(article, facts, all_rules() if rules is None else list(rules))

"""Validation: schema checks and consistency rules over extracted facts -> findings."""
from __future__ import annotations

from pipeline.models import Article, ArticleFacts, Finding


def validate(article: Article, facts: ArticleFacts) -> list[Finding]:
    """Run every registered rule on one article (baseline: no rules yet)."""
    return []

"""Extraction: article text -> candidate study facts, each with its span and rule.

The stages here share no state: ``segment`` finds where studies are described, then each
field module reads its values from the study's span. Vocabularies live in ``pipeline/vocab``.
"""
from __future__ import annotations

from pipeline.extract import (
    conditions,
    design,
    outcomes,
    period,
    population,
    sample,
    segment,
    statistics,
    treatment,
)
from pipeline.models import Article, ArticleFacts, StudyFacts


def extract_study(text: str, seg: segment.Segment, ordinal: int = 1) -> StudyFacts:
    """Every field of the study described by ``text[seg.span]``."""
    study = StudyFacts(ordinal=ordinal, span=seg.span, label=seg.label)
    sample.fill(text, seg, study)
    design.fill(text, seg, study)
    population.fill(text, seg, study)
    conditions.fill(text, seg, study)
    treatment.fill(text, seg, study)
    design.infer_control(text, seg, study)
    period.fill(text, seg, study)
    outcomes.fill(text, seg, study)
    statistics.fill(text, seg, study)
    return study


def extract_text(source_id: str, text: str) -> ArticleFacts:
    """Extract every study of ``text``. Never raises on odd text; returns what it found."""
    studies = [extract_study(text, seg, ordinal) for ordinal, seg in enumerate(segment.find_studies(text), 1)]
    return ArticleFacts(
        source_id=source_id, studies=studies, adverse_events=outcomes.article_adverse_events(text, studies)
    )


def extract(article: Article) -> ArticleFacts:
    return extract_text(article.source_id, article.text)

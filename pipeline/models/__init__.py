"""Pydantic models that cross stage boundaries (ingest -> extract -> validate -> curate -> store)."""
from pipeline.models.article import Article, SourceError
from pipeline.models.facts import (
    ArticleFacts,
    Blinding,
    ConditionFact,
    DoseFact,
    Fact,
    FlowFact,
    FlowRole,
    InterventionFact,
    Route,
    Span,
    StudyFacts,
)
from pipeline.models.finding import Finding, Severity

__all__ = [
    "Article", "SourceError", "ArticleFacts", "Blinding", "ConditionFact", "DoseFact", "Fact", "FlowFact", "FlowRole",
    "InterventionFact", "Route", "Span", "StudyFacts", "Finding", "Severity",
]

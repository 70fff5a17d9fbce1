"""Extraction of outcomes facts from a study's span (baseline: nothing found yet)."""
from __future__ import annotations

from pipeline.extract.segment import Segment
from pipeline.models import StudyFacts


def fill(text: str, seg: Segment, study: StudyFacts) -> None:
    """Set the outcomes fields of ``study`` from ``text[seg.span]``."""
    return None


def article_adverse_events(text: str, studies: list[StudyFacts]) -> list:
    """Side effects listed outside any study (baseline: none)."""
    return []

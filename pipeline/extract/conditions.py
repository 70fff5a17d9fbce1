"""Extraction of conditions facts from a study's span (baseline: nothing found yet)."""
from __future__ import annotations

from pipeline.extract.segment import Segment
from pipeline.models import StudyFacts


def fill(text: str, seg: Segment, study: StudyFacts) -> None:
    """Set the conditions fields of ``study`` from ``text[seg.span]``."""
    return None

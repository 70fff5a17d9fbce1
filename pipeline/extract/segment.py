"""Where in an article each study is described."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.models import Span

_TRIAL_WORDS = re.compile(r"\b(?:randomi[sz]ed|trial|patients|participants|study)\b", re.I)


@dataclass(frozen=True)
class Segment:
    """A study's description: its span and an optional heading label."""

    span: Span
    label: str | None = None


def find_studies(text: str) -> list[Segment]:
    """Baseline: the whole article is one study when it talks about trials at all."""
    if not _TRIAL_WORDS.search(text):
        return []
    return [Segment(span=Span.of(text, 0, len(text)))]

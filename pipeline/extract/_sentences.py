"""Sentence and list-item boundaries, shared by the condition, treatment and outcome rules."""
from __future__ import annotations

import functools
import re

from pipeline.extract._regex import compile_skipping

# A sentence ends at . ! ? (then a closing quote or bracket) followed by space, or at a line break.
_END_RE = compile_skipping(r"[.!?][\"”’)\]]?[ \t]+(?=[A-Z0-9“\"(\[•])|\n")
STUDY_WORD_RE = compile_skipping(
    r"\b(?:stud(?:y|ies)|trial|randomi[sz]ed|enrolled|recruited|assigned|allocated|participants?|"
    r"subjects|sample|researchers|investigators|examined|included|cohort|pilot|took part)\b",
    re.I,
)


@functools.lru_cache(maxsize=32)
def sentences(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each sentence or line inside ``text[start:end]``, stripped of spaces."""
    # Cached: conditions, treatment and outcomes all split the same study span; a tuple, so no
    # caller can change another's copy.
    out: list[tuple[int, int]] = []
    pos = start
    for m in _END_RE.finditer(text, start, end):
        ms = m.start()
        _add(text, pos, ms + 1 if text[ms] != "\n" else ms, out)
        pos = m.end()
    _add(text, pos, end, out)
    return tuple(out)


def _add(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    # str.strip() drops exactly the characters str.isspace() accepts.
    piece = text[s:e]
    body = piece.strip()
    if body:
        s += len(piece) - len(piece.lstrip())
        out.append((s, s + len(body)))


def sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The sentence containing offset ``pos`` (binary search over ``spans``)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(spans) and spans[lo][0] <= pos < spans[lo][1]:
        return spans[lo]
    return None

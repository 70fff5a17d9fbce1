"""Sentence and list-item boundaries, shared by the condition, treatment and outcome rules."""
from __future__ import annotations

import re

# A sentence ends at . ! ? (then a closing quote or bracket) followed by space, or at a line break.
_END_RE = re.compile(r"[.!?][\"”’)\]]?[ \t]+(?=[A-Z0-9“\"(\[•])|\n")
STUDY_WORD_RE = re.compile(
    r"\b(?:stud(?:y|ies)|trial|randomi[sz]ed|enrolled|recruited|assigned|allocated|participants?|"
    r"subjects|sample|researchers|investigators|examined|included|cohort|pilot|took part)\b",
    re.I,
)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence or line inside ``text[start:end]``, stripped of spaces."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _END_RE.finditer(text, start, end):
        _add(text, pos, m.start() + (1 if text[m.start()] != "\n" else 0), out)
        pos = m.end()
    _add(text, pos, end, out)
    return out


def _add(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


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

"""The one sentence splitter of the project, shared by extraction and validation.

A sentence ends at ``.``, ``!`` or ``?`` (perhaps followed by a closing quote or bracket) before
white space and a capital, digit, opening quote or bullet, unless the word before the stop is an
abbreviation ("vs.", "et al.", "Dr.", an initial). A blank line always ends a sentence; a single
line break does too, except inside a wrapped paragraph (a line that stops in mid-sentence and a
next line that goes on in lower case), so re-wrapping prose does not change its sentences.
"""
from __future__ import annotations

import bisect
import functools
import re

from pipeline.text.numbers import matches_at

# Candidate ends: a stop before a new sentence, or any line break (judged in _split).
_BOUNDARY_RE = re.compile(r"[.!?][\"”’)\]]*[ \t\u00a0]+(?=[\"“‘(\[]?[A-Z0-9•])|[.!?][\"”’)\]]*(?=\n)|\n")
_ABBREV_RE = re.compile(
    r"(?:^|(?<=[\s(\[]))(?:e\.g|i\.e|vs|viz|Dr|Drs|Mr|Mrs|Ms|Prof|Fig|Figs|al|approx|ca|No|Nos|St|Jr|Sr|"
    r"Inc|Ltd|Co|Corp|etc|cf|resp|min|max|wk|wks|mo|mos|yr|yrs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
    r"Oct|Nov|Dec|Ref|Refs|Vol|Eq|Eqs|Suppl|Dept|Univ|approx)$"
)
# "J. Smith", "U.S. Food": a single capital after a capitalised word or another initial.
_INITIAL_RE = re.compile(r"(?:\b[A-Z][a-z]+\s+|\b[A-Z]\.\s?|^|\.)[A-Z]$")
_WRAPPED_END = re.compile(r"[\w,(\-–/]$")
_OPEN_WORD_END = re.compile(r"\b(?:from|to|of|in|on|at|by|with|for|the|a|an|and|or|between|than|over|into|during)$",
                            re.I)


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the ``.`` at ``stop`` ends an abbreviation rather than a sentence."""
    if text[stop] != ".":
        return False
    before = text[max(0, stop - 12):stop]
    return bool(_ABBREV_RE.search(before) or _INITIAL_RE.search(before))


def _line_continues(text: str, nl: int) -> bool:
    """A single line break inside a wrapped sentence: the line stops mid-sentence and the next
    line goes on in lower case or with a number."""
    j = nl + 1
    n = len(text)
    while j < n and text[j] in " \t":
        j += 1
    if j >= n:
        return False
    i = nl - 1
    while i >= 0 and text[i] in " \t\r":
        i -= 1
    if _OPEN_WORD_END.search(text, max(0, i - 12), i + 1) and text[j].isalnum():
        return True  # "kept from\nMay 2019": a line never ends a sentence on "from", "the", "and"
    if not (text[j].islower() or text[j].isdigit() and not re.match(r"\d{1,3}[.)]\s", text[j:j + 5])):
        return False  # a wrapped line may go on with a number ("over\n18 months"), not with a list item
    return i >= 0 and bool(_WRAPPED_END.match(text[i]))


@functools.lru_cache(maxsize=16)
def split(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of every sentence of ``text``, stripped of white space, in order."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in matches_at(_BOUNDARY_RE, text, _stops(text), 0, len(text)):
        at = m.start()
        if text[at] == "\n":
            if _line_continues(text, at):
                continue
            _add(text, pos, at, out)
            pos = at + 1
            continue
        if _is_abbreviation(text, at):
            continue
        stop_end = at + 1
        while stop_end < m.end() and text[stop_end] in "\"”’)]":
            stop_end += 1
        _add(text, pos, stop_end, out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return tuple(out)


def _stops(text: str) -> list[int]:
    """Every offset of ".", "!", "?" or a line break, in order: where a candidate end can begin."""
    out = []
    for ch in ".!?\n":
        at = text.find(ch)
        while at >= 0:
            out.append(at)
            at = text.find(ch, at + 1)
    out.sort()
    return out


def _add(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    piece = text[s:e]
    body = piece.strip()  # str.strip() drops exactly the characters str.isspace() accepts
    if body:
        s += len(piece) - len(piece.lstrip())
        out.append((s, s + len(body)))


def sentences(text: str, start: int = 0, end: int | None = None) -> tuple[tuple[int, int], ...]:
    """The sentences that overlap ``text[start:end]``, cut to that window (offsets into ``text``)."""
    end = len(text) if end is None else end
    spans = split(text)
    lo = bisect.bisect_right(spans, (start, len(text) + 1))
    if lo and spans[lo - 1][1] > start:
        lo -= 1
    hi = bisect.bisect_left(spans, (end, -1))  # the first sentence starting at or after the window's end
    if lo >= hi:
        return ()
    # The spans are stripped and disjoint: only the first and the last can reach outside the window.
    first, last = _cut(text, spans[lo], start, end), _cut(text, spans[hi - 1], start, end)
    if hi - lo == 1:
        return (first,) if first else ()
    middle = spans[lo + 1:hi - 1]
    return (*((first,) if first else ()), *middle, *((last,) if last else ()))


def _cut(text: str, span: tuple[int, int], start: int, end: int) -> tuple[int, int] | None:
    """``span`` cut to ``[start, end)`` and stripped again; None when nothing is left."""
    s, e = span
    if s >= start and e <= end:
        return span
    s, e = max(s, start), min(e, end)
    piece = text[s:e]
    body = piece.strip()
    if not body:
        return None
    s += len(piece) - len(piece.lstrip())
    return s, s + len(body)


def sentence_of(spans: tuple[tuple[int, int], ...] | list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The span of ``spans`` (sorted, disjoint) that contains offset ``pos``."""
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return None


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence of ``text`` that holds ``offset`` (or ends at it); the line when none does."""
    spans = split(text)
    i = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
    if i >= 0 and spans[i][0] <= offset <= spans[i][1]:
        return spans[i]
    ls = text.rfind("\n", 0, offset) + 1
    le = text.find("\n", offset)
    return ls, len(text) if le < 0 else le

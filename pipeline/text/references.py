"""Where an article's reference list starts (scans of the body stop there), whether it has one, and
the citation markers of its body."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from pipeline.text.numbers import matches_at

_REF_HEADING = re.compile(
    r"^[ \t#*]*(?:references?|sources?|bibliography|works cited|citations|literature cited|"
    r"reference list|further reading)[ \t]*:?[ \t*]*$",
    re.I | re.M,
)


def _line_heads(text: str) -> Iterator[re.Match[str]]:
    """``_REF_HEADING.finditer(text)``, trying only line starts (where "^" lets a match begin; a
    match never holds a line break, so the next one can begin only on a later line)."""
    at = 0
    while True:
        m = _REF_HEADING.match(text, at)
        if m is not None:
            yield m
        at = text.find("\n", at if m is None else m.end())
        if at < 0:
            return
        at += 1


@functools.lru_cache(maxsize=8)
def reference_section_start(text: str) -> int:
    """Offset of a reference-list heading followed by entries, or ``len(text)``."""
    for m in _line_heads(text):
        rest = text[m.end():m.end() + 3000]
        entries = [ln for ln in rest.split("\n") if ln.strip()]
        if entries and len(entries[0]) > 15:
            return m.start()
    return len(text)


def has_reference_list(text: str) -> bool:
    return reference_section_start(text) < len(text)


# Citation markers of the body, found once per article (the text index memoises them):
# ". 1 2 3" / "at one time: 1 2 3" at the end of a line: bare reference numbers.
BARE_MARKER = re.compile(r"(?P<p>[.!?:;)\]”\"’])[ \t]+(?P<m>\d{1,3}(?:[ \t,]+\d{1,3})*)[ \t]*$", re.M)
BRACKET_MARKER = re.compile(r"\[(?P<m>\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]")
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
SUPER_MARKER = re.compile(rf"(?<=[a-z.,)])(?P<m>[{SUPERSCRIPTS}]+)")
# A numbered entry with a year: "1. Smith J. ... 2019" or "[3] Doe A, ... (2020)".
_ENTRY = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)])\s+\S.*\b(?:19|20)\d\d\b", re.M)


class Marker(NamedTuple):
    """One citation marker: its reference numbers as written (``text``) and where they are."""

    start: int
    end: int
    text: str
    bare: bool  # bare numbers at a line end (". 1 4 5"), not bracketed or superscript

    @property
    def numbers(self) -> list[int]:
        return marker_numbers(self.text)


def marker_numbers(s: str) -> list[int]:
    return [int(x) for x in re.findall(r"\d+", s)]


def _places(text: str, chars: str, end: int) -> list[int]:
    """Every offset before ``end`` where one of ``chars`` occurs, in order."""
    out = []
    for ch in chars:
        at = text.find(ch, 0, end)
        while at >= 0:
            out.append(at)
            at = text.find(ch, at + 1, end)
    return sorted(out)


def citation_markers(text: str, end: int, line_spans: list[tuple[int, int]],
                     brackets: list[int]) -> tuple[Marker, ...]:
    """The citation markers of ``text[:end]`` in order: bare reference numbers closing a line
    ("... receptors. 1 4 5"), bracketed numbers ("[4]", "[2, 5]") and superscripts.

    Exactly what ``finditer`` of the three patterns over ``text[:end]`` gives (then filtered), with
    no pass over the whole text: a bare marker ends a line (so only lines ending in a digit are
    searched, one match at most each), a bracketed one starts at a "[" (``brackets``: every offset
    of one) and a superscript one at a superscript character."""
    out: list[Marker] = []
    for s, e in line_spans:
        if s >= end:
            break
        e = min(e, end)
        j = e
        while j > s and text[j - 1] in " \t":
            j -= 1
        if j == s or not text[j - 1].isdecimal():  # the pattern's last \d, then [ \t]* to the line end
            continue
        m = BARE_MARKER.search(text, s, e)
        if m is None:
            continue
        nums = marker_numbers(m.group("m"))
        if all(1 <= n <= 300 for n in nums) and nums == sorted(nums) and (m.group("p") != ":" or len(nums) > 1):
            out.append(Marker(m.start("m"), m.end("m"), m.group("m"), True))
    for m in matches_at(BRACKET_MARKER, text, brackets, 0, end):
        if all(1 <= n <= 300 for n in marker_numbers(m.group("m"))):
            out.append(Marker(m.start("m"), m.end("m"), m.group("m"), False))
    supers = _places(text, SUPERSCRIPTS, end)
    if supers:  # rare
        out += (Marker(m.start("m"), m.end("m"), m.group("m"), False)
                for m in matches_at(SUPER_MARKER, text, supers, 0, end))
    return tuple(sorted(out, key=lambda m: m.start))


def has_numbered_entries(text: str, line_starts: list[int]) -> bool:
    """Whether a line holds a numbered reference entry with a year ("1. Smith J. ... 2019",
    "[3] Doe A, ... (2020)"): ``_ENTRY.search(text)``, tried only at line starts."""
    return next(matches_at(_ENTRY, text, line_starts, 0, len(text)), None) is not None

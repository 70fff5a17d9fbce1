"""Small text helpers shared by the rules: sentences, numbers, reference lists."""
from __future__ import annotations

import re

from pipeline.extract.numbers import NUMBER, NUMBER_RE, parse_number

__all__ = ["NUMBER", "NUMBER_RE", "parse_number", "num", "sentences", "reference_section_start", "POPULATION_NOUN",
           "POPULATION_NOUN_RE", "DECIMAL", "to_float"]

POPULATION_NOUN = (
    r"(?:patients?|participants?|subjects?|adults?|people|persons?|individuals?|volunteers?|children|"
    r"child|adolescents?|teens?|teenagers?|youths?|women|men|males?|females?|boys?|girls?|veterans?|"
    r"outpatients?|inpatients?|cases?|respondents?|students?|nurses?|workers?|residents?|mothers?|"
    r"infants?|smokers?|users?|survivors?|employees?|athletes?|recruits?|soldiers?|couples?|families|"
    r"pairs?|twins?|responders?|completers?|mice|rats?|eyes?|members?|clients?|caregivers?|parents?|"
    r"elderly|seniors?|retirees?|pregnant women|healthy volunteers?)"
)
POPULATION_NOUN_RE = re.compile(rf"\b{POPULATION_NOUN}\b", re.I)
DECIMAL = r"\d+(?:\.\d+)?|\.\d+"

_ABBREV_BEFORE_DOT = re.compile(
    r"(?:\b(?:e\.g|i\.e|vs|Dr|Drs|Mr|Mrs|Ms|Prof|Fig|Figs|al|approx|ca|No|Nos|St|Jr|Sr|Inc|Ltd|Co|etc|cf|"
    r"resp|min|max|wk|wks|mo|mos|yr|yrs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])$"
)
_BOUNDARY = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9•])|\n")
_REF_HEADING = re.compile(
    r"^[ \t#*]*(?:references?|sources?|bibliography|works cited|citations|literature cited|"
    r"reference list|further reading)[ \t]*:?[ \t*]*$",
    re.I | re.M,
)


def num(s: str) -> int | None:
    """Integer value of digits or number words ("Eighteen", "1,024")."""
    return parse_number(s)


def to_float(s: str) -> float:
    return float(s.replace(",", ""))


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``; lines are always separate sentences."""
    end = len(text) if end is None else end
    out = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        if m.group(0) != "\n" and _ABBREV_BEFORE_DOT.search(text, max(start, m.start() - 8), m.start()):
            continue
        cut = m.start() + 1 if m.group(0) != "\n" else m.start()
        if text[s:cut].strip():
            out.append(_strip(text, s, cut))
        s = m.end()
    if text[s:end].strip():
        out.append(_strip(text, s, end))
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence (within its line) that contains ``offset``."""
    ls = text.rfind("\n", 0, offset) + 1
    le = text.find("\n", offset)
    le = len(text) if le < 0 else le
    for s, e in sentences(text, ls, le):
        if s <= offset < e or offset == e:
            return s, e
    return ls, le


def reference_section_start(text: str) -> int:
    """Offset of a reference-list heading followed by entries, or ``len(text)``."""
    for m in _REF_HEADING.finditer(text):
        rest = text[m.end():m.end() + 3000]
        entries = [ln for ln in rest.split("\n") if ln.strip()]
        if entries and len(entries[0]) > 15:
            return m.start()
    return len(text)


def has_reference_list(text: str) -> bool:
    return reference_section_start(text) < len(text)


# "18 of 20", "29 of the 27 children", "22 out of 20": a count and its denominator.
_POSITION_WORDS = (r"(?:page|pages|table|figure|fig|week|weeks|day|days|month|months|year|years|visit|session|"
                   r"dose|cycle|item|items|step|phase|grade|level|stage|chapter|volume|question|round|wave|"
                   r"trial|study|arm|group|time|times|point|points|score|scored|rated|rank|ranked|no|number)")
OF_PAIR_RE = re.compile(
    rf"(?<![\d.,/])(?<!\w)(?P<x>{NUMBER})\s+(?:out\s+of|of)\s+(?:the\s+|these\s+|those\s+|all\s+|our\s+|its\s+|their\s+)?"
    rf"(?:total\s+of\s+|original\s+|remaining\s+)?(?P<y>{NUMBER})(?![\d.,]\d|\s*%|\s*percent)\b"
)
_POSITION_BEFORE_RE = re.compile(rf"\b{_POSITION_WORDS}\s*$", re.I)
_YEAR_RE = re.compile(r"^(?:1[89]|20)\d\d$")


def of_pairs(text: str, start: int, end: int):
    """Yield ``(match, x, y)`` for every count-of-denominator pair in ``text[start:end]``."""
    for m in OF_PAIR_RE.finditer(text, start, end):
        if _POSITION_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
            continue
        if _YEAR_RE.match(m.group("x")) or _YEAR_RE.match(m.group("y")):
            continue
        x, y = num(m.group("x")), num(m.group("y"))
        if x is None or y is None or y == 0:
            continue
        yield m, x, y


def windows(text: str, start: int, end: int, anchor: re.Pattern, before: int, after: int) -> list[tuple[int, int]]:
    """Merged ranges around every ``anchor`` hit: slow patterns only run where they can match."""
    out: list[tuple[int, int]] = []
    for m in anchor.finditer(text, start, end):
        lo, hi = max(start, m.start() - before), min(end, m.end() + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out

"""How often and for how long an intervention was given ("once per week", "for three weeks")."""
from __future__ import annotations

import re

from pipeline.extract._regex import compile_skipping
from pipeline.text.numbers import NUMBER
from pipeline.models import Fact, Span

_TIMES = r"(?:once|twice|thrice|two times|three times|four times|\d{1,2} times)"
_PERIOD = r"(?:day|week|month|night|evening|morning)"
_FREQUENCY_RE = compile_skipping(
    rf"\b(?:{_TIMES}\s+(?:a|per|each|every)\s+{_PERIOD}|{_TIMES}[- ](?:daily|weekly|nightly|monthly)|"
    rf"(?:every|each)\s+(?:other\s+)?{_PERIOD}|(?:bi-?)?weekly|daily|nightly|at bedtime|before bed(?:time)?|"
    rf"(?:a|one)\s+(?:[\w-]+\s+){{0,2}}(?:infusion|injection|dose|session|treatment)s?\s+(?:a|per|each)\s+{_PERIOD}|"
    rf"(?:a\s+)?single\s+(?:[\w-]+\s+){{0,2}}(?:dose|infusion|injection|session|administration|treatment))\b",
    re.I,
)
_NORMAL = [
    (compile_skipping(r"twice|two times", re.I), "twice"),
    (compile_skipping(r"three times|thrice", re.I), "three times"),
    (compile_skipping(r"single", re.I), "once"),
]
_DURATION_RE = compile_skipping(
    rf"\bfor\s+(?:(?:a|an|{NUMBER})\s+(?:consecutive\s+|more\s+)?(?:days?|weeks?|months?|years?)|"
    rf"(?:a|one|two)\s+(?:week|month|year|fortnight))\b",
    re.I,
)


def _normalise(quote: str) -> str:
    q = " ".join(quote.lower().split())
    for pattern, word in _NORMAL:
        if word == "once" and pattern.search(q):
            return "once"
    if re.search(r"\bday|daily", q):
        unit = "daily"
    elif re.search(r"week", q):
        unit = "weekly"
    elif re.search(r"night|evening|bed", q):
        unit = "nightly"
    elif re.search(r"month", q):
        unit = "monthly"
    else:
        return q
    if re.search(r"twice|two times", q):
        return "twice " + unit
    if re.search(r"three times|thrice", q):
        return "three times " + unit
    if q.startswith("every other"):
        return "every other " + unit.replace("daily", "day").replace("weekly", "week")
    return unit


def find_frequency(text: str, related: list[tuple[int, int]]) -> Fact[str] | None:
    """The first schedule phrase in the intervention's sentences."""
    for s0, s1 in related:
        m = _FREQUENCY_RE.search(text, s0, s1)
        if m:
            return Fact[str](value=_normalise(m.group(0)), span=Span.of(text, m.start(), m.end()),
                             rule="frequency/schedule-phrase")
    return None


def find_duration(text: str, related: list[tuple[int, int]]) -> Fact[str] | None:
    """The first 'for N weeks' in the intervention's sentences."""
    for s0, s1 in related:
        m = _DURATION_RE.search(text, s0, s1)
        if m:
            value = " ".join(m.group(0).split()[1:]).lower()
            return Fact[str](value=value, span=Span.of(text, m.start(), m.end()), rule="duration/for-period")
    return None

"""Counts of people ("18 adults", "n = 42", "a total of 120 participants were randomized").

Shared by segmentation (does a passage describe a specific study?) and the sample-size,
population fields. Look-alike numbers (years, percentages, doses, ages, subsets "14 of the
17", arms "(24 patients)", population statistics "29 million people") are dropped or ranked low.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.extract.numbers import NUMBER, parse_number
from pipeline.vocab import VOCAB_DIR

# Ranks: lower is stronger evidence that the count is the study's total.
STRONG, PLAIN, WEAK = 1, 2, 3


@dataclass(frozen=True)
class Count:
    value: int
    start: int  # span of the whole phrase ("150 pregnant women"), offsets into the text
    end: int
    num_start: int
    num_end: int
    noun: str
    rank: int
    rule: str


@functools.cache
def participant_nouns() -> dict[str, str | None]:
    """Noun -> 'male' / 'female' / None, from vocab/participants.txt."""
    nouns: dict[str, str | None] = {}
    for line in (VOCAB_DIR / "participants.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            parts = line.split()
            nouns[parts[0].lower()] = parts[1] if len(parts) > 1 else None
    return nouns


# Words that cannot sit between a number and its noun ("24 of the 40 patients", "5 mg").
_STOP = (r"of|in|on|at|by|the|a|an|to|and|or|were|was|are|is|with|per|from|for|than|each|"
         r"mg|g|kg|ml|mcg|years?|months?|weeks?|days?|hours?|minutes?|percent|per\s?cent|"
         r"million|billion|thousand|times|more|fewer|less|who|which|that")
_MOD = rf"(?:\s{{1,3}}(?!(?:{_STOP})\b)[A-Za-z][A-Za-z'-]{{0,24}})"


@functools.cache
def _count_re() -> re.Pattern[str]:
    nouns = "|".join(sorted((re.escape(n) for n in participant_nouns()), key=len, reverse=True))
    return re.compile(rf"\b(?P<num>{NUMBER})(?P<mods>{_MOD}{{0,3}}?)\s{{1,3}}(?P<noun>{nouns})\b", re.I)


_N_EQUALS = re.compile(r"(?<![A-Za-z])(?P<n>[nN])\s{0,2}[=:]\s{0,2}(?P<num>\d{1,3}(?:,\d{3})+|\d{1,6})(?![\d.,]\d)")
_TOTAL_OF = re.compile(rf"\btotal\s+of\s+(?P<num>{NUMBER})\b", re.I)
_BEFORE_STRONG = re.compile(
    r"(?:enrol(?:l?ed|ling)|recruit(?:ed|ing)|randomi[sz]ed|randomly\s+assigned|included|includes|"
    r"involv(?:ed|ing)|studied|examined|compris(?:ed|ing)|consisted\s+of|sample\s+of|cohort\s+of|"
    r"(?:trial|study|series|survey)\s+(?:of|in|on|with|involving)|followed|assessed|treated|"
    r"evaluated|tested|screened|observed|asked)\s{1,3}(?:(?:a|an|the|some|about|approximately|"
    r"around|nearly|almost|over|only|just)\s{1,3})?$",
    re.I,
)
_AFTER_STRONG = re.compile(
    r"^[^.;:()]{0,80}?\b(?:were|was|had\s+been|have\s+been)\s{1,3}(?:\w+\s{1,3})?(?:enrol(?:l?ed)|"
    r"recruited|randomi[sz]ed|randomly|allocated|assigned|included|studied|involved|"
    r"sequentially|participated|treated)|^[^.;:()]{0,80}?\b(?:took\s+part|participated|"
    r"were\s+enrolled|completed\s+the)",
    re.I,
)
# Text just before a number that makes it something other than a total.
_BAD_BEFORE = re.compile(
    r"(?:(?:\baged?|\bages|\bage\s+of|\bgroups?\s+of|\barms?\s+of|\bremaining|\bother|\banother|"
    r"\badditional|\bfurther|\bmillion|\bbillion|\bthousand|\b(?:one|1)\s+in|\d|"
    r"\b(?:19|20)\d\d)\s{0,2}|[$£€#/.\-–:x×])$",
    re.I,
)
_OF_BEFORE = re.compile(r"\b(?:out\s+)?of\s{1,3}(?:the\s{1,3}|these\s{1,3}|those\s{1,3}|all\s{1,3})?$", re.I)
_BAD_AFTER = re.compile(r"^\s{0,2}(?:%|percent|per\s?cent|million|billion|[.,]\d|-?\s?(?:year|month|week|day|hour|minute))",
                        re.I)
_SEX_PAIR_AFTER = re.compile(r"\s{1,3}(?:and|,)\s{1,3}" + NUMBER + r"\s{1,3}(?:were\s{1,3})?(?:men|women|males|females|boys|girls)\b",
                             re.I)
_SEX_PAIR_BEFORE = re.compile(r"\b(?:men|women|males|females|boys|girls)\s{1,3}(?:and|,)\s{1,3}$", re.I)


def _paren_depth_open(text: str, pos: int, window: int = 60) -> bool:
    """Is ``pos`` inside an open parenthesis that started shortly before?"""
    chunk = text[max(0, pos - window):pos]
    return chunk.rfind("(") > chunk.rfind(")")


def find_counts(text: str, start: int = 0, end: int | None = None) -> list[Count]:
    """People counts in ``text[start:end]``, left to right, look-alikes dropped."""
    end = len(text) if end is None else end
    found: list[Count] = []
    nouns = participant_nouns()
    for m in _count_re().finditer(text, start, end):
        value = parse_number(m.group("num"))
        if value is None or value < 2:
            continue
        ns, ne = m.span("num")
        before = text[max(0, ns - 30):ns]
        after = text[ne:ne + 12]
        if _BAD_BEFORE.search(before) or _BAD_AFTER.match(after):
            continue
        if 1900 <= value <= 2100 and "," not in m.group("num"):
            continue
        noun = m.group("noun").lower()
        if nouns.get(noun) and (_SEX_PAIR_AFTER.match(text, m.end()) or _SEX_PAIR_BEFORE.search(before)):
            continue  # "72 men and 98 women" is a split, read by population
        rank, rule = PLAIN, "sample-size/count-noun"
        if _OF_BEFORE.search(before):
            rank, rule = WEAK, "sample-size/of-total"
        elif _paren_depth_open(text, ns):
            rank, rule = WEAK, "sample-size/parenthesised"
        elif _BEFORE_STRONG.search(text[max(0, ns - 40):ns]) or _AFTER_STRONG.match(text[m.end():m.end() + 120]):
            rank, rule = STRONG, "sample-size/enrolled"
        found.append(Count(value, m.start(), m.end(), ns, ne, noun, rank, rule))
    for m in _N_EQUALS.finditer(text, start, end):
        value = parse_number(m.group("num"))
        if value is None or value < 2:
            continue
        paren = _paren_depth_open(text, m.start())
        strong = m.group("n") == "N" or not paren
        nm = _count_re().match(text, m.start("num"))
        phrase_end = nm.end() if nm else m.end()
        noun = nm.group("noun").lower() if nm else ""
        found.append(Count(value, m.start(), phrase_end, *m.span("num"), noun,
                           STRONG if strong else WEAK, "sample-size/n-equals"))
    for m in _TOTAL_OF.finditer(text, start, end):
        value = parse_number(m.group("num"))
        if value is None or value < 2 or _BAD_AFTER.match(text[m.end():m.end() + 12]):
            continue
        nm = _count_re().match(text, m.start("num"))
        if nm is None and not _AFTER_STRONG.match(text[m.end():m.end() + 120]):
            continue  # "a total of 12 sessions"
        phrase_end = nm.end() if nm else m.end()
        found.append(Count(value, m.start(), phrase_end, *m.span("num"), nm.group("noun").lower() if nm else "",
                           STRONG, "sample-size/total-of"))
    # One count per number position: the strongest reading.
    best: dict[int, Count] = {}
    for c in found:
        if c.num_start not in best or c.rank < best[c.num_start].rank:
            best[c.num_start] = c
    return sorted(best.values(), key=lambda c: c.num_start)


def study_total(counts: list[Count]) -> Count | None:
    """The count most likely to be the study's enrolled total: first strong, else first plain."""
    for rank in (STRONG, PLAIN):
        for c in counts:
            if c.rank == rank:
                return c
    return None

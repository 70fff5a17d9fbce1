"""Abbreviations an article defines: "alternate day fasting (ADF)" -> ADF means those words.

The long form is the shortest run of words before the parenthesis whose initials spell the
abbreviation's letters in order (the Schwartz-Hearst idea, simplified: every letter of the
abbreviation starts a word or a hyphen-joined part; "of", "and", "the" may be skipped).
Only what the text itself defines is read; nothing is guessed from outside knowledge.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.text.numbers import matches_at

# Scanned from the parenthesis (one cheap pass); the words before it are read only there.
_PARENTHESIS = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9-]{1,9})\s*[);,]")
_WORDS_BEFORE = re.compile(r"(?:[A-Za-z][\w'-]*\s+){1,8}$")
_SKIPPABLE = frozenset("of and the in on for with to a an by or".split())
_NOT_FIRST = frozenset("either neither both all each every".split())  # "either by self-report (ES)"


@dataclass(frozen=True)
class LongForm:
    start: int
    end: int
    name: str


def _letters(abbreviation: str) -> str:
    return "".join(c for c in abbreviation.lower() if c.isalpha())


def _spells(words: list[str], letters: str) -> bool:
    """Do the words' initials (and their hyphen parts') give exactly ``letters``, in order?"""
    def match(wi: int, li: int) -> bool:
        if li == len(letters):
            return wi == len(words)
        if wi == len(words):
            return False
        word = words[wi].lower()
        parts = [p for p in word.split("-") if p]
        if not parts:
            return False
        if word in _SKIPPABLE and match(wi + 1, li):
            return True
        # a word gives its initial, or the initials of its hyphen-joined parts
        for take in range(1, len(parts) + 1):
            initials = "".join(p[0] for p in parts[:take])
            if letters.startswith(initials, li) and match(wi + 1, li + len(initials)):
                return True
        return False
    return match(0, 0)


@functools.lru_cache(maxsize=8)
def definitions(text: str) -> dict[str, LongForm]:
    """Abbreviation as written -> the long form the text gives it first."""
    out: dict[str, LongForm] = {}
    parens, at = [], text.find("(")
    while at >= 0:  # every match opens with "(": it is tried only there
        parens.append(at)
        at = text.find("(", at + 1)
    for m in matches_at(_PARENTHESIS, text, parens, 0, len(text)):
        abbreviation = m.group(1)
        letters = _letters(abbreviation)
        if abbreviation in out or len(letters) < 2 or not any(c.isupper() for c in abbreviation):
            continue
        before = _WORDS_BEFORE.search(text, max(0, m.start() - 120), m.start())
        if before is None:
            continue
        words = list(re.finditer(r"\S+", before.group(0)))
        for k in range(1, len(words) + 1):
            chosen = words[-k:]
            if chosen[0].group(0).lower() in _SKIPPABLE or chosen[0].group(0).lower() in _NOT_FIRST:
                continue
            if _spells([w.group(0) for w in chosen], letters):
                start = before.start() + chosen[0].start()
                end = before.start() + chosen[-1].end()
                out[abbreviation] = LongForm(start, end, " ".join(text[start:end].split()))
                break
            if k > len(letters) + 2:
                break
    return out

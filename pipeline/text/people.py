"""Nouns that name the people a study counts ("18 adults", "52 new mothers"), from
``vocab/participants.txt``: one vocabulary for extraction and validation."""
from __future__ import annotations

import functools
import re

from pipeline.vocab import VOCAB_DIR

_IRREGULAR_SINGULAR = {"women": "woman", "men": "man", "children": "child", "people": "person",
                       "wives": "wife", "families": "family", "mice": "mouse", "persons": "person"}


@functools.cache
def participant_nouns() -> dict[str, str | None]:
    """Noun (plural, lower case) -> 'male' / 'female' / None, in file order."""
    nouns: dict[str, str | None] = {}
    for line in (VOCAB_DIR / "participants.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            parts = line.split()
            nouns[parts[0].lower()] = parts[1] if len(parts) > 1 else None
    return nouns


def singular(noun: str) -> str:
    if noun in _IRREGULAR_SINGULAR:
        return _IRREGULAR_SINGULAR[noun]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


@functools.cache
def population_noun() -> str:
    """A regex alternation of every participant noun, plural and singular, longest first."""
    words = set(participant_nouns())
    words |= {singular(w) for w in words}
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@functools.cache
def population_noun_re() -> re.Pattern[str]:
    return re.compile(rf"\b{population_noun()}\b", re.I)


def sex_of(noun: str) -> str | None:
    """'male' / 'female' for a sex-specific participant noun (any number), else None."""
    noun = noun.lower()
    nouns = participant_nouns()
    if noun in nouns:
        return nouns[noun]
    for plural, sex in nouns.items():
        if sex and singular(plural) == noun:
            return sex
    return None

"""Study design: randomized, blinding, placebo control, crossover, and every design term seen.

Terms and the fields they decide live in ``vocab/design_terms.toml``. All terms are found in
one pass of one compiled regex; a field takes its value from the strongest, then earliest,
mention. Mentions about other or future research ("further randomized trials are needed")
are skipped.
"""
from __future__ import annotations

import functools
import re
import string
import tomllib
from dataclasses import dataclass
from typing import Any

from pipeline.text.regex import compile_skipping, first_class
from pipeline.extract.segment import Segment
from pipeline.models import Blinding, Fact, Span, StudyFacts
from pipeline.vocab import VOCAB_DIR

_FIELDS = ("randomized", "blinding", "placebo_controlled", "crossover")
_OTHER_RESEARCH_BEFORE = compile_skipping(
    r"\b(?:future|further|larger|more|other|previous|prior|earlier|past|many|several|some|most|"
    r"existing|published)\s{1,4}(?:[\w-]+\s{1,4}){0,2}$",
    re.I,
)
_OTHER_RESEARCH_AFTER = compile_skipping(
    r"[\w\s,-]{0,40}?\b(?:are|is|were)\s{1,4}(?:needed|required|warranted|necessary|recommended)"
    r"|[\w\s,-]{0,30}?\b(?:trials|studies|RCTs)\s{1,4}(?:have|has|show|suggest|indicate|generally|often|usually)\b",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    name: str
    start: int
    end: int
    field: str | None
    value: Any
    weight: int


def _loosen(pattern: str) -> str:
    """Let vocabulary patterns written with one space match wrapped or doubled spacing."""
    return pattern.replace("[- ]", r"(?:-|\s{1,4})").replace(r"\s+", r"\s{1,4}").replace(" ", r"\s{1,4}")


@functools.cache
def _terms() -> tuple[list[dict[str, Any]], re.Pattern[str]]:
    with open(VOCAB_DIR / "design_terms.toml", "rb") as fh:
        terms = tomllib.load(fh)["term"]
    # Strong and negated terms first, so at one position the longer label wins.
    terms = sorted(terms, key=lambda t: -t.get("weight", 0))
    patterns = [[_loosen(p) for p in t["patterns"]] for t in terms]
    by_letter = _by_first_letter(patterns)
    if by_letter is None:
        alts = [f"(?P<t{i}>{'|'.join(ps)})" for i, ps in enumerate(patterns)]
        return terms, compile_skipping(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w])", re.I)
    # One branch per first letter, each with its terms in the original order: the engine then
    # tries only the few terms that can start at a position instead of all of them. Branches are
    # grouped five letters at a time, so a word start is tested against a few groups, not every
    # letter. A term in several branches has one group per branch ("t3_a", "t3_r").
    letters = sorted(by_letter)
    groups = []
    for g in range(0, len(letters), 5):
        branches = []
        for letter in letters[g:g + 5]:
            alts = [f"(?P<t{i}_{letter}>{'|'.join(ps)})" for i, ps in by_letter[letter]]
            branches.append(f"(?={letter})(?:{'|'.join(alts)})")
        groups.append(f"(?=[{''.join(letters[g:g + 5])}])(?:{'|'.join(branches)})")
    return terms, re.compile(r"(?<![\w-])(?:" + "|".join(groups) + r")(?![\w])", re.I)


def _by_first_letter(patterns: list[list[str]]) -> dict[str, list[tuple[int, list[str]]]] | None:
    """letter -> [(term index, its patterns that can begin with the letter)], or None unless
    every pattern begins with known ASCII letters (then no position can fall in two branches)."""
    out: dict[str, list[tuple[int, list[str]]]] = {}
    for i, ps in enumerate(patterns):
        for p in ps:
            cls = first_class(p, re.I)
            letters = cls and {c.lower() for c in cls[1:-1]}
            if not letters or not all(c in string.ascii_lowercase for c in letters):
                return None
            for c in sorted(letters):
                bucket = out.setdefault(c, [])
                if not bucket or bucket[-1][0] != i:
                    bucket.append((i, []))
                bucket[-1][1].append(p)
    return out


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Design-term mentions in ``text[start:end]``, left to right (offsets into ``text``)."""
    terms, rx = _terms()
    end = len(text) if end is None else end
    out: list[Mention] = []
    for m in rx.finditer(text, start, end):
        t = terms[int(m.lastgroup[1:].split("_")[0])]  # type: ignore[index]
        if t.get("field") and (
            _OTHER_RESEARCH_BEFORE.search(text[max(0, m.start() - 40):m.start()])
            or _OTHER_RESEARCH_AFTER.match(text, m.end(), min(end, m.end() + 60))
        ):
            continue
        out.append(Mention(t["name"], m.start(), m.end(), t.get("field"), t.get("value"), t.get("weight", 1)))
    return out


def fill(text: str, seg: Segment, study: StudyFacts) -> None:
    """Set the design fields of ``study`` from ``text[seg.span]``."""
    mentions = find_mentions(text, seg.span.char_start, seg.span.char_end)
    for mt in mentions:
        study.design_terms.append(Fact[str](value=mt.name, span=Span.of(text, mt.start, mt.end),
                                            rule=f"design/{mt.name}"))
    for field in _FIELDS:
        cands = [mt for mt in mentions if mt.field == field]
        if not cands:
            continue
        best = min(cands, key=lambda mt: (-mt.weight, mt.start))
        fact_type = Fact[Blinding] if field == "blinding" else Fact[bool]
        setattr(study, field, fact_type(value=best.value, span=Span.of(text, best.start, best.end),
                                        rule=f"design/{best.name}"))

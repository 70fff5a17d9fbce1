"""Sample size (enrolled/randomized total), n_enrolled and n_completed of a study.

The total is the first strong count ("a total of 96 participants", "N = 167", "40 patients
were randomized") in the study's span, else the first plain one ("18 adults"). Subsets
("14 of the 17"), arms in parentheses and look-alike numbers are left out (see ``counts``).
Arms are summed only when one sentence assigns the group to listed arms and no total exists.
"""
from __future__ import annotations

import re

from pipeline.text.regex import compile_skipping
from pipeline.extract.counts import WEAK, Count, find_counts, sentence_bounds, study_total
from pipeline.text.numbers import NUMBER, parse_number, phrase_numbers_in
from pipeline.extract.segment import Segment
from pipeline.models import Fact, Span, StudyFacts

# Anchored at each number: "18 completed it", "26 patients completed", "40 were analysed".
_COMPLETED_AT = compile_skipping(
    rf"(?P<num>{NUMBER})(?:\s{{1,4}}[A-Za-z-]{{2,20}}){{0,2}}?\s{{1,4}}(?:\(\s?\d{{1,3}}(?:\.\d+)?\s?%\s?\)\s{{1,4}})?"
    rf"(?:completed|finished|were\s+analy[sz]ed|were\s+included\s+in\s+(?:the\s+)?(?:final\s+)?analys[ie]s)\b"
    rf"|(?P<num2>{NUMBER})\s{{1,4}}completers\b",
    re.I,
)
_COMPLETED_BY = compile_skipping(rf"\b(?:completed|finished)\s{{1,4}}by\s{{1,4}}(?P<num>{NUMBER})\b", re.I)
_ASSIGN = compile_skipping(r"\b(?:randomi[sz]ed|randomly|assigned|allocated|divided|split)\b", re.I)


def _arm_sum(text: str, counts: list[Count]) -> tuple[int, int, int] | None:
    """Sum of the arms listed in one assignment sentence: (total, start, end)."""
    arms = [c for c in counts if c.rank == WEAK and c.rule in ("sample-size/parenthesised", "sample-size/n-equals")]
    for i, first in enumerate(arms):
        sent_start, sent_end = sentence_bounds(text, first.start, first.end)
        group = [c for c in arms[i:] if c.end <= sent_end]
        if len(group) >= 2 and _ASSIGN.search(text, sent_start, first.start):
            return sum(c.value for c in group), group[0].start, group[-1].end
        break  # only the first arm list is a candidate
    return None


def fill(text: str, seg: Segment, study: StudyFacts) -> None:
    """Set the sample fields of ``study`` from ``text[seg.span]``."""
    start, end = seg.span.char_start, seg.span.char_end
    counts = find_counts(text, start, end)
    total = study_total(counts, text)
    if total is not None:
        span = Span.of(text, total.start, total.end)
        study.sample_size = Fact[int](value=total.value, span=span, rule=total.rule)
        if total.rule in ("sample-size/enrolled", "sample-size/total-of", "sample-size/n-equals"):
            study.n_enrolled = Fact[int](value=total.value, span=span, rule=total.rule)
    else:
        summed = _arm_sum(text, counts)
        if summed is not None:
            value, s, e = summed
            study.sample_size = Fact[int](value=value, span=Span.of(text, s, e), rule="sample-size/arm-sum")
    # _COMPLETED_AT needs a space after the number.
    matches = [m for ns in phrase_numbers_in(text, start, end) if (m := _COMPLETED_AT.match(text, ns, end))]
    matches += list(_COMPLETED_BY.finditer(text, start, end))
    for m in sorted(matches, key=lambda m: m.start()):
        value = parse_number(m.group("num") or m.group("num2") or "")
        if value is None or value < 1:
            continue
        if study.sample_size is not None and value > study.sample_size.value:
            continue  # "29 of 27" style slips are the validator's job, not a completed count
        before = text[max(0, m.start() - 12):m.start()]
        if re.search(r"(?:%|\bof|\bin)\s{0,4}$", before):
            continue
        study.n_completed = Fact[int](value=value, span=Span.of(text, m.start(), m.end()), rule="sample-size/completed")
        break

"""Numbers written as digits or words ("Twenty-four", "one hundred and twelve")."""
from __future__ import annotations

import bisect
import functools
import re

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_VALUES = {w: i for i, w in enumerate(_UNITS)} | {w: 10 * (i + 2) for i, w in enumerate(_TENS)}
_SCALES = {"hundred": 100, "thousand": 1000, "dozen": 12}

_WORD = r"(?:" + "|".join(sorted(_VALUES, key=len, reverse=True)) + r")"
# "one hundred and twelve", "twenty-four", "Sixty five"; bounded repetition keeps it linear.
NUMBER_WORDS = (
    rf"{_WORD}(?:[-\u2010\u2011 ]{_WORD})?(?:[\s\-\u2010\u2011]+(?:hundred|thousand|dozen)(?:[\s\-\u2010\u2011]+(?:and\s+)?{_WORD}(?:[-\u2010\u2011 ]{_WORD})?"
    rf"(?:[\s\-\u2010\u2011]+hundred(?:[\s\-\u2010\u2011]+(?:and\s+)?{_WORD}(?:[-\u2010\u2011 ]{_WORD})?)?)?)?)?"
)
DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
NUMBER = rf"(?:{DIGITS}|(?i:{NUMBER_WORDS}))"
# A number given as approximate or as a bound ("about 60%", "nearly 40", "< 5", "up to 20"): it states
# no exact value. Searched in the few characters before the number.
APPROX_BEFORE = re.compile(r"(?:about|around|approximately|approx\.?|nearly|almost|roughly|over|under|more\s+than|"
                           r"less\s+than|fewer\s+than|at\s+least|up\s+to|some|~|<|>|≈|≥|≤|[-–]|to)\s*\(?\s*$", re.I)
NUMBER_RE = re.compile(rf"\b{NUMBER}\b")


def _by_first_letter(words: list[str]) -> str:
    """The alternation ``words`` (tried in this order) as one branch per first letter: the
    engine tests a letter instead of every word, and the words that can match keep their order."""
    letters = dict.fromkeys(w[0] for w in words)
    return "(?:" + "|".join(
        f"(?={c})(?:" + "|".join(w for w in words if w[0] == c) + ")" for c in letters
    ) + ")"


# NUMBER, matching exactly the same, for patterns that scan long texts for numbers.
NUMBER_SCAN = NUMBER.replace(_WORD, _by_first_letter(sorted(_VALUES, key=len, reverse=True)), 1)


def parse_number(s: str) -> int | None:
    """Integer value of digits or English number words; None when it is not one."""
    s = s.strip()
    if re.fullmatch(DIGITS, s):
        return int(s.replace(",", ""))
    total = current = 0
    seen = False
    for tok in re.split(r"[\s\-\u2010\u2011]+", s.lower()):  # "Eighty\u2010one" too
        if tok == "and":
            continue
        if tok in _VALUES:
            current += _VALUES[tok]
            seen = True
        elif tok in _SCALES:
            current = max(current, 1) * _SCALES[tok]
            if _SCALES[tok] >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


# One scan gives every place a number (digits or a number word) can start and, where the number
# begins with a digit or an ASCII letter and ends at a word boundary, the whole number. The first
# look-ahead only speeds the scan up: every number word begins with one of these letters (tested
# in tests/text/test_index.py).
_NUMBER_SCAN_RE = re.compile(
    rf"\b(?=[\dzotfsenZOTFSEN]|(?i:[zotfsen]))(?={NUMBER_SCAN})(?=(?P<whole>(?=[\dzotfsenZOTFSEN]){NUMBER_SCAN}\b))?"
)


@functools.lru_cache(maxsize=8)
def _scan(text: str) -> tuple[list[int], tuple[tuple[int, int], ...]]:
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    last_end = -1
    for m in _NUMBER_SCAN_RE.finditer(text):
        at = m.start()
        starts.append(at)
        end = m.end("whole")
        if end >= 0 and at >= last_end:  # the numbers do not overlap, as finditer's matches do not
            spans.append((at, end))
            last_end = end
    return starts, tuple(spans)


def number_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Every number of ``text`` as (start, end), found once per text and shared by extractors
    that anchor their patterns on numbers (far cheaper than trying each pattern everywhere)."""
    return _scan(text)[1]


def numbers_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The number spans that start inside ``[start, end)``."""
    spans = number_spans(text)
    lo = bisect.bisect_left(spans, (start, -1))
    hi = bisect.bisect_left(spans, (end, -1))
    return list(spans[lo:hi])


@functools.lru_cache(maxsize=8)
def _phrase_number_starts(text: str) -> list[int]:
    # A number in digits can only be matched as itself or as a shorter run of its digits, which
    # a digit or comma follows; so a pattern needing a space or "(" after the number can match
    # only where one follows the whole number. Number words ("twenty four") are always kept.
    out = []
    for ns, ne in number_spans(text):
        if not text[ns].isdecimal() or (ne < len(text) and (text[ne].isspace() or text[ne] == "(")):
            out.append(ns)
    return out


def phrase_numbers_in(text: str, start: int, end: int) -> list[int]:
    """Starts of the numbers in ``[start, end)`` that may open a phrase in which white space or
    "(" follows the number ("18 adults", "72 (42%) men"), for patterns anchored on such numbers;
    "25%" and "1.5" are left out."""
    starts = _phrase_number_starts(text)
    return starts[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


DECIMAL = r"\d+(?:\.\d+)?|\.\d+"


def to_float(s: str) -> float:
    """Value of a decimal written with thousands commas ("1,024.5")."""
    return float(s.replace(",", ""))


def number_starts(text: str) -> list[int]:
    """Offsets where a number can start, in order (found once per text)."""
    return _scan(text)[0]


def matches_at(pattern: re.Pattern, text: str, starts: list[int], start: int, end: int):
    """Exactly ``pattern.finditer(text, start, end)`` for a pattern whose every match begins at one
    of ``starts`` (e.g. one that begins with a number): trying a few places instead of every character."""
    pos = start
    for i in range(bisect.bisect_left(starts, start), len(starts)):
        p = starts[i]
        if p >= end:
            break
        if p < pos:
            continue  # inside the previous match, which finditer would have skipped too
        m = pattern.match(text, p, end)
        if m:
            yield m
            pos = m.end()


_GROUP_BEFORE_RE = re.compile(r"\d{1,3}[ \u00a0\u202f]$")
_GROUP_AFTER_RE = re.compile(r"[ \u00a0\u202f]\d{3}(?!\d)")


def space_grouped(text: str, start: int, end: int) -> bool:
    """Whether the digits at ``text[start:end]`` are one group of a space-grouped number
    ("41 512", "12 004"): thousands written with spaces are one number, not two counts."""
    if not text[start:end].isdigit():
        return False
    return bool(_GROUP_BEFORE_RE.search(text, max(0, start - 4), start)
                or (len(text[start:end]) <= 3 and _GROUP_AFTER_RE.match(text, end)))

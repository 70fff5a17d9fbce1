"""Small text helpers shared by the rules: sentences, numbers, reference lists."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cached_property

from pipeline.extract.numbers import NUMBER, NUMBER_RE, parse_number

__all__ = ["NUMBER", "NUMBER_RE", "parse_number", "num", "sentences", "reference_section_start", "POPULATION_NOUN",
           "POPULATION_NOUN_RE", "DECIMAL", "to_float", "TextMemo", "fold", "number_starts", "matches_at"]

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
        at = m.start()
        newline = text[at] == "\n"  # the other alternative starts with [.!?]
        if not newline and _ABBREV_BEFORE_DOT.search(text, max(start, at - 8), at):
            continue
        a, b = _strip(text, s, at if newline else at + 1)
        if a < b:
            out.append((a, b))
        s = m.end()
    a, b = _strip(text, s, end)
    if a < b:
        out.append((a, b))
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    """``text[s:e]`` without the white space at either end, as offsets (empty when all space)."""
    if s < e and (text[s].isspace() or text[e - 1].isspace()):
        piece = text[s:e]  # str.strip() drops exactly the characters str.isspace() accepts
        stripped = piece.lstrip()
        if not stripped:
            return e, e
        return s + (len(piece) - len(stripped)), e - (len(stripped) - len(stripped.rstrip()))
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


# "18 of 20", "41 of the 38 toddlers", "22 out of 20": a count and its denominator.
_POSITION_WORDS = (r"(?:page|pages|table|figure|fig|week|weeks|day|days|month|months|year|years|visit|session|"
                   r"dose|cycle|item|items|step|phase|grade|level|stage|chapter|volume|question|round|wave|"
                   r"trial|study|arm|group|time|times|point|points|score|scored|rated|rank|ranked|no|number)")
OF_PAIR_RE = re.compile(
    rf"(?<![\d.,/])(?<!\w)(?P<x>{NUMBER})\s+(?:out\s+of|of)\s+(?:the\s+|these\s+|those\s+|all\s+|our\s+|its\s+|their\s+)?"
    rf"(?:total\s+of\s+|original\s+|remaining\s+)?(?P<y>{NUMBER})(?![\d.,]\d|\s*%|\s*percent)\b"
)
_POSITION_BEFORE_RE = re.compile(rf"\b{_POSITION_WORDS}\s*$", re.I)
_YEAR_RE = re.compile(r"^(?:1[89]|20)\d\d$")


_GROUP_BEFORE_RE = re.compile(r"\d{1,3}[ \u00a0\u202f]$")
_GROUP_AFTER_RE = re.compile(r"[ \u00a0\u202f]\d{3}(?!\d)")


def _space_grouped(text: str, start: int, end: int) -> bool:
    """Whether the digits at ``text[start:end]`` are one group of a space-grouped number."""
    if not text[start:end].isdigit():
        return False
    return bool(_GROUP_BEFORE_RE.search(text, max(0, start - 4), start)
                or (len(text[start:end]) <= 3 and _GROUP_AFTER_RE.match(text, end)))


def of_pairs(text: str, start: int, end: int, starts: list[int] | None = None):
    """Yield ``(match, x, y)`` for every count-of-denominator pair in ``text[start:end]``
    (``starts``: the text's ``number_starts``, when already known)."""
    starts = number_starts(text) if starts is None else starts
    for m in matches_at(OF_PAIR_RE, text, starts, start, end):
        if _POSITION_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
            continue
        if _YEAR_RE.match(m.group("x")) or _YEAR_RE.match(m.group("y")):
            continue
        if _space_grouped(text, m.start("x"), m.end("x")) or _space_grouped(text, m.start("y"), m.end("y")):
            continue  # "53 267 of the 53 456": thousands grouped by spaces, not two numbers
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


# Characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not turn into it
# ("İ".lower() is even two characters long): fold() maps them so keyword gates never miss a match.
_FOLD_FIXES = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def fold(text: str) -> str:
    """Lower-case ``text`` with the same length: an ASCII keyword that a case-insensitive pattern
    matches in ``text`` occurs in ``fold(text)`` at the same offsets (cheap gates before regexes)."""
    if not text.isascii() and ("İ" in text or "ı" in text or "ſ" in text):
        text = text.translate(_FOLD_FIXES)
    return text.lower()


# Every place a number (digits or a number word) can start. The first look-ahead only speeds the
# scan up: every number word begins with one of these letters (tested in tests/rules/test_textscan.py).
_NUMBER_START_RE = re.compile(rf"\b(?=\d|(?i:[zotfsen]))(?={NUMBER})")


def number_starts(text: str) -> list[int]:
    """Offsets where a number can start, in order."""
    return [m.start() for m in _NUMBER_START_RE.finditer(text)]


def matches_at(pattern: re.Pattern, text: str, starts: list[int], start: int, end: int) -> Iterator[re.Match]:
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


class TextMemo:
    """Scans of one article text shared by every rule and study of one validate() call, so that
    each is done once per article rather than once per rule and study."""

    def __init__(self, text: str):
        self.text = text
        self._sentences: dict[tuple[int, int], tuple[tuple[int, int], ...]] = {}
        self._occurrences: dict[str, list[int]] = {}

    @cached_property
    def body_end(self) -> int:
        return reference_section_start(self.text)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def number_starts(self) -> list[int]:
        return number_starts(self.text)

    def sentences(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        key = (start, end)
        if key not in self._sentences:
            self._sentences[key] = tuple(sentences(self.text, start, end))
        return self._sentences[key]

    def occurrences(self, word: str) -> list[int]:
        """Every offset where ``word`` (lower-case ASCII) occurs in any case, in order."""
        found = self._occurrences.get(word)
        if found is None:
            folded, found, at = self.folded, [], self.folded.find(word)
            while at >= 0:
                found.append(at)
                at = folded.find(word, at + 1)
            self._occurrences[word] = found
        return found

    def has_any(self, words: tuple[str, ...], start: int, end: int) -> bool:
        """Whether a lower-case ASCII keyword occurs (in any case) inside ``text[start:end]``."""
        for w in words:
            found = self.occurrences(w)
            i = bisect.bisect_left(found, start)
            if i < len(found) and found[i] + len(w) <= end:
                return True
        return False

    def has_all(self, groups: list[tuple[str, ...]], start: int, end: int) -> bool:
        """Whether every group has a keyword occurring inside ``text[start:end]``."""
        return all(self.has_any(words, start, end) for words in groups)

    def number_matches(self, pattern: re.Pattern, start: int, end: int) -> Iterator[re.Match]:
        """``pattern.finditer(text, start, end)`` for a pattern that begins with a number."""
        return matches_at(pattern, self.text, self.number_starts, start, end)

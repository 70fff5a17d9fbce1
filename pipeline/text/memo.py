"""Scans of one article text, done once and shared by every rule and study that asks."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cached_property

from pipeline.text import numbers, references, sentences

# Characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not turn into it
# ("İ".lower() is even two characters long): fold() maps them so keyword gates never miss a match.
_FOLD_FIXES = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def fold(text: str) -> str:
    """Lower-case ``text`` with the same length: an ASCII keyword that a case-insensitive pattern
    matches in ``text`` occurs in ``fold(text)`` at the same offsets (cheap gates before regexes)."""
    if not text.isascii() and ("İ" in text or "ı" in text or "ſ" in text):
        text = text.translate(_FOLD_FIXES)
    return text.lower()


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


class TextMemo:
    """Scans of one article text shared by every rule and study of one validate() call, so that
    each is done once per article rather than once per rule and study."""

    def __init__(self, text: str):
        self.text = text
        self._occurrences: dict[str, list[int]] = {}

    @cached_property
    def body_end(self) -> int:
        return references.reference_section_start(self.text)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def number_starts(self) -> list[int]:
        return numbers.number_starts(self.text)

    def sentences(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        return sentences.sentences(self.text, start, end)

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
        return numbers.matches_at(pattern, self.text, self.number_starts, start, end)

"""The per-article text index: the scans of one article's text that several extractors and
validators need, each done once (on first use) and shared by all of them.

``index_of(text)`` gives the index of an article's text; extraction and validation of one
article get the same object, so a scan done by segmentation is reused by every field rule and
every validator. It holds the lower-cased text, sentence spans, line spans, the layout blocks,
every number with its value, the reference-list start and citation markers, keyword offsets, and a memo of per-span
work (people counts, bullet lists) keyed by what asked for it.

Patterns whose every match begins at a keyword or a number run only there (``anchored``,
``number_matches``): exactly ``pattern.finditer(text, start, end)``, without a regex pass over
the whole text.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any, TypeVar

from pipeline.text import layout, numbers, references, sentences
from pipeline.text.regex import anchor_words
from pipeline.vocab import index as vocabulary
from pipeline.vocab.terms import WindowFinder, shared_finders

T = TypeVar("T")

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


class TextIndex:
    """Scans of one article text, each done once on first use (see the module docstring)."""

    def __init__(self, text: str):
        self.text = text
        self._occurrences: dict[str, list[int]] = {}
        self._starts: dict[tuple[str, ...], list[int]] = {}
        self._memo: dict[Any, Any] = {}

    # -- whole-text scans ----------------------------------------------------------------------

    @cached_property
    def body_end(self) -> int:
        """Where the reference list starts (``len(text)`` when there is none)."""
        return references.reference_section_start(self.text)

    @cached_property
    def citation_markers(self) -> tuple[references.Marker, ...]:
        """The citation markers of the body (before the reference list), in order."""
        return references.citation_markers(self.text, self.body_end, self.line_spans, self.occurrences("["))

    @cached_property
    def has_references(self) -> bool:
        """Whether the article has a reference list: a heading followed by entries, or numbered
        entries with years."""
        return self.body_end < len(self.text) or references.has_numbered_entries(self.text, self.line_starts)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def sentence_spans(self) -> tuple[tuple[int, int], ...]:
        return sentences.split(self.text)

    @cached_property
    def line_spans(self) -> list[tuple[int, int]]:
        """Every line of the text that is not empty, as (start, end) without the line break."""
        out, pos = [], 0
        for line in self.text.split("\n"):
            if line:
                out.append((pos, pos + len(line)))
            pos += len(line) + 1
        return out

    @cached_property
    def line_starts(self) -> list[int]:
        """Offset of every line's first character (empty lines too)."""
        text, out = self.text, [0]
        at = text.find("\n")
        while at >= 0:
            out.append(at + 1)
            at = text.find("\n", at + 1)
        return out

    @cached_property
    def blocks(self) -> list[layout.Block]:
        return layout.blocks(self.text)

    @cached_property
    def number_spans(self) -> tuple[tuple[int, int], ...]:
        return numbers.number_spans(self.text)

    @cached_property
    def number_starts(self) -> list[int]:
        """Offsets where a number (digits or a number word) can start, in order."""
        return numbers.number_starts(self.text)

    # -- windows -------------------------------------------------------------------------------

    def sentences(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        return sentences.sentences(self.text, start, end)

    def lines(self, start: int, end: int) -> list[tuple[int, int]]:
        """Exactly the non-blank ``[^\\n]+`` runs of ``text[start:end]`` (cut to the window)."""
        spans = self.line_spans
        lo = bisect.bisect_right(spans, (start, 1 << 62))
        if lo and spans[lo - 1][1] > start:
            lo -= 1
        hi = bisect.bisect_left(spans, (end, -1))
        text = self.text
        out = []
        for i in range(lo, hi):
            s, e = spans[i]
            if s < start or e > end:
                s, e = max(s, start), min(e, end)
                if s >= e:
                    continue
            if text[s:e].strip():
                out.append((s, e))
        return out

    # -- keywords ------------------------------------------------------------------------------

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

    def keyword_starts(self, words: tuple[str, ...], with_numbers: bool = False) -> list[int]:
        """Every offset where one of ``words`` (lower-case ASCII) occurs in any case, in order; with
        ``with_numbers`` every place a number can start too."""
        key = (*words, "#") if with_numbers else words
        found = self._starts.get(key)
        if found is None:
            places = {p for w in words for p in self.occurrences(w)}
            if with_numbers:
                places.update(self.number_starts)
            found = self._starts[key] = sorted(places)
        return found

    # -- anchored scans ------------------------------------------------------------------------

    def anchored(self, pattern: re.Pattern, words: tuple[str, ...], start: int, end: int,
                 with_numbers: bool = False) -> Iterator[re.Match]:
        """``pattern.finditer(text, start, end)`` for a pattern whose every match begins where one
        of ``words`` (lower-case ASCII, matched in any case) occurs, or with ``with_numbers`` where
        a number starts (a digit after a word boundary, too): only those places are tried."""
        return numbers.matches_at(pattern, self.text, self.keyword_starts(words, with_numbers), start, end)

    def matches(self, pattern: re.Pattern, start: int, end: int) -> Iterator[re.Match]:
        """``pattern.finditer(text, start, end)``, tried only where a match can begin: at the
        words (or number starts) ``regex.anchor_words`` finds every match of it begins with;
        a plain scan when it finds none."""
        anchors = _anchors_of(pattern)
        if anchors is None:
            return pattern.finditer(self.text, start, end)
        return self.anchored(pattern, anchors[0], start, end, with_numbers=anchors[1])

    def first(self, pattern: re.Pattern, start: int, end: int) -> re.Match | None:
        """``pattern.search(text, start, end)``, tried only where a match can begin (``matches``)."""
        return next(self.matches(pattern, start, end), None)

    def number_matches(self, pattern: re.Pattern, start: int, end: int) -> Iterator[re.Match]:
        """``pattern.finditer(text, start, end)`` for a pattern whose every match begins with a number."""
        return numbers.matches_at(pattern, self.text, self.number_starts, start, end)

    def line_matches(self, pattern: re.Pattern, start: int, end: int) -> Iterator[re.Match]:
        """``pattern.finditer(text, start, end)`` for a pattern whose every match begins at a line start."""
        return numbers.matches_at(pattern, self.text, self.line_starts, start, end)

    # -- per-span work -------------------------------------------------------------------------

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """``compute()``, done once per ``key`` for this text (e.g. the counts of one span)."""
        try:
            return self._memo[key]
        except KeyError:
            got = self._memo[key] = compute()
            return got


@functools.lru_cache(maxsize=None)
def _anchors_of(pattern: re.Pattern) -> tuple[tuple[str, ...], bool] | None:
    return anchor_words(pattern.pattern, pattern.flags) if isinstance(pattern.pattern, str) else None


@functools.lru_cache(maxsize=2)
def index_of(text: str) -> TextIndex:
    """The index of ``text``, shared by every caller while the article is being processed."""
    return TextIndex(text)


# The vocabularies every study reads: scanned together, once per article.
_SHARED = (("agents", "entry"), ("agents", "comparator"), ("conditions", "entry"))


def article_finder(text: str, name: str, table: str = "entry") -> WindowFinder:
    """What ``vocab.index(name, table).find(text, s0, s1)`` returns, for any window of ``text``, from
    one scan of the article shared by the vocabularies of ``_SHARED`` (memoised on its index)."""
    memo = index_of(text).memo
    if (name, table) not in _SHARED:
        return memo(("terms", name, table), lambda: vocabulary(name, table).scanner(text, 0, len(text)))
    finders = memo("shared-terms", lambda: shared_finders(tuple(vocabulary(*nt) for nt in _SHARED), text))
    return finders[_SHARED.index((name, table))]

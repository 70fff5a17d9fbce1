"""Finding the terms of a vocabulary in text: every term in one pass (Aho-Corasick), whole words,
leftmost-longest, without overlaps."""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import Any

import ahocorasick


@dataclass(frozen=True)
class Hit:
    """One vocabulary term found in the text: ``text[start:end]`` and its entry."""

    start: int
    end: int
    entry: dict[str, Any]
    kind: str = "term"  # "term", "abbr" or "adjective"


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _whole_word_end(hay: str, s: int, e: int, lo: int, hi: int, exact: bool) -> int | None:
    """End of the term ``hay[s:e]`` as a whole word of the window ``hay[lo:hi]``, or None."""
    # A plural "s" after a term still counts as the term ("disorders").
    if e < hi and hay[e] in "sS" and (e + 1 == hi or not _is_word_char(hay[e + 1])):
        e += 1
    if (s > lo and _is_word_char(hay[s - 1]) and _is_word_char(hay[s])) or (
        e < hi and _is_word_char(hay[e]) and _is_word_char(hay[e - 1])
    ):
        return None
    # "DSM-IV" is no route and "Type-II" no abbreviation: skip hyphen-joined capitals.
    if exact and s > lo and hay[s - 1] == "-":
        return None
    return e


def _leftmost_longest(offset: int, cands: list[tuple[int, int, dict[str, Any], str]]) -> list[Hit]:
    """Hits from candidates sorted by start, longest first: the first of overlapping ones wins."""
    kept: list[tuple[int, int, dict[str, Any], str]] = []
    for c in cands:
        if not kept or c[0] >= kept[-1][1]:
            kept.append(c)
    return [Hit(offset + s, offset + e, entry, kind) for s, e, entry, kind in kept]


class TermIndex:
    """Every term of a list of entries, found whole-word, longest match first, no overlaps."""

    def __init__(self, entries: list[dict[str, Any]]):
        self._folded = ahocorasick.Automaton()
        self._exact = ahocorasick.Automaton()
        for entry in entries:
            for term in [entry["name"], *entry.get("terms", []), *entry.get("brands", [])]:
                key = term.lower()
                # On a clash the first entry wins, so the file order decides.
                if key not in self._folded:
                    self._folded.add_word(key, (len(key), entry, "term"))
            for adj in entry.get("adjectives", []):
                if adj.lower() not in self._folded:
                    self._folded.add_word(adj.lower(), (len(adj), entry, "adjective"))
            for abbr in entry.get("abbr", []):
                if abbr not in self._exact:
                    self._exact.add_word(abbr, (len(abbr), entry, "abbr"))
        for auto in (self._folded, self._exact):
            if len(auto):
                auto.make_automaton()

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Terms inside ``text[start:end]`` with offsets into ``text``, left to right."""
        end = len(text) if end is None else end
        window = text[start:end]
        cands: list[tuple[int, int, dict[str, Any], str]] = []
        for auto, hay in ((self._folded, window.lower()), (self._exact, window)):
            if not len(auto):
                continue
            for last, (length, entry, kind) in auto.iter(hay):
                s = last - length + 1
                e = _whole_word_end(hay, s, last + 1, 0, len(hay), auto is self._exact)
                if e is not None:
                    cands.append((s, e, entry, kind))
        # Leftmost-longest, without overlaps.
        cands.sort(key=lambda c: (c[0], c[0] - c[1]))
        return _leftmost_longest(start, cands)

    def scanner(self, text: str, start: int, end: int) -> WindowFinder:
        """``find`` for many small windows inside ``text[start:end]`` (the sentences of a study):
        the automata run over the span once instead of once per window, with the same result."""
        return WindowFinder(self, text, start, end)

    def lookup(self, term: str) -> dict[str, Any] | None:
        """The entry whose term is exactly ``term`` (case-insensitive), if any."""
        got = self._folded.get(term.lower(), None)
        return got[1] if got and got[2] == "term" else None


def _foldable(window: str, low: str) -> bool:
    return len(low) == len(window) and "\u03a3" not in window  # "İ" grows, "Σ" lowers by context


@functools.cache
def _combined(indexes: tuple[TermIndex, ...]) -> tuple[Any, Any]:
    """One folded and one exact automaton holding the terms of every index, each key with the
    (index number, length, entry, kind) of every index that has it."""
    autos = []
    for which in ("_folded", "_exact"):
        payloads: dict[str, list[tuple]] = {}
        for i, terms in enumerate(indexes):
            auto = getattr(terms, which)
            if len(auto):
                for word, (length, entry, kind) in auto.items():
                    payloads.setdefault(word, []).append((i, length, entry, kind))
        combined = ahocorasick.Automaton()
        for word, values in payloads.items():
            combined.add_word(word, tuple(values))
        if len(combined):
            combined.make_automaton()
        autos.append(combined)
    return autos[0], autos[1]


def shared_finders(indexes: tuple[TermIndex, ...], text: str) -> list[WindowFinder]:
    """A ``WindowFinder`` over the whole of ``text`` for each index, from one scan of the text per
    automaton kind instead of one per index (the same hits, in the same order, as each its own)."""
    low = text.lower()
    found: list[tuple[list[tuple], list[tuple]]] = [([], []) for _ in indexes]
    if _foldable(text, low):
        orders = [0] * len(indexes)
        for slot, (auto, hay) in enumerate(zip(_combined(indexes), (low, text))):
            if not len(auto):
                continue
            for last, values in auto.iter(hay):
                for i, length, entry, kind in values:
                    found[i][slot].append((last - length + 1, last + 1, entry, kind, orders[i]))
                    orders[i] += 1
    return [WindowFinder(terms, text, 0, len(text), found[i]) for i, terms in enumerate(indexes)]


class WindowFinder:
    """The hits of a ``TermIndex`` inside windows of one span, from one scan of the span."""

    def __init__(self, terms: TermIndex, text: str, start: int, end: int,
                 found: tuple[list[tuple], list[tuple]] | None = None):
        """``found``: the (folded, exact) hits of ``terms`` in the span from a scan shared with other
        vocabularies (``shared_finders``), in the order their own automata would give them."""
        self._terms, self._text, self._start, self._end = terms, text, start, end
        window = text[start:end]
        low = window.lower()
        # Windows of ``low`` must equal the lower-cased windows that ``find`` scans.
        self._whole = _foldable(window, low)
        self._hays: list[tuple[bool, str, list[int], list[tuple]]] = []
        order = 0
        for i, (exact, auto, hay) in enumerate(((False, terms._folded, low), (True, terms._exact, window))):
            hits = []
            if found is not None and self._whole:
                hits = list(found[i])
            elif len(auto) and self._whole:
                for last, (length, entry, kind) in auto.iter(hay):
                    hits.append((start + last - length + 1, start + last + 1, entry, kind, order))
                    order += 1
            hits.sort(key=lambda h: h[0])  # stable: the automaton's order kept within a start
            self._hays.append((exact, hay, [h[0] for h in hits], hits))
        self._starts = sorted(s for _, _, starts, _ in self._hays for s in starts)

    def may_have(self, s0: int, s1: int) -> bool:
        """False when no term starts inside ``[s0, s1)``: ``find`` would return nothing."""
        if not self._whole:
            return True
        i = bisect.bisect_left(self._starts, s0)
        return i < len(self._starts) and self._starts[i] < s1

    def __call__(self, s0: int, s1: int) -> list[Hit]:
        """What ``TermIndex.find(text, s0, s1)`` returns, for a window inside the span."""
        if not self._whole:
            return self._terms.find(self._text, s0, s1)
        start = self._start
        assert start <= s0 <= s1 <= self._end
        cands: list[tuple[int, int, dict[str, Any], str, int]] = []
        for exact, hay, starts, hits in self._hays:
            for s, e, entry, kind, order in hits[bisect.bisect_left(starts, s0):bisect.bisect_left(starts, s1)]:
                if e > s1:
                    continue
                # Offsets into the span-sized strings are shifted by ``start``.
                e = _whole_word_end(hay, s - start, e - start, s0 - start, s1 - start, exact)
                if e is not None:
                    cands.append((s, e + start, entry, kind, order))
        # The order of one window's scan: by start, longest first, then as the automata found them.
        cands.sort(key=lambda c: (c[0], c[0] - c[1], c[4]))
        return _leftmost_longest(0, [c[:4] for c in cands])

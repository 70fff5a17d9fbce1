"""Vocabularies kept as TOML data files beside this module, read once and cached.

Each vocabulary file holds ``[[entry]]`` tables with a ``name`` (the normalised value), ``terms``
(matched case-insensitively) and ``abbr`` (matched case-sensitively, so "SAD" is not "sad").
``TermIndex`` finds every term of a vocabulary in one pass over the text (Aho-Corasick).
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import ahocorasick

VOCAB_DIR = Path(__file__).parent


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``<name>.toml`` of this folder (cached; treat it as read-only)."""
    with open(VOCAB_DIR / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class Hit:
    """One vocabulary term found in the text: ``text[start:end]`` and its entry."""

    start: int
    end: int
    entry: dict[str, Any]
    kind: str = "term"  # "term", "abbr" or "adjective"


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


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
                s, e = last - length + 1, last + 1
                # A plural "s" after a term still counts as the term ("disorders").
                if e < len(hay) and hay[e] in "sS" and (e + 1 == len(hay) or not _is_word_char(hay[e + 1])):
                    e += 1
                if (s > 0 and _is_word_char(hay[s - 1]) and _is_word_char(hay[s])) or (
                    e < len(hay) and _is_word_char(hay[e]) and _is_word_char(hay[e - 1])
                ):
                    continue
                # "DSM-IV" is no route and "Type-II" no abbreviation: skip hyphen-joined capitals.
                if auto is self._exact and s > 0 and hay[s - 1] == "-":
                    continue
                cands.append((s, e, entry, kind))
        # Leftmost-longest, without overlaps.
        cands.sort(key=lambda c: (c[0], c[0] - c[1]))
        kept: list[tuple[int, int, dict[str, Any], str]] = []
        for c in cands:
            if not kept or c[0] >= kept[-1][1]:
                kept.append(c)
        return [Hit(start + s, start + e, entry, kind) for s, e, entry, kind in kept]

    def lookup(self, term: str) -> dict[str, Any] | None:
        """The entry whose term is exactly ``term`` (case-insensitive), if any."""
        got = self._folded.get(term.lower(), None)
        return got[1] if got and got[2] == "term" else None


@functools.cache
def index(name: str, table: str = "entry") -> TermIndex:
    """A cached ``TermIndex`` over the ``[[table]]`` entries of vocabulary ``name``."""
    return TermIndex(load(name).get(table, []))


def iter_entries(name: str, table: str = "entry") -> Iterator[dict[str, Any]]:
    yield from load(name).get(table, [])

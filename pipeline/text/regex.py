"""Scans that skip positions where no match can begin.

Python's regex engine tries every alternative of a case-insensitive pattern at every position
of the text. A leading look-ahead for the characters a match can begin with rejects most
positions with one test; the matches themselves are unchanged.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants as C, _parser as P  # type: ignore[attr-defined]  # CPython 3.11+


def first_class(pattern: str, flags: int = 0) -> str | None:
    """A character class holding every character a match of ``pattern`` can begin with;
    None when that cannot be told simply (a leading ``\\w``, ``.``, or an empty match)."""
    try:
        chars, nullable = _first(P.parse(pattern, flags), bool(flags & re.I))
    except (re.error, _Unknown):
        return None
    if nullable or not chars:
        return None
    return "[" + "".join(sorted(c if c == r"\d" else re.escape(c) for c in chars)) + "]"


def compile_skipping(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` that matches the same, with a first-character look-ahead."""
    cls = first_class(pattern, flags)
    if cls is not None and not _engine_skips(pattern, flags):
        try:
            return re.compile(f"(?={cls})(?:{pattern})", flags)
        except re.error:  # e.g. global inline flags, which must open the pattern
            pass
    return re.compile(pattern, flags)


def _engine_skips(pattern: str, flags: int) -> bool:
    """Does the engine already jump to where a match can begin? It does when the pattern opens
    with a literal or a class whose case does not matter; a look-ahead would only hide that."""
    try:
        parsed = P.parse(pattern, flags)
    except re.error:
        return False
    if not parsed.data:
        return False
    op, av = parsed.data[0]
    if op is C.LITERAL:
        chars = [chr(av)]
    elif op is C.IN and all(iop is C.LITERAL for iop, _ in av):
        chars = [chr(iav) for _, iav in av]
    elif op is C.IN and len(av) == 1 and av[0] == (C.CATEGORY, C.CATEGORY_DIGIT):
        chars = ["0"]
    else:
        return False
    return not flags & re.I or all(c.lower() == c.upper() for c in chars)


class _Unknown(Exception):
    pass


def _first(seq, folded: bool) -> tuple[set[str], bool]:
    """(first characters, can match empty) of a parsed sequence."""
    out: set[str] = set()
    for op, av in seq:
        chars, nullable = _item(op, av, folded)
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _item(op, av, folded: bool) -> tuple[set[str], bool]:
    # Under re.I a class folds case exactly as a literal does, so the literal itself suffices.
    if op is C.LITERAL:
        return {chr(av)}, False
    if op is C.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is C.LITERAL:
                chars.add(chr(iav))
            elif iop is C.RANGE and iav[1] - iav[0] < 64:
                chars.update(chr(c) for c in range(iav[0], iav[1] + 1))
            elif iop is C.CATEGORY and iav is C.CATEGORY_DIGIT:
                chars.add(r"\d")  # every Unicode digit, as in the pattern
            else:
                raise _Unknown  # \w, \s, negated classes
        return chars, False
    if op is C.BRANCH:
        chars, nullable = set(), False
        for alt in av[1]:
            c, n = _first(alt, folded)
            chars |= c
            nullable = nullable or n
        return chars, nullable
    if op is C.SUBPATTERN:
        if av[1] & re.I and not folded:
            raise _Unknown  # "(?i:...)" inside a case-sensitive pattern
        return _first(av[3], folded)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        chars, nullable = _first(av[2], folded)
        return chars, nullable or av[0] == 0
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return set(), True  # zero-width: it only narrows matches, so look past it
    raise _Unknown



_PREFIX_LEN = 8  # longer literal prefixes only narrow the places already found


def anchor_words(pattern: str, flags: int = 0, limit: int = 300) -> tuple[tuple[str, ...], bool] | None:
    """``(words, numbers)`` such that every match of ``pattern`` begins where one of the
    lower-case ASCII ``words`` occurs (in any case) or, with ``numbers``, with a digit after a word
    boundary (where ``numbers.number_starts`` has a number start), for ``TextIndex.anchored``;
    None when a match can begin otherwise (a class such as ``\\w``, a non-ASCII letter, a digit
    without ``\\b`` before it, an empty match) or the words would be more than ``limit``."""
    try:
        parsed = P.parse(pattern, flags)
    except re.error:
        return None
    out: set[str] = set()
    if not _prefixes(list(parsed.data), "", False, out, 20 * limit):
        return None
    numbers = "" in out
    out.discard("")
    kept = shortest_words(out)
    return (kept, numbers) if len(kept) <= limit else None


def shortest_words(words: Iterable[str]) -> tuple[str, ...]:
    """``words`` without those that another of them begins with (which finds every place the
    longer one does), sorted."""
    kept: list[str] = []
    for w in sorted(set(words), key=len):
        if not any(w.startswith(k) for k in kept):
            kept.append(w)
    return tuple(sorted(kept))


def _ascii_literal(code: int) -> str | None:
    c = chr(code)
    return c.lower() if c.isascii() else None


def _is_digit_class(op, av) -> bool:
    return op is C.IN and len(av) == 1 and av[0] == (C.CATEGORY, C.CATEGORY_DIGIT)


def _prefixes(items: list, prefix: str, bounded: bool, out: set[str], limit: int) -> bool:
    """Add to ``out`` the prefixes the matches of ``items`` begin with after ``prefix`` ("" for a
    digit after a word boundary, ``bounded`` telling whether ``\\b`` holds at the match's start);
    False when a match could begin elsewhere or there are too many prefixes."""
    i = 0
    while i < len(items) and len(prefix) < _PREFIX_LEN:
        op, av = items[i]
        rest = items[i + 1:]
        if op is C.LITERAL:
            c = _ascii_literal(av)
            if c is None:
                break
            prefix += c
            i += 1
            continue
        if op is C.AT:
            bounded = bounded or not prefix and av is C.AT_BOUNDARY
            i += 1
            continue
        if op in (C.ASSERT, C.ASSERT_NOT):
            i += 1  # zero-width: it only narrows the matches
            continue
        if op is C.SUBPATTERN:
            items, i = list(av[3]) + rest, 0
            continue
        if op is C.BRANCH:
            return all(_prefixes(list(alt) + rest, prefix, bounded, out, limit) for alt in av[1])
        if op is C.IN and all(iop is C.LITERAL for iop, _ in av) and len(av) <= 4:
            chars = [chr(iav) for _, iav in av]
            if not all(c.isascii() for c in chars):
                break
            return all(_prefixes(rest, prefix + c, bounded, out, limit) for c in sorted({c.lower() for c in chars}))
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            # the first repetition opens the match; after it only a single one is followed further
            once = list(sub) + (rest if hi == 1 else [])
            if lo >= 1:
                items, i = once, 0
                continue
            return _prefixes(once, prefix, bounded, out, limit) and _prefixes(rest, prefix, bounded, out, limit)
        if not prefix and bounded and _is_digit_class(op, av):
            out.add("")  # a digit after a word boundary: a number starts there
            return True
        break
    if not prefix:
        return False
    out.add(prefix)
    return len(out) <= limit

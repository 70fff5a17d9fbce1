"""Find a curator's quote in the article text, tolerant of line breaks and spacing only."""
from __future__ import annotations

import re


def _pattern(quote: str) -> re.Pattern[str] | None:
    words = quote.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def find_quote(text: str, quote: str, near: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """``(start, end)`` of ``quote`` in ``text``: inside ``near`` when it occurs there, else anywhere."""
    rx = _pattern(quote)
    if rx is None:
        return None
    if near is not None:
        m = rx.search(text, near[0], near[1])
        if m:
            return m.start(), m.end()
    m = rx.search(text)
    return (m.start(), m.end()) if m else None

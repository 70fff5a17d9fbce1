"""Counted nouns for messages: ``1 study``, ``2 studies``."""
from __future__ import annotations

# Nouns whose plural is not the regular one (and "info", a severity, used as a mass noun).
_IRREGULAR = {"info": "info", "analysis": "analyses"}


def plural_of(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the noun it counts: ``plural(1, "study")`` is ``1 study``, thousands grouped (``1,000``)."""
    return f"{n:,} {word if n == 1 else many or plural_of(word)}"


def shell_word(s: str) -> str:
    """``s`` as one shell word: bare when safe, else single-quoted (for command lines to copy)."""
    import re

    return s if re.fullmatch(r"[\w@%+=:,./#-]+", s) else "'" + s.replace("'", "'\\''") + "'"

"""The one way to put a name into SQL text. Values always go in as ``?`` parameters."""
from __future__ import annotations

import re

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def ident(name: str) -> str:
    """``name`` quoted as an SQL identifier; refuses anything but plain ASCII words.

    Names come from the row models (code), never from articles or decision files; the check
    makes sure a future caller cannot smuggle SQL in through one.
    """
    if not _IDENT.match(name):
        raise ValueError(f"not a plain SQL identifier: {name!r}")
    return f'"{name}"'


def literal(text: str) -> str:
    """``text`` as an SQL string literal, for the statements that take no ``?`` (ATTACH's path)."""
    return "'" + text.replace("'", "''") + "'"

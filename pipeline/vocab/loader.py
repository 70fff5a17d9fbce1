"""Vocabulary files beside this module (``<name>.toml``), read once and cached."""
from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.vocab.terms import TermIndex, WindowFinder, shared_finders

VOCAB_DIR = Path(__file__).parent


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``<name>.toml`` of this folder (cached; treat it as read-only)."""
    with open(VOCAB_DIR / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


@functools.cache
def index(name: str, table: str = "entry") -> TermIndex:
    """A cached ``TermIndex`` over the ``[[table]]`` entries of vocabulary ``name``."""
    return TermIndex(load(name).get(table, []))


def iter_entries(name: str, table: str = "entry") -> Iterator[dict[str, Any]]:
    yield from load(name).get(table, [])


# The vocabularies every study reads: scanned together, once per article.
_SHARED = (("agents", "entry"), ("agents", "comparator"), ("conditions", "entry"))


def article_finder(text: str, name: str, table: str = "entry") -> WindowFinder:
    """What ``index(name, table).find(text, s0, s1)`` returns, for any window of ``text``, from one
    scan of the article shared by the vocabularies of ``_SHARED`` (memoised on its text index)."""
    from pipeline.text.index import index_of  # pipeline.text.people imports this package

    if (name, table) not in _SHARED:
        return index_of(text).memo(("terms", name, table), lambda: index(name, table).scanner(text, 0, len(text)))
    finders = index_of(text).memo("shared-terms", lambda: shared_finders(tuple(index(*nt) for nt in _SHARED), text))
    return finders[_SHARED.index((name, table))]

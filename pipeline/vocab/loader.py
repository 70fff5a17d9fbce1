"""Vocabulary files beside this module (``<name>.toml``), read once and cached."""
from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.vocab.terms import TermIndex

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

"""The id grammar of the contract's rows: how ids are made, and what an id says about its row.

Ids are derived from content near the thing, not from positions in the article, so they stay
stable when other parts of the article (or other articles) change. Every id starts with its
article's source id: ``<source>:s<hash>`` a study, ``<study>/<kind>-<slug>`` a child row,
``<intervention>#<seq>`` a dose, ``<source>:<rule>:<hash>`` a flag.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from typing import Any

from pipeline.models.rows import Row


def _digest(*parts: str, n: int = 8) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def _opening_words(s: str, n: int) -> list[str]:
    """``_norm(s).split()[:n]``, normalising only as much of ``s`` as the words need: when a
    piece of ``s`` holds more than ``n`` words, its first ``n`` are those of the whole (only the
    last word of the piece may be cut short)."""
    size = 512
    while size < len(s):
        words = _norm(s[:size]).split()
        if len(words) > n:
            return words[:n]
        size *= 4
    return _norm(s).split()[:n]


def study_key(label: str | None, span_text: str) -> str:
    """The study's heading when it has one, else the opening words of its description.

    Edits elsewhere in the article (or other articles) leave this unchanged.
    """
    basis = label if label else " ".join(_opening_words(span_text, 25))
    return _norm(basis)


def _unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``, ... when an earlier row of the article took it."""
    rid, i = base, 2
    while rid in taken:
        rid, i = f"{base}-{i}", i + 1
    taken.add(rid)
    return rid


def study_id(source_id: str, key: str, taken: set[str]) -> str:
    return _unique(f"{source_id}:s{_digest(key, n=6)}", taken)


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:40] or "x"


def child_id(parent: str, kind: str, name: str, taken: set[str]) -> str:
    return _unique(f"{parent}/{kind}-{slug(name)}", taken)


def flag_id(rule: str, source_id: str, study_id: str | None, evidence: str) -> str:
    """Same rule on the same evidence gets the same id from run to run, so acknowledgements stick.

    The id starts with the source id, like every other id, so a decision on it names its article.
    """
    return f"{source_id}:{rule}:{_digest(source_id, study_id or '', _norm(evidence))}"


# Child ids end in "/<kind>-<slug>"; dose ids are "<intervention id>#<seq>".
_CHILD_TABLES = {"c": "study_conditions", "i": "interventions", "r": "results", "ae": "adverse_events"}


def table_of(row_id: str) -> str:
    """The contract table a study or child row id belongs to, from the id's shape."""
    last = row_id.rsplit("/", 1)[-1] if "/" in row_id else ""
    if "#" in last:
        return "doses"
    kind = last.split("-", 1)[0]
    return _CHILD_TABLES.get(kind, "studies") if last else "studies"


def source_of(row_id: str, source_ids: Collection[str]) -> str | None:
    """The longest source id that ``row_id`` starts with (ids are ``<source>:...`` or ``<source>/...``)."""
    for pos in sorted((i for i, ch in enumerate(row_id) if ch in ":/"), reverse=True):
        if row_id[:pos] in source_ids:
            return row_id[:pos]
    return None


def row_id(row: Row) -> Any:
    """The id decisions use: the key column, ``<intervention id>#<seq>`` for doses, a tuple otherwise."""
    if row.__table__ == "doses":
        return f"{getattr(row, 'intervention_id')}#{getattr(row, 'seq')}"
    key = tuple(getattr(row, k) for k in row.__key__)
    return key[0] if len(key) == 1 else key

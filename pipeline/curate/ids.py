"""Stable ids: derived from content near the thing, not from positions in the article."""
from __future__ import annotations

import hashlib
import re


def _digest(*parts: str, n: int = 8) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def study_key(label: str | None, span_text: str) -> str:
    """The study's heading when it has one, else the opening words of its description.

    Edits elsewhere in the article (or other articles) leave this unchanged.
    """
    basis = label if label else " ".join(_norm(span_text).split()[:25])
    return _norm(basis)


def study_id(source_id: str, key: str, taken: set[str]) -> str:
    base = f"{source_id}:s{_digest(key, n=6)}"
    sid, i = base, 2
    while sid in taken:
        sid, i = f"{base}-{i}", i + 1
    taken.add(sid)
    return sid


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:40] or "x"


def child_id(parent: str, kind: str, name: str, taken: set[str]) -> str:
    base = f"{parent}/{kind}-{slug(name)}"
    cid, i = base, 2
    while cid in taken:
        cid, i = f"{base}-{i}", i + 1
    taken.add(cid)
    return cid


def flag_id(rule: str, source_id: str, study_id: str | None, evidence: str) -> str:
    """Same rule on the same evidence gets the same id from run to run, so acknowledgements stick."""
    return f"{rule}:{_digest(source_id, study_id or '', _norm(evidence))}"

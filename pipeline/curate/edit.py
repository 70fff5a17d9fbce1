"""Machine edits of the decisions file that keep its comments, order and formatting (tomlkit).

A new decision is appended; a decision on the same target (and field) is updated in place,
keeping its id. The result is validated before it is returned; the caller writes it
(``pipeline.curation``, through the atomic writer).
"""
from __future__ import annotations

import re
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError
from tomlkit.items import AoT, Table

from pipeline.curate.decisions import parse_decisions
from pipeline.errors import InputError

HEADER = """\
# Curator decisions, applied by `pipeline run` on top of what the extractor finds.
# Edit by hand or with `pipeline ack | set | add | reject` (they keep comments and order).
# Each [[decision]] has an id, a kind (correction, addition, rejection, acknowledgement), the
# stable id of its target (`target`, or `flag` for acknowledgements), a reason, and the evidence
# it relied on: a `quote` that must still be in the article, or the article's `sha256`. When the
# article changes under a decision, the run reports an open `stale-decision` error instead of
# applying it.
"""
_ORDER = ("id", "kind", "target", "flag", "field", "value", "quote", "sha256", "reason", "reviewer")
_ID = re.compile(r"^D(\d+)$")


def next_id(taken: list[str]) -> str:
    n = max((int(m.group(1)) for t in taken if (m := _ID.match(t))), default=0) + 1
    return f"D{n:03d}"


def _same_slot(entry: Any, new: dict[str, Any]) -> bool:
    if entry.get("kind") != new["kind"]:
        return False
    keys = ["target", "flag", "field"] + (["value"] if new["kind"] == "addition" else [])
    return all(entry.get(k) == new.get(k) for k in keys)


def _toml_value(v: Any) -> Any:
    if isinstance(v, dict):
        t = tomlkit.inline_table()
        t.update(v)
        return t
    return v


def _fill(table: Any, new: dict[str, Any]) -> None:
    for k in _ORDER:
        if k == "id":
            continue
        if new.get(k) is None:
            if k in table and k not in ("kind",):
                del table[k]
            continue
        table[k] = _toml_value(new[k])


def upsert_decision(text: str | None, path: str, new: dict[str, Any]) -> tuple[str, str]:
    """Add ``new`` (a decision without id) to the decisions ``text`` of file ``path`` (None: a new
    file), or update the decision on the same slot. Returns the decision's id and the new text.

    Raises ``InputError`` when the file is already broken or the result would be invalid.
    """
    text = HEADER if text is None else text
    parse_decisions(text, path)  # refuse to edit a file that is already broken
    try:
        doc = tomlkit.parse(text)
    except ParseError as e:  # pragma: no cover - parse_decisions already caught it
        raise InputError(f"{path}: {e}") from None
    aot = doc.get("decision")
    existing = list(aot) if aot is not None else []
    match = next((e for e in existing if _same_slot(e, new)), None)
    if match is not None:
        _fill(match, new)
        did = str(match["id"])
    else:
        did = next_id([str(e.get("id", "")) for e in existing])
        table = tomlkit.table()
        table["id"] = did
        _fill(table, new)
        if aot is None:
            doc.add(tomlkit.nl())
            doc.append("decision", tomlkit.aot())
            aot = doc["decision"]
        elif existing:
            last = existing[-1]
            if isinstance(last, Table) and not tomlkit.dumps(doc).endswith("\n\n"):
                last.add(tomlkit.nl())  # a blank line between decisions
        assert isinstance(aot, AoT)
        aot.append(table)
    out = tomlkit.dumps(doc)
    parse_decisions(out, path)
    return did, out


def remove_decision(text: str, path: str, decision_id: str) -> tuple[dict[str, Any], str]:
    """Remove the decision ``decision_id`` from the decisions ``text``; returns it (as a dict) and the
    new text, comments and the other decisions kept. Raises ``InputError`` when there is no such id."""
    parse_decisions(text, path)
    doc = tomlkit.parse(text)
    aot = doc.get("decision")
    entries = list(aot) if aot is not None else []
    for i, entry in enumerate(entries):
        if str(entry.get("id")) == decision_id:
            removed = {k: (v.unwrap() if hasattr(v, "unwrap") else v) for k, v in entry.items()}
            assert isinstance(aot, AoT)
            del aot[i]
            if not len(aot):
                del doc["decision"]  # not an empty `decision = []`
            out = tomlkit.dumps(doc)
            parse_decisions(out, path)
            return removed, out
    known = ", ".join(str(e.get("id")) for e in entries) or "none"
    raise InputError(f"{path}: no decision with id {decision_id!r} (ids: {known})")

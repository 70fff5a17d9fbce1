"""Controlled-vocabulary look-ups for curated values (codes kept in pipeline/vocab/*.toml)."""
from __future__ import annotations

import functools

from pipeline import vocab


@functools.cache
def _icd10_index() -> dict[str, str]:
    try:
        entries = list(vocab.iter_entries("conditions"))
    except FileNotFoundError:
        return {}
    out: dict[str, str] = {}
    for e in entries:
        if e.get("icd10"):
            for term in [e["name"], *e.get("terms", [])]:
                out.setdefault(term.lower(), e["icd10"])
    return out


@functools.cache
def icd10_of(condition: str) -> str | None:
    """ICD-10 code of a normalised condition name; a qualified name ("severe X") takes X's code."""
    index = _icd10_index()
    name = condition.lower().strip()
    if name in index:
        return index[name]
    try:
        links = vocab.load("conditions").get("links", {}).get("words", [])
        hits = vocab.index("conditions").find(name)
    except FileNotFoundError:
        return None
    # "pain after spinal cord injury" is pain: only the part before a link word names the condition.
    head_end = min((name.find(f" {w} ") for w in links if f" {w} " in name), default=len(name))
    hits = [h for h in hits if h.end <= head_end]
    coded = [h for h in hits if h.entry.get("icd10")]
    if len(coded) == 1:  # a name joining two conditions gets no single code
        return coded[0].entry["icd10"]
    return None


@functools.cache
def _agent_entries() -> tuple[dict[str, dict], dict[str, dict]]:
    """Agent and comparator entries by lower-cased name, and by lower-cased term or brand."""
    by_name: dict[str, dict] = {}
    by_term: dict[str, dict] = {}
    try:
        entries = [*vocab.iter_entries("agents"), *vocab.iter_entries("agents", "comparator")]
    except FileNotFoundError:
        return by_name, by_term
    for e in entries:
        by_name.setdefault(e["name"].lower(), e)
        for term in [*e.get("terms", []), *e.get("brands", [])]:
            by_term.setdefault(term.lower(), e)  # the first entry wins, as in the text index
    return by_name, by_term


def agent_ids(agent: str) -> tuple[str | None, str | None]:
    """(DrugBank id, MeSH descriptor id) of an agent, from pipeline/vocab/agents.toml.

    ``agent`` is a normalised agent name ("sertraline") or one of an entry's terms or brands
    ("Zoloft"), case-insensitive. Either id is None when the entry has none (classes,
    combinations, non-drug therapies have no DrugBank id) or the vocabulary does not know the
    agent: no part of a longer name is guessed at.
    """
    by_name, by_term = _agent_entries()
    key = agent.lower().strip()
    entry = by_name.get(key) or by_term.get(key)
    if entry is None:
        return None, None
    return entry.get("drugbank"), entry.get("mesh")

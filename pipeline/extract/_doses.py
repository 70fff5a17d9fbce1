"""Dose amounts with units ("0.5 mg/kg", "25mg", "50, 100 and 150 mg", "1-2 mg/kg").

One compiled regex built from ``vocab/units.toml``; every quantifier is bounded so a long line of
digits and commas is scanned in linear time.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline import vocab
from pipeline.text.regex import compile_skipping

_NUM = r"(?:\d{1,3}(?:,\d{3}){1,3}(?:\.\d{1,4})?|\d{1,6}(?:\.\d{1,4})?|\.\d{1,4})"
_SEP = r"\s{0,3}(?:,\s{0,3}(?:and\s+|or\s+)?|and\s+|or\s+|to\s+|-|–|—)\s{0,3}"


@dataclass(frozen=True)
class DoseMention:
    amount: float
    unit: str
    start: int
    num_end: int
    end: int
    rule: str


@functools.cache
def _unit_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """The unit pattern (matched right after a number) and spelling -> normalised unit."""
    spelled: dict[str, str] = {}
    for entry in vocab.iter_entries("units"):
        for term in [entry["name"], *entry.get("terms", [])]:
            term = term.replace("μ", "µ")
            for variant in {term, term.replace("-1", "−1"), term.replace("-1", "–1")}:
                spelled.setdefault(variant.lower(), entry["name"])
    alts = []
    for term in sorted(spelled, key=len, reverse=True):
        alts.append(r"\s?/\s?".join(re.escape(part).replace(r"\ ", r"\s") for part in term.split("/")))
    # A unit must not run on into a word ("5 mgs" is fine, "3 gum" is not a dose in grams).
    unit_re = compile_skipping(rf"(?:{'|'.join(alts)})(?![A-Za-z0-9µμ/])", re.I)
    return unit_re, spelled


# "8 g/dL", "1250 mg m-2", "2 mg/L": a concentration or a unit the vocabulary lacks; "the 2010 U.S.
# election": a year before a country
_UNIT_RUNS_ON_RE = compile_skipping(r"\s?(?:/|per\s)?\s?(?:d?l|ml|kg|m[-−–]?2|m²|min|l[-−–]1)\b|\.S\.", re.I)
# "10 ml of venous blood was drawn": a sample taken, not a dose given
_SAMPLE_AFTER_RE = compile_skipping(
    r"\s+of\s+(?:(?:whole|venous|arterial|peripheral|capillary|fasting|fresh)\s+)?(?:blood|serum|plasma|urine|"
    r"saliva|sputum|stool|faeces|feces|cerebrospinal\s+fluid|csf)\b", re.I)
# ("two 500-mg tablets", "a single 2-g dose": an amount joined to its unit as a modifier)
_BOUNDARY_RE = compile_skipping(r"\d(?:[\s\u00a0-](?=[A-Za-zµμ])|(?=[A-Za-zµμ]))")
_NUM_AT_END_RE = compile_skipping(rf"(?<![\w.,]){_NUM}$")



_PER_KG_UNITS = frozenset({"mg", "g", "µg", "IU", "U", "mL"})
_PER_KG_AFTER = compile_skipping(
    r"\s+of\s+(?:[\w-]+\s+){1,3}?per\s+(?:kilogram|kg)(?:\s+of\s+body[\s-]?weight)?"
    r"(?P<day>\s+(?:per|a)\s+day|\s*/\s*day|\s+daily)?", re.I)
_COUNTED_BEFORE_RE = compile_skipping(r"\b(?:days?|weeks?|months?|cycles?|visits?|steps?|grade|phase|session)\s+$", re.I)
_LIST_BEFORE_RE = compile_skipping(rf"(?:(?<![\w.,]){_NUM}{_SEP}){{1,6}}$")
_ITEM_RE = compile_skipping(_NUM)
_LEADING_NUM_RE = compile_skipping(_NUM)


def _normal_unit(spelled: dict[str, str], raw: str) -> str:
    key = re.sub(r"\s*/\s*", "/", " ".join(raw.lower().replace("\u00a0", " ").replace("μ", "µ").split()))
    return spelled.get(key, key)


def _to_float(s: str) -> float | None:
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def find_doses(text: str, start: int, end: int) -> list[DoseMention]:
    """Every amount-with-unit in ``text[start:end]``, list members included, left to right."""
    unit_re, spelled = _unit_table()
    out: list[DoseMention] = []
    # Cheap scan for digit-then-letter boundaries; the unit pattern runs only there.
    for b in _BOUNDARY_RE.finditer(text, start, end):
        um = unit_re.match(text, b.end(), end)
        if um is None:
            continue
        num = _NUM_AT_END_RE.search(text, max(start, b.start() - 16), b.start() + 1)
        if num is None:
            continue
        n0, d1 = num.start(), um.end()
        if _UNIT_RUNS_ON_RE.match(text, d1, min(end, d1 + 8)):
            continue
        if _SAMPLE_AFTER_RE.match(text, d1, min(end, d1 + 40)):
            continue
        # "3.8 ± 0.2 mg/day" is a measured mean, not a dose.
        if "±" in text[max(start, n0 - 3):n0] or "±" in text[d1:min(end, d1 + 3)]:
            continue
        unit = _normal_unit(spelled, text[um.start():um.end()])
        per_kg = _PER_KG_AFTER.match(text, d1, min(end, d1 + 90)) if unit in _PER_KG_UNITS else None
        if per_kg:  # "90 mg of amoxicillin per kilogram of body weight per day": mg/kg/d
            unit = f"{unit}/kg/d" if per_kg.group("day") else f"{unit}/kg"
        # "50, 100 and 150 mg", "1-2 mg/kg": earlier members share the unit.
        lst = _LIST_BEFORE_RE.search(text, max(start, n0 - 80), n0)
        if lst:
            for item in _ITEM_RE.finditer(text, lst.start(), lst.end()):
                value = _to_float(item.group(0))
                if _COUNTED_BEFORE_RE.search(text, max(start, item.start() - 12), item.start()):
                    continue  # "on day 1 and 1250 mg/m2": a day, not an amount of the list
                if value:  # ("0, 400 or 800 IU": the zero is the placebo arm)
                    out.append(DoseMention(value, unit, item.start(), item.end(), d1, "dose/list-unit"))
        value = _to_float(num.group(0))
        if value:
            out.append(DoseMention(value, unit, num.start(), num.end(), d1, "dose/amount-unit"))
    return out

"""Analysis-ready values beside the values as extracted: durations in days, how precise a date is,
the trial phase as a number, the standard route term, dose units in one normal form, vocabulary ids.

Each is computed from a row's own values and the quotes of its provenance, so the same function
serves a fresh build, a row a decision changed, and the migration of an older database file.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

from pipeline import vocab
from pipeline.curate.vocab import agent_ids
from pipeline.models.rows import DoseRow, InterventionRow, ProvenanceRow, Row, StudyRow
from pipeline.text.numbers import parse_number

# Days in each unit of time; a month and a year are their Gregorian averages.
DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "night": 1.0, "week": 7.0, "fortnight": 14.0,
        "month": 365.25 / 12, "year": 365.25}
_TIME_UNIT = r"(?P<unit>minute|min|hour|hr|h|day|night|week|wk|fortnight|month|mo|year|yr)s?"
_DURATION = re.compile(rf"(?P<n>\d+(?:\.\d+)?|an?|[a-z]+(?:[- ][a-z]+)?)[\s-]+{_TIME_UNIT}", re.I)
_SHORT = {"min": "minute", "hr": "hour", "h": "hour", "wk": "week", "mo": "month", "yr": "year"}


def duration_days(text: str | None) -> float | None:
    """Days of a duration as written ("18 months", "eight weeks", "a day"); None for anything else
    (a range, "several weeks"): a value is only given when the text pins one down."""
    if not text:
        return None
    m = _DURATION.fullmatch(text.strip())
    if m is None:
        return None
    n_text = m.group("n").lower()
    if n_text in ("a", "an"):
        n: float | None = 1
    elif n_text[0].isdigit():
        n = float(n_text)
    else:
        n = parse_number(n_text)
    if n is None:
        return None
    unit = m.group("unit").lower()
    return round(n * DAYS[_SHORT.get(unit, unit)], 4)


_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])", re.I)
_FULL_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}")
_DAY_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?!\d)")
_YEAR_MONTH = re.compile(r"\d{4}-\d{1,2}\b|\d{1,2}/\d{4}\b")


def date_precision(quote: str | None, value: dt.date | None = None) -> str | None:
    """How much of a date its quote gives: 'day' ("14 March 2019", "2019-03-14"), 'month'
    ("March 2019", "2019-03") or 'year' ("2019"); None without a quote. With the stored ``value``,
    never more than it holds: "14 June 2019" stored as 2019-06-01 is known to the month."""
    if quote is None:
        return None
    if _FULL_DATE.search(quote) or (_MONTH.search(quote) and _DAY_NUMBER.search(quote)):
        days = {int(re.sub(r"\D", "", m.group(0))) for m in _DAY_NUMBER.finditer(quote)}
        if value is None or _FULL_DATE.search(quote) or value.day in days:
            return "day"
        return "month"
    if _MONTH.search(quote) or _YEAR_MONTH.search(quote):
        return "month"
    return "year"


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PHASE = re.compile(r"\bphase\s*(?P<n>iv|i{1,3}|[0-4])(?![0-9])", re.I)


def phase_number(quote: str | None) -> int | None:
    """The trial phase a quote names ("Phase 3", "phase IIb" -> 2; "phase 2/3" -> 2, the first)."""
    m = _PHASE.search(quote or "")
    if m is None:
        return None
    n = m.group("n").lower()
    return int(n) if n.isdigit() else _ROMAN[n]


_STANDARD = re.compile(r"(?P<term>[^(;]+?)\s*\(EDQM (?P<code>\d+)\)")


@functools.cache
def _route_defaults() -> dict[str, dict[str, Any]]:
    """The entry named like each route of the closed list (its standard term is the route's own)."""
    return {e["name"]: e for e in vocab.iter_entries("routes") if e["name"] == e.get("route")}


def route_standard(route: str | None, quote: str | None) -> tuple[str | None, str | None]:
    """(EDQM standard term, EDQM code) of a route: that of the route words of ``quote`` ("under
    the tongue" -> Sublingual use), else the route's own; (None, None) when neither is known
    ("other" read from a device's name)."""
    if route is None:
        return None, None
    entry: dict[str, Any] | None = None
    if quote:
        hits = [h for h in vocab.index("routes").find(quote) if h.entry.get("route") == route]
        best = [h for h in hits if h.entry.get("specific", True)] or hits
        entry = best[0].entry if best else None
    entry = entry or _route_defaults().get(route)
    m = _STANDARD.match(entry.get("standard", "")) if entry else None
    return (m.group("term"), m.group("code")) if m else (None, None)


# A unit's time as written in units.toml -> its word in the normal form and in ``per``.
_UNIT_TIME = {"d": ("day", "day"), "day": ("day", "day"), "h": ("h", "hour"), "hour": ("h", "hour"),
              "min": ("min", "minute"), "minute": ("min", "minute")}


def normal_unit(unit: str) -> tuple[str, str, str | None]:
    """(normal form, the amount's unit, the time it is per) of a dose unit: 'mg/d' and 'mg/day'
    are both ('mg/day', 'mg', 'day'); 'mg/kg/h' is ('mg/kg/h', 'mg/kg', 'hour'); 'mg' is ('mg', 'mg', None).
    Spellings the units vocabulary knows ('mcg', 'milligrams per day') take its name first."""
    entry = vocab.index("units").lookup(unit.strip())
    name = entry["name"] if entry else unit.strip()
    head, _, last = name.rpartition("/")
    if head and last.lower() in _UNIT_TIME:
        word, per = _UNIT_TIME[last.lower()]
        return f"{head}/{word}", head, per
    return name, name, None


_TIMES = {"once": 1, "twice": 2, "thrice": 3}
_FREQUENCY = re.compile(r"(?:(?P<k>\w+)(?: times)? )?(?P<adverb>daily|nightly|weekly|monthly)")
_PER_ADVERB = {"daily": 1.0, "nightly": 1.0, "weekly": 1 / 7, "monthly": 12 / 365.25}
_DAYS_A_WEEK = re.compile(r"(?P<k>\w+) days a week")


def per_day(frequency: str | None) -> float | None:
    """Administrations a day of a normalised frequency ("twice daily" 2, "weekly" 1/7, "5 days a
    week" 5/7); None for "once", "biweekly" (twice a week or every two weeks?) and what is not one."""
    f = " ".join((frequency or "").lower().split())
    if f == "every other day":
        return 0.5
    if f == "weekdays":
        return round(5 / 7, 6)
    if m := _DAYS_A_WEEK.fullmatch(f):
        k = parse_number(m.group("k"))
        return round(k / 7, 6) if k else None
    if m := _FREQUENCY.fullmatch(f):
        word = m.group("k")
        k = 1 if word is None else _TIMES.get(word) or parse_number(word)
        return round(k * _PER_ADVERB[m.group("adverb")], 6) if k else None
    return None


def _quote(prov: dict[tuple[str, Any, str], ProvenanceRow], table: str, rid: Any, field: str) -> str | None:
    p = prov.get((table, rid, field))
    return p.quote if p is not None else None


def _precision(value: dt.date | None, quote: str | None) -> str | None:
    """A stored date's precision; 'day' when no quote says otherwise (a curator's exact date)."""
    if value is None:
        return None
    return date_precision(quote, value) or "day"


def _study(row: StudyRow, quote: Callable[[str], str | None]) -> dict[str, Any]:
    return {
        "duration_days": duration_days(row.duration),
        "period_start_precision": _precision(row.period_start, quote("period_start")),
        "period_end_precision": _precision(row.period_end, quote("period_end")),
        "phase": phase_number(quote("design_terms/phase")) if "phase" in (row.design_terms or []) else None,
    }


def _intervention(row: InterventionRow, quote: Callable[[str], str | None]) -> dict[str, Any]:
    term, code = route_standard(row.route, quote("route"))
    drugbank, mesh = agent_ids(row.agent)
    return {"route_term": term, "route_edqm": code, "duration_days": duration_days(row.duration),
            "per_day": per_day(row.frequency), "drugbank_id": drugbank, "mesh_id": mesh}


def _dose(row: DoseRow) -> dict[str, Any]:
    unit, amount_unit, per = normal_unit(row.unit)
    return {"unit": unit, "amount_unit": amount_unit, "per": per}


def with_typed_values(rows: dict[str, list[Row]]) -> dict[str, list[Row]]:
    """``rows`` with every derived column computed from the values and quotes they hold
    (a date given as "March 2019" stays a DATE, with 'month' precision beside it)."""
    prov = {(p.table_name, p.row_id, p.field): p for p in rows.get("provenance", [])
            if isinstance(p, ProvenanceRow)}
    out: dict[str, list[Row]] = {}
    for table, table_rows in rows.items():
        new: list[Row] = []
        for r in table_rows:
            if isinstance(r, StudyRow):
                update = _study(r, functools.partial(_quote, prov, "studies", r.study_id))
            elif isinstance(r, InterventionRow):
                update = _intervention(r, functools.partial(_quote, prov, "interventions", r.intervention_id))
            elif isinstance(r, DoseRow):
                update = _dose(r)
            else:
                new.append(r)
                continue
            new.append(r.model_copy(update=update) if any(getattr(r, k) != v for k, v in update.items()) else r)
        out[table] = new
    return out

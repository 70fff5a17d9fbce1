"""The one schedule parser: how often and for how long something was given.

One frequency grammar serves extraction (an intervention's frequency, "twice daily", and its
duration, "for three weeks") and validation (schedules with the number of doses they imply,
"five days a week for three weeks" = 15). A schedule whose multiplier is not certain (a range,
"as needed", several phases, tablets per dose unknown) implies no number."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.text.regex import compile_skipping
from pipeline.models import Fact, Span
from pipeline.text.numbers import NUMBER, parse_number
from pipeline.text.people import population_noun

N = NUMBER
# Things counted one per administration (or several per administration, for the pill words).
_EVENT_WORD = r"(?:doses?|infusions?|injections?|sessions?|treatments?|administrations?|applications?|shots?|visits?)"
_PILL_WORD = r"(?:tablets?|capsules?|pills?|sprays?|puffs?|drops?|lozenges?|patch(?:es)?|sachets?)"
COUNT_WORD = rf"(?:{_EVENT_WORD}|{_PILL_WORD})"
_PILL_RE = re.compile(rf"\b{_PILL_WORD}\b", re.I)
_TIMES = {"once": 1, "twice": 2, "thrice": 3}
_PERIOD = r"(?:week|day|night|month)"
_K = rf"(?:once|twice|thrice|{N}\s+times)"
# The multiplier is its own group in each alternative, so the period it counts is known.
_FREQ = (
    rf"(?P<days>{N})\s+(?:days?|nights?|mornings?|evenings?)\s+(?:a|per|each|every|of\s+the)\s+week\b"
    rf"|(?:(?P<k1>{_K})|(?P<kd1>{N})\s+(?:[\w-]+\s+)?(?P<kw1>{COUNT_WORD})(?:\s+of\s+[\w-]+)?)\s+"
    rf"(?:a|per|each|every)\s+(?P<per1>{_PERIOD})\b"
    rf"|(?:(?P<k2>{_K})|(?P<kd2>{N})\s+(?P<kw2>{COUNT_WORD}))\s+(?P<per2>week|dai|night|month)ly\b"
    r"|(?P<weekday>(?:every|each)\s+(?:weekday|working\s+day|work\s*day)|on\s+(?:all\s+)?weekdays|"
    r"monday\s+(?:to|through|thru)\s+friday)\b"
    r"|(?P<alt>every\s+other\s+day|every\s+second\s+day|on\s+alternate\s+days)\b"
    rf"|(?P<plain>(?:once\s+)?(?:a|per|each|every)\s+(?P<per3>{_PERIOD}|morning|evening)|(?P<per4>week|dai|night|month)ly)\b"
)
# How long: "for three weeks", "over a period of 12 weeks", "for two consecutive months".
_FOR_PERIOD = (rf"\b(?:for|over|across|during)\s+(?:a\s+(?:total\s+)?(?:period\s+of\s+)?)?"
               rf"(?P<d>{N}|a|an|one)\s+(?:consecutive\s+|straight\s+|successive\s+|more\s+)?"
               rf"(?P<dunit>weeks?|days?|nights?|months?|years?|fortnight)\b")
_DURATION = rf"(?P<gap>[^.;:\n]{{0,40}}?){_FOR_PERIOD}"
SCHEDULE_RE = re.compile(rf"\b(?:{_FREQ}){_DURATION}", re.I)
# A range, a bound or an estimate before the multiplier ("two to three times", "1-2 weekly").
_HEDGE_BEFORE = re.compile(r"(?:\bto|\bor|[-–/]|\bup\s+to|\bat\s+(?:least|most)|\bmaximum\s+of|\bapproximately|"
                           r"\babout|\baround|\bmore\s+than|\bless\s+than|\bfewer\s+than|\d|\bone|\btwo|\bthree)\s*$", re.I)
_NOT_A_SCHEDULE = re.compile(r"\b(?:or|until|up\s+to|then|followed|as\s+needed|if|when|unless|except)\b", re.I)
# Whole-sentence signs of a schedule in phases or at will: no single multiplier.
_PHASED = re.compile(r"\b(?:then|followed\s+by|thereafter|afterwards?|after\s+which|subsequently|as\s+needed|"
                     r"on\s+demand|if\s+needed|when\s+needed|prn|tapered|tapering|titrated|skipped|missed|"
                     r"loading|maintenance|booster|phases?|stages?)\b", re.I)
# "2 sessions of therapy per week": a count right before an unqualified "per week" is its multiplier.
# Not when a verb or comma parts them: "15 sessions were given daily" states a total.
_COUNT_BEFORE = re.compile(rf"\b{N}\s+(?:[\w-]+\s+){{0,3}}?(?:{COUNT_WORD}|times)\b"
                           rf"(?:(?!\b(?:were|was|given|delivered|administered|held|scheduled|spread)\b)[^.;:\n,]){{0,25}}$", re.I)
_PILLS_BEFORE = re.compile(rf"\b(?P<p>{N})\s+(?:[\w-]+\s+)?{_PILL_WORD}\s+(?:of\s+[\w-]+\s+)?$", re.I)
_UNIT_WORDS = {"week": "week", "dai": "day", "day": "day", "night": "day", "month": "month", "morning": "day",
               "evening": "day"}


@dataclass(frozen=True)
class Schedule:
    start: int
    end: int
    freq: str  # the frequency as written ("five days a week")
    duration: str  # as written ("three weeks")
    expected: int | None  # doses it implies; None when that is not certain
    arithmetic: str
    pill_multiplier: bool  # the multiplier counts tablets, sprays, ... (several may make one dose)


def _num(s: str) -> int | None:
    s = s.strip().lower()
    return 1 if s in ("a", "one") else parse_number(s)


def _multiplier(m: re.Match) -> tuple[int | None, str, bool]:
    """(how many per period, the period: week/day/month/weekday/alt, the multiplier counts pills)."""
    if m.group("days"):
        return _num(m.group("days")), "week", False
    if m.group("weekday"):
        return 5, "weekday", False
    if m.group("alt"):
        return 1, "alt", False
    for k, kd, kw, per in (("k1", "kd1", "kw1", "per1"), ("k2", "kd2", "kw2", "per2")):
        if m.group(per):
            unit = _UNIT_WORDS[m.group(per).lower()]
            if m.group(k):
                word = m.group(k).lower()
                return _TIMES.get(word) or _num(word.split()[0]), unit, False
            return _num(m.group(kd)), unit, bool(_PILL_RE.fullmatch(m.group(kw)))
    return 1, _UNIT_WORDS[(m.group("per3") or m.group("per4")).lower()], False


def _expected(k: int, per: str, d: int, dunit: str) -> tuple[int | None, str]:
    dunit = {"week": "week", "day": "day", "night": "day", "month": "month"}.get(dunit.lower().rstrip("s"), "")
    if not dunit:
        return None, ""  # years and fortnights are not counted in doses
    weeks = f"{d} week{'s' * (d != 1)}"
    if per == "weekday":
        return (5 * d, f"5 weekdays a week x {weeks} = {5 * d}") if dunit == "week" else (None, "")
    if per == "alt":
        days = d * 7 if dunit == "week" else d if dunit == "day" else None
        if days is None or days % 2:
            return None, ""
        return days // 2, f"one every other day over {days} days = {days // 2}"
    if per == dunit:
        return k * d, f"{k} a {per} x {d} {per}{'s' * (d != 1)} = {k * d}"
    if per == "day" and dunit == "week":
        return k * 7 * d, f"{k} a day x {7 * d} days ({weeks}) = {k * 7 * d}"
    if per == "week" and dunit == "day" and d % 7 == 0:
        return k * d // 7, f"{k} a week x {d // 7} weeks ({d} days) = {k * d // 7}"
    return None, ""  # weeks per month, days per month: not a whole number


def schedules(text: str, start: int, end: int) -> list[Schedule]:
    """The dosing schedules stated in ``text[start:end]`` (one sentence)."""
    out = []
    for m in SCHEDULE_RE.finditer(text, start, end):
        k, per, pills = _multiplier(m)
        d = _num(m.group("d"))
        expected, arithmetic = (None, "")
        certain = (k and d and not _NOT_A_SCHEDULE.search(m.group("gap"))
                   and not _HEDGE_BEFORE.search(text, max(start, m.start() - 12), m.start()))
        before = text[max(start, m.start() - 60):m.start()]
        if certain and m.group("plain") and _COUNT_BEFORE.search(before):
            certain = False  # "2 sessions of therapy per week": the multiplier is not 1
        pills_before = _PILLS_BEFORE.search(before)
        if certain and pills_before and _num(pills_before.group("p")) != 1:
            certain = False  # "2 tablets twice daily": doses counted in tablets are k x 2
        if certain:
            expected, arithmetic = _expected(k, per, d, m.group("dunit"))
        out.append(Schedule(m.start(), m.end(), text[m.start():m.start("gap")].strip(),
                            text[m.start("d"):m.end("dunit")], expected, arithmetic, pills))
    return out


def phased(text: str, start: int, end: int) -> bool:
    """The sentence describes a schedule in phases or at will: one multiplier cannot count it."""
    return _PHASED.search(text, start, end) is not None


# Totals of doses: "a total of 12 infusions", "14 doses in all", "(28 doses)" right after the
# schedule, "15 sessions, given ..." right before it. Per-administration counts ("2 tablets
# twice daily") carry none of these marks.
_IN_ALL = (rf"(?:in\s+all\b(?!\s+(?:the|of|{population_noun()}|groups?|arms?|cases?)\b)|in\s+total|altogether|"
           r"overall|total|combined)")
_COUNTED = rf"(?P<c>{N})\s+(?:[\w-]+\s+){{0,2}}?(?P<w>{COUNT_WORD})\b"
_TOTAL_RES = (
    re.compile(rf"\b(?:a\s+total\s+of|total\s+of|in\s+total|in\s+all|altogether)[,:]?\s+{_COUNTED}", re.I),
    re.compile(rf"(?<![\d.,])\b{_COUNTED}(?:\s+of\s+[\w-]+)?\s+{_IN_ALL}\b", re.I),
)
_RIGHT_AFTER = re.compile(rf"\s*\(\s*(?:a\s+total\s+of\s+|in\s+total\s+|i\.e\.,?\s+)?{_COUNTED}[^()]{{0,20}}\)", re.I)
_VERB = r"(?:given|delivered|administered|held|scheduled|spread|performed|conducted|provided|applied|taken)"
_RIGHT_BEFORE = re.compile(rf"(?<![\d.,])\b{_COUNTED}(?:\s+of\s+[\w-]+(?:\s+[\w-]+)?)?"
                           rf"(?P<sep>\s*,\s*(?:(?:were|was)\s+)?(?:{_VERB}\s+)?|\s+(?:(?:were|was)\s+)?{_VERB}\s+)$", re.I)
_CLINIC_WORD = re.compile(r"(?:sessions?|treatments?|visits?|infusions?|fractions?)", re.I)


@dataclass(frozen=True)
class Total:
    n: int
    word: str  # what is counted ("sessions")
    start: int
    end: int
    quote: str


def _total(m: re.Match) -> Total | None:
    n = parse_number(m.group("c"))
    return Total(n, m.group("w").lower(), m.start("c"), m.end(), m.group(0).strip(" ,()")) if n else None


def stated_total(text: str, start: int, end: int, sched: Schedule) -> Total | None:
    """The number of doses the sentence ``text[start:end]`` gives for ``sched``, if one is marked."""
    m = _RIGHT_AFTER.match(text, sched.end, end)
    if m:
        return _total(m)
    m = _RIGHT_BEFORE.search(text, max(start, sched.start - 80), sched.start)
    if m and not (m.group("sep").strip() == "," and _PILL_RE.fullmatch(m.group("w"))):
        return _total(m)
    found = [t for rx in _TOTAL_RES for m in rx.finditer(text, start, end)
             if not (sched.start <= m.start() < sched.end) and (t := _total(m))]
    return found[0] if len({t.n for t in found}) == 1 else None


def explained(sched: Schedule, total: Total) -> bool:
    """A count that another reading of the schedule gives: weekday sessions called "daily", or
    several tablets per dose."""
    if sched.pill_multiplier and not _PILL_RE.fullmatch(total.word):
        return True  # "2 capsules daily" and a count of doses: capsules per dose unknown
    if _PILL_RE.fullmatch(total.word) and total.n % sched.expected == 0:
        return True
    daily_weeks = sched.arithmetic.startswith("1 a day x") and "week" in sched.arithmetic
    return daily_weeks and _CLINIC_WORD.fullmatch(total.word) is not None and total.n == sched.expected * 5 // 7


# Frequencies of an intervention that imply no count of doses: "at bedtime", "a single infusion".
_ONCE_OR_NIGHTLY = (
    r"(?P<bed>at\s+bedtime|before\s+bed(?:time)?)"
    r"|(?P<per5>a|one)\s+(?:[\w-]+\s+){0,2}(?:infusion|injection|dose|session|treatment)s?\s+(?:a|per|each)\s+"
    rf"(?P<per5u>{_PERIOD})"
    r"|(?P<single>(?:a\s+)?single\s+(?:[\w-]+\s+){0,2}(?:dose|infusion|injection|session|administration|treatment))"
    r"|(?P<biweekly>bi-?weekly)"
)
FREQUENCY_RE = compile_skipping(rf"\b(?:{_FREQ}|{_ONCE_OR_NIGHTLY})\b", re.I)
_DURATION_RE = compile_skipping(_FOR_PERIOD, re.I)
_TIMES_WORD = {1: "once", 2: "twice", 3: "three times", 4: "four times"}
_ADVERB = {"day": "daily", "week": "weekly", "month": "monthly"}


def _normal_frequency(m: re.Match) -> str:
    """A normal form of a matched frequency: "twice daily", "weekly", "5 days a week", "once"."""
    if m.group("bed"):
        return "nightly"
    if m.group("single"):
        return "once"
    if m.group("biweekly"):
        return "biweekly"
    if m.group("per5"):
        return _ADVERB.get(_UNIT_WORDS.get(m.group("per5u").lower(), "day"), "daily")
    k, per, _ = _multiplier(m)
    if per == "weekday":
        return "weekdays"
    if per == "alt":
        return "every other day"
    if m.group("days"):
        return f"{k} days a week" if k else " ".join(m.group(0).lower().split())
    word = (m.group("per1") or m.group("per2") or m.group("per3") or m.group("per4") or "").lower()
    adverb = "nightly" if word.startswith(("night", "evening")) else _ADVERB.get(per, "daily")
    if not k or k == 1:
        return adverb
    return f"{_TIMES_WORD.get(k, f'{k} times')} {adverb}"


def find_frequency(text: str, related: list[tuple[int, int]]) -> Fact[str] | None:
    """The first frequency phrase in the intervention's sentences, normalised."""
    for s0, s1 in related:
        m = FREQUENCY_RE.search(text, s0, s1)
        if m:
            return Fact[str](value=_normal_frequency(m), span=Span.of(text, m.start(), m.end()),
                             rule="frequency/schedule-phrase")
    return None


def find_duration(text: str, related: list[tuple[int, int]]) -> Fact[str] | None:
    """The first 'for N weeks' in the intervention's sentences, as "3 weeks"."""
    for s0, s1 in related:
        m = _DURATION_RE.search(text, s0, s1)
        if m:
            d = m.group("d").lower()
            n = 1 if d in ("a", "an", "one") else parse_number(d)
            unit = m.group("dunit").lower()
            if unit == "fortnight":
                n, unit = (n or 1) * 2, "weeks"
            value = f"{n} {unit.rstrip('s')}{'s' if n != 1 else ''}" if n else " ".join(m.group(0).split()[1:]).lower()
            return Fact[str](value=value, span=Span.of(text, m.start(), m.end()), rule="duration/for-period")
    return None

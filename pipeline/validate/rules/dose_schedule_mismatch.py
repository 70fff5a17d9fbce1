"""S106 dose-schedule-mismatch."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.validate import textscan
from pipeline.validate.base import Example, Rule, StudyContext
from pipeline.validate.registry import register

N = textscan.NUMBER
_DOSE_RE = re.compile(r"(?<![\d.,])(?P<amt>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)\s*(?P<unit>mg/kg(?:/h(?:our)?|/min)?|mg|µg|μg|mcg|"
                      r"g|ml|mL|IU|units)(?![\w/])")
_ESCALATING = re.compile(r"\b(?:increasing|escalating|ascending|rising|increased\s+stepwise|stepped[- ]up|"
                         r"titrated\s+up(?:wards?)?|up-?titrated|dose[- ]escalation)\b", re.I)
_DOWN = re.compile(r"\b(?:reduc\w*|taper\w*|lower\w*|decreas\w*|back\s+to|cut|halved|down\w*)\b", re.I)
_K = rf"(?P<k>once|twice|thrice|(?:{N})\s+times|(?P<kd>{N})\s+(?:doses?|infusions?|injections?|sessions?|treatments?))"
_FREQ_RE = re.compile(
    rf"(?:\b{_K}\s+)?(?:(?:a|per|each|every)\s+(?P<per1>week|day)\b|(?P<per2>weekly|daily)\b)"
    rf"(?P<gap>[^.;:\n]{{0,40}}?)\b(?:for|over)\s+(?P<d>{N})\s+(?P<dunit>weeks?|days?)\b",
    re.I,
)
_COUNT_RE = re.compile(rf"\b(?:a\s+total\s+of\s+)?(?P<c>{N})\s+(?:(?:\w+\s+)?(?:doses|infusions|injections|"
                       rf"sessions|administrations|treatments))\b", re.I)
_ORDINAL_MARK = re.compile(
    r"^[^.;\n]{0,25}?\b(?:(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last)\s+"
    r"(?:week|day|dose|infusion|session|injection|visit)|(?:in|on|at|during|for)\s+(?:week|day|session|visit)\s+"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten))\b", re.I)
_HAS_SCHEDULE = re.compile(r"\b(?:for|over)\s+\S+\s+(?:weeks?|days?)\b", re.I)
# Words (lower case) every match of _ESCALATING, resp. _HAS_SCHEDULE, contains: a sentence
# without them is skipped before the slower patterns run.
_ESCALATING_WORDS = ("increasing", "escalat", "ascending", "rising", "stepwise", "stepped", "titrated")
_SCHEDULE_WORDS = ("week", "day")
_TIMES = {"once": 1, "twice": 2, "thrice": 3}
_CLAUSE_END = re.compile(r";|\bversus\b|\bvs\.?|\bcompared\b|\bthen\b|\bwhile\b|\bwhereas\b", re.I)
_ALTERNATIVE = re.compile(r"\bor\b|\bversus\b|\bvs\b|\bto\b\s*$|[-–]\s*$", re.I)
_MAX_DOSE_GAP = 45  # a dose list is written as a list, not scattered over a paragraph
_NOT_A_SCHEDULE = re.compile(r"\b(?:or|until|up\s+to|then|followed|as\s+needed|if|when)\b", re.I)


def _per_period(m: re.Match) -> int | None:
    k = (m.group("k") or "once").lower()
    if k in _TIMES:
        return _TIMES[k]
    if m.group("kd"):
        return textscan.num(m.group("kd"))
    return textscan.num(k.split()[0])


@register
class DoseScheduleMismatch(Rule):
    """What it does: checks doses against the schedule stated with them. (1) When doses are called
    increasing or escalating, the listed amounts (of one unit) must not go down. (2) When a
    schedule ("weekly for four weeks", "twice weekly for two weeks") and the number of doses
    ("three doses", or a list of amounts for "the first week", "week two", ...) are stated in the
    same sentence, the number must equal frequency x duration.

    Why it matters: a dose list that does not follow its own schedule means a dose was dropped,
    repeated or mistyped, and the dose table is built from that list.

    Example that fires: "Doses were escalating: 0.3 mg/kg in week one, 0.5 mg/kg in week two and
    0.4 mg/kg in week three."

    Example that does not fire: "Patients received infusions twice weekly for two weeks, four
    doses in all."
    """

    code, slug, severity, scope = "S106", "dose-schedule-mismatch", "warning", "study"
    summary = "Listed doses do not fit the stated schedule, or 'escalating' doses go down."
    examples = (
        Example("Doses were escalating: 0.3 mg/kg in week one, 0.5 mg/kg in week two and 0.4 mg/kg in "
                "week three.", True),
        Example("Doses were escalating: 0.3 mg/kg in week one, 0.5 mg/kg in week two and 0.7 mg/kg in "
                "week three.", False),
        Example("Ketamine was given weekly for four weeks, three doses in all.", True),
        Example("Patients received infusions twice weekly for two weeks, four doses in all.", False),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        has = ctx.memo.has_any
        escalating = ctx.has_any(*_ESCALATING_WORDS)
        scheduled = ctx.has_any(*_SCHEDULE_WORDS)
        if not (escalating or scheduled):
            return
        for s, e in ctx.sentences():
            if escalating and has(_ESCALATING_WORDS, s, e):
                yield from self._escalation(ctx, s, e)
            if scheduled and has(_SCHEDULE_WORDS, s, e) and _HAS_SCHEDULE.search(ctx.text, s, e):
                yield from self._count(ctx, s, e)

    def _escalation(self, ctx: StudyContext, s: int, e: int) -> Iterator[Finding]:
        esc = _ESCALATING.search(ctx.text, s, e)
        if not esc:
            return
        clause = _CLAUSE_END.search(ctx.text, esc.end(), e)
        doses = []
        for d in _DOSE_RE.finditer(ctx.text, esc.end(), clause.start() if clause else e):
            if doses and (d.start() - doses[-1].end() > _MAX_DOSE_GAP
                          or _ALTERNATIVE.search(ctx.text, doses[-1].end(), d.start())):
                break
            doses.append(d)
        by_unit: dict[str, list[re.Match]] = {}
        for d in doses:
            by_unit.setdefault(d.group("unit").lower(), []).append(d)
        for unit, ds in by_unit.items():
            for a, b in zip(ds, ds[1:]):
                if textscan.to_float(b.group("amt")) < textscan.to_float(a.group("amt")) and not _DOWN.search(ctx.text, a.end(), b.start()):
                    seq = " -> ".join(d.group("amt") for d in ds)
                    yield ctx.finding(self, f"the doses are called {esc.group(0).lower()} but go {seq} {unit}: "
                                            f"{b.group('amt')} {unit} is lower than the {a.group('amt')} {unit} "
                                            f"before it", ds[0].start(), ds[-1].end())
                    return

    def _count(self, ctx: StudyContext, s: int, e: int) -> Iterator[Finding]:
        for f in _FREQ_RE.finditer(ctx.text, s, e):
            per = (f.group("per1") or f.group("per2") or "").lower()
            per = "week" if per.startswith("week") else "day"
            if not f.group("dunit").lower().startswith(per) or _NOT_A_SCHEDULE.search(f.group("gap")):
                continue
            k, d = _per_period(f), textscan.num(f.group("d"))
            if not k or not d:
                continue
            expected = k * d
            listed, where, end = self._listed(ctx, s, e, f)
            if listed is not None and listed != expected:
                freq = ctx.text[f.start():f.start("gap")].strip()
                yield ctx.finding(self, f"'{freq}' for {d} {f.group('dunit')} is {k} x {d} = {expected} doses, "
                                        f"but {listed} are {where}", f.start(), max(f.end(), end))

    @staticmethod
    def _listed(ctx: StudyContext, s: int, e: int, f: re.Match) -> tuple[int | None, str, int]:
        """Number of doses stated ("three doses") or listed with their weeks, and where it ends."""
        for c in _COUNT_RE.finditer(ctx.text, s, e):
            if f.start() <= c.start() < f.end():
                continue
            n = textscan.num(c.group("c"))
            if n:
                return n, "stated", c.end()
        doses = [d for d in _DOSE_RE.finditer(ctx.text, f.end(), e)
                 if _ORDINAL_MARK.search(ctx.text[d.end():d.end() + 40])]
        if len(doses) >= 2:
            return len(doses), "listed", doses[-1].end()
        return None, "", 0

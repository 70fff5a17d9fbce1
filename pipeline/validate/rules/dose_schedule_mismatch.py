"""S106 dose-schedule-mismatch."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.text import schedule
from pipeline.text.numbers import NUMBER, to_float
from pipeline.validate.base import Example, Rule, StudyContext

N = NUMBER
_DOSE_RE = re.compile(r"(?<![\d.,])(?P<amt>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)\s*(?P<unit>mg/kg(?:/h(?:our)?|/min)?|mg|µg|μg|mcg|"
                      r"g|ml|mL|IU|units)(?![\w/])")
_ESCALATING = re.compile(r"\b(?:increasing|escalating|ascending|rising|increased\s+stepwise|stepped[- ]up|"
                         r"titrated\s+up(?:wards?)?|up-?titrated|dose[- ]escalation)\b", re.I)
_DOWN = re.compile(r"\b(?:reduc\w*|taper\w*|lower\w*|decreas\w*|back\s+to|cut|halved|down\w*)\b", re.I)
_ORDINAL_MARK = re.compile(
    r"^[^.;\n]{0,25}?\b(?:(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last)\s+"
    r"(?:week|day|dose|infusion|session|injection|visit)|(?:in|on|at|during|for)\s+(?:week|day|session|visit)\s+"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten))\b", re.I)
_HAS_SCHEDULE = re.compile(r"\b(?:for|over|across|during)\s+(?:\S+\s+){1,4}?(?:weeks?|days?|nights?|months?)\b", re.I)
# Words (lower case) every match of _ESCALATING, resp. _HAS_SCHEDULE, contains: a sentence
# without them is skipped before the slower patterns run.
_ESCALATING_WORDS = ("increasing", "escalat", "ascending", "rising", "stepwise", "stepped", "titrated")
_SCHEDULE_WORDS = ("week", "day", "night", "month")
_CLAUSE_END = re.compile(r";|\bversus\b|\bvs\.?|\bcompared\b|\bthen\b|\bwhile\b|\bwhereas\b", re.I)
# An alternative, or a new list ("single doses (10-50 mg) and repeated doses (20 mg)").
_ALTERNATIVE = re.compile(r"\bor\b|\bversus\b|\bvs\b|\bto\b\s*$|[-–]\s*$|\bdoses\b", re.I)
_MAX_DOSE_GAP = 45  # a dose list is written as a list, not scattered over a paragraph


def _plural(word: str) -> str:
    return word if word.endswith("s") else word + ("es" if word.endswith("ch") else "s")


_TIMES_A_DAY = re.compile(r"\b(?:twice|thrice|\w+\s+times)\s+(?:a|per|each)\s+day\b|\b(?:twice|thrice|\w+\s+times)\s+daily\b",
                         re.I)
_DAYS_A_WEEK = re.compile(r"\b(?:\d|one|two|three|four|five|six)\s+days?\s+(?:a|per|each)\s+week\b", re.I)


class DoseScheduleMismatch(Rule):
    """What it does: checks doses against the schedule stated with them. (1) When doses are called
    increasing or escalating, the listed amounts (of one unit) must not go down. (2) When one
    sentence states one schedule ("weekly for five weeks", "four days a week for a month",
    "twice daily for ten days", "every other day for two weeks", "each weekday for three weeks")
    and a marked number of doses ("nine sessions in all", "a total of 12 injections", "(20
    doses)", "15 sessions, given ..."), or lists amounts for "the first week", "week two", ...,
    the number must equal frequency x duration. Schedules with an uncertain multiplier (ranges,
    "as needed", several phases or arms in one sentence, tablets per dose unknown, weeks per
    month) are not checked; sessions called "daily" may be weekday sessions.

    Why it matters: a dose list that does not follow its own schedule means a dose was dropped,
    repeated or mistyped, and the dose table is built from that list.

    Example that fires: "Doses were escalating: 2 mg in week one, 4 mg in week two and 3 mg in
    week three."

    Example that does not fire: "Drops were applied three times a week for four weeks, twelve
    applications in total."
    """

    code, slug, severity, scope = "S106", "dose-schedule-mismatch", "warning", "study"
    summary = "Listed doses do not fit the stated schedule, or 'escalating' doses go down."
    examples = (
        Example("Doses were escalating: 2 mg in week one, 4 mg in week two and 3 mg in week three.", True),
        Example("Doses were escalating: 2 mg in week one, 4 mg in week two and 6 mg in week three.", False),
        Example("The spray was used every night for three weeks, 18 doses in all.", True),
        Example("Drops were applied three times a week for four weeks, twelve applications in total.", False),
        Example("Participants had 20 sessions, delivered four days a week for five weeks.", False),
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
                if to_float(b.group("amt")) < to_float(a.group("amt")) and not _DOWN.search(ctx.text, a.end(), b.start()):
                    seq = " -> ".join(d.group("amt") for d in ds)
                    yield ctx.finding(self, f"the doses are called {esc.group(0).lower()} but go {seq} {unit}: "
                                            f"{b.group('amt')} {unit} is lower than the {a.group('amt')} {unit} "
                                            f"before it", ds[0].start(), ds[-1].end())
                    return

    def _count(self, ctx: StudyContext, s: int, e: int) -> Iterator[Finding]:
        found = schedule.schedules(ctx.text, s, e)
        if len(found) != 1 or found[0].expected is None:
            return  # none, or several schedules (arms, phases) in one sentence: not one count
        sched = found[0]
        if _TIMES_A_DAY.search(ctx.text, s, e) and _DAYS_A_WEEK.search(ctx.text, s, e):
            return  # "twice a day, 5 days per week, for 4 weeks": two multipliers, one schedule read
        total = None if schedule.phased(ctx.text, s, e) else schedule.stated_total(ctx.text, s, e, sched)
        if total is not None:
            if total.n != sched.expected and not schedule.explained(sched, total):
                yield ctx.finding(self, f"'{sched.freq}' for {sched.duration} is {sched.arithmetic} "
                                        f"{_plural(total.word)}, but the text states {total.n} ('{total.quote}')",
                                  min(sched.start, total.start), max(sched.end, total.end))
            return
        doses = [d for d in _DOSE_RE.finditer(ctx.text, sched.end, e)
                 if _ORDINAL_MARK.search(ctx.text[d.end():d.end() + 40])]
        if len(doses) >= 2 and len(doses) != sched.expected:
            yield ctx.finding(self, f"'{sched.freq}' for {sched.duration} is {sched.arithmetic} doses, "
                                    f"but {len(doses)} doses are listed with their weeks or days",
                              sched.start, doses[-1].end())

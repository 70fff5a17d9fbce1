"""S105 period-duration-mismatch."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.text.numbers import NUMBER, parse_number
from pipeline.validate.base import Example, Rule, StudyContext

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTH = r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
_DATE = lambda k: rf"(?:{_MONTH.format(g='m' + k)}\s+(?:of\s+)?)?{_YEAR.format(g='y' + k)}"  # noqa: E731
_RANGE_RE = re.compile(
    rf"(?:\b(?P<pre>between|from)\s+)?{_DATE('1')}\s*(?P<sep>and|to|through|until|till|-|–|—)\s*{_DATE('2')}\b",
    re.I)
_MAX_GAP = 30  # the length must sit right beside the range, not elsewhere in the sentence
N = NUMBER
_DUR_RE = re.compile(
    rf"(?P<approx>\b(?:about|around|approximately|nearly|almost|roughly|more\s+than|less\s+than|some|just\s+over|"
    rf"just\s+under)\s+)?(?:\b(?P<n>{N}|an?|one)(?P<half>\s+and\s+a\s+half)?[\s-]+(?P<unit>months?|years?|weeks?)\b|"
    rf"\b(?P<half2>a\s+year\s+and\s+a\s+half|half\s+a\s+year)\b)",
    re.I,
)
# A duration is the length of the range only when it is introduced like one.
_DUR_INTRO = re.compile(r"(?:across|over|during|for|spanning|spanned|lasting|lasted|covering|period\s+of|"
                        r"a|an|the|in|within|\()\s*$", re.I)


_SINCE_EVENT = re.compile(r"\s+(?:after|following|post|since|from\s+(?:the\s+)?(?:day|date|time))\b", re.I)
_TWO_YEARS = re.compile(r"(?:19|20)\d\d\D[^\n]{0,40}?(?:19|20)\d\d")
_YEAR_STARTS = ("19", "20")  # every match of _TWO_YEARS begins with one: it is tried only there


def _month(s: str | None) -> int | None:
    if not s:
        return None
    s = s.lower().rstrip(".")
    return next((i for name, i in _MONTHS.items() if name.startswith(s[:3])), None)


def _months_of(m: re.Match) -> int | None:
    if m.group("half2"):
        return 18 if "year and a half" in m.group("half2").lower() else 6
    raw = m.group("n").lower()
    n = 1 if raw in ("a", "an", "one") else parse_number(raw)
    if n is None:
        return None
    unit = m.group("unit").lower()
    if unit.startswith("week"):
        return round(n * 7 / 30.44) if n >= 8 else None  # "over 78 weeks"; a few weeks is a treatment, not a period
    months = n * (12 if unit.startswith("year") else 1)
    if m.group("half"):
        months += 6 if m.group("unit").lower().startswith("year") else 0
    return months


class PeriodDurationMismatch(Rule):
    """What it does: in a sentence that gives both a date range ("between December 2015 and
    June 2017") and its length ("across 18 months", "over two years"), checks that the length
    fits the range. Counting both end months is accepted, so a range may be one month longer
    than the difference of its dates (June 2018 to May 2020 = 23 or 24 months). Approximate
    lengths ("about two years") get a little more slack.

    Why it matters: a stated length that does not fit the dates means one of the dates (or the
    length) is wrong, and the study period is stored from the dates.

    Example that fires: "Recruitment ran for 9 months, from April 2019 to May 2021."

    Example that does not fire: "Recruitment ran for two years, from April 2019 to March 2021."
    """

    code, slug, severity, scope = "S105", "period-duration-mismatch", "warning", "study"
    summary = "A stated duration does not fit the stated date range."
    examples = (
        Example("Recruitment ran for 9 months, from April 2019 to May 2021.", True),
        Example("Recruitment ran for two years, from April 2019 to March 2021.", False),
        Example("Visits took place across 14 months between October of 2018 and December of 2019.", False),
        Example("Patients were seen over six months, between October 2018 and March 2019.", False),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        if not self._two_years(ctx, ctx.start, ctx.end):
            return  # then no sentence has two years either
        for s, e in ctx.sentences():
            if not self._two_years(ctx, s, e):
                continue
            for r in _RANGE_RE.finditer(ctx.text, s, e):
                span = self._span_months(r)
                if span is None or (r.group("sep").lower() == "and" and (r.group("pre") or "").lower() != "between"):
                    continue
                lo, hi = span
                for d in _DUR_RE.finditer(ctx.text, s, e):
                    gap = max(r.start() - d.end(), d.start() - r.end())
                    if (r.start() <= d.start() < r.end() or gap > _MAX_GAP
                            or not _DUR_INTRO.search(ctx.text, max(s, d.start() - 14), d.start())):
                        continue
                    if _SINCE_EVENT.match(ctx.text, d.end(), e):
                        continue  # "followed for a month after delivery": time from an event, not the period
                    stated = _months_of(d)
                    if stated is None or stated == 0:
                        continue
                    slack = max(1, round(stated * 0.1)) if d.group("approx") else 0
                    if (d.group("unit") or "").lower().startswith("year"):
                        slack = max(slack, 1)  # "one year" from October to November: a round figure
                    if lo - slack <= stated <= hi + slack:
                        continue
                    yield ctx.finding(self, self._message(d.group(0).strip(), stated, r, lo, hi),
                                      min(d.start(), r.start()), max(d.end(), r.end()))

    @staticmethod
    def _two_years(ctx: StudyContext, start: int, end: int) -> bool:
        """``_TWO_YEARS.search(text, start, end)``: two years close together on one line."""
        return next(ctx.memo.anchored(_TWO_YEARS, _YEAR_STARTS, start, end), None) is not None

    @staticmethod
    def _span_months(r: re.Match) -> tuple[int, int] | None:
        """Shortest and longest length in months the range can have."""
        y1, y2 = int(r.group("y1")), int(r.group("y2"))
        m1, m2 = _month(r.group("m1")), _month(r.group("m2"))
        if r.group("m1") and r.group("m2"):
            diff = (y2 - y1) * 12 + (m2 - m1)
            return (diff, diff + 1) if diff >= 0 else None
        if not r.group("m1") and not r.group("m2"):
            if y2 < y1 or y2 - y1 > 50:
                return None
            return (max(1, (y2 - y1 - 1) * 12 + 1), (y2 - y1 + 1) * 12)
        return None  # "2015 to June 2017": not precise enough to check

    @staticmethod
    def _message(dur: str, stated: int, r: re.Match, lo: int, hi: int) -> str:
        rng = r.group(0).strip()
        if r.group("m1"):
            return (f"'{dur}' ({stated} months) does not fit '{rng}': that range is {lo} months by difference, "
                    f"{hi} counting both ends")
        return f"'{dur}' ({stated} months) does not fit '{rng}': that range covers {lo} to {hi} months"

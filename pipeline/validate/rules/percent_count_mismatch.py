"""S104 percent-count-mismatch."""
from __future__ import annotations

import math
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from pipeline.models import Finding
from pipeline.models.stats import PercentOfCount, PercentOfGroup
from pipeline.validate.base import Example, Rule, StudyContext

# "nine out of 10 people": natural frequencies are rounded on purpose.
_ROUND_DENOMINATORS = {10, 100, 1000}
# News stories recompute whole-number percentages loosely: a point beyond rounding is accepted there.
NEWS_SLACK = 1.0


def _decimals(p_text: str) -> int:
    return len(p_text.split(".")[1]) if "." in p_text else 0


def fits(x: int, y: int, p_text: str, slack: float = 0.0) -> bool:
    """True when ``x/y`` could be written as ``p_text`` percent: rounded (half up or half even),
    double-rounded (through one or two more decimals first: 44.46 -> 44.5 -> 45), or truncated;
    ``slack`` percentage points more are accepted either way."""
    d = _decimals(p_text)
    stated = Decimal(p_text)
    true = Decimal(100 * x) / Decimal(y)
    unit = Decimal(1).scaleb(-d)
    if slack and abs(true - stated) <= unit / 2 + Decimal(str(slack)):
        return True
    candidates = {true.quantize(unit, ROUND_HALF_UP), true.quantize(unit, ROUND_HALF_EVEN),
                  true.quantize(unit, ROUND_DOWN)}
    for extra in (1, 2):  # double rounding through finer steps
        v = true
        for k in range(d + extra, d - 1, -1):
            v = v.quantize(Decimal(1).scaleb(-k), ROUND_HALF_UP)
        candidates.add(v)
    return stated in candidates


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".") if abs(v - round(v)) > 1e-9 else str(int(round(v)))


class PercentCountMismatch(Rule):
    """What it does: checks every percentage stated with its count and denominator ("18 of 24
    (80%)", "14/17 (82%)", "80% (18/24)", "12 (66.7%) of 18"), every percentage of a stated number
    of people ("71% of 18 patients"), a percentage of the participants ("60% of the patients")
    against the study's size when the same or the previous sentence states that size with the same
    noun and nothing narrows the group down ("of the patients who ..." is left alone), and a
    percentage of an arm ("40% of the placebo group") against the arm's size stated just before
    ("the placebo group (n = 18)").
    It allows the rounding the text may use: rounded, double-rounded (44.46% -> 44.5% -> 45%) or
    truncated to the digits written; in news stories a whole-number percentage may be a point
    further off.

    Why it matters: a percentage that cannot come from its count is a typo in the count, the
    denominator or the percentage; readers quote the percentage.

    Example that fires: "18 of 24 patients (80%) responded." (18 of 24 is 75%)

    Example that does not fire: "14 of 17 patients (82%) responded." (82.4% rounds to 82%)
    """

    code, slug, severity, scope = "S104", "percent-count-mismatch", "warning", "study"
    summary = "A percentage does not match its count and denominator."
    examples = (
        Example("18 of 24 patients (80%) responded.", True),
        Example("14 of 17 patients (82%) responded.", False),
        Example("Only 71% of 18 patients finished the course.", True),
        Example("Nine of the 24 finishers (37.5%) stayed abstinent.", False),
        Example("We enrolled 24 patients. Nausea was reported by 30% of the patients.", True,
                {"sample_size": 24}),
        Example("We enrolled 24 patients. Nausea was reported by 29% of the patients.", False,
                {"sample_size": 24}),
        Example("The placebo group (n = 18) fared worse: 40% of the placebo group relapsed.", True),
        Example("The placebo group (n = 18) fared worse: 39% of the placebo group relapsed.", False),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        slack = NEWS_SLACK if ctx.article.kind == "news" else 0.0
        for st in ctx.study.statistics:
            if isinstance(st, PercentOfCount):
                yield from self._count(ctx, st, slack)
            elif isinstance(st, PercentOfGroup):
                yield from self._group(ctx, st, slack)

    def _count(self, ctx: StudyContext, st: PercentOfCount, slack: float) -> Iterator[Finding]:
        x, y, p = st.count.value, st.total.value, st.percent.span.quote
        if not y or x > y or y in _ROUND_DENOMINATORS:
            return
        if not fits(x, y, p, slack if "." not in p else 0.0):
            true = 100.0 * x / y
            yield ctx.finding(self, f"{x} of {y} is {_fmt(round(true, 1))}%, not {p}% "
                                    f"({p}% of {y} would be {_fmt(round(float(p) * y / 100, 1))})",
                              st.span.char_start, st.span.char_end)

    def _group(self, ctx: StudyContext, st: PercentOfGroup, slack: float) -> Iterator[Finding]:
        p, y = st.percent.span.quote, st.total.value
        if st.group is None:
            of = f"{p}% of {y}"
        elif st.group.rule.endswith("-arm"):
            of = f"{p}% of the {st.group.value} group (n = {y})"
        else:
            # "60% of the patients": checked only against the study's own size, stated just before.
            if y != ctx.total:
                return  # the antecedent is a part (the completers, an arm), not the study
            of = f"{p}% of the {y} {st.group.value}"
        if not y or y > 1000 or float(p) > 100:
            return
        lo = math.floor(float(p) * y / 100)
        if any(fits(k, y, p, slack if "." not in p else 0.0) for k in (lo - 1, lo, lo + 1, lo + 2) if 0 <= k <= y):
            return
        a, b = max(lo, 0), min(lo + 1, y)
        yield ctx.finding(self, f"{of} is {_fmt(round(float(p) * y / 100, 1))}: no whole number of "
                                f"{y} gives {p}% ({a}/{y} = {_fmt(round(100 * a / y, 1))}%, "
                                f"{b}/{y} = {_fmt(round(100 * b / y, 1))}%)", st.span.char_start, st.span.char_end)

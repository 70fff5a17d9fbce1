"""S112 statistic-p-mismatch."""
from __future__ import annotations

from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.models.stats import TestStatistic
from pipeline.validate.base import Example, Rule, StudyContext
from pipeline.validate.statmath import decimals, fmt, half_unit, rounding_range, test_p

# A smaller discrepancy on the same side of 0.05 is left alone: degrees of freedom rounded or
# adjusted (Satterthwaite, Greenhouse-Geisser) and software's rounding order explain it, and a
# curator cannot act on it.
MIN_FACTOR = 1.5

_NAMES = {"t": "t", "F": "F", "chi2": "χ²", "z": "z"}


def statistic_text(st: TestStatistic) -> str:
    """``t(48) = 2.31`` from the numbers as written."""
    df = ", ".join(f.span.quote for f in (st.df1, st.df2) if f is not None)
    return f"{_NAMES[st.test]}{f'({df})' if df else ''} = {st.value.span.quote}"


def _df_range(f) -> tuple[float | None, ...]:
    """Degrees of freedom written with decimals (Greenhouse-Geisser, Welch) are rounded too."""
    if f is None:
        return (None,)
    return rounding_range(f) if decimals(f) else (f.value,)


def p_range(st: TestStatistic) -> tuple[float, float] | None:
    """The p-values of every statistic (and degrees of freedom) that round to the ones written:
    p falls as the statistic grows, so the ends of the range come from the ends of the ranges."""
    lo, hi = rounding_range(st.value)
    if st.test in ("t", "z"):
        lo, hi = (0.0, max(abs(lo), abs(hi))) if lo <= 0 <= hi else sorted((abs(lo), abs(hi)))
    elif lo < 0:
        if st.value.value < 0:
            return None  # F and chi-square are never negative: not a statistic we read right
        lo = 0.0
    ps = [test_p(st.test, v, d1, d2) for v in (lo, hi) for d1 in _df_range(st.df1) for d2 in _df_range(st.df2)
          if d1 is None or d1 > 0]
    return (min(ps), max(ps)) if ps else None


def _bound(st: TestStatistic) -> float:
    """The number an inequality compares with; "p < .000" means below half a unit of the last digit."""
    return st.p.value.value or half_unit(st.p.value)


def consistent(st: TestStatistic, p_lo: float, p_hi: float) -> bool:
    """statcheck's rule: consistent when some p of the statistic's rounding range agrees with the
    stated p as written (any value rounding to it; below it for "p <", above it for "p >")."""
    p, bound = st.p, _bound(st)
    if p.comparator in ("<", "<="):
        return p_lo < bound or (p.comparator == "<=" and p_lo <= bound)
    if p.comparator in (">", ">="):
        return p_hi > bound or (p.comparator == ">=" and p_hi >= bound)
    s_lo, s_hi = rounding_range(p.value)
    if p.value.value == 0:  # "p = .000": below half a unit of the last digit
        s_lo = 0.0
    return p_lo <= s_hi and s_lo <= p_hi


def _stated_significant(st: TestStatistic) -> bool | None:
    """Whether the stated p says p < 0.05 (None for "p < 0.10" or "p > 0.01": it does not say)."""
    p, bound = st.p, _bound(st)
    if p.comparator in ("<", "<="):
        return True if bound <= 0.05 else None
    if p.comparator in (">", ">="):
        return False if bound >= 0.05 else None
    return None if bound == 0.05 else bound < 0.05


def distance(st: TestStatistic, p_lo: float, p_hi: float) -> float:
    """How many times the stated p (as far as rounding allows) is from the recomputed range."""
    if st.p.comparator in ("<", "<="):
        s_lo, s_hi = 0.0, _bound(st)
    elif st.p.comparator in (">", ">="):
        s_lo, s_hi = _bound(st), 1.0
    else:
        s_lo, s_hi = rounding_range(st.p.value)
    if s_hi < p_lo:
        return p_lo / max(s_hi, 1e-300)
    if s_lo > p_hi:
        return s_lo / max(p_hi, 1e-300)
    return 1.0


class StatisticPMismatch(Rule):
    """What it does: recomputes the p-value of every test statistic stated with its degrees of
    freedom ("t(48) = 2.31, p = .025", "F(2, 97) = 4.12, p = .02", "χ2(1) = 6.3, p = .012",
    "z = 2.1, p = .04"), the way statcheck does: the statistic is consistent when some value that
    rounds to it gives a p-value that rounds to the one stated (or lies on the stated side of "p <
    .05"). t and z tests are two-sided, unless the text calls the test one-sided or one-tailed,
    when half that p is accepted too. Of the inconsistent ones it reports a p on the other side of
    0.05 from the recomputed one, or more than 1.5 times from it: smaller gaps come from adjusted
    degrees of freedom or rounding order, and a curator cannot act on them. Degrees of freedom
    written with decimals are rounded ranges too; the p must follow the statistic after a comma,
    semicolon or bracket (in a flattened table a p next to a statistic may be another column's).

    Why it matters: a p-value that its own statistic cannot give is a typo in the statistic, the
    degrees of freedom or the p-value; when it crosses 0.05 the conclusion itself is in doubt.

    Example that fires: "Anxiety fell more with the drug, t(48) = 1.21, p = .025." (t(48) = 1.21
    gives p = 0.23)

    Example that does not fire: "Anxiety fell more with the drug, t(48) = 2.31, p = .025."
    """

    code, slug, severity, scope = "S112", "statistic-p-mismatch", "warning", "study"
    summary = "A p-value does not follow from its test statistic and degrees of freedom."
    examples = (
        Example("Anxiety fell more with the drug, t(48) = 1.21, p = .025.", True),
        Example("Anxiety fell more with the drug, t(48) = 2.31, p = .025.", False),
        Example("Groups differed in response, χ2(1) = 6.3, p = .21.", True),
        Example("Groups differed in response, χ2(1) = 6.3, p = .012.", False),
        Example("There was an effect of dose, F(2, 97) = 4.12, p < .05.", False),
        Example("A one-tailed test favoured the drug, t(30) = 1.80, p = .041.", False),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        for st in ctx.study.statistics:
            if not isinstance(st, TestStatistic) or st.p is None:
                continue
            if st.test in ("t", "chi2") and st.df1 is None or st.test == "F" and st.df2 is None:
                continue
            if st.df1 is not None and st.df1.value <= 0 or st.df2 is not None and st.df2.value <= 0:
                continue
            got = p_range(st)
            if got is None:
                continue
            p_lo, p_hi = got
            if consistent(st, p_lo, p_hi):
                continue
            one_sided = st.one_sided and st.test in ("t", "z")
            if one_sided and consistent(st, p_lo / 2, p_hi / 2):
                continue
            stated_sig, computed_sig = _stated_significant(st), (True if p_hi < 0.05 else False if p_lo > 0.05 else None)
            crosses = None not in (stated_sig, computed_sig) and stated_sig != computed_sig
            if not crosses and distance(st, p_lo, p_hi) < MIN_FACTOR:
                continue
            sided = " two-sided" if st.test in ("t", "z") else ""
            computed = fmt(p_lo) if fmt(p_lo) == fmt(p_hi) else f"{fmt(p_lo)} to {fmt(p_hi)}"
            extra = f" (one-sided: {fmt(p_lo / 2)})" if one_sided else ""
            stated = f"p {st.p.comparator} {st.p.value.span.quote}"
            yield ctx.finding(self, f"{statistic_text(st)} gives{sided} p = {computed}{extra}, but {stated} is "
                                    f"stated" + ("; the two fall on opposite sides of 0.05" if crosses else ""),
                              st.span.char_start, st.span.char_end)

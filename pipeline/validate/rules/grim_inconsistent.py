"""S113 grim-inconsistent."""
from __future__ import annotations

import math
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.models.stats import MeanValue
from pipeline.validate.base import Example, Rule, StudyContext
from pipeline.validate.statmath import decimals

# Means of whole numbers from this many values or more can take every value at two decimals.
MAX_N = 1000


def grim_totals(mean: float, n: int) -> tuple[int, int]:
    """The two whole totals nearest to ``mean × n``."""
    lo = math.floor(mean * n + 1e-9)
    return lo, lo + 1


def grim_possible(mean: float, n: int, digits: int) -> bool:
    """Whether some whole total of ``n`` values has a mean written as ``mean`` with ``digits``
    decimals, rounded (either way at a half) or truncated."""
    unit = 10.0 ** -digits
    for total in range(math.floor((mean - unit) * n) - 1, math.ceil((mean + unit) * n) + 2):
        m = total / n
        if abs(m - mean) <= unit / 2 + 1e-9 or mean - 1e-9 <= m < mean + unit - 1e-9:
            return True
    return False


class GrimInconsistent(Rule):
    """What it does: the GRIM test. A mean of n whole numbers is a whole total divided by n, so
    with two decimals and n below 100 only some means are possible: "a mean of 1.48 relapses in
    19 patients" is not (28/19 = 1.47, 29/19 = 1.53). The rule checks only means that are
    unambiguous: n stated for that very mean ("n = 19", "in the 19 patients"), and each value a
    whole number (a number of events, a single Likert item). It leaves scale scores, averages of
    items, rates per day and measurements alone. Rounded (up or down at a half) and truncated
    means are both accepted.

    Why it matters: an impossible mean shows that the mean, the n or the description of the
    data is wrong (Brown and Heathers' GRIM test, as in the R package scrutiny).

    Example that fires: "The mean number of relapses was 1.48 (SD 0.9; n = 19)."

    Example that does not fire: "The mean number of relapses was 1.47 (SD 0.9; n = 19)."
    """

    code, slug, severity, scope = "S113", "grim-inconsistent", "warning", "study"
    summary = "A mean of whole-number values is impossible for the stated number of values (GRIM)."
    examples = (
        Example("The mean number of relapses was 1.48 (SD 0.9; n = 19).", True),
        Example("The mean number of relapses was 1.47 (SD 0.9; n = 19).", False),
        Example("The mean single-item rating was 3.45 (n = 21).", True),
        Example("The mean depression score was 3.45 (n = 21).", False),
        Example("The mean number of visits was 2.35 (n = 240).", False),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        for mv in ctx.study.statistics:
            if not isinstance(mv, MeanValue) or mv.n is None or mv.integer_item is None:
                continue
            digits, n, mean = decimals(mv.mean), mv.n.value, mv.mean.value
            if digits == 0 or n <= 0 or n >= min(10 ** digits, MAX_N) or grim_possible(mean, n, digits):
                continue
            lo, hi = grim_totals(mean, n)
            yield ctx.finding(self, f"a mean of {mv.mean.span.quote} over {n} whole numbers "
                                    f"({mv.integer_item.value}) is impossible: {n} × {mv.mean.span.quote} = "
                                    f"{mean * n:.{digits}f}, but {lo}/{n} = {lo / n:.{digits + 1}f} and {hi}/{n} = "
                                    f"{hi / n:.{digits + 1}f}; no whole total gives {mv.mean.span.quote}",
                              mv.span.char_start, mv.span.char_end)

"""S111 ci-p-mismatch."""
from __future__ import annotations

import math
import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.models.stats import RATIO_MEASURES, EffectEstimate
from pipeline.validate.base import Example, Rule, StudyContext
from pipeline.validate.rules.estimate_outside_ci import interval_text
from pipeline.validate.statmath import fmt, normal_two_sided_p, rounding_range, z_of_level

# The recomputed p must be this far from the stated one on the z scale (p = 0.028 is z = 2.20; p = 0.001
# is z = 3.29), beyond what rounding of every number allows, before the discrepancy is reported:
# intervals and p-values often come from slightly different methods (a Wald interval with a log-rank,
# exact or likelihood-ratio test), which moves z by about one in small samples, by less in large ones.
MAX_Z_GAP = 1.5


def _z(p: float) -> float:
    """The |z| of a two-sided p-value (large for p = 0)."""
    from statistics import NormalDist

    return -NormalDist().inv_cdf(max(p, 1e-300) / 2) if p < 1 else 0.0


def _scale(est: EffectEstimate):
    """Numbers on the scale where the interval is symmetric: log for ratios (None when not positive)."""
    if est.measure.value in RATIO_MEASURES:
        return lambda v: math.log(v) if v > 0 else None
    return lambda v: v


def recomputed_p(est: EffectEstimate) -> tuple[float, float] | None:
    """The range of two-sided p-values the interval implies, over every value that rounds to its
    bounds (Altman and Bland: z = centre / SE, SE = width / (2 × 1.96); for ratios on the log scale,
    where the centre is the geometric mean of the bounds). From the interval alone, so that "the
    interval excludes the null" and "p < 0.05" always agree in the message."""
    z_level = z_of_level(est.ci_level.value)
    if z_level is None:
        return None
    scale = _scale(est)
    null = scale(est.null)
    zs = []
    for lo in rounding_range(est.ci_low):
        for hi in rounding_range(est.ci_high):
            lo_, hi_ = scale(min(lo, hi)), scale(max(lo, hi))
            if lo_ is None or hi_ is None or hi_ <= lo_:
                return None
            zs.append(abs((lo_ + hi_) / 2 - null) / ((hi_ - lo_) / (2 * z_level)))
    return normal_two_sided_p(max(zs)), normal_two_sided_p(min(zs))


def _p_side(est: EffectEstimate, alpha: float) -> bool | None:
    """True when the stated p is surely below alpha, False when surely not, None when unclear."""
    p, bound = est.p, est.p.value.value
    lo, hi = rounding_range(p.value)
    if p.comparator in ("<", "<="):
        return True if bound <= alpha else None
    if p.comparator in (">", ">="):
        return False if bound >= alpha else None
    if hi < alpha:
        return True
    if lo > alpha:
        return False
    return None


def _null_side(est: EffectEstimate) -> bool | None:
    """True when the interval surely excludes the null, False when it surely includes it."""
    (lo_a, lo_b), (hi_a, hi_b) = sorted([rounding_range(est.ci_low), rounding_range(est.ci_high)])
    if lo_a > est.null or hi_b < est.null:
        return True
    if lo_b < est.null < hi_a:
        return False
    return None


# "(significance level P<0.01)", "p < 0.01 was considered significant": a stricter level than 0.05.
_STRICTER_LEVEL = re.compile(r"\bsignifican\w*\s+(?:level|threshold)[^.;]{0,20}?[pP]?\s*[<=≤]\s*0?\.01\b|"
                             r"\b[pP]\s*[<≤]\s*0?\.01\s+(?:was|were)\s+(?:considered|regarded|taken)", re.I)


class CIPMismatch(Rule):
    """What it does: compares a ratio's or difference's confidence interval with the p-value (or
    the words "significant" / "not significant") stated with it. A 95% interval that excludes the
    null (1 for ratios, 0 for differences) means p < 0.05; one that includes it means p > 0.05. It
    also recomputes p from the interval (Altman and Bland: z = centre / SE, SE = width / 3.92, on
    the log scale for ratios) and reports a p-value more than 1.5 apart from it on the z scale (p = 0.04 against
    p ≈ 0.0001 from the interval). Every number stands
    for all values that round to it, and an interval touching the null is left alone.

    Why it matters: the interval and the p-value are two views of one test; when they disagree,
    one of them (or the word "significant") is wrong, and readers act on the conclusion.

    Example that fires: "Risk rose (OR 1.60, 95% CI 1.10-2.30; p = 0.31)." (the interval
    excludes 1, so p should be < 0.05)

    Example that does not fire: "Risk rose (OR 1.60, 95% CI 1.10-2.30; p = 0.013)."
    """

    code, slug, severity, scope = "S111", "ci-p-mismatch", "warning", "study"
    summary = "A confidence interval disagrees with the p-value or the significance stated with it."
    examples = (
        Example("Risk rose (OR 1.60, 95% CI 1.10-2.30; p = 0.31).", True),
        Example("Risk rose (OR 1.60, 95% CI 1.10-2.30; p = 0.013).", False),
        Example("Pain scores did not differ significantly (MD -1.2, 95% CI -2.0 to -0.4).", True),
        Example("The difference was not significant (HR 0.91, 95% CI 0.78-1.06; p = 0.23).", False),
        Example("Relapse was less likely (HR 0.50, 95% CI 0.40-0.62; p = 0.04).", True),
        Example("Relapse was less likely (HR 0.90, 95% CI 0.80-1.00; p = 0.05).", False),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        for est in ctx.study.statistics:
            if (not isinstance(est, EffectEstimate) or est.ci_low is None or est.ci_level is None
                    or est.p is None and est.significance is None):
                continue
            message = self._mismatch(est)
            if message and est.p is not None and est.significance is not None and "the text says" in message \
                    and _STRICTER_LEVEL.search(ctx.text, ctx.start, ctx.end) and est.p.value.value >= 0.01:
                continue  # "not significant" at the article's own stated 0.01 level (p = 0.046)
            if message:
                yield ctx.finding(self, message, est.span.char_start, est.span.char_end)

    @staticmethod
    def _mismatch(est: EffectEstimate) -> str | None:
        (lo, _), (_, hi) = sorted([rounding_range(est.ci_low), rounding_range(est.ci_high)])
        e_lo, e_hi = rounding_range(est.estimate)
        if e_lo > hi or e_hi < lo:
            return None  # the estimate is outside its interval: estimate-outside-ci says so
        excludes = _null_side(est)
        level = est.ci_level.value
        alpha = round(1 - level / 100, 6)
        interval = interval_text(est)
        null = "1" if est.null == 1 else "0"
        got = recomputed_p(est)
        from_ci = ""
        if got is not None:
            p_lo, p_hi = got
            from_ci = f" (from the interval, p ≈ {fmt(p_lo)}" + (f" to {fmt(p_hi)})" if fmt(p_hi) != fmt(p_lo) else ")")
        stated = f"p {est.p.comparator} {est.p.value.span.quote}" if est.p is not None else None
        if excludes is not None:
            want = f"p < {fmt(alpha)}" if excludes else f"p > {fmt(alpha)}"
            verb = "excludes" if excludes else "includes"
            if est.p is not None and _p_side(est, alpha) is (not excludes):
                return f"{interval} {verb} {null}, so {want}{from_ci}, but {stated} is stated"
            if est.significance is not None and est.significance.value is (not excludes):
                words = " ".join(est.significance.span.quote.split())
                return (f"{interval} {verb} {null}, so {want}{from_ci}, but the text says "
                        f"\"{words}\"" + (f" ({stated})" if stated else ""))
        if got is None or est.p is None:
            return None
        p_lo, p_hi = got
        s_lo, s_hi = rounding_range(est.p.value)
        if est.p.comparator in ("<", "<="):
            s_lo = 0.0
        elif est.p.comparator in (">", ">="):
            s_hi = 1.0
        if _z(s_hi) - _z(p_lo) > MAX_Z_GAP or _z(p_hi) - _z(s_lo) > MAX_Z_GAP:
            ln = "ln " if est.null == 1 else ""
            z_lo, z_hi = _z(p_hi), _z(p_lo)
            return (f"{stated} is stated (|z| = {_z(est.p.value.value):.2f}), but {interval} gives p ≈ {fmt(p_lo)}"
                    + (f" to {fmt(p_hi)}" if fmt(p_hi) != fmt(p_lo) else "")
                    + f" (|z| = {z_lo:.2f}" + (f" to {z_hi:.2f}" if f"{z_hi:.2f}" != f"{z_lo:.2f}" else "")
                    + f": the interval's centre over SE = ({ln}upper − {ln}lower) / {2 * z_of_level(level):.2f}); "
                      f"more than {MAX_Z_GAP:g} apart on the z scale")
        return None

"""S110 estimate-outside-ci."""
from __future__ import annotations

from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.models.stats import EffectEstimate
from pipeline.validate.base import Example, Rule, StudyContext
from pipeline.validate.statmath import rounding_range


def interval_text(est: EffectEstimate) -> str:
    """ "95% CI 0.60-0.86" as written ("interval" when no level is stated), "to" between negatives."""
    level = f"{est.ci_level.span.quote}% CI" if est.ci_level is not None else "interval"
    lo, hi = est.ci_low.span.quote, est.ci_high.span.quote
    negative = est.ci_low.value < 0 or est.ci_high.value < 0
    return f"{level} {lo} to {hi}" if negative else f"{level} {lo}-{hi}"


class EstimateOutsideCI(Rule):
    """What it does: checks that every ratio or difference stated with its confidence interval
    ("HR 0.72 (95% CI 0.60-0.86)", "MD −2.1 [−3.0, −1.2]") lies inside that interval. Each number
    stands for every value that rounds to it, so "OR 0.9 (0.86-1.4)" is accepted (0.9 may be 0.86).

    Why it matters: a point estimate always lies inside its own interval; one outside it means a
    number was mistyped or the estimate and the interval were copied from different analyses.

    Example that fires: "Mortality was lower (HR 0.72, 95% CI 0.80-0.95)." (0.72 is below 0.80)

    Example that does not fire: "Mortality was lower (HR 0.72, 95% CI 0.60-0.86)."
    """

    code, slug, severity, scope = "S110", "estimate-outside-ci", "warning", "study"
    summary = "An effect estimate lies outside its own confidence interval."
    examples = (
        Example("Mortality was lower (HR 0.72, 95% CI 0.80-0.95).", True),
        Example("Mortality was lower (HR 0.72, 95% CI 0.60-0.86).", False),
        Example("The mean difference was 4.1 points (95% CI 0.3 to 3.9).", True),
        Example("Falls were less frequent (OR 0.9; 95% CI 0.86 to 1.40).", False),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        for est in ctx.study.statistics:
            if not isinstance(est, EffectEstimate) or est.ci_low is None or est.ci_high is None:
                continue
            (lo, _), (_, hi) = sorted([rounding_range(est.ci_low), rounding_range(est.ci_high)])
            e_lo, e_hi = rounding_range(est.estimate)
            if e_lo > hi or e_hi < lo:
                side = "above" if e_lo > hi else "below"
                yield ctx.finding(self, f"{est.measure.value} {est.estimate.span.quote} lies outside its "
                                        f"{interval_text(est)} ({side} the interval)",
                                  est.span.char_start, est.span.char_end)

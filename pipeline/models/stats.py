"""Statistics a study's text states (estimates with intervals, test statistics, means, percentages).

Each number is a ``Fact`` whose span quotes the number exactly as written, so that its number of
decimals (which the consistency rules need for rounding) can always be read back from the quote.
These facts are read by the validators only; they are not part of the database contract.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from pipeline.models.fact import Fact, Span

# Ratios have their null at 1 and are compared on the log scale; differences have it at 0.
RATIO_MEASURES = ("OR", "RR", "HR", "IRR")
DIFFERENCE_MEASURES = ("MD", "RD", "SMD")
Measure = Literal["OR", "RR", "HR", "IRR", "MD", "RD", "SMD"]
Comparator = Literal["=", "<", ">", "<=", ">="]
TestKind = Literal["t", "F", "chi2", "z"]


class PValue(BaseModel):
    """A stated p-value: ``p = .004``, ``P<0·001``, ``p-value of 0.03``."""

    value: Fact[float] = Field(description="The number as written (span: its digits).")
    comparator: Comparator = "="
    span: Span = Field(description="The whole statement, from the 'p' to the last digit.")


class EffectEstimate(BaseModel):
    """A ratio or difference with its interval and p-value when stated:
    ``HR 0.72 (95% CI 0.60-0.86; p<0.001)``."""

    kind: Literal["estimate"] = "estimate"
    measure: Fact[str] = Field(description="Normalised measure (OR, RR, HR, IRR, MD, RD, SMD); span: "
                                           "the words that name it.")
    estimate: Fact[float]
    ci_level: Fact[float] | None = Field(
        default=None, description="Confidence level in percent (95), where the interval or the study states it.")
    ci_low: Fact[float] | None = None
    ci_high: Fact[float] | None = None
    p: PValue | None = None
    significance: Fact[bool] | None = Field(
        default=None, description="What the words next to it say: significant (true) or not (false).")
    span: Span = Field(description="The whole statement.")

    @property
    def null(self) -> float:
        return 1.0 if self.measure.value in RATIO_MEASURES else 0.0


class TestStatistic(BaseModel):
    """A test statistic with its degrees of freedom and p-value: ``t(48) = 2.31, p = .025``."""

    kind: Literal["test"] = "test"
    test: TestKind
    df1: Fact[float] | None = Field(default=None, description="Degrees of freedom (the first, for F).")
    df2: Fact[float] | None = Field(default=None, description="The second degrees of freedom of F.")
    value: Fact[float]
    p: PValue | None = None
    one_sided: bool = Field(default=False, description="The text calls the test one-sided or one-tailed.")
    span: Span


class MeanValue(BaseModel):
    """A mean, with its SD and the number of values it averages when stated (for GRIM):
    ``the mean number of relapses was 1.47 (SD 0.9; n = 19)``."""

    kind: Literal["mean"] = "mean"
    mean: Fact[float]
    sd: Fact[float] | None = None
    n: Fact[int] | None = Field(default=None, description="Values averaged, stated for this mean.")
    integer_item: Fact[str] | None = Field(
        default=None, description="Words showing each value is a whole number (a count, one Likert item).")
    span: Span


class PercentOfCount(BaseModel):
    """A percentage stated with its count and denominator: ``18 of 24 (75%)``, ``75% (18/24)``."""

    kind: Literal["percent-count"] = "percent-count"
    count: Fact[int]
    total: Fact[int]
    percent: Fact[float]
    span: Span


class PercentOfGroup(BaseModel):
    """A percentage of a number of people stated with it (``71% of 18 patients``), or of people
    named earlier (``60% of the patients``, ``40% of the placebo group``): then ``group`` is the
    noun or arm, and ``total`` the number that the same or the previous sentence gives for them
    ("24 patients", "the placebo group (n = 18)")."""

    kind: Literal["percent-group"] = "percent-group"
    percent: Fact[float]
    total: Fact[int]
    group: Fact[str] | None = Field(default=None, description="The noun or arm the percentage refers back to.")
    span: Span


Statistic = Annotated[EffectEstimate | TestStatistic | MeanValue | PercentOfCount | PercentOfGroup,
                      Field(discriminator="kind")]


def iter_number_facts(stat: BaseModel) -> list[tuple[str, Fact]]:
    """``(field path, fact)`` of every fact a statistic holds, for the span checks."""
    out: list[tuple[str, Fact]] = []
    for name in ("measure", "estimate", "ci_level", "ci_low", "ci_high", "significance", "df1", "df2", "value", "mean", "sd",
                 "n", "integer_item", "count", "total", "percent", "group"):
        f = getattr(stat, name, None)
        if f is not None:
            out.append((name, f))
    p = getattr(stat, "p", None)
    if p is not None:
        out.append(("p.value", p.value))
    return out

"""Arithmetic of the statistical consistency rules: rounding ranges and p-values.

A reported number stands for every value that rounds to it: ``0.86`` for [0.855, 0.865]. The rules
call two statements inconsistent only when no values inside those ranges agree, so rounding never
fires a rule. The normal distribution comes from ``math.erfc``; t, F and chi-square from
``scipy.special``, imported only when a test statistic is checked.
"""
from __future__ import annotations

import math

from pipeline.models import Fact

_Z = {90.0: 1.6448536269514722, 95.0: 1.959963984540054, 99.0: 2.5758293035489004}


def decimals(fact: Fact) -> int:
    """Digits after the decimal point as written (``0·050`` -> 3, ``12`` -> 0, ``2 × 10−5`` -> 0)."""
    q = fact.span.quote.replace("·", ".").replace("∙", ".")
    mantissa = q.split("×")[0].split("x")[0].split("e")[0].split("E")[0]
    return len(mantissa.split(".")[1].strip()) if "." in mantissa else 0


def half_unit(fact: Fact) -> float:
    """Half a unit of the last digit written: the most rounding can have moved the value."""
    q = fact.span.quote
    if any(c in q for c in "×xeE"):  # 2 × 10−5: the mantissa's last digit, scaled
        return 0.5 * abs(fact.value) / max(abs(float(q.split("×")[0].split("x")[0].split("e")[0]
                                                        .split("E")[0].replace("·", "."))), 1e-300) \
            * 10.0 ** -decimals(fact)
    return 0.5 * 10.0 ** -decimals(fact)


def rounding_range(fact: Fact) -> tuple[float, float]:
    h = half_unit(fact)
    return fact.value - h, fact.value + h


def fmt(v: float, digits: int = 3) -> str:
    """A p-value or statistic for a message: 3 significant digits, no trailing zeros."""
    if v == 0:
        return "0"
    if abs(v) < 0.0001:
        return f"{v:.1e}"
    return f"{v:.{digits}g}" if abs(v) < 1 else f"{v:.{max(digits, 2)}g}".rstrip(".")


def normal_two_sided_p(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2.0))


def z_of_level(level: float) -> float | None:
    """The normal quantile of a two-sided confidence level in percent (95 -> 1.96)."""
    if level in _Z:
        return _Z[level]
    if not 50.0 <= level < 100.0:
        return None
    from statistics import NormalDist  # standard library; only for unusual levels (95.66%)

    return NormalDist().inv_cdf(0.5 + level / 200.0)


def test_p(test: str, value: float, df1: float | None, df2: float | None) -> float:
    """The p-value of a test statistic: two-sided for t and z, upper tail for F and chi-square."""
    if test == "z":
        return normal_two_sided_p(value)
    from scipy import special  # lazily: only articles stating a t, F or chi-square need it

    if test == "t":
        return float(2.0 * special.stdtr(df1, -abs(value)))
    if test == "F":
        return float(special.fdtrc(df1, df2, value))
    return float(special.chdtrc(df1, value))

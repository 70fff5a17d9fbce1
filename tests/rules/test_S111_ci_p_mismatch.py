import math
from statistics import NormalDist

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pipeline.validate.examples import check_text

RULE = "ci-p-mismatch"


@pytest.mark.parametrize("text, message", [
    ("Admissions rose (OR 1.70, 95% CI 1.15-2.50; p = 0.29).",
     "95% CI 1.15-2.50 excludes 1, so p < 0.05 (from the interval, p ≈ 0.00707 to 0.00834), but p = 0.29 is stated"),
    ("The change was not significant (IRR 1.31 [95% CI 0.94-1.82], p = 0.011).",
     "95% CI 0.94-1.82 includes 1, so p > 0.05 (from the interval, p ≈ 0.105 to 0.118), but p = 0.011 is stated"),
    ("Grip strength did not differ significantly (MD 2.0, 95% CI 0.5 to 3.5).",
     "95% CI 0.5-3.5 excludes 0, so p < 0.05 (from the interval, p ≈ 0.00686 to 0.0114), but the text says "
     "\"not differ significantly\""),
    ("Sleep improved significantly (RR 1.10, 95% CI 0.95-1.27).",
     "95% CI 0.95-1.27 includes 1, so p > 0.05 (from the interval, p ≈ 0.182 to 0.23), but the text says "
     "\"significantly\""),
    ("Survival was longer (HR 0.60, 95% CI 0.50-0.72; p = 0.03).",
     "p = 0.03 is stated (|z| = 2.17), but 95% CI 0.50-0.72 gives p ≈ 9.4e-09 to 1.4e-07 (|z| = 5.26 to 5.74: "
     "the interval's centre over SE = (ln upper − ln lower) / 3.92); more than 1.5 apart on the z scale"),
    ("Smokers fared worse (OR 2.1, 99% CI 1.10-4.00, p = 0.04).",   # a 99% interval excluding 1: p < 0.01
     "99% CI 1.10-4.00 excludes 1, so p < 0.01 (from the interval, p ≈ 0.00292 to 0.00332), but p = 0.04 is stated"),
])
def test_fires(text, message):
    (f,) = check_text(RULE, text)
    assert f.message == message


@pytest.mark.parametrize("text", [
    "Admissions rose (OR 1.70, 95% CI 1.15-2.50; p = 0.007).",
    "Admissions rose (OR 1.70, 95% CI 1.00-2.50; p = 0.06).",          # the interval touches 1
    "Admissions rose (OR 1.7, 95% CI 1.0-2.9; p = 0.04).",             # 1.0 may be 1.04 or 0.96
    "Admissions rose (OR 1.70, 95% CI 1.15-2.50; P < .05).",
    "No significant change was seen (HR 0.93, 95% CI 0.71-1.21; p = 0.58).",
    "Relapse was not significantly rarer; survival was longer (HR 0.70, 95% CI 0.55-0.89).",
    "Survival was longer (HR 0.60, 95% CI 0.50-0.72; p < 0.001).",
    "Death was rarer (RR 0.58, 95% CI 0.30-0.96; p = 0.04).",          # an asymmetric interval, p near
    "PFS improved (HR 0.45; 95% CI 0.15-1.30; one-sided P = 0.03).",   # one-sided p is not compared
    "A rise (OR 1.7 (1.15-2.5), p = 0.29) was seen.",                  # no level stated: left alone
    "Readmission was rarer (HR 0.62, 95% CI 0.70-0.91; p = 0.01).",   # outside its interval: S110's
])
def test_does_not_fire(text):
    assert not check_text(RULE, text)


def _z(p):
    return -NormalDist().inv_cdf(p / 2)


@given(log_est=st.floats(-2.5, 2.5).filter(lambda b: abs(b) > 0.01), p=st.floats(0.0005, 0.95),
       digits=st.sampled_from([2, 3]))
def test_property_an_interval_built_from_the_estimate_and_p_never_fires(log_est, p, digits):
    se = abs(log_est) / _z(p)
    lo, hi = math.exp(log_est - 1.959964 * se), math.exp(log_est + 1.959964 * se)
    assume(round(lo, digits) > 0 and hi < 1000 and round(hi, digits) > round(lo, digits))
    text = (f"The odds changed (OR {math.exp(log_est):.{digits}f}, 95% CI {lo:.{digits}f}-{hi:.{digits}f}; "
            f"p = {p:.3f}).")
    assert not check_text(RULE, text), text


@given(est=st.floats(-20, 20).filter(lambda d: abs(d) > 0.05), p=st.floats(0.0005, 0.95))
def test_property_a_difference_interval_built_from_p_never_fires(est, p):
    se = abs(est) / _z(p)
    text = (f"Scores changed (MD {est:.2f}, 95% CI {est - 1.96 * se:.2f} to {est + 1.96 * se:.2f}; "
            f"p = {p:.3f}).")
    assert not check_text(RULE, text), text


def test_not_significant_at_the_article_s_own_stricter_level_does_not_fire():
    text = ("Differences were tested at a significance level of P<0.01. The gain was not significant "
            "(mean difference 4.0, 95% CI 0.1 to 7.9; P = 0.045).")
    assert not check_text(RULE, text)
    # at the usual level the same words contradict the interval
    text2 = "The gain was not significant (mean difference 4.0, 95% CI 0.1 to 7.9; P = 0.045)."
    assert check_text(RULE, text2)

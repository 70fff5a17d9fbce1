import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.validate.examples import check_text

RULE = "estimate-outside-ci"


@pytest.mark.parametrize("text, message", [
    ("Readmission was rarer (HR 0.62, 95% CI 0.70-0.91).",
     "HR 0.62 lies outside its 95% CI 0.70-0.91 (below the interval)"),
    ("Scores rose (MD 6.4, 95% CI 1.2 to 5.8; p = 0.01).",
     "MD 6.4 lies outside its 95% CI 1.2-5.8 (above the interval)"),
    ("Pain fell (mean difference −0.5, 95% CI −2.4 to −0.9).",
     "MD −0.5 lies outside its 95% CI −2.4 to −0.9 (above the interval)"),
    ("A review gave a relative risk of 0.48 (95% CI, 0.29-0.079).",   # a bound with a lost digit
     "RR 0.48 lies outside its 95% CI 0.29-0.079 (above the interval)"),
])
def test_fires(text, message):
    (f,) = check_text(RULE, text)
    assert f.message == message and f.severity == "warning"
    assert text[f.char_start:f.char_end].startswith(("HR", "MD", "mean", "relative"))


@pytest.mark.parametrize("text", [
    "Readmission was rarer (HR 0.62, 95% CI 0.50-0.77).",
    "Readmission was rarer (HR 0.7, 95% CI 0.65-0.91).",      # 0.7 may be 0.65
    "Readmission was rarer (HR 0.70, 95% CI 0.70-0.91).",     # on the bound
    "Scores rose (MD 1.2, 95% CI 1.25 to 5.8).",              # 1.2 may be 1.249
    "Heart rate (HR) was 72 (65-80) beats a minute, p = 0.3.",
])
def test_does_not_fire(text):
    assert not check_text(RULE, text)


@given(lo=st.floats(0.05, 5), width=st.floats(0.01, 5), frac=st.floats(0, 1))
def test_property_an_estimate_inside_its_interval_never_fires(lo, width, frac):
    hi = lo + width
    est = lo + frac * width
    assert not check_text(RULE, f"Risk changed (OR {est:.2f}, 95% CI {lo:.2f}-{hi:.2f}).")


@given(lo=st.floats(0.1, 5), width=st.floats(0.05, 5), gap=st.floats(0.02, 3))
def test_property_an_estimate_clearly_above_its_interval_always_fires(lo, width, gap):
    hi = round(lo + width, 2)
    assert len(check_text(RULE, f"Risk changed (OR {hi + gap:.2f}, 95% CI {lo:.2f}-{hi:.2f}).")) == 1

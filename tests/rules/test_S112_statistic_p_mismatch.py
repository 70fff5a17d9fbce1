import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import special

from pipeline.validate.examples import check_text

RULE = "statistic-p-mismatch"


@pytest.mark.parametrize("text, message", [
    ("Recall improved, t(40) = 1.12, p = .03.", "t(40) = 1.12 gives two-sided p = 0.267 to 0.272, but p = .03 is "
                                                 "stated; the two fall on opposite sides of 0.05"),
    ("A dose effect, F(3, 40) = 4.90, p = 0.04.", "F(3, 40) = 4.90 gives p = 0.00538 to 0.00543, but p = 0.04 is stated"),
    ("A main effect of cue, F(1, 12) = 25.0, p < 0.0001.", "F(1, 12) = 25.0 gives p = 0.000307 to 0.000312, but p < 0.0001 is stated"),
    ("Deaths differed, χ2(1) = 1.70, P = .10.", "χ²(1) = 1.70 gives p = 0.192 to 0.193, but P = .10 is stated"),
    ("It did not reach significance (F(1, 18) = 4.60, P = 0.071).", ("F(1, 18) = 4.60 gives p = 0.0458 to 0.046, but P = 0.071 is stated; the two fall on "
                                                                     "opposite sides of 0.05")),
    ("Ranks differed (z = 1.2, p = .01).", "z = 1.2 gives two-sided p = 0.211 to 0.25, but p = .01 is stated; "
                                           "the two fall on opposite sides of 0.05"),
])
def test_fires(text, message):
    (f,) = check_text(RULE, text)
    assert f.message == message.replace("P =", "p =")


@pytest.mark.parametrize("text", [
    "Recall improved, t(40) = 2.31, p = .026.",
    "Recall improved, t(40) = 2.3, p = .027.",               # 2.3 may be 2.25 to 2.35
    "Recall improved, t(40) = −2.31, p = .03.",              # negative t, p rounded to two digits
    "A dose effect, F(2, 97) = 4.12, p < .05.",
    "A dose effect, F(2, 97) = 1.12, p > .05.",
    "A dose effect, F(2, 97) = 14.8, p < .001.",
    "A dose effect, F(2, 97) = 14.8, p = .000.",             # ".000" means below .0005
    "A dose effect, F(2, 97) = 14.8, p < .000.",
    "A one-sided test favoured the drug, t(30) = 1.80, p = .041.",
    "An interaction, F(1, 26) = 4.50; p = 0.045.",            # 0.0436 against 0.045: too small to act on
    "Sphericity-corrected, F(1.3, 11.6) = 1.30, P = 0.29.",   # decimal df are rounded too
    "Row 2: F(2,14)=2.61 p <0.001 and so on",                 # a flattened table: no separator, not read
])
def test_does_not_fire(text):
    assert not check_text(RULE, text)


@given(df=st.integers(2, 300), t=st.floats(0.05, 8), decimals=st.sampled_from([1, 2, 3]))
def test_property_a_p_computed_from_t_and_rounded_never_fires(df, t, decimals):
    t_text = f"{t:.{decimals}f}"
    p = 2 * special.stdtr(df, -float(t_text))
    p_text = f"p = {p:.3f}" if p >= 0.001 else "p < .001"
    assert not check_text(RULE, f"Scores changed, t({df}) = {t_text}, {p_text}.")


@given(df1=st.integers(1, 6), df2=st.integers(5, 200), f=st.floats(0.1, 40))
def test_property_a_p_computed_from_f_and_rounded_never_fires(df1, df2, f):
    f_text = f"{f:.2f}"
    p = special.fdtrc(df1, df2, float(f_text))
    p_text = f"p = {p:.2f}" if p >= 0.01 else "p < .01"
    assert not check_text(RULE, f"An effect, F({df1}, {df2}) = {f_text}, {p_text}.")


@given(df=st.integers(1, 10), x=st.floats(0.1, 30))
def test_property_a_p_computed_from_chi_square_never_fires(df, x):
    x_text = f"{x:.1f}"
    p = special.chdtrc(df, float(x_text))
    p_text = f"p = {p:.3f}" if p >= 0.001 else "p < .001"
    assert not check_text(RULE, f"Rates differed, χ2({df}) = {x_text}, {p_text}.")

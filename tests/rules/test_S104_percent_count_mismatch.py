import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.validate.examples import check_text
from pipeline.validate.rules.percent_count_mismatch import fits

RULE = "percent-count-mismatch"


@pytest.mark.parametrize("text", [
    "In all, 18 of 20 (95%) reported relief.",
    "Remission: 18 of 24 patients (80%).",
    "Remission was reached by 80% (18/24).",
    "Responders: 9 (60.0%) of 20.",
    "Only 71% of 18 patients finished.",
    "Response: 14/17 (75%).",
])
def test_fires(text):
    (f,) = check_text(RULE, text)
    assert f.severity == "warning" and "%" in f.message


@pytest.mark.parametrize("text", [
    "In all, 14 of 17 (82%) reported relief.",
    "Responders: 15 of 23 (65%).",
    "Remission: 12 of the 18 completers (66.7%).",
    "Remission: 6/8 (75%).",
    "Side effects: 5 of 16 (31%).",
    "About 71% of 18 patients finished.",
    "Nine out of 10 users (86%) liked it.",
    "Relief in 0 of 27 (95% CI 0 to 12).",
    "Roughly 66.7% of 18 patients finished.",
])
def test_does_not_fire(text):
    assert not check_text(RULE, text)


def test_truncation_is_tolerated():
    assert fits(2, 3, "66")  # 66.67 truncated
    assert fits(2, 3, "67")  # rounded
    assert not fits(2, 3, "68")
    assert fits(1, 3, "33.3") and not fits(1, 3, "33.5")


@given(y=st.integers(1, 999).filter(lambda y: y not in (10, 100)), data=st.data())
def test_property_rounded_percent_never_fires(y, data):
    x = data.draw(st.integers(0, y))
    p = round(100 * x / y)
    assert not check_text(RULE, f"Overall, {x} of {y} patients ({p}%) improved.")


@given(y=st.integers(5, 999).filter(lambda y: y not in (10, 100)), data=st.data())
def test_property_percent_off_by_two_points_always_fires(y, data):
    x = data.draw(st.integers(0, y))
    p = round(100 * x / y) + data.draw(st.sampled_from([-3, -2, 2, 3]))
    if not 0 <= p <= 100:
        return
    assert len(check_text(RULE, f"Overall, {x} of {y} patients ({p}%) improved.")) == 1

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.validate.examples import check_text
from pipeline.validate.rules.grim_inconsistent import grim_possible

RULE = "grim-inconsistent"


@pytest.mark.parametrize("text, message", [
    ("The mean number of falls was 1.48 (SD 0.9; n = 19).",
     "a mean of 1.48 over 19 whole numbers (number of falls) is impossible: 19 × 1.48 = 28.12, but 28/19 = 1.474 "
     "and 29/19 = 1.526; no whole total gives 1.48"),
    ("The mean number of clinic visits was 3.22 ± 1.2 in the 16 patients.",
     "a mean of 3.22 over 16 whole numbers (number of clinic visits) is impossible: 16 × 3.22 = 51.52, but 51/16 = "
     "3.188 and 52/16 = 3.250; no whole total gives 3.22"),
])
def test_fires(text, message):
    (f,) = check_text(RULE, text)
    assert f.message == message


@pytest.mark.parametrize("text", [
    "The mean number of falls was 1.47 (SD 0.9; n = 19).",
    "The mean number of clinic visits was 3.18 ± 1.2 in the 16 patients.",   # 50.88 -> 51/16 = 3.1875, truncated
    "The mean number of falls was 1.48 (SD 0.9).",                            # no n for this mean
    "The mean anxiety score was 1.48 (n = 19).",                              # a scale score: not whole numbers
    "The mean number of cigarettes per day was 1.48 (n = 19).",               # a rate
    "The mean number of falls was 1.4 (n = 19).",                             # one decimal: n >= 10 fits any mean
    "The mean number of visits was 2.36 (n = 240).",                           # n >= 100 fits any two-decimal mean
])
def test_does_not_fire(text):
    assert not check_text(RULE, text)


def test_arithmetic():
    assert grim_possible(1.47, 19, 2) and not grim_possible(1.48, 19, 2)
    assert grim_possible(2.5, 2, 1) and grim_possible(3.33, 3, 2) and not grim_possible(3.35, 3, 2)


@given(values=st.lists(st.integers(0, 20), min_size=1, max_size=99), digits=st.sampled_from([2, 3]))
def test_property_a_mean_of_whole_numbers_never_fires(values, digits):
    mean = sum(values) / len(values)
    text = f"The mean number of relapses was {mean:.{digits}f} (n = {len(values)})."
    assert not check_text(RULE, text), text

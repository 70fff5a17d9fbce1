import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.validate.examples import check_text

RULE = "sex-split-mismatch"


def test_fires_from_text():
    (f,) = check_text(RULE, "We enrolled 20 patients; 12 men and 10 women took part.", sample_size=20)
    assert "12 men + 10 women = 22" in f.message and "2 more" in f.message


def test_fires_from_facts():
    text = "We enrolled 30 adults (14 male, 14 female)."
    assert check_text(RULE, text, sample_size=30, n_male=14, n_female=14)


def test_split_of_completers_is_not_the_sample():
    text = "Twenty-six adults enrolled and 19 (13 men and 6 women) completed the study."
    assert not check_text(RULE, text, sample_size=26)


def test_arm_split_is_not_the_sample():
    text = "Eighty adults were randomized; group A had 25 women and 15 men."
    assert not check_text(RULE, text, sample_size=80)


def test_percentages_must_add_to_100():
    text = "The cohort of 50 was 40% male and 70% female."
    assert check_text(RULE, text, sample_size=50, pct_male=40.0, pct_female=70.0)


@given(n=st.integers(2, 2000), data=st.data())
def test_property_split_equal_to_total_never_fires(n, data):
    m = data.draw(st.integers(0, n))
    text = f"The trial enrolled {n} adults; {m} men and {n - m} women took part."
    assert not check_text(RULE, text, sample_size=n, n_male=m, n_female=n - m)


@given(n=st.integers(2, 2000), m=st.integers(0, 2000), f=st.integers(0, 2000))
def test_property_any_other_split_always_fires(n, m, f):
    if m + f == n:
        f += 1
    text = f"The trial enrolled {n} adults; {m} men and {f} women took part."
    assert len(check_text(RULE, text, sample_size=n)) == 1


def test_group_meaning_the_whole_sample_still_fires():
    text = "In this trial (n = 48) adults used a nasal spray. The group included 21 men and 29 women."
    (f,) = check_text(RULE, text, sample_size=48)
    assert "21 men + 29 women = 50" in f.message and "48" in f.message


@pytest.mark.parametrize("other", [
    "Their mean age was 50 years.", "About 50% smoked.", "Follow-up lasted 50 days.", "Doses were 50 mg.",
])
def test_unrelated_number_equal_to_the_sum_does_not_excuse_it(other):
    text = f"The study enrolled 48 adults. {other} The sample included 21 men and 29 women."
    assert check_text(RULE, text, sample_size=48)


@pytest.mark.parametrize("text", [
    "Of 50 adults screened, 48 were enrolled. There were 21 men and 29 women.",
    "We approached 50 people and enrolled 48; those approached were 21 men and 29 women.",
    "The study enrolled 48 adults. The placebo group included 11 men and 13 women.",
    "The study enrolled 48 adults; 44 (20 men and 24 women) completed it.",
])
def test_split_of_another_count_of_people_does_not_fire(text):
    assert not check_text(RULE, text, sample_size=48)


def test_one_split_per_arm_adding_up_to_the_total_does_not_fire():
    # bulk false alarm, my own wording: each arm's split, the two splits together are everyone
    text = ("Forty-two adults were randomized to splints (12 men, 9 women) or to taping (11 men, "
            "10 women) for six weeks.")
    assert not check_text(RULE, text, sample_size=42)


def test_several_arm_splits_that_do_not_add_up_are_left_alone():
    text = ("The 66 patients were randomly allocated. Group one comprised 26 women and 10 men; group "
            "two comprised 20 women and 9 men.")
    assert not check_text(RULE, text, sample_size=66)

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.validate.examples import check_text

RULE = "period-duration-mismatch"
MONTHS = "January February March April May June July August September October November December".split()


@pytest.mark.parametrize("text", [
    "Records were gathered over 12 months, from March 2016 to February 2018.",
    "Enrolment ran across 30 months between January 2010 and June 2011.",
    "The registry spanned three years (May 2012 to April 2013).",
])
def test_fires(text):
    (f,) = check_text(RULE, text)
    assert "months" in f.message


@pytest.mark.parametrize("text", [
    "Records were gathered across 18 months between December of 2015 and June of 2017.",
    "Clinics took part over two years, from June 2018 to May 2020.",
    "Patients were seen over six months, between October 2018 and March 2019.",
    "Enrolment took about two years, from January 2014 to March 2016.",
    "Between January 2015 and June 2017, patients received the drug for 3 months.",
    "Surveys in 2015 and 2017 over 12 months of follow-up.",
])
def test_does_not_fire(text):
    assert not check_text(RULE, text)


@given(y=st.integers(1990, 2030), m=st.integers(0, 11), length=st.integers(1, 60), both_ends=st.booleans())
def test_property_fitting_length_never_fires(y, m, length, both_ends):
    end = y * 12 + m + length - (1 if both_ends else 0)
    text = (f"Data were collected over {length} months, from {MONTHS[m]} {y} to "
            f"{MONTHS[end % 12]} {end // 12}.")
    assert not check_text(RULE, text)


@given(y=st.integers(1990, 2030), m=st.integers(0, 11), length=st.integers(2, 60), off=st.sampled_from([-5, -2, 3, 7]))
def test_property_length_off_by_more_than_slack_always_fires(y, m, length, off):
    end = y * 12 + m + length
    stated = length + off
    if stated < 1:
        return
    text = (f"Data were collected over {stated} months, from {MONTHS[m]} {y} to "
            f"{MONTHS[end % 12]} {end // 12}.")
    assert len(check_text(RULE, text)) == 1


def test_weeks_are_converted():
    assert not check_text(RULE, "Records were gathered over 78 weeks, from December 2015 to June 2017.")
    assert check_text(RULE, "Records were gathered over 40 weeks, from December 2015 to June 2017.")


def test_time_after_an_event_is_not_the_period():
    text = "We recruited 300 mothers (March 2016 to March 2017) and followed them for a month after the birth."
    assert not check_text(RULE, text)


def test_a_round_year_may_be_a_month_off_but_not_more():
    assert not check_text(RULE, "The course ran for one year, from September 2010 to October 2011.")
    assert check_text(RULE, "The course ran for one year, from September 2010 to March 2012.")

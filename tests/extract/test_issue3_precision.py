"""Issue 3: look-alike counts, sex splits, negated controls, rescue drugs, design phrasings."""
from __future__ import annotations

import pytest

from pipeline.extract import extract_text
from pipeline.extract.counts import find_counts, study_total
from pipeline.text.numbers import parse_number


def one(text: str):
    (study,) = extract_text("t", text).studies
    return study


def val(fact):
    return None if fact is None else fact.value


def total(text: str):
    c = study_total(find_counts(text), text)
    return None if c is None else c.value


@pytest.mark.parametrize("text, expected", [
    ("A total of 30 boys and 25 girls were enrolled in the school programme.", 55),
    ("For the trial, 14 female and nine male healthy volunteers were given the tea.", 23),
    ("Our clinic recruited 21 women and 19 men for the exercise study.", 40),
    ("The cohort was made up of 61 men and 70 women.", None),  # a split alone: no total
    ("Thirty adults were randomized; 12 in each group completed the diary.", 30),
    ("Fourteen patients per arm were needed, and 40 patients were enrolled.", 40),
    ("We enrolled 88 outpatients. Of the 80 still attending, 44 participants (55%) improved.", 88),
    ("Some 250,000 patients worldwide receive the implant each year.", None),
    ("Forty two T1DM patients were randomly assigned to the pump or injections.", 42),
    ("Group 2 participants practised yoga at home.", None),
    ("We randomized 212 overweight type 2 diabetic adults to two diets.", 212),
    ("Nineteen stage II breast cancer survivors were enrolled.", 19),
    ("The trial using 57 volunteers compared two creams.", 57),
])
def test_sample_totals(text, expected):
    assert total(text) == expected


def test_subset_with_percent_is_not_the_total():
    text = "Of the 15 volunteers still in the trial, nine volunteers (60 percent) slept better."
    assert total(text) == 15


@pytest.mark.parametrize("word, value", [("Eighty\u2010one", 81), ("thirty\u2011two", 32), ("Sixty-five", 65)])
def test_number_words_with_unicode_hyphens(word, value):
    assert parse_number(word) == value
    assert val(one(f"In the randomized trial, {word} adults with migraine were enrolled.").sample_size) == value


def test_sex_pair_of_events_is_not_the_split():
    s = one("The randomized trial enrolled 400 adults. Over ten years, 31 women and 12 men developed dementia.")
    assert s.n_male is None and s.n_female is None


def test_sex_pair_of_yearly_statistics_is_not_the_split():
    s = one("The randomized trial enrolled 90 adults with asthma. The disease is diagnosed in 9,000 women and 8,000 men a year.")
    assert s.n_male is None and s.n_female is None


def test_sex_pair_that_took_part_is_kept():
    s = one("The randomized trial enrolled 40 adults with asthma; 22 men and 18 women took part.")
    assert (val(s.n_male), val(s.n_female), val(s.sample_size)) == (22, 18, 40)


def test_percent_rates_by_sex_are_not_the_make_up():
    s = one("In the randomized trial of 300 pupils, 52% boys and 61% girls enjoyed the sessions.")
    assert s.pct_male is None and s.pct_female is None


def test_percent_make_up_is_kept():
    s = one("The randomized trial enrolled 300 adults (41% men and 59% women).")
    assert (val(s.pct_male), val(s.pct_female)) == (41.0, 59.0)


def cond_counts(text: str) -> dict:
    return {c.name.value: val(c.n) for c in one(text).conditions}


def test_age_bound_is_not_a_condition_count():
    counts = cond_counts("Researchers enrolled 48 adults aged between 50 and 80 diagnosed with Parkinson's disease in a trial.")
    assert 80 not in counts.values()


def test_denominator_is_not_a_condition_count():
    counts = cond_counts("The trial randomized 40 patients with pain. In all, 5/19 drug and 7/21 placebo patients had HIV.")
    assert 21 not in counts.values() and 19 not in counts.values()


def test_percentage_of_a_population_is_not_a_count():
    counts = cond_counts("The trial enrolled 30 adults with asthma. About 60 percent of asthma patients are women.")
    assert 60 not in counts.values()


def test_future_patients_are_not_counted():
    counts = cond_counts("The trial enrolled 9 adults with lymphoma. The team will treat six more patients with lymphoma.")
    assert 6 not in counts.values()


def test_yearly_statistic_is_not_a_condition_count():
    counts = cond_counts("The trial enrolled 120 patients. Roughly 600,000 people have strokes each year.")
    assert 600000 not in counts.values()


def test_condition_count_still_read():
    assert cond_counts("The trial enrolled 35 adults with psoriasis and gave them the cream.") == {"psoriasis": 35}


def test_negated_placebo_is_no_comparator():
    s = one("In this trial, 40 adults with insomnia took melatonin nightly. There was no placebo group.")
    assert s.comparator is None


def test_placebo_comparator_still_found():
    s = one("In this trial, 40 adults with insomnia took melatonin or a placebo nightly.")
    assert val(s.comparator) == "placebo"


def test_rescue_drug_is_not_the_tested_agent():
    s = one("In a randomized trial, 50 women took ketamine 0.5 mg/kg before surgery; ondansetron was allowed as a rescue "
            "antiemetic and ephedrine was given as needed for low blood pressure.")
    assert [i.agent.value for i in s.interventions] == ["ketamine"]


@pytest.mark.parametrize("sentence", [
    "This was a double-dummy randomized trial of 44 adults.",
    "Neither the patients nor the study staff knew which capsule was given to the 44 adults in the randomized trial.",
])
def test_double_blind_phrasings(sentence):
    assert val(one(sentence).blinding) == "double-blind"


def test_assessor_blinding_alone_is_single_blind():
    # guideline: "Blinded assessors" alone is single-blind
    assert val(one("In this randomized trial of 44 adults, outcome assessors were blinded; an assessor-blinded design.").blinding) \
        == "single-blind"


def test_each_participant_received_both_is_crossover():
    s = one("In a randomized trial of 18 volunteers, each volunteer received both drinks on separate days in random order.")
    assert val(s.crossover) is True


def test_received_both_without_each_is_not_crossover():
    s = one("In a randomized trial of 18 volunteers, the second group received both drinks.")
    assert s.crossover is None


def test_year_only_period_in_enrolment_sentence_states_no_months():
    # the guideline's period is the months the study ran: bare years give none
    s = one("Adults were recruited between 2016 and 2018 for this randomized trial of 70 adults with eczema.")
    assert s.period_start is None and s.period_end is None
    s = one("Adults were recruited between May 2016 and June 2018 for this randomized trial of 70 adults.")
    assert (str(val(s.period_start)), str(val(s.period_end))) == ("2016-05-01", "2018-06-01")


def test_year_only_range_outside_study_sentence():
    s = one("Sales rose between 2016 and 2018. A randomized trial enrolled 70 adults with eczema.")
    assert s.period_start is None

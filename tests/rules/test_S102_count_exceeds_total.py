from hypothesis import given
from hypothesis import strategies as st

from pipeline.validate.examples import check_text

RULE = "count-exceeds-total"


def test_count_of_its_own_denominator():
    (f,) = check_text(RULE, "At follow-up, 31 of the 30 volunteers said they slept better.")
    assert "31" in f.message and "30" in f.message and f.severity == "error"


def test_out_of_form_and_words():
    assert check_text(RULE, "Twenty-two out of twenty patients improved.")


def test_condition_count_above_sample_size():
    text = "The trial recruited 20 adults. Of these, 25 had generalized anxiety disorder."
    (f,) = check_text(RULE, text, sample_size=20, conditions=[("generalized anxiety disorder", 25)])
    assert "exceeds the sample size by 5" in f.message


def test_background_figure_far_above_the_sample_is_not_a_count():
    text = "About 40,000 people with GAD live in the region; the trial recruited 20 adults."
    assert not check_text(RULE, text, sample_size=20, conditions=[("generalized anxiety disorder", 40000)])


def test_years_and_positions_are_not_counts():
    assert not check_text(RULE, "Results of 2019 of 2018 data; week 12 of 8 was skipped.")


def test_completed_more_than_enrolled_is_another_rule():
    assert not check_text(RULE, "We enrolled 20 adults and 22 completed the study.")


def test_groups_and_weeks_are_not_people():
    assert not check_text(RULE, "Patients were randomised to 1 of 4 groups; by week 12 of 8 planned visits all had come.")


@given(y=st.integers(1, 500), data=st.data())
def test_property_part_within_whole_never_fires(y, data):
    x = data.draw(st.integers(0, y))
    assert not check_text(RULE, f"By the end, {x} of the {y} patients had responded.")


@given(y=st.integers(1, 500), data=st.data())
def test_property_part_above_whole_always_fires(y, data):
    x = data.draw(st.integers(y + 1, y + 500))
    assert len(check_text(RULE, f"By the end, {x} out of {y} patients had responded.")) == 1


def test_a_list_of_parallel_groups_is_not_a_count_against_its_first_group():
    text = ("In the study, researchers scanned 90 adults with normal hearing, 150 who had mild hearing loss "
            "and 60 who had tinnitus.")
    assert not check_text(RULE, text)


def test_more_answering_than_the_group_that_opens_the_sentence_fires():
    text = "We ran the course for a month. Of the 90 who finished it, 97 said they would recommend it."
    (f,) = check_text(RULE, text)
    assert "97 > 90" in f.message


def test_a_share_counted_in_its_group_does_not_fire():
    assert not check_text(RULE, "We ran the course for a month. In 12 of 15 patients, both readers agreed.")


def test_two_groups_side_by_side_are_not_a_count_against_the_first():
    text = "Heart rhythm was recorded in 24 healthy volunteers and 33 patients with atrial fibrillation."
    assert not check_text(RULE, text, sample_size=24, conditions=[("atrial fibrillation", 33)])
    # a count of the whole group named first still is
    text2 = "The trial enrolled 24 adults. Of these, 33 patients had atrial fibrillation."
    assert check_text(RULE, text2, sample_size=24, conditions=[("atrial fibrillation", 33)])

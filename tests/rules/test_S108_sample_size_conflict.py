import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.validate.examples import check_text

RULE = "sample-size-conflict"


def test_fires():
    text = "The clinic recruited 20 adults with PTSD. In the end, a total of 24 adults received ketamine."
    (f,) = check_text(RULE, text)
    assert "20" in f.message and "24" in f.message


@pytest.mark.parametrize("text", [
    "Twenty people were enrolled, and 18 completed the study; two dropped out.",
    "The trial recruited 40 adults. A total of 40 adults received treatment.",
    "A total of 60 patients were randomized: 30 patients were randomized to ketamine.",
    "The trial recruited 96 adults, 24 patients in each of four groups.",
])
def test_does_not_fire(text):
    assert not check_text(RULE, text)


@given(n=st.integers(2, 999))
def test_property_same_n_twice_never_fires(n):
    text = f"The trial recruited {n} adults. Overall, {n} adults received at least one dose."
    assert not check_text(RULE, text)


@given(a=st.integers(2, 999), b=st.integers(2, 999))
def test_property_more_treated_than_recruited_fires(a, b):
    # fewer treated than recruited is ordinary (some never start); more treated is a contradiction
    text = f"The trial recruited {a} adults. Overall, {b} adults received at least one dose."
    assert bool(check_text(RULE, text)) == (b > a)


@given(a=st.integers(2, 999), b=st.integers(2, 999))
def test_property_two_enrolled_totals_fire_unless_equal(a, b):
    text = f"The trial recruited {a} adults. In all, {b} adults were enrolled."
    assert bool(check_text(RULE, text)) == (a != b)


def test_share_of_more_people_than_the_study_had():
    text = "The clinic examined the drug on 20 patients. At the end, 18 out of 24 patients felt better."
    (f,) = check_text(RULE, text, sample_size=20)
    assert "24" in f.message and "20" in f.message


def test_share_of_a_screened_pool_is_not_a_conflict():
    text = "Of 40 people screened, 20 patients were enrolled; 18 out of the 40 patients screened were eligible."
    assert not check_text(RULE, text, sample_size=20)


@pytest.mark.parametrize("text, values", [
    ("Methods: the trial (n = 36) tested a mouth spray. Results: Across the 40 participants, dryness eased.",
     {"sample_size": 36}),
    ("Thirty-six adults were randomised to the spray or a dummy spray. Among all 40 participants, dryness eased.", {}),
    ("We recruited 36 adults into a placebo-controlled design with two arms. Overall, 40 adults used the spray.", {}),
])
def test_unexplained_second_size_fires(text, values):
    (f,) = check_text(RULE, text, **values)
    assert "36" in f.message and "40" in f.message and "difference of 4" in f.message


@pytest.mark.parametrize("text", [
    "Thirty-six adults were randomised. Four withdrew, and across the 32 participants who finished, dryness eased.",
    "Thirty-six adults were randomised to the spray or a dummy spray; 18 adults were randomised to the spray.",
    "We recruited 36 adults. The dummy-spray group included 18 patients.",
    "We recruited 36 adults. Among the 20 patients who responded, dryness eased most.",
    "Forty adults were enrolled and 36 were randomised to the spray or a dummy spray.",
    "An earlier trial recruited 120 adults. This one recruited 36 adults.",
    "The trial recruited 36 adults at two sites; at the larger site, 24 adults were recruited.",
    "Thirty-six adults were randomised; 30 were analysed.",
])
def test_explained_or_partial_sizes_do_not_fire(text):
    assert not check_text(RULE, text)


# Arm sizes against the randomised total (moved here from S101 when arms became part of the flow).


@pytest.mark.parametrize("text", [
    "Seventy veterans were randomised to the app or usual care. 38 received the app, and 35 received usual care.",
    "We randomised 70 veterans: 38 were assigned to the app and 35 were assigned to a waiting list.",
    "The trial enrolled 70 veterans, 38 in the app group and 35 in the control group.",
])
def test_arms_that_do_not_add_up_fire_with_arithmetic(text):
    (f,) = check_text(RULE, text, sample_size=70)
    assert "38 + 35 = 73" in f.message and "70" in f.message


@pytest.mark.parametrize("text", [
    "Seventy veterans were randomised to the app or usual care. 36 received the app, and 34 received usual care.",
    "Seventy veterans were randomised. 35 received the app and 30 received usual care; five withdrew early.",
    "In this crossover trial, 70 veterans used the app and, in random order, 70 received a sham app.",
    "Seventy veterans took part in a crossover study: 40 received the app first and 38 received the sham first.",
    "Of 70 veterans, 66 received at least one session and 60 received all sessions in the app group.",
    "Seventy veterans were randomised; 38 received the app and, of those, 35 received the booster.",
])
def test_arms_that_fit_or_overlap_by_design_do_not_fire(text):
    assert not check_text(RULE, text, sample_size=70)


@given(total=st.integers(10, 500), data=st.data())
def test_property_arm_sum_fires_iff_it_differs_from_the_total(total, data):
    a = data.draw(st.integers(1, total - 1))
    b = data.draw(st.integers(1, total - 1))
    text = f"We randomised {total} adults. {a} received the tablet and {b} received a placebo tablet."
    assert bool(check_text(RULE, text, sample_size=total)) == (a + b != total)


# Bulk false alarms, in sentences of my own.
@pytest.mark.parametrize("text", [
    # the arms hold those who were left after the stated losses
    "In this trial, 130 parents, of whom ten were lost before the first visit, were randomly assigned. "
    "Parents in the coaching group (n = 64) were compared with parents given leaflets (n = 56).",
    # three groups stated, two sizes read: an unread size is no contradiction
    "A total of 90 students were randomly allocated into 3 groups: coaching (n=30), control (=30) and a quiz (n=30).",
])
def test_explained_or_unread_arms_do_not_fire(text):
    assert not check_text(RULE, text)


def test_arms_that_miss_the_total_without_a_reason_still_fire():
    text = ("In this trial, 130 parents were randomly assigned to two groups. "
            "Parents in the coaching group (n = 64) were compared with parents given leaflets (n = 56).")
    (f,) = check_text(RULE, text)
    assert "64 + 56 = 120" in f.message and "130" in f.message

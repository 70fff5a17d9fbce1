from hypothesis import given
from hypothesis import strategies as st

from pipeline.validate.examples import check_text

RULE = "subgroup-exceeds-total"


def fired(text, **values):
    return [f for f in check_text(RULE, text, **values)]


def test_fires_with_arithmetic_in_message():
    text = ("The clinic treated 20 patients. Of these, 15 were diagnosed with panic disorder, while 18 "
            "suffered from a social anxiety disorder.")
    (f,) = fired(text, sample_size=20)
    assert f.code == "S101" and f.severity == "error"
    assert "15 + 18 = 33" in f.message and "20 patients" in f.message and "13" in f.message
    assert text[f.char_start:f.char_end].startswith("15")


def test_uses_extracted_condition_counts():
    text = "Twenty adults took part: 12 had depression and 11 had insomnia."
    got = fired(text, sample_size=20, conditions=[("depression", 12), ("insomnia", 11)])
    assert len(got) == 1 and "12 + 11 = 23" in got[0].message


def test_explained_overlap_does_not_fire():
    text = ("We saw 40 outpatients; 28 were diagnosed with social anxiety disorder and 25 with "
            "depression, and thirteen of them had both.")
    assert not fired(text, sample_size=40, conditions=[("social anxiety disorder", 28), ("depression", 25)])


def test_stated_overlap_too_small_still_fires():
    text = "Of 40 outpatients, 28 had social anxiety disorder and 25 had depression; 5 of them had both."
    (f,) = fired(text, sample_size=40, conditions=[("social anxiety disorder", 28), ("depression", 25)])
    assert "5 had both" in f.message


def test_all_have_both_conditions():
    text = "The trial followed 27 children with ADHD and insomnia."
    assert not fired(text, sample_size=27, conditions=[("ADHD", 27), ("insomnia", 27)])


def test_nested_count_does_not_fire():
    text = "We enrolled 60 adults with depression. Of those, 45 also had chronic pain."
    assert not fired(text, sample_size=60, conditions=[("depression", 50), ("chronic pain", 45)])


@given(total=st.integers(2, 400), data=st.data())
def test_property_sum_within_total_never_fires(total, data):
    a = data.draw(st.integers(1, total - 1))
    b = data.draw(st.integers(1, total - a)) if total - a >= 1 else 0
    text = f"The study enrolled {total} patients; {a} had depression and {b} had insomnia."
    assert not fired(text, sample_size=total, conditions=[("depression", a), ("insomnia", b)])


@given(total=st.integers(3, 400), data=st.data())
def test_property_sum_over_total_always_fires(total, data):
    a = data.draw(st.integers(total // 2 + 1, total - 1))
    b = data.draw(st.integers(total - a + 1, total - 1))
    text = f"The study enrolled {total} patients; {a} had depression and {b} had insomnia."
    got = fired(text, sample_size=total, conditions=[("depression", a), ("insomnia", b)])
    assert len(got) == 1 and f"{a} + {b} = {a + b}" in got[0].message


# False alarms read on the bulk corpus, in sentences of my own.
def test_a_procedure_undergone_is_not_a_diagnosis():
    text = ("The pilot enrolled 30 adults with knee pain. So far 21 had undergone the injection and "
            "only 14 had made it to the three-month visit.")
    assert not fired(text, sample_size=30)


def test_events_suffered_during_follow_up_are_not_diagnoses():
    text = ("We followed 150 nursing-home residents. During two years, 96 suffered at least one chest "
            "infection and 81 suffered 310 falls.")
    assert not fired(text, sample_size=150)

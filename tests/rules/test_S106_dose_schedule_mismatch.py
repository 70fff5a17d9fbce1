import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.validate.examples import check_text

RULE = "dose-schedule-mismatch"


@pytest.mark.parametrize("text", [
    "Infusions were given at escalating doses: 0.3 mg/kg in week one, 0.5 mg/kg in week two and 0.4 mg/kg in week three.",
    "Patients took increasing doses of 50 mg, 100 mg and 75 mg over the month.",
    "The drug was given weekly for four weeks, three doses in total.",
    "Sessions ran twice weekly for three weeks, with four infusions in all.",
    "Doses were given once per week for three weeks: 0.2 mg/kg the first week and 0.4 mg/kg the second week.",
])
def test_fires(text):
    assert len(check_text(RULE, text)) == 1


@pytest.mark.parametrize("text", [
    "Patients were given increasing doses once per week for three weeks: 0.25mg/kg the first week, "
    "0.5mg/kg the second week, and 1.0mg/kg the third week.",
    "Infusions ran twice weekly for two weeks, four doses in all.",
    "Infusions were given once weekly for three weeks, three infusions in total.",
    "Escalating doses of 50 mg, 100 mg and 150 mg were used, four weeks each.",
    "Escalating doses up to 150 mg were used, then reduced to 100 mg.",
    "Children took 3 or 6 mg by body weight nightly for four weeks.",
    "Tablets were taken twice a day until resolution or for 7 days, at most 2 doses.",
    "Patients received 1-2 weekly doses for three months.",
])
def test_does_not_fire(text):
    assert not check_text(RULE, text)


@given(k=st.integers(1, 3), weeks=st.integers(1, 12))
def test_property_matching_count_never_fires(k, weeks):
    freq = {1: "once weekly", 2: "twice weekly", 3: "three times a week"}[k]
    text = f"Ketamine was infused {freq} for {weeks} weeks, {k * weeks} infusions in total."
    assert not check_text(RULE, text)


@given(k=st.integers(1, 3), weeks=st.integers(1, 12), off=st.sampled_from([-2, -1, 1, 3]))
def test_property_other_count_always_fires(k, weeks, off):
    if k * weeks + off < 1:
        return
    freq = {1: "once weekly", 2: "twice weekly", 3: "three times a week"}[k]
    text = f"Ketamine was infused {freq} for {weeks} weeks, {k * weeks + off} infusions in total."
    assert len(check_text(RULE, text)) == 1


@given(doses=st.lists(st.integers(1, 400), min_size=2, max_size=5))
def test_property_escalation_fires_iff_a_dose_goes_down(doses):
    listed = ", ".join(f"{d} mg in week {i}" for i, d in enumerate(doses, 1))
    text = f"Doses were escalating: {listed}."
    goes_down = any(b < a for a, b in zip(doses, doses[1:]))
    assert bool(check_text(RULE, text)) == goes_down

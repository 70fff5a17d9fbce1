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


# Schedules whose multiplier is "k days a week", "k times daily", "every other day", "each weekday".
@pytest.mark.parametrize("text", [
    "Participants completed 12 sessions, held four days a week for three weeks.",
    "The lotion was applied twice daily for ten days (20 applications).",
    "Injections were given every other day for two weeks, seven injections altogether.",
    "Stimulation ran each weekday for four weeks, 20 sessions in all.",
    "The tablet was swallowed nightly for 3 weeks (21 doses).",
    "Light therapy was delivered daily for four weeks, 20 sessions in total.",  # weekday sessions
    "Children took 2 tablets twice daily for 5 days, 20 tablets in total.",  # tablets per dose
    "Patients had two to three sessions a week for four weeks, ten sessions in all.",
    "Patients received 3 sessions of massage per week for 6 weeks.",
    "Drops were used daily for 7 days, then every other day for 14 days, 14 doses in total.",
    "Cream was applied once daily for 4 weeks in all participants.",
])
def test_schedule_variants_that_fit_do_not_fire(text):
    assert not check_text(RULE, text)


@pytest.mark.parametrize("text, arithmetic", [
    ("The gummy was chewed every night for three weeks, 15 doses in all.", "1 a day x 21 days (3 weeks) = 21"),
    ("Capsules were taken daily for two weeks, nine capsules in total.", "1 a day x 14 days (2 weeks) = 14"),
    ("Participants completed 12 sessions, held four days a week for four weeks.", "4 a week x 4 weeks = 16"),
    ("The gel was applied twice daily for 6 days (10 applications).", "2 a day x 6 days = 12"),
    ("Stimulation ran each weekday for two weeks, 14 sessions in all.", "5 weekdays a week x 2 weeks = 10"),
    ("Shots were given every other day for 10 days, eight injections altogether.", "over 10 days = 5"),
])
def test_schedule_variants_that_do_not_fit_fire_with_arithmetic(text, arithmetic):
    (f,) = check_text(RULE, text)
    assert arithmetic in f.message


@given(days=st.integers(1, 7), weeks=st.integers(1, 10), words=st.sampled_from(["sessions", "visits", "treatments"]))
def test_property_days_a_week_is_the_multiplier(days, weeks, words):
    word = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}[days]
    ok = f"Patients attended {days * weeks} {words}, given {word} days a week for {weeks} weeks."
    assert not check_text(RULE, ok)
    bad = f"Patients attended {days * weeks + 2} {words}, given {word} days a week for {weeks} weeks."
    assert len(check_text(RULE, bad)) == 1


@given(k=st.sampled_from([(1, "nightly"), (1, "every night"), (2, "twice daily"), (3, "three times a day")]),
       days=st.integers(2, 30), off=st.sampled_from([0, -1, 2]))
def test_property_per_day_schedules(k, days, off):
    per, freq = k
    n = per * days + off
    text = f"The drug was taken {freq} for {days} days, {n} doses in total."
    assert bool(check_text(RULE, text)) == (off != 0)


def test_doses_a_day_times_days_a_week_are_not_one_multiplier():
    text = "The mask was worn twice a day, 4 days per week, for 3 weeks, for a total of 24 sessions per child."
    assert not check_text(RULE, text)


def test_days_a_week_alone_still_count_the_sessions():
    (f,) = check_text(RULE, "The mask was worn 4 days per week, for 3 weeks, for a total of 24 sessions per child.")
    assert "12" in f.message and "24" in f.message

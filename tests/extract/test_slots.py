"""Slots of trial language, in sentences written for these tests."""
from pipeline.extract import slots
from tests.extract.test_treatment import summary


def _names(text: str) -> list[tuple[str, str, str]]:
    return [(p.name, p.role, p.rule) for p in slots.phrases(text, 0, len(text))]


def test_allocation_lists_each_arm():
    text = "Ninety adults were randomly assigned to guided imagery, progressive muscle relaxation or a waitlist."
    found = _names(text)
    assert ("guided imagery", "intervention", "slot/allocated-to") in found
    assert ("progressive muscle relaxation", "intervention", "slot/allocated-to") in found
    assert [n for n, role, _ in found if role == "comparator"] == ["waitlist"]


def test_received_slot_cuts_the_noun_phrase_at_the_schedule():
    text = "The treated group received weekly hydrotherapy sessions for ten weeks."
    assert [n for n, _, _ in _names(text)] == ["hydrotherapy sessions"]


def test_effect_of_slot_skips_the_outcome():
    assert _names("We studied the effect of endothelial function on mood.") == []


def test_versus_names_the_comparator_side():
    found = _names("Knee taping versus usual physiotherapy was tested in 50 runners.")
    assert ("usual physiotherapy", "comparator", "slot/versus") in found


def test_slot_agent_fills_a_study_the_vocabulary_cannot_name():
    text = ("In this trial, 64 office workers were randomised to a standing-desk programme or to no change. "
            "After six months the standing-desk programme group reported less back pain.")
    assert [a for a, _, _ in summary(text)] == ["standing-desk programme"]


def test_slot_phrases_do_not_join_a_known_agent():
    text = "Seventy adults were randomized to melatonin or a relaxation app for four weeks."
    assert [a for a, _, _ in summary(text)] == ["melatonin"]


def test_bare_kinds_and_labels_are_not_agents():
    text = "Forty children were randomized to the app or to group B, and a third arm got the older treatment."
    assert summary(text) == []


def test_which_dose_is_not_part_of_the_agent_name():
    text = "Eight volunteers received the highest dose of the nasal influenza vaccine in the second month."
    assert [n for n, _, _ in _names(text)] == ["nasal influenza vaccine"]


def test_numbered_allocation_lists_each_arm():
    text = "Adults were randomized to 1 of 3 groups: 1) interval walking (daily), 2) tai chi (weekly), or 3) control."
    found = [n for n, role, _ in _names(text) if role == "intervention"]
    assert found[:2] == ["interval walking", "tai chi"]


def test_a_gerund_before_the_treatment_is_not_its_name():
    text = "We studied the effect of delivering a group breathing programme in prisons."
    assert [n for n, _, _ in _names(text)] == ["group breathing programme"]


def test_a_trial_of_names_what_was_tested():
    text = "A randomized controlled trial of a telephone coaching programme for new fathers."
    assert [n for n, _, _ in _names(text)] == ["telephone coaching programme"]
    assert _names("A randomized trial of 40 adults was run.") == []

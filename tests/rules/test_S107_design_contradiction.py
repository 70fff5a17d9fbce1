import pytest

from pipeline.validate.examples import check_text

RULE = "design-contradiction"


@pytest.mark.parametrize("text", [
    "This open-label study was double-blind and enrolled 30 adults.",
    "It was an uncontrolled pilot study. The placebo-controlled design used saline.",
    "This randomised trial was a non-randomised study in practice.",
    "The trial was double-blind. It was also an open-label trial of 40 adults.",
])
def test_fires(text):
    (f,) = check_text(RULE, text)
    assert f.severity == "error" and "exclude each other" in f.message


@pytest.mark.parametrize("text", [
    "A double-blind phase of eight weeks was followed by an open-label extension.",
    "Unlike earlier open-label studies, this double-blind trial used a placebo.",
    "This double-blind trial enrolled 30 adults with uncontrolled hypertension.",
    "Patients were randomized; 12 were not randomized because they declined.",
    "This randomized trial builds on open-label studies [3] and a double-blind trial [4].",
    "Study 1 was a double-blind trial.\nStudy 2 was an open-label trial.",
    "Study 1 was a double-blind trial. Study 2 was an open-label trial.",
    "The double-blind trial was not an open-label study.",
])
def test_does_not_fire(text):
    assert not check_text(RULE, text)


@pytest.mark.parametrize("text", [
    "This was a randomised, placebo-controlled trial of 44 adults.\nEveryone took the active gel. There was no placebo group.",
    "The sham-controlled study enrolled 30 adults. Notably, no sham arm was included.",
])
def test_placebo_controlled_without_placebo_fires(text):
    (f,) = check_text(RULE, text)
    assert "placebo" in f.message or "sham" in f.message


@pytest.mark.parametrize("text", [
    "Unlike earlier placebo-controlled trials, this pilot had no placebo group.",
    "This open-label study enrolled 44 adults; there was no placebo group.",
    "A placebo-controlled phase of 6 weeks was followed by an open-label extension with no placebo group.",
    "The placebo-controlled trial enrolled 44 adults with no placebo response at screening.",
])
def test_no_placebo_look_alikes_do_not_fire(text):
    assert not check_text(RULE, text)


def test_terms_for_two_parts_of_one_study_do_not_fire():
    text = ("Allocation to the two dose cohorts was open-label; within each cohort, allocation to the drug or "
            "placebo was double-blind.")
    assert not check_text(RULE, text)


def test_a_later_paragraph_saying_the_trial_was_double_blind_contradicts_its_open_label_introduction():
    text = ("In an open-label trial [4], 200 adults with hay fever used the new spray or a saline spray.\n\n"
            "Symptoms were scored each morning for a month.\n\n"
            "Since the study was double-blind, nobody knew which spray they had.")
    (f,) = check_text(RULE, text)
    assert "open-label" in f.message and "double-blind" in f.message


def test_a_later_paragraph_about_a_double_blind_follow_up_study_does_not_fire():
    text = ("In an open-label trial, 200 adults with hay fever used the new spray or a saline spray.\n\n"
            "Symptoms were scored each morning for a month.\n\n"
            "A double-blind trial of the spray is planned for next year.")
    assert not check_text(RULE, text)

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

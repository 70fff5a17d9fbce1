import pytest

from pipeline.validate.examples import check_text

RULE = "acronym-mismatch"


@pytest.mark.parametrize("text, acronym", [
    ("SNRIs (selective norepinephrine reuptake inhibitors) are an option.", "SNRI"),
    ("Selective norepinephrine reuptake inhibitors (SNRIs) are an option.", "SNRI"),
    ("Many had PTSD (post-traumatic stress syndrome) after the war.", "PTSD"),
    ("Obsessive compulsive depression (OCD) was excluded.", "OCD"),
    ("The FDA (Food and Drug Agency) approved it.", "FDA"),
])
def test_fires(text, acronym):
    (f,) = check_text(RULE, text)
    assert f.message.startswith(acronym) and "standard expansion" in f.message


@pytest.mark.parametrize("text", [
    "SSRIs (selective serotonin reuptake inhibitors) come first.",
    "SNRIs (serotonin-norepinephrine reuptake inhibitors) come next.",
    "Serotonin and noradrenaline reuptake inhibitors (SNRIs) come next.",
    "Generalised anxiety disorder (GAD) is common.",
    "Post traumatic stress disorder (PTSD) is common.",
    "Attention deficit hyperactivity disorder (ADHD) was diagnosed.",
    "Cognitive behavioural therapy (CBT) helps.",
    "N-methyl-D-aspartate (NMDA) receptors are blocked.",
    "SSRIs (such as sertraline) come first.",
    "Double-blind treatment (DBT) lasted six weeks.",
    "The U.S. Food and Drug Administration (FDA) approved it.",
    "Seasonal affective disorder (SAD) peaks in winter.",
])
def test_does_not_fire(text):
    assert not check_text(RULE, text)


@pytest.mark.parametrize("text", [
    "Two randomised, sham-controlled clinical trials (RCTs) were pooled.",
    "An RCT (randomized control trial) was run in four towns.",
    "Major depression disorder (MDD) was the entry diagnosis.",
])
def test_standard_words_with_qualifiers_or_other_endings_do_not_fire(text):
    assert not check_text(RULE, text)

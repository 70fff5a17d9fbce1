"""Sample size: totals in digits and words, enrolled versus completed, and look-alike numbers."""
import pytest

from pipeline.extract import extract_text, sample
from pipeline.extract.segment import Segment
from pipeline.models import Span, StudyFacts


def run(text: str) -> StudyFacts:
    seg = Segment(span=Span.of(text, 0, len(text)))
    study = StudyFacts(ordinal=1, span=seg.span)
    sample.fill(text, seg, study)
    return study


@pytest.mark.parametrize("text, expected", [
    ("We enrolled 64 adults with asthma.", 64),
    ("Thirty-two volunteers took part in the trial.", 32),
    ("The trial randomized one hundred and twelve patients to drug or placebo.", 112),
    ("A total of 250 participants were randomised.", 250),
    ("In this cohort (N = 167), symptoms were mild.", 167),
    ("The sample comprised n = 58 smokers.", 58),
    ("Nineteen outpatients were recruited at two clinics.", 19),
    ("The study followed 1,204 nurses for ten years.", 1204),
])
def test_totals(text, expected):
    study = run(text)
    assert study.sample_size is not None and study.sample_size.value == expected
    assert text[study.sample_size.span.char_start:study.sample_size.span.char_end] == study.sample_size.span.quote


@pytest.mark.parametrize("text", [
    "Adults aged 65 and over were eligible; the study ran in 2019.",
    "About 40 million people worldwide live with the condition.",
    "Patients took 50 mg daily for 12 weeks (p = 0.03).",
    "Response was 45 percent in one group and 30% in the other.",
    "Men 60 or older responded best.",
    "A review pooled 14 trials of the drug.",
    "Only one in ten adults seeks care.",
    "Mean age was 41.5 years.",
])
def test_look_alikes_are_not_sample_sizes(text):
    assert run(text).sample_size is None


def test_total_beats_arms_subsets_and_later_counts():
    text = ("Ninety adults were randomized: 45 to the app (n = 45) and 45 to a leaflet. "
            "At the end, 30 of the 45 patients on the app improved, and 12 patients reported headache.")
    assert run(text).sample_size.value == 90


def test_enrolled_and_completed_kept_apart():
    text = "Forty-eight patients were enrolled and 41 completed the study; seven withdrew."
    study = run(text)
    assert study.sample_size.value == 48
    assert study.n_enrolled.value == 48
    assert study.n_completed.value == 41


def test_arms_summed_only_when_one_sentence_assigns_them():
    text = "Patients were randomly assigned to exercise (n = 21) or stretching (n = 19)."
    study = run(text)
    assert study.sample_size.value == 40 and study.sample_size.rule == "sample-size/arm-sum"
    assert run("The exercise group (n = 21) did better.").sample_size is None


def test_sex_split_is_a_total_only_with_a_flow_verb():
    assert run("Twelve men and fifteen women were interviewed about sleep.").sample_size.value == 27
    assert run("Twelve men and fifteen women had migraines.").sample_size is None


def test_group_named_before_its_n_is_a_total_but_an_arm_is_not():
    assert run("Adults with insomnia (n = 40) were randomized to therapy or pills.").sample_size.value == 40
    assert run("The drug group (n = 20) slept longer than before.").sample_size is None


def test_of_the_total_opening_a_sentence():
    study = run("Of the 120 patients, 104 finished the study.")
    assert study.sample_size.value == 120 and study.n_completed.value == 104


@pytest.mark.parametrize("text, size", [
    ("RESULTS: Of 240 adults screened, 196 were randomized, 98 to the drug and 98 to placebo.", 196),
    ("We screened 300 outpatients for the randomized trial; 120 were enrolled in the trial.", 120),
    ("In this randomized trial, 80 adults with migraine who were referred to the clinic took part.", 80),
    ("In this randomized trial of 90 adults, 45 were randomized to the drug and 45 to placebo.", 90),
])
def test_screened_counts_give_way_to_the_enrolled(text, size):
    studies = extract_text("x", text).studies
    assert studies and studies[0].sample_size is not None and studies[0].sample_size.value == size


@pytest.mark.parametrize("text", [
    "In a randomized trial, patients seen between January 2014 and December 2014 were randomized to two diets.",
    "In a randomized trial, those with a symptom score >= 13 were randomly assigned to treatment.",
])
def test_years_and_thresholds_are_not_enrolled_counts(text):
    for study in extract_text("x", text).studies:
        assert study.sample_size is None or study.sample_size.value not in (2014, 13)


@pytest.mark.parametrize("text, expected", [
    ("We followed 36 night-shift workers for a month.", 36),           # a shift, not 36 nights
    ("Twenty-two day-shift workers took part in the trial.", 22),
    ("The clinic enrolled 75 babies with reflux.", 75),
    ("Eleven kidney transplant recipients took the new regimen.", 11),
    ("Nine below-knee amputees tried the new socket.", 9),
])
def test_counts_of_people_named_by_work_or_state(text, expected):
    study = run(text)
    assert study.sample_size is not None and study.sample_size.value == expected


def test_a_number_of_nights_is_still_not_people():
    assert run("Sleep was recorded over 14 nights in the lab.").sample_size is None

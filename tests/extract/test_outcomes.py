"""Results and adverse events from my own bulleted and inline lists."""
import pytest
from pipeline.extract import outcomes
from pipeline.extract.segment import Segment
from pipeline.models import Span, StudyFacts

ARTICLE = """Trial of a sleep aid

In this randomized trial, 60 adults took the tablet for two weeks. Overall, the investigators reported that:
  - Sleep onset was 15 minutes faster than with placebo
  - Night waking fell by a third
Common side effects were headache, dry mouth and mild nausea.

General safety

Like most sleep aids, it can cause:
* next-day grogginess
* dizziness
"""


def run():
    end = ARTICLE.index("General safety")
    seg = Segment(span=Span.of(ARTICLE, 0, end))
    study = StudyFacts(ordinal=1, span=seg.span)
    outcomes.fill(ARTICLE, seg, study)
    return study, outcomes.article_adverse_events(ARTICLE, [study])


def test_bullets_after_a_findings_intro_are_results():
    study, _ = run()
    bullets = [r.value for r in study.results if r.rule == "result/bullet"]
    assert bullets == ["Sleep onset was 15 minutes faster than with placebo", "Night waking fell by a third"]


def test_inline_side_effects_are_split_into_events():
    study, _ = run()
    assert [a.value for a in study.adverse_events] == ["headache", "dry mouth", "mild nausea"]


def test_side_effect_list_outside_studies_belongs_to_the_article():
    study, article_events = run()
    assert [a.value for a in article_events] == ["next-day grogginess", "dizziness"]
    for f in [*study.results, *study.adverse_events, *article_events]:
        assert ARTICLE[f.span.char_start:f.span.char_end] == f.span.quote


def test_intro_colon_may_carry_citation_markers():
    text = "Risks\n\nIn rare cases the drug may cause: 3 7\n\n• rash\n• fever\n"
    assert [a.value for a in outcomes.article_adverse_events(text, [])] == ["rash", "fever"]


def test_background_sentence_is_not_a_result():
    text = "The compound is found in many plants. It was first described in 1950."
    seg = Segment(span=Span.of(text, 0, len(text)))
    study = StudyFacts(ordinal=1, span=seg.span)
    outcomes.fill(text, seg, study)
    assert study.results == []


def test_long_repetitive_lists_stay_linear():
    import time

    for text in ["side effects were a, b, c, " * 4000, "• a\n" * 20000, "It found that:\n- x\n" * 5000]:
        seg = Segment(span=Span.of(text, 0, len(text)))
        t0 = time.perf_counter()
        outcomes.fill(text, seg, StudyFacts(ordinal=1, span=seg.span))
        outcomes.article_adverse_events(text, [])
        assert time.perf_counter() - t0 < 5


def _study(text):
    seg = Segment(span=Span.of(text, 0, len(text)))
    study = StudyFacts(ordinal=1, span=seg.span)
    outcomes.fill(text, seg, study)
    return study


@pytest.mark.parametrize("text", [
    "No serious adverse events were reported in either arm.",
    "The children stayed free of side effects such as rash or fever.",
    "There were no adverse effects like bruising during the course.",
])
def test_a_negated_side_effect_list_is_no_event(text):
    assert _study(text).adverse_events == []


@pytest.mark.parametrize("text, expected", [
    ("Adverse events were mild, transient and similar in both groups.", []),
    ("Side effects were recorded, respectively, at 4 and 8 weeks.", []),
    ("Adverse events were observed in 12 patients (10%) and 2 placebo groups.", []),
    ("The most common side effects were nausea, mild headache and dizziness.", ["nausea", "mild headache", "dizziness"]),
    ("Side effects included 30% constipation and elevated liver enzymes.", ["constipation", "elevated liver enzymes"]),
])
def test_only_named_events_are_adverse_events(text, expected):
    assert [a.value for a in _study(text).adverse_events] == expected


@pytest.mark.parametrize("text, expected", [
    ("RESULTS: Pain was reduced by 30% in the active group compared with 10% on placebo.",
     "Pain was reduced by 30% in the active group compared with 10% on placebo."),
    ("Main findings: the treated group improved significantly (p = 0.01).",
     "the treated group improved significantly (p = 0.01)."),
    ("The trial showed that 40 patients improved.", "The trial showed that 40 patients improved."),
])
def test_results_are_sentences_without_their_section_name(text, expected):
    results = _study(text).results
    assert [r.value for r in results] == [expected]
    assert text[results[0].span.char_start:results[0].span.char_end] == expected


@pytest.mark.parametrize("text, expected", [
    ("Side effects included vomiting 14 and rash [12].", ["vomiting", "rash"]),
    ("Side effects included type 2 diabetes and neutropenia 5% vs. 13%.", ["type 2 diabetes", "neutropenia"]),
    ("Adverse events were more common with the higher dose and of mild-to-moderate intensity.", []),
])
def test_event_names_without_their_figures(text, expected):
    assert [a.value for a in _study(text).adverse_events] == expected


@pytest.mark.parametrize("text, expected", [
    ("Side effects may include lower back pain and higher blood sugar.", ["lower back pain", "higher blood sugar"]),
    ("Side effects included headache, fewer than expected.", ["headache"]),
    ("Adverse events were lower in the treated arm and more frequent at night.", []),
])
def test_lower_or_higher_begins_an_event_name_unless_it_compares_events(text, expected):
    # "lower urinary tract infection" is an event; "lower in the treated arm" compares events
    assert [a.value for a in _study(text).adverse_events] == expected

"""Hypothesis properties of extraction: never raises, every span quotes the text."""
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract import extract_text

WORDS = st.sampled_from([
    "randomized", "double-blind", "placebo", "12", "patients", "with", "GAD", "(", ")", "n =", "mg/kg",
    "0.5", "weekly", "Study 2:", "\n\n", "men", "women", "Twenty-four", "between", "June", "2015", "and",
    "subcutaneous", "ketamine", "%", "of", "the", ".", ",", "•", "trial", "participants", "1 2 3",
])
ARTICLES = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=120).map(" ".join))


@given(ARTICLES)
def test_extraction_never_raises_and_spans_quote_the_text(text):
    facts = extract_text("x", text)
    for study in facts.studies:
        assert text[study.span.char_start:study.span.char_end] == study.span.quote
    for _, _, fact in facts.iter_facts():
        assert text[fact.span.char_start:fact.span.char_end] == fact.span.quote

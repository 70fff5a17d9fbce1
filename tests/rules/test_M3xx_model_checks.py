import datetime as dt

from pipeline.models import ArticleFacts, Fact, Span, StudyFacts
from pipeline.validate import validate
from pipeline.validate.examples import article_of
from pipeline.validate.registry import select

TEXT = "Twenty adults were seen from June 2019 to January 2017."


def _run(**fields):
    article = article_of(TEXT)
    study = StudyFacts.model_construct(ordinal=1, span=Span.of(TEXT, 0, len(TEXT)), conditions=[],
                                       interventions=[], design_terms=[], results=[], adverse_events=[],
                                       **{k: None for k in ("sample_size", "n_enrolled", "n_completed",
                                                            "n_male", "n_female", "pct_male", "pct_female",
                                                            "randomized", "blinding", "placebo_controlled",
                                                            "crossover", "age", "comparator", "period_start",
                                                            "period_end", "duration", "label")} | fields)
    facts = ArticleFacts.model_construct(source_id="example", studies=[study], adverse_events=[])
    return validate(article, facts, select(["M3"]))


def test_negative_count():
    (f,) = _run(sample_size=Fact(value=-4, span=Span.of(TEXT, 0, 6), rule="t"))
    assert f.rule == "negative-count" and f.category == "schema" and f.char_start == 0


def test_period_reversed():
    got = _run(period_start=Fact(value=dt.date(2019, 6, 1), span=Span.of(TEXT, 24, 33), rule="t"),
               period_end=Fact(value=dt.date(2017, 1, 1), span=Span.of(TEXT, 37, 49), rule="t"))
    assert [f.rule for f in got] == ["period-reversed"]


def test_span_outside_text():
    bad = Fact.model_construct(value=20, span=Span.model_construct(char_start=500, char_end=510, quote="x" * 10),
                               rule="t")
    got = _run(sample_size=bad)
    assert [f.rule for f in got] == ["span-outside-text"] and got[0].category == "provenance"


def test_span_quote_mismatch():
    bad = Fact(value=20, span=Span(char_start=0, char_end=6, quote="Thirty"), rule="t")
    got = _run(sample_size=bad)
    assert [f.rule for f in got] == ["span-quote-mismatch"]


def test_clean_facts_give_nothing():
    assert _run(sample_size=Fact(value=20, span=Span.of(TEXT, 0, 6), rule="t")) == []

"""Period: enrolment / data-collection ranges as first-of-month dates, and duration."""
import datetime as dt

import pytest

from pipeline.extract import period
from pipeline.extract.segment import Segment
from pipeline.models import Span, StudyFacts


def run(text: str) -> StudyFacts:
    seg = Segment(span=Span.of(text, 0, len(text)))
    study = StudyFacts(ordinal=1, span=seg.span)
    period.fill(text, seg, study)
    return study


def dates(study):
    return (study.period_start and study.period_start.value, study.period_end and study.period_end.value)


@pytest.mark.parametrize("text, start, end", [
    ("Patients were recruited between March of 2011 and May of 2013.", dt.date(2011, 3, 1), dt.date(2013, 5, 1)),
    ("Data were collected Feb 2016-Sep 2017 in two wards.", dt.date(2016, 2, 1), dt.date(2017, 9, 1)),
    ("Volunteers were enrolled from November to March 2020.", dt.date(2019, 11, 1), dt.date(2020, 3, 1)),
    ("We treated 30 patients between 1 July 2014 and 31 January 2015.", dt.date(2014, 7, 1), dt.date(2015, 1, 1)),
])
def test_ranges(text, start, end):
    study = run(text)
    assert dates(study) == (start, end)
    assert study.period_start.span.quote == text[study.period_start.span.char_start:study.period_start.span.char_end]


@pytest.mark.parametrize("text", [
    "A national survey found that use doubled between 2001 and 2016.",
    "The drug was approved in 2018 and published in 2019.",
    "See Smith 2010-2012 for background.",
    "Prices rose from 2015 to 2017.",
    "The trial ran from 2009 to 2012 at four sites.",  # bare years state no months (guideline)
])
def test_not_study_periods(text):
    assert dates(run(text)) == (None, None)


def test_duration_prefers_the_period_sentence():
    text = "Doses were given for six weeks. Data were gathered over 14 months, from May 2019 to June 2020."
    assert run(text).duration.value == "14 months"


def test_duration_alone():
    assert run("Participants trained for three weeks.").duration.value == "3 weeks"
    assert run("A 12-week trial of diet advice.").duration.value == "12 weeks"

"""When a study ran: enrolment / data-collection period and the study's stated duration.

A range ("between December of 2015 and June of 2017", "from 2015 to 2017", "Jan 2015-Mar
2016") counts only in a sentence that says people were enrolled, treated, studied or data
collected, so survey ranges and publication years stay out. Dates are the first of the month;
a range of two bare years ("from 2003 to 2009") states no months and gives no period.
"""
from __future__ import annotations

import datetime as dt
import re

from pipeline.text.index import index_of
from pipeline.text.regex import compile_skipping, first_class
from pipeline.extract.counts import sentence_bounds
from pipeline.text.numbers import NUMBER_SCAN, parse_number
from pipeline.extract.segment import Segment
from pipeline.models import Fact, Span, StudyFacts

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_MONTH = (r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|"
          r"sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)(?![a-z])")
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_DAY = r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s{1,4})?"
_DATE = (rf"(?:{_DAY}(?P<@m>{_MONTH})(?:\s{{1,4}}\d{{1,2}}(?:st|nd|rd|th)?)?,?(?:\s{{1,4}}of)?\s{{1,4}}(?P<@y>{_YEAR})"
         rf"|(?P<@mo>{_MONTH})|(?P<@yo>{_YEAR}))")


def _date(tag: str) -> str:
    # The look-ahead for what a date can begin with spares trying every month name at each word.
    date = _DATE.replace("@", tag)
    first = first_class(date, re.I)
    return f"(?={first}){date}" if first else date


_RANGE = compile_skipping(
    rf"\b(?:(?P<lead>between|from|during|spanning|covering|over|in)\s{{1,4}})?(?P<a>{_date('a')})"
    rf"\s{{0,3}}(?:and|to|through|until|till|thru|-|–|—)\s{{0,3}}(?P<b>{_date('b')})(?![\d])",
    re.I,
)
_CUE = compile_skipping(
    r"\b(?:enrol\w*|recruit\w*|random\w*|collected|collection|conducted|carried\s+out|performed|treated|"
    r"admitted|screened|took\s+part|participat\w*|underwent|study\s+period|data|trial|study|followed|"
    r"patients|participants|subjects|volunteers|cases|visits?)\b",
    re.I,
)
_NOT_STUDY = compile_skipping(r"\b(?:survey|published|publication|approved|census|prevalence|rose|increased|since|founded)\b", re.I)
_UNIT = r"(?P<unit>days?|weeks?|months?|years?)"
_DURATION = compile_skipping(
    rf"\b(?:(?:for|over|across|during|lasting|lasted|spanning|within)\s{{1,4}}(?:a\s{{1,4}}(?:total\s{{1,4}}of|period\s{{1,4}}of)\s{{1,4}})?"
    rf"|(?:a\s{{1,4}}span|period|total)\s{{1,4}}of\s{{1,4}})(?P<num>{NUMBER_SCAN})\s{{1,4}}{_UNIT}\b"
    rf"|\b(?P<num2>{NUMBER_SCAN})[- ](?P<unit2>day|week|month|year)(?:,?\s{{1,4}}[\w-]{{1,30}}){{0,3}}?\s{{1,4}}(?:study|trial|period|programme|program|intervention|treatment)\b",
    re.I,
)


def _month_year(m: re.Match[str], tag: str, other_year: int | None, end: bool) -> tuple[int, int] | None:
    if m.group(f"{tag}m"):
        return _MONTHS[m.group(f"{tag}m")[:3].lower()], int(m.group(f"{tag}y"))
    if m.group(f"{tag}yo"):
        return (12 if end else 1), int(m.group(f"{tag}yo"))
    if m.group(f"{tag}mo") and other_year is not None:
        return _MONTHS[m.group(f"{tag}mo")[:3].lower()], other_year
    return None


def _ranges(text: str, start: int, end: int):
    for m in index_of(text).matches(_RANGE, start, end):
        b = _month_year(m, "b", None, True)
        if b is None:
            continue
        a = _month_year(m, "a", b[1], False)
        if a is None:
            continue
        if m.group("amo") and a[0] > b[0]:
            a = (a[0], a[1] - 1)  # "from November to March 2019"
        if m.group("ayo") and m.group("byo"):
            continue  # "from 2003 to 2009" gives no months (guideline: the months the study ran)
        if m.group("amo") and not m.group("lead"):
            continue  # "May to June 2019" without "from/between"
        if (a[1], a[0]) > (b[1], b[0]) or b[1] - a[1] > 30:
            continue
        yield m, a, b


def fill(text: str, seg: Segment, study: StudyFacts) -> None:
    """Set the period fields of ``study`` from ``text[seg.span]``."""
    start, end = seg.span.char_start, seg.span.char_end
    period_sentence: tuple[int, int] | None = None
    for m, a, b in _ranges(text, start, end):
        s, e = sentence_bounds(text, m.start(), m.end(), start, end)
        sentence = text[s:e]
        if not _CUE.search(sentence.replace(m.group(0), " ")) or _NOT_STUDY.search(sentence):
            continue
        study.period_start = Fact[dt.date](value=dt.date(a[1], a[0], 1), span=Span.of(text, *m.span("a")),
                                           rule="period/range")
        study.period_end = Fact[dt.date](value=dt.date(b[1], b[0], 1), span=Span.of(text, *m.span("b")),
                                         rule="period/range")
        period_sentence = (s, e)
        break
    windows = [period_sentence, (start, end)] if period_sentence else [(start, end)]
    for lo, hi in windows:
        for m in index_of(text).matches(_DURATION, lo, hi):
            num = m.group("num") or m.group("num2")
            unit = (m.group("unit") or m.group("unit2")).lower()
            value = parse_number(num)
            if value is None:
                continue
            unit = unit if unit.endswith("s") else unit + "s"
            if value == 1:
                unit = unit[:-1]
            study.duration = Fact[str](value=f"{value} {unit}", span=Span.of(text, m.start(), m.end()),
                                       rule="period/duration")
            return

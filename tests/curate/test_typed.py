"""Typed columns of contract v2: durations in days, date precision, phase, route term, dose units."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.curate.typed import (
    date_precision, duration_days, normal_unit, per_day, phase_number, route_standard, with_typed_values,
)
from pipeline.models import Article
from pipeline.models.rows import DoseRow, FlowRow, InterventionRow, StudyRow
from pipeline.process import curate_with_decisions

# An article of our own: a phase 3 trial with a month-and-year start, a dated end, a route in plain
# words, a daily dose and a schedule.
TEXT = """Lozenges for mouth ulcers

A Phase 3 randomized, double-blind, placebo-controlled trial enrolled 84 adults with recurrent aphthous \
stomatitis between March 2018 and 14 June 2019. Participants were randomized to dexamethasone lozenges or \
placebo lozenges, dissolved under the tongue twice daily for eight weeks. The dexamethasone dose was 2 mg/day. \
Of the 84 adults, 80 completed the study.
"""


@pytest.fixture(scope="module")
def rows():
    a = Article(source_id="lozenges", path="lozenges.txt", sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
                title="Lozenges", kind="blog", text=TEXT)
    return curate_with_decisions(a, None).rows


def test_an_article_gives_typed_study_values(rows):
    [s] = rows["studies"]
    assert isinstance(s, StudyRow)
    assert s.phase == 3 and "phase" in (s.design_terms or [])
    assert s.evidence_level == 2
    assert (s.period_start, s.period_start_precision) == (dt.date(2018, 3, 1), "month")
    # The extractor keeps the month of "14 June 2019": the precision says what the DATE holds.
    assert s.period_end is not None and s.period_end_precision == ("day" if s.period_end.day == 14 else "month")


def test_an_article_gives_typed_intervention_and_dose_values(rows):
    [iv] = rows["interventions"]
    assert isinstance(iv, InterventionRow)
    assert (iv.agent, iv.route, iv.route_term, iv.route_edqm) == ("dexamethasone", "sublingual", "Sublingual use",
                                                                    "20067000")
    assert (iv.frequency, iv.per_day) == ("twice daily", 2.0)
    assert (iv.duration, iv.duration_days) == ("8 weeks", 56.0)
    assert iv.drugbank_id == "DB01234" and iv.mesh_id == "D003907"
    [d] = rows["doses"]
    assert isinstance(d, DoseRow) and (d.amount, d.unit, d.amount_unit, d.per) == (2.0, "mg/day", "mg", "day")


def test_an_article_gives_its_participant_flow(rows):
    flow = [r for r in rows["participant_flow"] if isinstance(r, FlowRow)]
    by_role = {r.role: r for r in flow}
    assert by_role["completed"].n == 80 and by_role["enrolled"].n == 84
    assert [r.seq for r in flow] == list(range(1, len(flow) + 1))
    assert TEXT[by_role["completed"].char_start:by_role["completed"].char_end].startswith("80")


@pytest.mark.parametrize("text, days", [
    ("18 months", 547.875), ("3 weeks", 21.0), ("1 year", 365.25), ("eight weeks", 56.0), ("a day", 1.0),
    ("12 hours", 0.5), ("one year", 365.25), ("2 fortnights", 28.0), ("6 to 8 weeks", None), ("several weeks", None),
    (None, None),
])
def test_duration_days(text, days):
    assert duration_days(text) == days


@pytest.mark.parametrize("quote, value, precision", [
    ("March 2018", dt.date(2018, 3, 1), "month"), ("2019", dt.date(2019, 1, 1), "year"),
    ("14 June 2019", dt.date(2019, 6, 14), "day"), ("14 June 2019", dt.date(2019, 6, 1), "month"),
    ("2017-05-02", dt.date(2017, 5, 2), "day"), ("Dec. 1989", dt.date(1989, 12, 1), "month"),
])
def test_date_precision(quote, value, precision):
    assert date_precision(quote, value) == precision


@pytest.mark.parametrize("quote, phase", [("Phase 3", 3), ("phase IIb", 2), ("phase 2/3", 2), ("Phase IV", 4),
                                          ("phase 0", 0), ("a phased start", None)])
def test_phase_number(quote, phase):
    assert phase_number(quote) == phase


def test_route_standard_term_from_the_words_then_the_route():
    assert route_standard("other", "buccally") == ("Buccal use", "20008000")
    assert route_standard("intravenous", "infused") == ("Intravenous use", "20045000")
    assert route_standard("oral", "a diet") == ("Oral use", "20053000")  # no route word: the route's own
    assert route_standard("other", "a splint") == (None, None)
    assert route_standard(None, "orally") == (None, None)


@pytest.mark.parametrize("unit, normal", [
    ("mg/d", ("mg/day", "mg", "day")), ("mg/day", ("mg/day", "mg", "day")), ("mg/kg/d", ("mg/kg/day", "mg/kg", "day")),
    ("mg/kg/h", ("mg/kg/h", "mg/kg", "hour")), ("µg/kg/min", ("µg/kg/min", "µg/kg", "minute")),
    ("mg", ("mg", "mg", None)), ("mcg", ("µg", "µg", None)), ("mg/mL", ("mg/mL", "mg/mL", None)),
])
def test_normal_unit(unit, normal):
    assert normal_unit(unit) == normal


@pytest.mark.parametrize("frequency, n", [("daily", 1.0), ("twice daily", 2.0), ("three times daily", 3.0),
                                          ("weekly", round(1 / 7, 6)), ("5 days a week", round(5 / 7, 6)),
                                          ("every other day", 0.5), ("once", None), ("biweekly", None)])
def test_per_day(frequency, n):
    assert per_day(frequency) == n


@given(st.sampled_from(["mg", "mg/d", "mg/kg/h", "g/d", "mL", "IU/d", "µg/kg/min", "U"]))
def test_normal_units_are_fixed_points(unit):
    normal, amount_unit, per = normal_unit(unit)
    assert normal_unit(normal) == (normal, amount_unit, per)


def test_typed_values_follow_a_changed_value(rows):
    [s] = rows["studies"]
    changed = with_typed_values({**rows, "studies": [s.model_copy(update={"duration": "one year"})]})
    assert changed["studies"][0].duration_days == 365.25

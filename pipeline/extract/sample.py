"""Sample size, n_enrolled and n_completed of a study, derived from its participant flow.

The flow (``flow.py``) gives every count of people its role; the sample size follows the
guideline's order: randomised (or allocated) > enrolled (took part, received treatment, "a
150-patient trial") > the sum of the arms when only arms are stated > completed or analysed
when nothing earlier is stated. Screened, eligible and excluded counts, subgroups, numbers
needed to treat and counts of things other than people never become the sample size.
"""
from __future__ import annotations

from pipeline.extract import flow as flow_reader
from pipeline.extract.segment import Segment
from pipeline.models import Fact, Span, StudyFacts


def _rule(count_rule: str) -> str:
    return "sample-size/" + count_rule.split("/", 1)[-1]


def fill(text: str, seg: Segment, study: StudyFacts) -> None:
    """Set the flow and the sample fields of ``study`` from ``text[seg.span]``."""
    counts = flow_reader.study_flow(text, seg.span.char_start, seg.span.char_end)
    study.flow = flow_reader.to_facts(text, counts)
    totals = flow_reader.totals(text, counts)
    if totals.sample_size is not None:
        c = totals.sample_size
        study.sample_size = Fact[int](value=c.n, span=Span.of(text, c.start, c.end), rule=_rule(c.rule))
    elif totals.sample_rule == "sample-size/arm-sum" and totals.arm_sum is not None:
        value, s, e, _ = totals.arm_sum
        study.sample_size = Fact[int](value=value, span=Span.of(text, s, e), rule="sample-size/arm-sum")
    elif totals.sample_rule == "sample-size/completed-sum" and totals.completed_sum is not None:
        value, s, e = totals.completed_sum
        study.sample_size = Fact[int](value=value, span=Span.of(text, s, e), rule="sample-size/completed-sum")
    if totals.enrolled is not None:
        c = totals.enrolled
        study.n_enrolled = Fact[int](value=c.n, span=Span.of(text, c.start, c.end), rule=_rule(c.rule))
    if totals.completed is not None:
        c = totals.completed
        study.n_completed = Fact[int](value=c.n, span=Span.of(text, c.start, c.end), rule=_rule(c.rule))
    elif totals.completed_sum is not None:
        value, s, e = totals.completed_sum
        study.n_completed = Fact[int](value=value, span=Span.of(text, s, e), rule="sample-size/completed-sum")

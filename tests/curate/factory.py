"""A small hand-made article with hand-made facts, so curation tests do not depend on extraction."""
from __future__ import annotations

import hashlib

from pipeline.curate.rows import curate_article
from pipeline.curate.rowset import RowSet
from pipeline.models import Article, ArticleFacts, ConditionFact, DoseFact, Fact, Finding, InterventionFact, Span, StudyFacts

TEXT = """Two small trials of evening routines

Trial A: melatonin for night-shift nurses

In this randomized, double-blind trial, 40 nurses with insomnia took melatonin by mouth at 3 mg each night for four weeks. Sleep latency fell by 12 minutes. Two nurses reported a headache.

Trial B: yoga pilot

An uncontrolled pilot enrolled 12 adults with generalized anxiety disorder who attended yoga classes weekly; 7 were women.

The clinic newsletter thanks every volunteer.
"""


def sp(text: str, phrase: str, start: int = 0) -> Span:
    i = text.index(phrase, start)
    return Span.of(text, i, i + len(phrase))


def fact(text: str, value, phrase: str, rule: str = "test/rule", start: int = 0) -> Fact:
    return Fact(value=value, span=sp(text, phrase, start), rule=rule)


def article(text: str = TEXT, source_id: str = "evening") -> Article:
    return Article(source_id=source_id, path=f"{source_id}.txt", sha256=hashlib.sha256(text.encode()).hexdigest(),
                   title="Two small trials", kind="blog", text=text)


def facts(text: str = TEXT, source_id: str = "evening") -> ArticleFacts:
    a_at = text.index("Trial A:")
    b_at = text.index("Trial B:")
    end = text.index("The clinic newsletter")
    s1 = StudyFacts(
        ordinal=1, span=Span.of(text, a_at, b_at - 2), label="Trial A: melatonin for night-shift nurses",
        sample_size=fact(text, 40, "40", start=a_at), randomized=fact(text, True, "randomized"),
        blinding=fact(text, "double-blind", "double-blind"),
        design_terms=[fact(text, "randomized", "randomized"), fact(text, "double-blind", "double-blind")],
        conditions=[ConditionFact(name=fact(text, "insomnia", "insomnia"))],
        interventions=[InterventionFact(agent=fact(text, "melatonin", "melatonin", start=a_at + 10),
                                        route=fact(text, "oral", "by mouth"),
                                        doses=[DoseFact(amount=fact(text, 3.0, "3", start=a_at + 50), unit="mg")])],
        results=[fact(text, "Sleep latency fell by 12 minutes.", "Sleep latency fell by 12 minutes.")],
        adverse_events=[fact(text, "headache", "headache")],
    )
    s2 = StudyFacts(
        ordinal=2, span=Span.of(text, b_at, end - 2), label="Trial B: yoga pilot",
        sample_size=fact(text, 12, "12 adults"[:2], start=b_at + 20),
        placebo_controlled=fact(text, False, "uncontrolled"),
        design_terms=[fact(text, "uncontrolled", "uncontrolled"), fact(text, "pilot", "pilot", start=b_at + 20)],
        conditions=[ConditionFact(name=fact(text, "generalized anxiety disorder", "generalized anxiety disorder"))],
        n_female=fact(text, 7, "7 were women"[:1], start=b_at + 20),
    )
    return ArticleFacts(source_id=source_id, studies=[s1, s2])


def findings(text: str = TEXT, source_id: str = "evening") -> list[Finding]:
    start = text.index("In this randomized")
    s = Span.of(text, start, text.index(" took", start))  # the flagged phrase
    return [Finding(code="S999", rule="test-overlap", severity="error", message="made-up problem",
                    source_id=source_id, study_ordinal=1, char_start=s.char_start, char_end=s.char_end)]


def curated_rows(text: str = TEXT, source_id: str = "evening") -> dict:
    return curate_article(article(text, source_id), facts(text, source_id), findings(text, source_id)).rows


def rowset(text: str = TEXT, source_id: str = "evening") -> RowSet:
    return RowSet(curated_rows(text, source_id))


def study_ids(rs: RowSet) -> list[str]:
    return sorted(rs.tables["studies"], key=lambda k: rs.tables["studies"][k].ordinal)


def snapshot(rs: RowSet) -> dict[str, list[dict]]:
    """Plain, ordered contents of a row set, for comparing two states."""
    return {t: sorted((r.model_dump(mode="json") for r in rows.values()), key=repr) for t, rows in rs.tables.items()}

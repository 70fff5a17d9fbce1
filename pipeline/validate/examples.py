"""Build an article and study facts from a documented example, and run one rule on it."""
from __future__ import annotations

import hashlib
import re
from typing import Any

from pipeline.models import Article, ArticleFacts, ConditionFact, Fact, Finding, Span, StudyFacts
from pipeline.validate.base import Example, Rule

_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 10: "ten", 12: "twelve", 18: "eighteen", 20: "twenty",
                 24: "twenty-four", 27: "twenty-seven"}


def _fact(text: str, value, rule: str = "example") -> Fact:
    """A fact whose span is the first place ``value`` is written in ``text`` (or an empty span)."""
    for needle in (str(value), _NUMBER_WORDS.get(value, "\0") if isinstance(value, int) else "\0"):
        m = re.search(rf"\b{re.escape(needle)}\b", text, re.I)
        if m:
            return Fact(value=value, span=Span.of(text, m.start(), m.end()), rule=rule)
    return Fact(value=value, span=Span.of(text, 0, 0), rule=rule)


def study_from(text: str, values: dict, ordinal: int = 1, start: int = 0, end: int | None = None) -> StudyFacts:
    """The facts extraction reads from ``text[start:end]`` as one study, with the given values put
    over them (conditions as (name, n) pairs): rules are documented and tested on what a curator
    would see extracted, and a test can pin a value the text does not state plainly."""
    from pipeline.extract import extract_study
    from pipeline.extract.segment import Segment

    end = len(text) if end is None else end
    extracted = extract_study(text, Segment(span=Span.of(text, start, end)), ordinal)
    fields: dict[str, Any] = {}
    for name, value in values.items():
        if name == "statistics":
            fields[name] = value
        elif name == "conditions":
            fields[name] = [ConditionFact(name=_fact(text, cname), n=None if n is None else _fact(text, n))
                            for cname, n in value]
        else:
            fields[name] = _fact(text, value)
    return extracted.model_copy(update=fields)


def article_of(text: str, source_id: str = "example") -> Article:
    return Article(source_id=source_id, path=f"{source_id}.txt", text=text,
                   sha256=hashlib.sha256(text.encode()).hexdigest())


def run_example(rule: type[Rule], example: Example) -> list[Finding]:
    from pipeline.validate.engine import run_rules

    article = article_of(example.text)
    facts = ArticleFacts(source_id=article.source_id, studies=[study_from(example.text, example.study)])
    return run_rules(article, facts, [rule])


def check_text(rule: str | type[Rule], text: str, **values) -> list[Finding]:
    """Findings of one rule (code, slug or class) on ``text`` as a one-study article with ``values``."""
    from pipeline.validate.registry import lookup

    cls = lookup(rule) if isinstance(rule, str) else rule
    if cls is None:
        raise KeyError(rule)
    return run_example(cls, Example(text, fires=True, study=values))

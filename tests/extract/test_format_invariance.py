"""Formatting (wrapping, spacing, quotes, bullets, line endings) must not change extracted values."""
from __future__ import annotations

import re
import textwrap

from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract import design, period, population, sample, segment
from pipeline.models import StudyFacts

OPENERS = [
    "In this {design} trial, {n} {noun} with chronic migraine took part.",
    "{N} {noun} were enrolled in a {design} study of a nasal spray.",
    "A total of {n} {noun} were randomised; the trial was {design}.",
    "Researchers recruited {n} {noun} for a {design} comparison of two diets.",
]
DESIGNS = ["double-blind, placebo-controlled", "open-label, uncontrolled", "single-blind crossover",
           "randomized, parallel-group", "non-randomized pilot"]
NOUNS = ["adults", "patients", "volunteers", "outpatients"]
WORDS = {12: "Twelve", 24: "Twenty-four", 40: "Forty", 64: "Sixty-four", 112: "One hundred and twelve"}
EXTRAS = [
    "There were {m} men and {f} women.",
    "Patients were recruited between March 2014 and June 2016.",
    "Data were collected over 18 months, from January 2017 to June 2018.",
    "Participants were aged 18 to 70 years.",
    "\u201cIt worked,\u201d said the lead author, who\u2019d expected less.",
    "Doses ranged from 5 mg to 20 mg (p = 0.04), and 35% responded.",
]
BULLETS = ["Sleep improved.", "Headache was the commonest side effect.", "Few people dropped out."]


@st.composite
def articles(draw) -> str:
    parts = ["Nasal Sprays and Headache: {k} Studies\n".format(k=3),
             "Headache is common; about 40 million adults report it, and research suggests many treatments help.\n"]
    n_studies = draw(st.integers(1, 3))
    for i in range(1, n_studies + 1):
        n = draw(st.sampled_from(sorted(WORDS)))
        opener = draw(st.sampled_from(OPENERS))
        body = opener.format(design=draw(st.sampled_from(DESIGNS)), n=n, N=WORDS[n], noun=draw(st.sampled_from(NOUNS)))
        m = draw(st.integers(1, n - 1))
        extras = draw(st.lists(st.sampled_from(EXTRAS), max_size=3, unique=True))
        body += " " + " ".join(e.format(m=m, f=n - m) for e in extras)
        bullets = "\n".join("\u2022 " + b for b in draw(st.lists(st.sampled_from(BULLETS), max_size=2, unique=True)))
        heading = f"Study {i}: Spray {'ABC'[i - 1]}\n" if n_studies > 1 else ""
        parts.append(heading + body + ("\n" + bullets if bullets else "") + "\n")
    parts.append("Talk to your doctor before trying any of these.\n")
    return "\n".join(parts)


def _wrap(text: str, width: int) -> str:
    out = []
    for para in text.split("\n"):
        if len(para) > 120:
            out.append(textwrap.fill(para, width, break_on_hyphens=False, break_long_words=False))
        else:
            out.append(para)
    return "\n".join(out)


def _reformat(text: str, how: list[str], width: int) -> str:
    if "wrap" in how:
        text = _wrap(text, width)
    if "spaces" in how:
        text = re.sub(r"(?<=[.,;]) (?=\S)", "  ", text)
        text = re.sub(r"\n", " \n", text)
    if "quotes" in how:
        text = text.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2019": "'", "\u2018": "'"}))
    if "bullets" in how:
        text = text.replace("\u2022 ", "- ")
    if "crlf" in how:
        text = text.replace("\n", "\r\n")
    return text


def _values(text: str) -> list[tuple]:
    out = []
    for i, seg in enumerate(segment.find_studies(text), 1):
        study = StudyFacts(ordinal=i, span=seg.span)
        for mod in (sample, design, population, period):
            mod.fill(text, seg, study)
        row = []
        for name in ("sample_size", "n_enrolled", "n_completed", "randomized", "blinding", "placebo_controlled",
                     "crossover", "n_male", "n_female", "pct_male", "pct_female", "age", "period_start",
                     "period_end", "duration"):
            fact = getattr(study, name)
            value = None if fact is None else fact.value
            row.append(" ".join(value.split()) if isinstance(value, str) else value)
        row.append(tuple(t.value for t in study.design_terms))
        out.append(tuple(row))
        for fact in [*study.design_terms, study.sample_size, study.period_start]:
            if fact is not None:
                assert text[fact.span.char_start:fact.span.char_end] == fact.span.quote
    return out


@given(articles(), st.lists(st.sampled_from(["wrap", "spaces", "quotes", "bullets", "crlf"]), min_size=1, unique=True),
       st.integers(40, 100))
def test_formatting_does_not_change_values(text, how, width):
    assert _values(_reformat(text, how, width)) == _values(text)


@given(articles())
def test_generated_articles_give_their_sample_sizes(text):
    values = _values(text)
    assert values, text
    assert all(v[0] is not None for v in values), text

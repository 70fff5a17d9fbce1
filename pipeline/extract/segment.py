"""Where in an article each study is described.

Two shapes are recognised. A multi-study article has study sections under headings
("Study 2: ...", "1. ...", "II. ...", "The Boston trial"); each heading's section that
describes one specific study (a people count or a design term) becomes a study. Otherwise the
article (an abstract, a news story) describes at most one study, whose span runs from the first
to the last paragraph that talks about it. Tables, reviews and vague mentions are not studies.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.text.regex import compile_skipping
from pipeline.extract.counts import PLAIN, find_counts, study_total
from pipeline.models import Span
from pipeline.vocab import VOCAB_DIR


@dataclass(frozen=True)
class Segment:
    """A study's description: its span, an optional heading label and how it was found."""

    span: Span
    label: str | None = None
    heading: Span | None = None
    kind: str = "article"  # "section" (under its own heading) or "article" (the whole story)


_NUM_WORD = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|[IVX]{1,5})"
_STUDY_HEADING = compile_skipping(rf"(?:study|trial|experiment|case|example)\s+{_NUM_WORD}\b", re.I)
_ENUM_HEADING = compile_skipping(r"(?:\d{1,2}|[IVX]{1,5}|[A-H])[.)]\s+\S")
_STUDY_NOUN = compile_skipping(r"\b(?:trial|study|series|experiment|cohort|investigation|pilot)\b", re.I)
_BULLET = compile_skipping(r"(?:[•·▪►✓>]|[*+\-–—](?=\s))")  # "**Bold heading**" is not a bullet
_MARKUP = "#*_ \t\r"
_TABLE_LINE = compile_skipping(r"\|.*\||\t.*\t")
_DESIGN_SRC = (
    r"\b(?:randomi[sz]ed|randomly|random\s+order|placebo|sham|double[- ]blind|single[- ]blind|"
    r"triple[- ]blind|open[- ]label|cross-?over|pilot|case\s+series|cohort|uncontrolled|"
    r"no\s+control\s+group|non-?randomi[sz]ed|sequentially\s+allo)"
)
_STUDYISH_SRC = (
    r"\b(?:study|studies|trial|researchers|investigators|participants|subjects|volunteers|"
    r"randomi[sz]ed|placebo|enrolled|recruited)\b"
)
_DESIGN = compile_skipping(_DESIGN_SRC, re.I)
_REVIEW = compile_skipping(r"\b(?:review|meta-?analys[ie]s|pooled|systematic)\b", re.I)
_STUDYISH = compile_skipping(_STUDYISH_SRC, re.I)
# Finds a match where either finds one: one scan tells whether a paragraph talks about a study.
_DESIGN_OR_STUDYISH = compile_skipping(f"{_DESIGN_SRC}|{_STUDYISH_SRC}", re.I)
# A specific study rather than "studies show": a definite or new study as the subject.
_SPECIFIC = compile_skipping(
    r"\b(?:this|the|our|a\s+new|new|the\s+new|current|present)\s+(?:\w+[- ]){0,3}?(?:study|trial)\b",
    re.I,
)
_REFERENCES = compile_skipping(r"(?:references|bibliography|sources|works\s+cited)\s*:?\s*$", re.I)
_MAX_HEADING = 110


@functools.cache
def _heading_list(name: str) -> re.Pattern[str]:
    words = [w.strip() for w in (VOCAB_DIR / name).read_text(encoding="utf-8").splitlines()
             if w.strip() and not w.startswith("#")]
    return compile_skipping(r"(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _generic_headings() -> re.Pattern[str]:
    return _heading_list("section_headings.txt")


# Abstract section markers at a paragraph start: "METHODS:", "Results:", "ABSTRACT - RESULTS::".
_ABSTRACT_MARKER = compile_skipping(
    r"(?:^|\n)[ \t]*(?:ABSTRACT\s?-\s?)?(?:background|methods?|results|conclusions?|objectives?|purpose|aims?|"
    r"design|setting|participants|interventions?|findings|introduction)(?:\s+and\s+\w+)?\s{0,2}:",
    re.I,
)


@dataclass(frozen=True)
class _Heading:
    start: int  # of the heading line (markup stripped)
    end: int
    text: str
    strong: str | None  # "study" ("Study 2:"), "enum" ("1.", "II."), or None


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_blank(text: str, span: tuple[int, int]) -> bool:
    return not text[span[0]:span[1]].strip()


def _headings(text: str) -> list[_Heading]:
    lines = _lines(text)
    found: list[_Heading] = []
    for i, (s, e) in enumerate(lines):
        raw = text[s:e]
        stripped = raw.strip(_MARKUP)
        if not stripped or len(stripped) > _MAX_HEADING or len(stripped.split()) > 16:
            continue
        prev_blank = i == 0 or _is_blank(text, lines[i - 1])
        next_blank = i + 1 == len(lines) or _is_blank(text, lines[i + 1])
        if not prev_blank or "|" in stripped or _BULLET.match(raw.lstrip(" \t")):
            continue
        if not (stripped[0].isupper() or stripped[0].isdigit()):
            continue
        strong = None
        if _STUDY_HEADING.match(stripped):
            strong = "study"
        elif _ENUM_HEADING.match(stripped) and not re.match(r"\d{1,2}\.\d", stripped):
            strong = "enum"
        if strong is None:
            if not next_blank or stripped[-1] in ".,;:!" or stripped.endswith("..."):
                continue
        elif stripped[-1] in ".;," and len(stripped.split()) > 8:
            continue  # a numbered sentence, not a heading
        hs = s + raw.index(stripped)
        found.append(_Heading(hs, hs + len(stripped), stripped, strong))
    return found


def _clean(text: str, start: int, end: int) -> str:
    """The section without table rows (a summary table repeats every study's numbers)."""
    if "|" not in text[start:end] and "\t" not in text[start:end]:
        return text[start:end]  # no table row: every line is kept
    return "\n".join(line for line in text[start:end].split("\n") if not _TABLE_LINE.search(line))


def _has_count(text: str, start: int, end: int) -> bool:
    if "|" not in text[start:end] and "\t" not in text[start:end]:
        return any(c.rank <= PLAIN for c in find_counts(text, start, end))
    body = _clean(text, start, end)
    return any(c.rank <= PLAIN for c in find_counts(body))


def _total(text: str, start: int, end: int) -> int | None:
    body = _clean(text, start, end)
    total = study_total(find_counts(body))
    return total.value if total else None


def _describes_study(text: str, start: int, end: int) -> bool:
    body = _clean(text, start, end)
    if _has_count(text, start, end):
        return True
    return bool(_DESIGN.search(body)) and not _REVIEW.search(body)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _section_segments(text: str, heads: list[_Heading]) -> list[Segment]:
    """Studies under their own headings; [] when fewer than two sections describe a study."""
    generic = _generic_headings()
    if sum(1 for h in heads if generic.match(h.text)) >= 2:
        return []  # a research paper's own sections
    bounds = [(h, h.start, heads[i + 1].start if i + 1 < len(heads) else len(text)) for i, h in enumerate(heads)]
    boiler = _heading_list("boilerplate_headings.txt")
    # The title line and boilerplate sections ("About the trial") never hold a study of their own.
    bounds = [(h, s, e) for h, s, e in bounds
              if text[:h.start].strip() and not (h.strong is None and boiler.match(h.text))]
    chosen: list[tuple[_Heading, int, int]] = []
    for h, s, e in bounds:
        body_start = h.end
        if _REFERENCES.match(h.text) or generic.match(h.text):
            continue
        if h.strong == "study" and (_STUDYISH.search(text, body_start, e) or _has_count(text, body_start, e)):
            chosen.append((h, s, e))
        elif h.strong == "enum" and _describes_study(text, body_start, e):
            chosen.append((h, s, e))
        elif _STUDY_NOUN.search(h.text) and _has_count(text, body_start, e):
            chosen.append((h, s, e))
    if not any(h.strong for h, _, _ in chosen):
        # Plain headings ("Fibromyalgia") count only when each section has a count and a design term.
        plain = [(h, s, e) for h, s, e in bounds
                 if not generic.match(h.text) and _has_count(text, h.end, e)
                 and _DESIGN.search(_clean(text, h.end, e))]
        if len(plain) > len(chosen):
            chosen = plain
        # Without numbered headings, sections must report different studies ("About the study"
        # after a news story repeats it), and the story before them must not itself be the study.
        totals = {_total(text, h.end, e) for h, _, e in chosen}
        if len(totals) < len(chosen) or (chosen and _total(text, 0, chosen[0][1]) is not None):
            return []
    if len(chosen) < 2:
        return []
    chosen = _absorb_subsections(chosen, bounds)
    segs = []
    for h, s, e in chosen:
        s, e = _trim(text, s, e)
        segs.append(Segment(span=Span.of(text, s, e), label=h.text, heading=Span.of(text, h.start, h.end),
                            kind="section"))
    return segs


_RESULTS_HEADING = compile_skipping(
    r"(?:results?|findings|key\s+findings|outcomes?|what\s+happened|what\s+(?:it|they|we|the\s+\w+)\s+found)\b", re.I
)


def _absorb_subsections(chosen: list[tuple[_Heading, int, int]], bounds: list[tuple[_Heading, int, int]]
                        ) -> list[tuple[_Heading, int, int]]:
    """Extend each study over the plain sub-headed sections that follow it ("What they found"),
    up to the next study, a numbered heading, or (after the last study) any non-results heading."""
    starts = {s for _, s, _ in chosen}
    out = []
    for i, (h, s, e) in enumerate(chosen):
        last = i + 1 == len(chosen)
        for h2, s2, e2 in bounds:
            if s2 < e or s2 != e:
                continue
            if s2 in starts or h2.strong or _generic_headings().match(h2.text) and not _RESULTS_HEADING.match(h2.text):
                break
            if last and not _RESULTS_HEADING.match(h2.text):
                break
            e = e2
        out.append((h, s, e))
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\n[ \t\r]*\n", text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [p for p in (_trim(text, s, e) for s, e in out) if p[1] > p[0]]


def _article_segment(text: str) -> list[Segment]:
    """At most one study for the whole article, spanning the paragraphs that talk about it."""
    paras = _paragraphs(text)
    cut = len(paras)
    for i, (s, e) in enumerate(paras):
        if _REFERENCES.match(text[s:e].split("\n", 1)[0].strip(_MARKUP)) and i > 0:
            cut = i
            break
    paras = paras[:cut]
    specific = False
    talking: list[tuple[int, int]] = []
    for s, e in paras:
        body = _clean(text, s, e)
        talks = bool(_DESIGN_OR_STUDYISH.search(body))
        if specific and talks:
            talking.append((s, e))
            continue  # nothing left to learn here: skip the costly searches
        design = talks and bool(_DESIGN.search(body))
        count = _has_count(text, s, e)
        if not specific and (count or (design and not _REVIEW.search(body)) or _SPECIFIC.search(body)):
            specific = True
        if count or talks:
            talking.append((s, e))
    if len(_ABSTRACT_MARKER.findall(text, 0, 20000)) >= 2:
        specific = True  # a structured abstract describes its own study
        talking = talking or paras
    if not specific or not talking:
        return []
    return [Segment(span=Span.of(text, talking[0][0], talking[-1][1]), kind="article")]


def find_studies(text: str) -> list[Segment]:
    """Each specific study the article describes, in order, with non-overlapping spans."""
    if not text.strip():
        return []
    segs = _section_segments(text, _headings(text))
    return segs or _article_segment(text)

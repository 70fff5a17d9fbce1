"""Reported results and adverse events, from finding sentences and bulleted lists.

A bulleted list belongs to the line that introduces it: "researchers found that:" makes each
bullet a result, "side effects may include:" makes each bullet an adverse event. Inline lists
("the most common side effects were nausea, headache and dizziness") give one event per item.
Lists outside every study span are the article's own side-effect lists.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator

from pipeline.text.index import index_of
from pipeline.text.regex import compile_skipping
from pipeline.text.sentences import sentences
from pipeline.extract.segment import Segment
from pipeline.models import Fact, Span, StudyFacts

_TextFact = Fact[str]  # parametrised once: pydantic generics are slow to look up per call
_BULLET_RE = compile_skipping(r"[ \t\u00a0]*(?:[•\-*–·▪●◦‣]|\d{1,2}[.)])[ \t\u00a0]+(?=\S)")
# An intro line ends with a colon, perhaps followed by citation markers ("may cause: 1 4 5").
_INTRO_END_RE = compile_skipping(r":[\s\u00a0]*(?:\[?\d{1,3}\]?[\s,]{0,3}){0,6}$")
_AE_CUE_RE = compile_skipping(
    r"\b(?:side[- ]effects?|adverse (?:events?|effects?|reactions?)|complications|risks?|"
    r"may cause|can cause|can include|tolerability)\b",
    re.I,
)
_RESULT_CUE_RE = compile_skipping(
    r"\b(?:found|find|findings?|showed|shows?|concluded|conclusions?|results?|happened|observed|"
    r"reported|learned|discovered|demonstrated|revealed|outcomes?)\b",
    re.I,
)
_FINDING_RE = compile_skipping(
    r"\b(?:found|showed|shows|demonstrated|revealed|resulted in|reduced|reduction|improved|improvement|"
    r"increased|decreased|declined|more effective|less effective|significant(?:ly)?|superior|"
    r"outperformed|responders?|response rate|remission|abstinent|concluded|did not (?:differ|improve|change))\b"
    r"|\bp\s?[<=]\s?0?\.\d",
    re.I,
)
# A finding is about the study: numbers, groups, comparisons or the study itself.
_STUDY_RESULT_RE = compile_skipping(
    r"\d|\b(?:percent|group|arms?|placebo|than|compared|study|trial|participants|patients|researchers)\b", re.I
)
# A section name opening a sentence: "Results:", "RESULTS::", "ABSTRACT - RESULTS:", "Main findings:".
_HEADING_PREFIX_RE = re.compile(
    r"[ \t]*(?=[^:\n]{1,40}:)[A-Z][A-Za-z]*(?:(?:[ \t]*[-\u2013&/][ \t]*|[ \t]+)[A-Za-z]+){0,4}:{1,2}[ \t\u00a0]+(?=\S)")
_NOT_FINDING_RE = compile_skipping(r"\bfound (?:in|throughout|on|at)\b|\?$", re.I)
_INLINE_AE_RE = compile_skipping(
    r"\b(?:side[- ]effects?|adverse (?:events?|effects?|reactions?))[^.:;]{0,60}?"
    r"(?:\b(?:were|was|included|include|including|such as|like|can include|may include)\b|:)\s+",
    re.I,
)
# The opening of _INLINE_AE_RE alone: where it is absent, _INLINE_AE_RE cannot match.
_INLINE_AE_START_RE = compile_skipping(r"\b(?:side[- ]effects?|adverse (?:events?|effects?|reactions?))", re.I)
_INLINE_AE_FIRST_WORDS = ("side", "adverse")  # every match of _INLINE_AE_START_RE begins with one
# "No serious adverse events were reported", "free of side effects": a list of none.
_NEGATED_BEFORE_RE = compile_skipping(
    r"\b(?:no|none|nor|without|zero|not\s+any|free\s+(?:of|from)|absence\s+of|lack\s+of)\s+(?:[\w-]+\s+){0,3}$", re.I)
# An item that says how the events were, not which: "were reported", "mild", "similar in both
# groups", "observed in 24 patients", an arm ("30 mg group"), a number or a p-value.
_NOT_AN_EVENT_RE = compile_skipping(
    r"^(?:(?:were|was|are|is|been|being)\s+|(?:not|no|none|however|respectively|also|generally|mostly|usually|"
    r"similar|comparable|both|all|placebo|the\s+placebo|of|found|drawn|estimated|at|in|on|during|after|before|within|by|for|from|with|between|among|than|"
    r"to|if|versus|vs|occurring|occurred|consistent|relationship|other|well|minimal|any|those|which|who|one\s+of|an?\s+"
    r"(?:interim|checklist|questionnaire|diary))\b|.*\b(?:said|says|say|noted|was|were|is|are|has|have|had)\b|(?:mild|moderate|severe|rare|uncommon|common|minor|few|more|less|"
    r"transient|acceptable|infrequent|frequent|absent|present|equal|mild[- ]to[- ](?:moderate|severe)|"
    r"moderate[- ]to[- ]severe|frequency)(?:\s+(?:in|to|and|or|but|between|across|among|than)\b.*)?$|"
    r"(?:more|less|higher|lower|fewer)(?:\s+(?:often|frequent\w*|common\w*|likely|rare\w*|severe|in|than|among|with|across|between)\b|$)|"
    r"(?!early\b)[a-z]+ly\b|.*[<=>]|[\"”“]|.{0,2}$|including\b|incidence\b|.*\b(?:not|never)\b|.*n[’']t\b|[a-z]+(?:ed|ly)$|"
    r"[a-z]+ed\s+(?:in|by|between|among|at|during|with|for|as|from|on|to)\b|[\d(<>=]|.*\b(?:groups?|arms?|"
    r"respectively|p\s?[<=>])(?:\b|\s))", re.I)
_SHARE_BEFORE_EVENT_RE = re.compile(r"\d{1,3}(?:\.\d)?\s?%\s+(?:of\s+(?:the\s+)?(?:patients|participants)\s+(?:had|reported)\s+)?(?=[a-z])")
_FIGURES_AFTER_EVENT_RE = re.compile(r"(?<!type)(?<!grade)(?<!stage)(?<!class)(?<!phase)\s+(?:\d|\[)")
_ITEM_SPLIT_RE = compile_skipping(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|;\s*")
_MAX_ITEM = 80
_MAX_LIST = 400


BulletList = tuple[tuple[int, int], list[tuple[int, int]]]


def bullet_lists(text: str, start: int, end: int) -> list[BulletList]:
    """(intro line, bullet item spans) of every bulleted list in ``text[start:end]``, read once per span."""
    return index_of(text).memo(("outcomes/bullet-lists", start, end), lambda: list(_bullet_lists(text, start, end)))


def _bullet_lists(text: str, start: int, end: int) -> Iterator[BulletList]:
    lines = index_of(text).lines(start, end)  # the non-blank "[^\n]+" runs
    i = 0
    while i < len(lines):
        s, e = lines[i]
        intro = text[s:e]
        if _BULLET_RE.match(intro):  # a bullet introduces nothing; keeps the scan linear
            i += 1
            continue
        items: list[tuple[int, int]] = []
        j = i + 1
        while j < len(lines):
            b = _BULLET_RE.match(text, lines[j][0], lines[j][1])
            if not b:
                break
            items.append((b.end(), _rstrip(text, b.end(), lines[j][1])))
            j += 1
        is_intro = bool(_INTRO_END_RE.search(intro)) or (len(intro) < 70 and not intro.rstrip().endswith("."))
        if items and is_intro:
            yield (s, e), items
            i = j
        else:
            i += 1


def _rstrip(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in " \t\u00a0.;,":
        e -= 1
    return e


def _inline_events(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Items of 'side effects were X, Y and Z' lists."""
    # Only a sentence where the opening phrase starts can hold such a list (the phrases cannot
    # overlap, so this scan finds every one); most texts have none, and few sentences do.
    openings = [m.start() for m in index_of(text).anchored(_INLINE_AE_START_RE, _INLINE_AE_FIRST_WORDS, start, end)]
    if not openings:
        return
    for s0, s1 in sentences(text, start, end):
        i = bisect.bisect_left(openings, s0)
        if i == len(openings) or openings[i] >= s1:
            continue
        done = s0
        for m in _INLINE_AE_RE.finditer(text, s0, s1):
            if m.start() < done:
                continue  # inside the previous list
            list_end = _rstrip(text, m.end(), min(s1, m.end() + _MAX_LIST))
            done = list_end
            if _NEGATED_BEFORE_RE.search(text, max(s0, m.start() - 60), m.start()):
                continue
            pos = m.end()
            for sep in list(_ITEM_SPLIT_RE.finditer(text, m.end(), list_end)) + [None]:
                item_end = sep.start() if sep else list_end
                a, b = _strip(text, pos, item_end)
                share = _SHARE_BEFORE_EVENT_RE.match(text, a, b)
                if share:  # "42% flatulence": the event after its share
                    a = share.end()
                tail = _FIGURES_AFTER_EVENT_RE.search(text, a, b)
                if tail and tail.start() > a:  # "vomiting 14", "neutropenia 5% vs. 13%", "rash [12]"
                    b = tail.start()
                paren = text.find("(", a, b)
                if paren > a and text.find(")", paren, b) < 0:  # "rash (12%" cut by the item split
                    a, b = _strip(text, a, paren)
                if 0 < b - a <= _MAX_ITEM and not _NOT_AN_EVENT_RE.match(text[a:b]):
                    yield a, b
                if sep:
                    pos = sep.end()


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\u00a0\"“(":
        s += 1
    while e > s and text[e - 1] in " \t\u00a0\"”).":
        e -= 1
    return s, e


def _last_sentence(text: str, s: int, e: int) -> tuple[int, int]:
    """An intro "line" may be a paragraph; its cue is in its last sentence."""
    parts = sentences(text, s, e)
    return parts[-1] if parts else (s, e)


def _events(text: str, start: int, end: int) -> list[Fact[str]]:
    out: list[Fact[str]] = []
    for intro, items in bullet_lists(text, start, end):
        s, e = _last_sentence(text, *intro)
        if _AE_CUE_RE.search(text, s, e):
            out += [_TextFact(value=text[a:b], span=Span.of(text, a, b), rule="adverse-event/bullet") for a, b in items]
    for a, b in _inline_events(text, start, end):
        out.append(_TextFact(value=text[a:b], span=Span.of(text, a, b), rule="adverse-event/inline-list"))
    return out


def fill(text: str, seg: Segment, study: StudyFacts) -> None:
    """Set ``study.results`` and ``study.adverse_events`` from ``text[seg.span]``."""
    start, end = seg.span.char_start, seg.span.char_end
    results: list[Fact[str]] = []
    in_lists: list[tuple[int, int]] = []
    for intro, items in bullet_lists(text, start, end):
        in_lists.append((intro[0], items[-1][1]))
        s, e = _last_sentence(text, *intro)
        if _RESULT_CUE_RE.search(text, s, e) and not _AE_CUE_RE.search(text, s, e):
            results += [_TextFact(value=text[a:b], span=Span.of(text, a, b), rule="result/bullet") for a, b in items]
    list_starts = [a for a, _ in in_lists]  # disjoint, in text order
    for s0, s1 in sentences(text, start, end):
        k = bisect.bisect_right(list_starts, s0) - 1
        if (k >= 0 and s0 < in_lists[k][1]) or s1 - s0 > 600:
            continue
        if text[s1 - 1] not in '.!"”)' or not _STUDY_RESULT_RE.search(text, s0, s1):
            continue
        if _FINDING_RE.search(text, s0, s1) and not _NOT_FINDING_RE.search(text, s0, s1):
            heading = _HEADING_PREFIX_RE.match(text, s0, s1)
            if heading and heading.end() < s1 - 1:
                s0 = heading.end()  # "RESULTS: Pain fell ...": the finding, not the section name
            results.append(_TextFact(value=text[s0:s1], span=Span.of(text, s0, s1), rule="result/finding-sentence"))
    study.results = sorted(results, key=lambda f: f.span.char_start)
    study.adverse_events = _events(text, start, end)


def article_adverse_events(text: str, studies: list[StudyFacts]) -> list[Fact[str]]:
    """Side effects the article lists outside every study span."""
    spans = [(s.span.char_start, s.span.char_end) for s in studies]
    return [
        f for f in _events(text, 0, len(text))
        if not any(a <= f.span.char_start < b for a, b in spans)
    ]

"""Slots of trial language: the places where a report names what was given and to whom.

"randomised to A or B", "received A", "A versus B", "the effect of A on ...", "the A group",
"(n = 20)" after an arm: the noun phrase in such a slot is an intervention (or the comparator it
was set against) whether or not a vocabulary knows it. The phrase is cut at the words that end a
noun phrase (prepositions, verbs, doses, punctuation), and phrases that only say "the treatment"
or "the patients" are dropped.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.text.people import population_noun
from pipeline.text.regex import compile_skipping
from pipeline.text.sentences import sentences

_I = re.I


@dataclass(frozen=True)
class Phrase:
    """A noun phrase found in a slot: ``text[start:end]``, its role and the slot that found it."""

    start: int
    end: int
    name: str
    role: str  # "intervention" or "comparator"
    rule: str


# "randomised to", "were assigned to receive either", "allocated into one of three groups:"
_ALLOCATION = compile_skipping(
    r"\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided|selected)|allocated|assigned|allotted|divided)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:to|into)\s+(?:(?:receive|either|get|undergo|take|be\s+given|(?:one|1)\s+of\s+\w+|\w+\s+groups?|"
    r"the\s+following|groups?)[\s:,]+){0,3}", _I)
_RECEIVED = compile_skipping(
    r"\b(?:received?|receiving|were\s+given|was\s+given|took|underwent|undergoing|were\s+treated\s+with|practi[sc]ed|"
    r"were\s+offered|followed|attended|were\s+fed|drank|wore|used|completed|were\s+exposed\s+to|got)\s+", _I)
_EFFECT_OF = compile_skipping(
    r"\b(?:effects?|efficacy|effectiveness|impact|benefits?|(?:randomi[sz]ed|controlled|clinical|pilot)\s+(?:trial|study)|"
    r"safety)\s+of\s+", _I)
_VERSUS = compile_skipping(r"\s+(?:versus|vs\.?|compared\s+(?:with|to))\s+", _I)
# Where a noun phrase ends.
_NP_END = compile_skipping(
    r"\s(?:for|in|during|at|on|over|among|amongst|within|with|by|who|which|that|while|whereas|to|from|by|after|before|until|"
    r"when|where|than|as|were|was|is|are|had|has|have|will|would|could|can|may|might|should|did|does|do|versus|vs\.?|"
    r"compared|against|or|and|plus|followed|but|every|each|per|via|through|because|since|if|so|then|both|either|"
    r"whereby|respectively|including|such|like|alone|fewer|more|less|prior)\b|[,;:()\[\]]|\.(?:\s|$)|\s\d|\s[-–—]\s|$", _I)
_LEAD = compile_skipping(
    r"(?:(?:\(?(?:\d|[ivx]{1,3}|[a-e])\)|a|an|the|their|its|his|her|either|both|one|two|three|four|five|six|daily|weekly|monthly|nightly|"
    r"single|once|twice|additional|further|only|also|immediately|just|then|active|real|true|standard|"
    r"regular|new|novel|same|\d+(?:\.\d+)?\s*(?:mg|g|µg|mcg|ml|iu|units?|mg/kg|%)?|"
    r"(?:a|one|two|three|four|five|six|seven|eight|ten|twelve|\d+)\s+(?:doses?|sessions?|weeks?|days?|months?|"
    r"courses?|cycles?|injections?|infusions?|classes)\s+of|a\s+(?:single|one-time|daily)\s+(?:dose|session)\s+of|"
    r"(?:a|one)\s+(?:dose|session|course|cycle)\s+of|treatment\s+with|therapy\s+with|"
    # "the impact of delivering a mind-body intervention": how it was given, not what
    r"delivering|providing|using|adding|offering|implementing|introducing|giving|"
    # "the lowest dose of the vaccine": which dose, not what was given
    r"(?:lowest|highest|lower|higher|low|high|full|half|maximum|minimum|intermediate|middle|starting|target|"
    r"usual|recommended|standard)\s+(?:doses?|dosages?|strength)\s+of)\s+)+", _I)
# Phrases that say nothing about what was given.
_GENERIC = compile_skipping(
    r"^(?:treatments?|therapy|therapies|interventions?|drugs?|medications?|medicines?|study\s+(?:drug|medication|"
    r"treatment|intervention|product)|the\s+drug|it|them|this|these|those|groups?|arms?|conditions?|care|doses?|"
    r"sessions?|visits?|questionnaires?|surveys?|assessments?|tests?|measures?|scans?|samples?|data|information|"
    r"follow-?up|baseline|outcomes?|results?|scores?|analysis|randomi[sz]ation|consent|surgery|anaesthesia|"
    r"anesthesia|procedures?|one|two|three|four|both|all|either|none|each|other|others|respectively|half|"
    r"the\s+(?:same|other|first|second)|intervention\s+groups?|control\s+groups?|treatment\s+groups?|"
    r"(?:high|low|moderate)(?:er)?\s+doses?|a\s+dose|\w+\s+doses?|weeks?|days?|months?|years?|nights?|hours?|"
    r"minutes?|mornings?|evenings?|times?|period|phase|part)$", _I)
_SCHEDULE_ONLY = compile_skipping(r"(?:once|twice|thrice|\w+\s+times)\s+(?:a|per|each|every)\s+\w+$|"
                                  r"(?:every|each)\s+(?:other\s+)?\w+$|(?:daily|weekly|monthly|nightly)$", _I)
_FUNCTION_WORDS = (r"and|or|which|who|whom|that|in|on|at|between|to|stay|be|been|being|was|were|is|are|has|have|had|"
                   r"their|its|this|these|those|with|without|from|by|as|of|for|than|then|also|not|no|all|any|some|"
                   r"more|less|most|much|very|well|such|what|how|when|where|whether|if|it|they|we|he|she|"
                   r"january|february|march|april|may|june|july|august|september|october|november|december")
_NOT_NOMINAL = compile_skipping(rf"(?:{_FUNCTION_WORDS})\b", _I)
_NOT_NOMINAL_END = compile_skipping(rf"\b(?:{_FUNCTION_WORDS}|higher|lower|better|worse|greater|improved|reduced)$", _I)
_ADJECTIVE_ONLY = compile_skipping(r"(?:oral|intravenous|topical|intranasal|subcutaneous|intramuscular|inhaled|"
                                   r"transdermal|sublingual|active|high|low|standard|usual|new|other|first|second)$", _I)
_OUTCOME = compile_skipping(
    r"\b(?:function|dysfunction|stress|levels?|pressure|rates?|risk|morbidity|mortality|incidence|prevalence|"
    r"outcomes?|symptoms?|scores?|quality|markers?|biomarkers?|events?|concentrations?|responses?|activity|"
    r"infections?|diarrhoea|diarrhea|pain|immunity|tolerability|safety|efficacy|effects?|changes?|improvements?|"
    r"reductions?|increases?|burden|status|parameters|factors|profile|angiography|recruitment|period)\b", _I)
_COMPARATOR = compile_skipping(
    r"\b(?:placebo|sham|dummy|control|usual\s+care|standard\s+care|routine\s+care|standard\s+treatment|"
    r"treatment\s+as\s+usual|wait(?:ing)?[- ]?list|no\s+(?:treatment|intervention)|nothing|saline|vehicle|"
    r"attention\s+control|comparator|comparison)\b", _I)


@functools.cache
def _people_re() -> re.Pattern[str]:
    return re.compile(rf"^(?:\w+\s+){{0,2}}{population_noun()}$", _I)


def noun_phrase(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that starts at ``start`` (leading determiners and doses dropped), cut where a
    noun phrase ends; None when what is left is empty, generic or names people."""
    raw = text[start:end].strip(" ,")
    if _SCHEDULE_ONLY.match(raw[:40].rstrip(" ,.;")):
        return None  # "once a week": when, not what
    lead = _LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    m = _NP_END.search(text, start + 1, end)
    stop = m.start() if m else end
    piece = text[start:stop].strip(" -–'\"")
    if not piece:
        return None
    words = piece.split()
    if len(words) > 6 or not re.match(r"[A-Za-z]", piece) or len(piece) < 3:
        return None
    if _GENERIC.match(piece) or _people_re().match(piece) or _SCHEDULE_ONLY.match(piece):
        return None
    if _OUTCOME.search(piece):
        return None  # "the effect of ... on endothelial function": what was measured, not given
    if _NOT_NOMINAL.match(piece) or _NOT_NOMINAL_END.search(piece) or re.search(r"[<>=]", piece) \
            or (len(words) == 1 and _ADJECTIVE_ONLY.match(piece)):
        return None  # "which served", "between January", "oral": not a noun phrase
    s = text.index(piece, start)
    return s, s + len(piece)


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The alternatives of a list: "A, B or C", "A versus B", "A and B groups"."""
    out = []
    pos = start
    for sep in re.finditer(r",\s*(?:(?:and|or)\s+)?(?:to\s+)?|\s+(?:or|and|versus|vs\.?)\s+(?:to\s+)?|;\s*", text[start:end]):
        out.append((pos, start + sep.start()))
        pos = start + sep.end()
    out.append((pos, end))
    return out


def _clause_end(text: str, pos: int, s1: int) -> int:
    m = re.search(r"[.;](?:\s|$)|\s(?:for|during|over)\s+(?:the\s+)?(?:\d+|a|one|two|three|four|six|eight|twelve)\s"
                  r"|\s(?:while|whereas|and\s+then|then)\s", text[pos:s1])
    return pos + m.start() if m else s1


_SERVED_AS = compile_skipping(r"[\s,]{0,3}(?:\([^)]{0,40}\)\s*)?(?:which|that|who)?\s*(?:served|acted|was\s+used|were\s+used)"
                              r"\s+as\s+(?:an?\s+|the\s+)?(?:active\s+)?(?:control|comparator|comparison)|"
                              r"[\s,]{0,3}as\s+(?:an?\s+)?(?:active\s+)?(?:control|comparator|comparison)", _I)


def _phrase(text: str, span: tuple[int, int] | None, role: str, rule: str) -> Phrase | None:
    if span is None:
        return None
    s, e = span
    name = " ".join(text[s:e].split())
    if _COMPARATOR.search(name) or _SERVED_AS.match(text, e, e + 80):
        role = "comparator"
    return Phrase(s, e, name, role, rule)


def phrases(text: str, start: int, end: int) -> list[Phrase]:
    """Interventions and comparators named in slots inside ``text[start:end]``."""
    out: list[Phrase] = []
    for s0, s1 in sentences(text, start, end):
        for m in _ALLOCATION.finditer(text, s0, s1):
            stop = _clause_end(text, m.end(), s1)
            items = _items(text, m.end(), stop)
            for i, (a, b) in enumerate(items):
                p = _phrase(text, noun_phrase(text, a, b), "intervention" if i == 0 or len(items) > 2 else "comparator",
                            "slot/allocated-to")
                if p:
                    out.append(p)
        for m in _RECEIVED.finditer(text, s0, s1):
            stop = _clause_end(text, m.end(), s1)
            for a, b in _items(text, m.end(), stop)[:4]:
                p = _phrase(text, noun_phrase(text, a, b), "intervention", "slot/received")
                if p:
                    out.append(p)
        for m in _EFFECT_OF.finditer(text, s0, s1):
            p = _phrase(text, noun_phrase(text, m.end(), s1), "intervention", "slot/effect-of")
            if p:
                out.append(p)
        for m in _VERSUS.finditer(text, s0, s1):
            right = _phrase(text, noun_phrase(text, m.end(), s1), "comparator", "slot/versus")
            left = _left_phrase(text, s0, m.start())
            if left and right:
                out.append(left)
                out.append(right)
    return out


_LEFT_DELIMITER = re.compile(r"\b(?:of|with|to|between|trial|study|comparing|compare|compared|receive|received|either)\s+|[,:(]\s*",
                             _I)


def _left_phrase(text: str, s0: int, pos: int) -> Phrase | None:
    """The noun phrase that ends right before "versus": "... of sunitinib versus ..." -> sunitinib."""
    lo = max(s0, pos - 60)
    while lo > s0 and text[lo - 1].isalnum():
        lo += 1  # start at a word, not inside one
        if lo >= pos:
            return None
    cut = lo
    for m in _LEFT_DELIMITER.finditer(text, lo, pos):
        cut = m.end()
    span = noun_phrase(text, cut, pos)
    return _phrase(text, span, "intervention", "slot/versus")

"""Conditions named by the slots of trial language, for diagnoses no vocabulary lists.

"patients with X", "adults diagnosed with X", "children undergoing X", "women scheduled for X":
the noun phrase X after a participant noun and a diagnosis or procedure cue is what the
participants were recruited for. The phrase is cut where a noun phrase ends (a clause, a
preposition, a count, punctuation); phrases that describe a measurement, a history, a treatment
or nothing in particular are dropped, and "X or Y" gives two conditions.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline import vocab
from pipeline.text.people import population_noun
from pipeline.text.regex import compile_skipping
from pipeline.text.numbers import NUMBER_SCAN
from pipeline.text.sentences import sentences

_I = re.I


@dataclass(frozen=True)
class ConditionPhrase:
    start: int
    end: int
    name: str
    rule: str
    cue_start: int = -1  # where the cue ("with", "undergoing") starts
    joiner: str = ""  # "and" / "or" when the slot named several conditions
    count: tuple[int, int] | None = None  # the span of "10" in "10 of them also had X"


@functools.cache
def _cue_re() -> re.Pattern[str]:
    pop = population_noun()
    return compile_skipping(
        rf"\b{pop}\s+(?:(?:aged|ages)\s+(?:between\s+)?[\d\s–-]+(?:(?:to|and)\s+\d+\s+)?(?:years?\s+)?(?:old\s+)?|"
        r"\d+\s+years?\s+(?:and|or)\s+(?:over|older|above)\s+)?(?:who\s+(?:were|had\s+been|are)\s+)?"
        r"(?P<cue>with|diagnosed\s+with|suffering\s+from|undergoing|who\s+underwent|scheduled\s+(?:for|to\s+undergo)|"
        r"(?:admitted|hospitali[sz]ed|referred|presenting)\s+(?:for|with|to\s+hospital\s+with)|at\s+risk\s+(?:of|for))\s+", _I)


# "10 of them also had X", "all had been diagnosed with X": the count is the subject.
_COUNT_CUE_RE = compile_skipping(
    rf"(?<![\w.,/-])(?P<count>all|{NUMBER_SCAN})(?:\s+of\s+(?:them|these|those|the\s+\w+))?\s+(?:(?:also|additionally)\s+)?"
    r"(?P<cue>had\s+been\s+diagnosed\s+with|were\s+diagnosed\s+with|had|suffered\s+from)\s+", _I)


NOT_PARTICIPANTS_BEFORE = compile_skipping(
    r"\b(?:(?:care(?:givers?|rs?)|parents|families|relatives|spouses|partners|mothers|fathers|staff|nurses|"
    r"physicians|doctors|clinicians)\s+(?:of|for|caring\s+for|looking\s+after|treating)|"
    r"sub(?:groups?|sets?|analys[ie]s|-?groups?)\s+of)\s+(?:the\s+)?(?:\S+\s+)?$", _I)


# Words a diagnosis may carry before its name: stripped ("a history of" is not a diagnosis).
_LEAD = compile_skipping(
    r"(?:(?:a|an|the|either|both|newly|recently|previously|clinically|confirmed|established|documented|diagnosed|current|"
    r"primary|known|stable|elective|planned|clinical\s+diagnosis\s+of|(?:a\s+)?diagnosis\s+of|"
    r"DSM[- ]?(?:IV|5)(?:-TR)?(?:-defined)?|ICD-10)\s+)+", _I)
_STOP = compile_skipping(
    r"\s(?:who|which|that|were|was|are|is|had|have|has|with|in|at|for|to(?!\s+(?:moderate|severe|profound|very\s+severe)\b)|from|during|on|over|by|via|before|after|"
    r"while|whereas|undergoing|receiving|treated|taking|using|randomi[sz]ed|assigned|allocated|enrolled|"
    r"recruited|aged|between|than|as|whose|where|when|but|and\s+(?:were|had|who|received|then)|"
    r"requiring|needing|attending|under|without|despite|not|because|took|participated|completed|showed|reported|"
    r"received|experienced|underwent|gave|provided|entered|joined|did|reduced|improved|increased|decreased|"
    r"developed|remained|often|usually|frequently|typically|commonly|generally|also|could|would|will|may|might|can|should|must|sized|measuring|lasting|only|or\s+(?:less|more))\b|[,;:()\[\]]|\.(?:\s|$)|\s[-–—]\s|\s\d+(?:\.\d+)?\s*%|$", _I)
_NOT_A_DIAGNOSIS = compile_skipping(
    r"^(?:(?:history|a\s+history|histories)\s+of\b|.*\bdoses?\s+of\b|(?:a|an|the|no|any|some|other|their|his|her|it|them|this|these|those|each|all|both|one|two|three|at\s+least|"
    r"high|higher|low|lower|normal|elevated|increased|reduced|good|poor)\b|"
    r".*\b(?:history|levels?|scores?|values?|symptoms|signs|risk|concentrations?|pressure|index|rates?|counts?|"
    r"use|consumption|intake|exposure|treatment|therapy|medication|drugs?|surgery\s+history|consent|"
    r"insurance|access|children|parents|partners|families|family|experience|knowledge|information|"
    r"data|access|diagnos[ie]s|criteria|BMI|problems|issues|difficulties|complaints|needs|indications?|eligible|less|more)$)|"
    # a measurement ("clinic SBP 160-190 mmHg") is an entry criterion, not a diagnosis
    r".*\b(?:mmHg|mg|g|kg|mmol|µmol|nmol|mL|dL|L|cm|mm|years?|months?|weeks?|kg/m2|%)(?:\b|$)", _I)
_PROCEDURE_CUE = ("undergoing", "who", "scheduled")
# The last word of a diagnosis or of a procedure: a clinical head noun or clinical morphology
# ("-itis", "-osis", "-ectomy"), so that "children with sad feelings" names no condition.
# The words are data (conditions.toml [slot_heads]).
def _heads(words: str, suffixes: str) -> re.Pattern[str]:
    heads = vocab.load("conditions")["slot_heads"]
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(heads[words], key=len, reverse=True))
    suf = "|".join(re.escape(w) for w in sorted(heads[suffixes], key=len, reverse=True))
    return compile_skipping(rf"\b(?:(?:{alt})s?|[a-z]+(?:{suf}))\b", _I)


@functools.cache
def _diagnosis_head() -> re.Pattern[str]:
    return _heads("diagnosis", "suffixes")


@functools.cache
def _procedure_head() -> re.Pattern[str]:
    return _heads("procedure", "procedure_suffixes")


@functools.cache
def _vague_head() -> re.Pattern[str]:
    """'gastrointestinal problems', 'sleep difficulties': a vague head after a body system."""
    heads = vocab.load("conditions")["slot_heads"]
    systems = "|".join(re.escape(w) for w in sorted(heads["systems"], key=len, reverse=True))
    vague = "|".join(re.escape(w) for w in heads["vague"])
    return compile_skipping(rf"\b(?:{systems})\s+(?:{vague})$", _I)


# "COPD", "sAH", "nr-axSpA", "T2D": an abbreviation in a population slot names the diagnosis.
_ABBREVIATION = re.compile(r"^(?:[a-z]{1,3}-)?[a-z]?(?=[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z])[A-Za-z0-9-]{2,9}$")
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{0,3})$")


def _clinical_name(name: str, procedure: bool) -> str | None:
    """The name cut after its last clinical head ("diabetes inadequately controlled" -> "diabetes");
    None when nothing in it is a diagnosis (or, after "undergoing", a procedure)."""
    ends = [m.end() for m in _diagnosis_head().finditer(name)]
    vague = _vague_head().search(name)
    if vague:
        ends.append(vague.end())
    if procedure and not ends:
        ends = [m.end() for m in _procedure_head().finditer(name)]
    elif procedure and _procedure_head().search(name, max(ends)):
        return name[:max(ends)]  # "hernia surgery", "cataract extraction": the condition operated on
    words = name.split()
    if not ends:
        last = words[-1] if words else ""
        return name if _ABBREVIATION.match(last) and not _ROMAN.match(last) else None
    cut = name[:max(ends)]
    rest = name[max(ends):].split()
    # keep a trailing abbreviation or "of the knee" complement: "osteoarthritis of the knee"
    if rest and rest[0].lower() == "of" and len(rest) <= 4:
        return name
    return cut
_AGE_ONLY = compile_skipping(r"^(?:\d+|[a-z]+)\s*(?:years?|months?)\b", _I)


def _cut(text: str, start: int, end: int) -> tuple[int, int] | None:
    lead = _LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    end = min(end, start + 160)  # a diagnosis is a few words; never scan the rest of a long sentence
    m = _STOP.search(text, start, end)
    stop = m.start() if m else end
    piece = text[start:stop].rstrip(" .-–'\"")
    if not piece or len(piece) < 3 or len(piece.split()) > 12 or not re.match(r"[A-Za-z]", piece):
        return None
    return start, start + len(piece)


def _items(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], str]:
    """'overweight or obesity' -> two; 'type 2 diabetes and chronic kidney disease' -> two.
    A joiner between qualifiers ("mild to moderate", "chronic or recurrent") splits nothing."""
    out, pos, joiner = [], start, ""
    for sep in re.finditer(r"\s+(?:and/or|or|and)\s+", text[start:end]):
        if _QUALIFIER_ONLY.match(text, pos, start + sep.start()):
            continue  # "chronic or recurrent low back pain": one condition
        out.append((pos, start + sep.start()))
        joiner = "or" if "or" in sep.group(0) else (joiner or "and")
        pos = start + sep.end()
    out.append((pos, end))
    return out, joiner


_QUALIFIER_ONLY = compile_skipping(
    r"(?:(?:mild|moderate|severe|chronic|acute|subacute|recurrent|persistent|early|advanced|primary|secondary|"
    r"newly\s+diagnosed|relapsed|refractory|stable|unstable|active|localized|locally\s+advanced|metastatic)"
    r"(?:\s+(?:to|or)\s+|,\s*)?)+$", _I)
# "undergoing surgery for X", "scheduled for repair of X": why the procedure was done.
_FOR_REASON = compile_skipping(r"\s+(?:for|because\s+of|due\s+to)\s+", _I)


def _is_agent(name: str) -> bool:
    agents = vocab.index("agents")
    return agents.lookup(name.lower()) is not None or agents.lookup(name.lower().removesuffix("s")) is not None


def phrases(text: str, start: int, end: int) -> list[ConditionPhrase]:
    """Conditions the participants were recruited for, named in slots inside ``text[start:end]``."""
    out: list[ConditionPhrase] = []
    for s0, s1 in sentences(text, start, end):
        slots = [(m, None) for m in _cue_re().finditer(text, s0, s1)]
        slots += [(m, m.span("count")) for m in _COUNT_CUE_RE.finditer(text, s0, s1)]
        for m, count in slots:
            if NOT_PARTICIPANTS_BEFORE.search(text, max(s0, m.start() - 40), m.start()):
                continue  # "caregivers of patients with X", "a subgroup of 40 patients with X"
            span = _cut(text, m.end(), s1)
            if span is None:
                continue
            cue = m.group("cue").split()[0].lower()
            if count is not None:
                cue = m.group("cue").split()[0].lower()
                cue = "diagnosed" if "diagnosed" in m.group("cue").lower() else cue  # had / diagnosed / suffered
            procedure = cue in _PROCEDURE_CUE
            if procedure:
                reason = _FOR_REASON.match(text, span[1], s1)
                why = _cut(text, reason.end(), s1) if reason else None
                if why is not None:
                    span = why  # "undergoing an operation for acute appendicitis": the diagnosis
                    procedure = False
            items, joiner = _items(text, *span)
            for a, b in items:
                name = " ".join(text[a:b].split())
                if len(name.split()) > 6:
                    continue
                # "sleep problems": the vague last word is no reason to drop it; the rest may be
                checked = name.rsplit(" ", 1)[0] if _vague_head().search(name) else name
                if _NOT_A_DIAGNOSIS.match(checked) or _AGE_ONLY.match(name) or _is_agent(name):
                    continue
                if name.lower() in ("mild", "moderate", "severe", "chronic", "acute"):
                    continue
                clinical = _clinical_name(name, procedure)
                if clinical is None:
                    continue
                b = a + len(clinical) if text[a:a + len(clinical)] == clinical else b
                name = clinical
                rule = "condition/slot-procedure" if procedure else "condition/slot-" + cue
                out.append(ConditionPhrase(a, b, name, rule, m.start("cue"), joiner if len(items) > 1 else "", count))
    return out

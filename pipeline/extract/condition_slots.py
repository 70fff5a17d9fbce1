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
from pipeline.text.people import population_noun, population_noun_re
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


_CUE_WORDS = (
    r"(?P<cue>with|diagnosed\s+with|suffering\s+from|undergoing|who\s+underwent|scheduled\s+(?:for|to\s+undergo)|"
    r"requiring|needing|in\s+need\s+of|"
    r"(?:who\s+)?(?:met|meet|meeting|fulfilled|fulfilling)\s+(?:the\s+)?(?:(?:DSM[- ]?(?:IV|5|III)(?:-TR)?|ICD-10|"
    r"diagnostic|clinical|research|standard)\s+)*criteria\s+(?:for|of)|"
    r"(?:who\s+were\s+)?candidates?\s+for|(?:recovering\s+)?(?:after|following)|"
    r"(?:admitted|hospitali[sz]ed|referred|presenting)\s+(?:for|with|to\s+hospital\s+with))\s+")
# The cue alone, found first; the participant noun before it is checked in a short window
# (scanning every position for the long noun alternation was the slow part).
_CUE_ONLY_RE = compile_skipping(r"\b" + _CUE_WORDS, _I)


@functools.cache
def _cue_re() -> re.Pattern[str]:
    """Participant noun, optional age or clause, cue: matched to end at the cue's end ($)."""
    pop = population_noun()
    return compile_skipping(
        rf"\b{pop}\s+(?:(?:aged|ages)\s+(?:between\s+)?[\d\s–-]+(?:(?:to|and)\s+\d+\s+)?(?:years?\s+)?(?:old\s+)?"
        r"(?:(?:or|and)\s+(?:older|over|above)\s+)?|"
        r"\d+\s+years?\s+(?:and|or)\s+(?:over|older|above)\s+)?(?:who\s+(?:were|had\s+been|are)\s+)?"
        + _CUE_WORDS + "$", _I)


def _cue_matches(text: str, s0: int, s1: int) -> list[re.Match[str]]:
    out = []
    for c in _CUE_ONLY_RE.finditer(text, s0, s1):
        m = _cue_re().search(text, max(s0, c.start() - 90), c.end())
        if m is not None:
            out.append(m)
    return out


# "4,282 women (aged 60 to 80 and at high risk of cardiovascular disease)": the risk is what
# they were recruited for ("high risk of X", not X, which they do not have).
@functools.cache
def _risk_re() -> re.Pattern[str]:
    return compile_skipping(
        r"\b(?:at|with\s+an?|who\s+(?:were|are)\s+at)\s+"
        r"(?P<risk>(?:(?:very\s+)?(?:high|higher|increased|elevated|moderate|intermediate)(?:\s+|-))?risk\s+(?:of|for))\s+", _I)


def _risk_matches(text: str, s0: int, s1: int) -> list[re.Match[str]]:
    """Risk phrases with a participant noun at most 60 characters before, in the same clause."""
    out = []
    for m in _risk_re().finditer(text, s0, s1):
        if re.search(r"\b(?:identified|found|classified|shown)\s+(?:as\s+|to\s+be\s+)?(?:being\s+)?$",
                     text[max(s0, m.start() - 40):m.start()], _I):
            continue  # "four were identified as being at risk for X": a screening finding
        a = max(s0, m.start() - 70)
        window = text[a:m.start()]
        cut = max(window.rfind("."), window.rfind(";"), window.rfind(":"))
        if population_noun_re().search(text, a + cut + 1, m.start()):
            out.append(m)
    return out


# "Eligible participants had X", "a randomized trial in X": the entry condition without a count.
@functools.cache
def _entry_re() -> re.Pattern[str]:
    return compile_skipping(
        rf"\b(?:(?:eligible|all|included|enrolled)\s+(?:[\w-]+\s+)?{population_noun()}\s+(?P<had>had|have|were\s+diagnosed\s+with)|"
        r"(?P<trial>(?:trials?|study|RCT)\s+(?:conducted\s+|carried\s+out\s+)?in))\s+", _I)


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
    r"^(?:(?:history|a\s+history|histories)\s+of\b|.*\b(?:doses?|levels?|concentrations?|values?)\s+of\b|"
    r"(?:detectable|undetectable|positive|negative|measurable|which|whom|journal)\b|(?:a|an|the|no|any|some|other|their|his|her|it|them|this|these|those|each|all|both|one|two|three|at\s+least|"
    r"high|higher|low|lower|normal|elevated|increased|reduced|good|poor)\b|"
    r".*\b(?:history|levels?|scores?|values?|symptoms|signs|risk|concentrations?|pressure|index|rates?|counts?|"
    r"use|consumption|intake|exposure|treatment|therapy|medication|drugs?|surgery\s+history|consent|"
    r"insurance|access|children|parents|partners|families|family|experience|knowledge|information|"
    r"data|access|diagnos[ie]s|criteria|BMI|problems|issues|difficulties|complaints|needs|indications?|eligible|less|more)$)|"
    # a measurement ("clinic SBP 160-190 mmHg") is an entry criterion, not a diagnosis
    r".*\b(?:mmHg|mg|g|kg|mmol|µmol|nmol|mL|dL|L|cm|mm|years?|months?|weeks?|kg/m2|%)(?:\b|$)", _I)
_PROCEDURE_CUE = ("undergoing", "who", "scheduled", "candidate", "candidates", "after", "following", "recovering",
                  "requiring", "needing", "in")
# The last word of a diagnosis or of a procedure: a clinical head noun or clinical morphology
# ("-itis", "-osis", "-ectomy"), so that "children with sad feelings" names no condition.
# The words are data (conditions.toml [slot_heads]).
def _heads(words: str, suffixes: str) -> re.Pattern[str]:
    heads = vocab.load("conditions")["slot_heads"]
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(heads[words], key=len, reverse=True))
    suf = "|".join(re.escape(w) for w in sorted(heads[suffixes], key=len, reverse=True))
    nots = "|".join(re.escape(w) for w in sorted(heads["not_heads"], key=len, reverse=True))
    return compile_skipping(rf"\b(?:(?:{alt})s?|(?!(?:{nots})\b)[a-z]+(?:{suf}))\b", _I)


@functools.cache
def _diagnosis_head() -> re.Pattern[str]:
    return _heads("diagnosis", "suffixes")


def names_a_diagnosis(words: str) -> bool:
    """Some word of ``words`` is a diagnosis head of the vocabulary's slot heads ("ascites")."""
    return _diagnosis_head().search(words) is not None


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
    if not piece or (len(piece) < 3 and not piece.isupper()) or len(piece.split()) > 12 or not re.match(r"[A-Za-z]", piece):
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
        slots: list[tuple[re.Match[str], tuple[int, int] | None]] = [(m, None) for m in _cue_matches(text, s0, s1)]
        slots += [(m, m.span("count")) for m in _COUNT_CUE_RE.finditer(text, s0, s1)]
        for m, count in slots:
            if NOT_PARTICIPANTS_BEFORE.search(text, max(s0, m.start() - 40), m.start()):
                continue  # "caregivers of patients with X", "a subgroup of 40 patients with X"
            cue = m.group("cue").split()[0].lower()
            if count is not None:
                cue = "diagnosed" if "diagnosed" in m.group("cue").lower() else cue  # had / diagnosed / suffered
            out += _read_slot(text, m.end(), s1, cue, m.start("cue"), count)
        out += _named_population(text, s0, s1)
        for m in _entry_re().finditer(text, s0, s1):
            got = _read_slot(text, m.end(), s1, "eligible" if m.group("had") else "trial", m.start())
            if m.group("trial"):
                # "a study in Clinical Cancer Research", "a trial in the USA", "a study in an area
                # of low infection": a journal, a place, a setting
                got = [p for p in got if p.name == p.name.lower()
                       and not re.match(r"(?:area|region|setting|population|communit|countr|district|village)", p.name)]
                pop = re.compile(rf"{population_noun()}\s+(?:of|with)\s+", _I)
                got = [ConditionPhrase(p.start + len(g.group(0)), p.end, p.name[len(g.group(0)):], p.rule, p.cue_start)
                       if (g := pop.match(p.name)) else p for p in got]  # "in patients of CKD"
            out += got
        for m in _risk_matches(text, s0, s1):
            risk = " ".join(m.group("risk").replace("-", " ").split()).lower().replace("risk for", "risk of")
            at = m.end()
            if re.match(r"being\b", text[at:at + 6], _I):
                continue  # "at risk for being overweight": a likelihood, not a recruited risk group
            dev = re.match(r"(?:developing|having|getting)\s+", text[at:at + 12], _I)
            at += dev.end() if dev else 0  # "at high risk of developing diabetes" -> "high risk of diabetes"
            for p in _read_slot(text, at, s1, "risk", m.start("risk")):
                out.append(ConditionPhrase(m.start("risk"), p.end, f"{risk} {p.name}", p.rule, p.cue_start, p.joiner))
    return out


def _read_slot(text: str, at: int, s1: int, cue: str, cue_start: int,
               count: tuple[int, int] | None = None) -> list[ConditionPhrase]:
    """The conditions of the noun phrase starting at ``at`` after a slot cue."""
    span = _cut(text, at, s1)
    if span is None:
        return []
    procedure = cue in _PROCEDURE_CUE
    if procedure:
        reason = _FOR_REASON.match(text, span[1], s1)
        why = _cut(text, reason.end(), s1) if reason else None
        if why is not None:
            span = why  # "undergoing an operation for acute appendicitis": the diagnosis
            procedure = False
    items, joiner = _items(text, *span)
    # "head and neck cancer", "hip or knee osteoarthritis": a first part with no head of its own
    # shares the head of the next one; the parts are one condition.
    merged: list[tuple[int, int]] = []
    for a, b in items:
        if merged and _clinical_name(text[merged[-1][0]:merged[-1][1]], procedure) is None \
                and len(text[merged[-1][0]:merged[-1][1]].split()) <= 2:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    if len(merged) < len(items):
        items, joiner = merged, ("" if len(merged) == 1 else joiner)
    out = []
    for a, b in items:
        k = _KNOWN_AS.search(text, a, b)
        if k:  # "a rare condition called X": X
            a = k.end()
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
            if _GENERIC_KIND.match(name):  # "another type of ... headache known as cluster headaches"
                named = _KNOWN_AS.search(text, b, min(s1, b + 100))
                if named:
                    out += [ConditionPhrase(p.start, p.end, p.name, p.rule, cue_start, joiner or p.joiner, count)
                            for p in _read_slot(text, named.end(), s1, cue, cue_start, count)]
            continue
        b = a + len(clinical) if text[a:a + len(clinical)] == clinical else b
        if _ABBREVIATION.match(clinical) or (len(clinical) == 2 and clinical.isupper()):
            clinical = spelled_out(text, clinical) or clinical  # "patients undergoing LC": its spelled-out name
        rule = "condition/slot-procedure" if procedure else "condition/slot-" + cue
        out.append(ConditionPhrase(a, b, clinical, rule, cue_start, joiner if len(items) > 1 else "", count))
    return out


_GENERIC_KIND = compile_skipping(r"(?:another|an?|one|other|some)\s+(?:(?:rare|common|severe|painful|chronic)\s+)?"
                                 r"(?:type|form|kind|variety|condition|disorder|disease)\b", _I)
_KNOWN_AS = compile_skipping(r"\b(?:known\s+as|called|termed|named)\s+", _I)


# "40 vascular surgery patients", "56 cirrhotic ascites patients": the words between a count and
# the participant noun name what the participants have (a clinical head decides).
_NAMED_POPULATION_RE = compile_skipping(
    rf"(?<![\w.,/-])(?P<count>{NUMBER_SCAN})\s+(?P<np>(?:[\w'/-]+\s+){{0,3}}?[\w'/-]+)\s+"
    r"(?:patients|outpatients|inpatients|sufferers|survivors)\b", _I)
_PARTICIPANT_WORDS = (
    r"(?:consecutive|eligible|adult|adults|male|female|elderly|older|young|new|hospitali[sz]ed|human|"
    r"critically|ill|evaluable|randomi[sz]ed|enrolled|included|surgical|medical|primary|care|ICU|outpatient|"
    r"inpatient|Chinese|Japanese|Korean|Indian|Iranian|Egyptian|Turkish|African|American|European|"
    r"other|more|additional|of|the|and|or|in|with|from|to|at|per)\b\s*")
_NOT_NAMED = compile_skipping(rf"^{_PARTICIPANT_WORDS}+$", _I)
_PARTICIPANT_LEAD = compile_skipping(rf"{_PARTICIPANT_WORDS}+", _I)


_TREATMENT_HEAD = compile_skipping(r"\b(?:chemotherapy|radiotherapy|chemoradiotherapy|therapy|treatment|placebo)$", _I)


@functools.lru_cache(maxsize=512)
def spelled_out(text: str, abbr: str) -> str | None:
    """The diagnosis or procedure an abbreviation stands for where the text spells it out
    ("oral submucous fibrosis (OSF)" -> "oral submucous fibrosis"); None if it names no such thing."""
    caps = [c for c in abbr if c.isupper()]
    if not caps:
        return None
    pos = text.find("(" + abbr)
    while pos >= 0:  # each "(ABBR)" by a plain scan, then the words before it
        if text[pos + 1 + len(abbr):pos + 2 + len(abbr)] in (")", ";", ","):
            before = text[max(0, pos - 90):pos]
            words = re.split(r"[.;:!?]\s", before)[-1].split()[-7:]  # not across a sentence end
            for k in range(min(len(words), len(caps) + 1), 0, -1):
                tail = " ".join(words[-k:])
                if not re.match(r"[A-Za-z]", tail) or re.match(r"(?:on|of|in|with|and|or|the|an?|for|to|at|by)\b", tail, _I):
                    continue
                if tail[0].lower() == abbr[0].lower() and _clinical_name(tail, True) == tail:
                    if tail.istitle() or (tail[:1].isupper() and tail[1:2].islower()):
                        tail = tail[0].lower() + tail[1:] if not tail.istitle() else tail.lower()
                    return tail  # "Severe alcoholic hepatitis (sAH)" at a sentence start
        pos = text.find("(" + abbr, pos + 1)
    return None


def _named_population(text: str, s0: int, s1: int) -> list[ConditionPhrase]:
    out = []
    for m in _NAMED_POPULATION_RE.finditer(text, s0, s1):
        a, b = m.span("np")
        np = text[a:b]
        if _NOT_NAMED.match(np) or re.search(r"\b(?:of|in|with|and|or|to|at|from|were|was|had|per|percent|among|if|"
                                              r"that|these|those|our|their|its|all|some|many|most|such|outcomes?|after|before|than|during|"
                                              r"hours?|days?|weeks?|months?|years?)\b|\d",
                                              np, _I):
            continue
        # leading words that qualify the participants, not the condition
        lead = _PARTICIPANT_LEAD.match(np)
        if lead:
            a += lead.end()
        name = text[a:b]
        if _is_agent(name) or vocab.index("agents").lookup(name.split()[-1].lower()) is not None:
            continue  # "40 warfarin patients": a treatment
        clinical = _clinical_name(name, True)
        if clinical is None or _NOT_A_DIAGNOSIS.match(clinical) or _TREATMENT_HEAD.search(clinical):
            continue  # "2 standard chemotherapy patients": an arm of the trial
        if _ABBREVIATION.match(clinical):
            clinical = spelled_out(text, clinical) or ""
            if not clinical:
                continue  # "40 TLI-ATG patients" (an arm), "395 UCSF patients" (a hospital)
        elif _ABBREVIATION.match(clinical.split()[-1]) and not spelled_out(text, clinical.split()[-1]):
            continue
        out.append(ConditionPhrase(a, b if clinical not in text[a:b] else a + len(clinical), clinical,
                                   "condition/slot-named", -1, "", m.span("count")))
    return out


# A title names the condition studied after "for", "in", "with" ("Drug A versus placebo for X",
# "Effect of A on B in patients with X", "... in X patients").
_TITLE_CUE_RE = compile_skipping(
    r"\b(?:(?:for|in)\s+(?:(?:the\s+)?(?:treatment|management|therapy)\s+of\s+|(?:treating|managing)\s+)?|"
    r"among\s+|(?:of|in|for|on)\s+(?:the\s+)?(?:treatment|management)\s+of\s+)"
    r"(?:(?:patients|adults|children|women|men|people|subjects|infants|neonates|individuals|adolescents)\s+"
    r"(?:with|undergoing|suffering\s+from)\s+)?", _I)
# "linked with fewer heart attacks", "in predicting dementia": an outcome or an aim, not the participants.
_TITLE_NOT_START = compile_skipping(
    r"(?:fewer|more|less|lower|higher|reduced|reducing|increased|increasing|better|worse|improved|improving|"
    r"predicting|preventing|prevention|control|controlling|risk|detecting|detection|screening|fight|battle|war|"
    r"hope|progress)\b", _I)
_TITLE_POP_AFTER = compile_skipping(r"\s+(?:patients|sufferers|survivors|subjects|adults|children|women|men)\b", _I)


_GERUND = compile_skipping(r"(?!(?:bleeding|wheezing|stuttering|swelling)\b)[a-z]+ing\b", _I)


def title_phrases(text: str, start: int, end: int) -> list[ConditionPhrase]:
    """Conditions named in a title line ``text[start:end]``, lower-cased where the title
    capitalises every word ("Chronic Kidney Disease" -> "chronic kidney disease")."""
    out: list[ConditionPhrase] = []
    for m in _TITLE_CUE_RE.finditer(text, start, end):
        if _TITLE_NOT_START.match(text, m.end(), end) or _GERUND.match(text, m.end(), end):
            continue
        undergoing = "undergoing" in m.group(0).lower()
        for p in _read_slot(text, m.end(), end, "undergoing" if undergoing else "title", m.start()):
            if _ABBREVIATION.match(p.name):
                continue  # "two interventions for HHHFNC": a title's abbreviation may be a device
            name = re.sub(r"[A-Za-z]+", lambda w: w.group(0).lower() if w.group(0).istitle() and len(w.group(0)) > 1
                          else w.group(0), p.name)  # "type-I" keeps its numeral
            out.append(ConditionPhrase(p.start, p.end, name, "condition/title-slot", p.cue_start, p.joiner))
        # "... in cirrhotic ascites patients": the words before the participant noun
        cut = _cut(text, m.end(), end)
        if cut:
            a, b = cut
            pop = _TITLE_POP_AFTER.search(text, a, min(end, b + 12))
            if pop and pop.start() > a and not _NOT_NAMED.match(text[a:pop.start()]):
                clinical = _clinical_name(text[a:pop.start()], True)
                if clinical and not _NOT_A_DIAGNOSIS.match(clinical):
                    out.append(ConditionPhrase(a, a + len(clinical), clinical.lower() if not clinical.isupper() else clinical,
                                               "condition/title-slot", m.start()))
    return out

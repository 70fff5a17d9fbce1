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
from pipeline.text.sentences import sentences

_I = re.I


@dataclass(frozen=True)
class ConditionPhrase:
    start: int
    end: int
    name: str
    rule: str


@functools.cache
def _cue_re() -> re.Pattern[str]:
    pop = population_noun()
    return compile_skipping(
        rf"\b{pop}\s+(?:(?:aged|ages)\s+(?:between\s+)?[\d\s–-]+(?:(?:to|and)\s+\d+\s+)?(?:years?\s+)?(?:old\s+)?|"
        r"\d+\s+years?\s+(?:and|or)\s+(?:over|older|above)\s+)?(?:who\s+(?:were|had\s+been|are)\s+)?"
        r"(?P<cue>with|diagnosed\s+with|suffering\s+from|undergoing|who\s+underwent|scheduled\s+(?:for|to\s+undergo)|"
        r"(?:admitted|hospitali[sz]ed|referred|presenting)\s+(?:for|with|to\s+hospital\s+with)|at\s+risk\s+(?:of|for))\s+", _I)


# Words a diagnosis may carry before its name: stripped ("a history of" is not a diagnosis).
_LEAD = compile_skipping(
    r"(?:(?:a|an|the|either|both|newly|recently|previously|clinically|confirmed|established|documented|diagnosed|current|"
    r"primary|known|stable|elective|planned|clinical\s+diagnosis\s+of|(?:a\s+)?diagnosis\s+of|"
    r"DSM[- ]?(?:IV|5)(?:-TR)?(?:-defined)?|ICD-10)\s+)+", _I)
_STOP = compile_skipping(
    r"\s(?:who|which|that|were|was|are|is|had|have|has|in|at|for|to|from|during|on|over|by|via|before|after|"
    r"while|whereas|undergoing|receiving|treated|taking|using|randomi[sz]ed|assigned|allocated|enrolled|"
    r"recruited|aged|between|than|as|whose|where|when|but|and\s+(?:were|had|who|received|then)|"
    r"requiring|needing|attending|under|without|despite|not|because|took|participated|completed|showed|reported|"
    r"received|experienced|underwent|gave|provided|entered|joined|did|reduced|improved|increased|decreased|"
    r"developed|remained|often|usually|frequently|typically|commonly|generally|also|could|would|will|may|might|can|should|must|sized|measuring|lasting|only|or\s+(?:less|more))\b|[,;:()\[\]]|\.(?:\s|$)|\s[-–—]\s|\s\d+(?:\.\d+)?\s*%|$", _I)
_NOT_A_DIAGNOSIS = compile_skipping(
    r"^(?:(?:history|a\s+history|histories)\s+of\b|(?:a|an|the|no|any|some|other|their|his|her|it|them|this|these|those|each|all|both|one|two|three|at\s+least|"
    r"high|higher|low|lower|normal|elevated|increased|reduced|good|poor)\b|"
    r".*\b(?:history|levels?|scores?|values?|symptoms|signs|risk|concentrations?|pressure|index|rates?|counts?|"
    r"use|consumption|intake|exposure|treatment|therapy|medication|drugs?|surgery\s+history|consent|"
    r"insurance|access|children|parents|partners|families|family|experience|knowledge|information|"
    r"data|access|problems|issues|difficulties|complaints|needs|indications?|eligible|less|more)$)|"
    # a measurement ("clinic SBP 160-190 mmHg") is an entry criterion, not a diagnosis
    r".*\b(?:mmHg|mg|g|kg|mmol|µmol|nmol|mL|dL|L|cm|mm|years?|months?|weeks?|kg/m2|%)(?:\b|$)", _I)
_PROCEDURE_CUE = ("undergoing", "who", "scheduled")
# The last word of a diagnosis or of a procedure: a clinical head noun or clinical morphology
# ("-itis", "-osis", "-ectomy"), so that "children with sad feelings" names no condition.
_DIAGNOSIS_HEAD = compile_skipping(
    r"\b(?:diseases?|disorders?|syndromes?|cancers?|carcinomas?|tumou?rs?|injur(?:y|ies)|pain|fractures?|deficiency|"
    r"deficiencies|infections?|failure|insufficiency|dysfunction|lesions?|ulcers?|wounds?|burns?|stones?|calculi|"
    r"metastases|palsy|attacks?|strokes?|arrest|shock|impairment|retardation|delay|obesity|overweight|hypertension|"
    r"diabetes|mellitus|dementia|addiction|dependence|abuse|illness(?:es)?|conditions?|defects?|malformations?|"
    r"hernias?|reflux|apnea|apnoea|asthma|eczema|acne|glaucoma|cataracts?|tinnitus|migraines?|headaches?|"
    r"seizures?|epilepsy|autism|psychosis|depression|anxiety|insomnia|fatigue|nausea|vomiting|constipation|"
    r"incontinence|infertility|pregnancy|labou?r|preeclampsia|[a-z]+(?:itis|osis|oses|emia|aemia|oma|omas|pathy|"
    r"pathies|algia|ias?|sis|plasia|trophy|rrhea|rrhoea|uria|cele|iasis)|colic|amputation|vera)\b", _I)
_PROCEDURE_HEAD = compile_skipping(
    r"\b(?:surgery|surgeries|section|delivery|repair|replacement|arthroplasty|transplant(?:ation)?|resection|"
    r"procedures?|operations?|biopsy|catheteri[sz]ation|intubation|an(?:a)?esthesia|extraction|implantation|"
    r"induction|ablation|bypass|grafting|dialysis|hemodialysis|haemodialysis|chemotherapy|radiotherapy|"
    r"[a-z]+(?:ectomy|ectomies|otomy|ostomy|plasty|scopy|graphy|pexy))\b", _I)
# "COPD", "sAH", "nr-axSpA", "T2D": an abbreviation in a population slot names the diagnosis.
_ABBREVIATION = re.compile(r"^(?:[a-z]{1,3}-)?[a-z]?(?=[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z])[A-Za-z0-9-]{2,9}$")
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{0,3})$")


def _clinical_name(name: str, procedure: bool) -> str | None:
    """The name cut after its last clinical head ("diabetes inadequately controlled" -> "diabetes");
    None when nothing in it is a diagnosis (or, after "undergoing", a procedure)."""
    ends = [m.end() for m in _DIAGNOSIS_HEAD.finditer(name)]
    if procedure and not ends:
        ends = [m.end() for m in _PROCEDURE_HEAD.finditer(name)]
    elif procedure and _PROCEDURE_HEAD.search(name, max(ends)):
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


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """'overweight or obesity' -> two; 'type 2 diabetes and chronic kidney disease' -> two."""
    out, pos = [], start
    for sep in re.finditer(r"\s+(?:and/or|or|and)\s+", text[start:end]):
        out.append((pos, start + sep.start()))
        pos = start + sep.end()
    out.append((pos, end))
    return out


def _is_agent(name: str) -> bool:
    agents = vocab.index("agents")
    return agents.lookup(name.lower()) is not None or agents.lookup(name.lower().removesuffix("s")) is not None


def phrases(text: str, start: int, end: int) -> list[ConditionPhrase]:
    """Conditions the participants were recruited for, named in slots inside ``text[start:end]``."""
    out: list[ConditionPhrase] = []
    for s0, s1 in sentences(text, start, end):
        for m in _cue_re().finditer(text, s0, s1):
            span = _cut(text, m.end(), s1)
            if span is None:
                continue
            cue = m.group("cue").split()[0].lower()
            for a, b in _items(text, *span):
                name = " ".join(text[a:b].split())
                if len(name.split()) > 6:
                    continue
                if _NOT_A_DIAGNOSIS.match(name) or _AGE_ONLY.match(name) or _is_agent(name):
                    continue
                if name.lower() in ("mild", "moderate", "severe", "chronic", "acute"):
                    continue
                procedure = cue in _PROCEDURE_CUE
                clinical = _clinical_name(name, procedure)
                if clinical is None:
                    continue
                b = a + len(clinical) if text[a:a + len(clinical)] == clinical else b
                name = clinical
                rule = "condition/slot-procedure" if procedure else "condition/slot-" + cue
                out.append(ConditionPhrase(a, b, name, rule))
    return out

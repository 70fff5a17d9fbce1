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
from dataclasses import dataclass, replace

from pipeline.text import layout
from pipeline.text.abbreviations import definitions
from pipeline.text.index import index_of
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
    # an arm of a numbered list, or named beside a control ("randomised to A or usual care"):
    # the slot alone is enough evidence that A was given
    strong: bool = False


# "randomised to", "were assigned to receive either", "allocated into one of three groups:"
_ALLOCATION = compile_skipping(
    r"\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided|selected)|allocated|assigned|allotted|divided)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:to|into)\s+(?:(?:receive|either|get|undergo|take|be\s+given|wear|use|eat|drink|ingest|"
    r"consume|perform|attend|follow|practi[sc]e|complete|(?:one|1)\s+of\s+\w+|\w+\s+groups?|"
    r"the\s+following|groups?)[\s:,]+){0,3}", _I)
_RECEIVED = compile_skipping(
    r"\b(?:received?|receiving|were\s+given|was\s+given|took|underwent|undergoing|were\s+treated\s+with|practi[sc]ed|"
    r"were\s+offered|followed|attended|were\s+fed|drank|wore|used|completed|were\s+exposed\s+to|got|"
    # "the test group consumed a barley porridge", "applied a moisturising cream twice daily"
    r"consumed|ingested|ate|applied|inhaled|were\s+administered|was\s+administered|were\s+injected\s+with)\s+", _I)
# The words each slot pattern begins with: the patterns run only where the text index found one.
_ALLOCATION_WORDS = ("randomi", "randomly", "allocated", "assigned", "allotted", "divided")
_RECEIVED_WORDS = ("receive", "receiving", "were", "was", "took", "underwent", "undergoing", "practi", "followed",
                   "attended", "drank", "wore", "used", "completed", "got", "consumed", "ingested", "ate", "applied",
                   "inhaled")
_EFFECT_OF_WORDS = ("effect", "efficacy", "impact", "benefit", "randomi", "controlled", "clinical", "pilot", "safety")
_EFFECT_OF = compile_skipping(
    r"\b(?:(?:effects?|efficacy|effectiveness|impact|benefits?|(?:randomi[sz]ed|controlled|clinical|pilot)\s+(?:trial|study)|"
    r"safety)\s+of|benefit(?:s|ed|ing)?\s+from)\s+", _I)
# A title opens with what it evaluates: "Role of X in ...", "Preemptive use of X on ...", "Safety and
# tolerability of X": in the body these words mostly speak of background, so the title only.
_TITLE_OF = compile_skipping(
    r"^(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}?(?:role|use|usefulness|utility|evaluation|feasibility|"
    r"acceptability|tolerability|effectiveness|efficacy|safety)\s+(?:and\s+(?:\w+\s+)?\w+\s+)?of\s+", _I)
# A title names its treatment before what it treats: "Bromelain for the prevention of swelling ...",
# "Intravenous iron in the management of anaemia ..."
_TITLE_FOR = compile_skipping(
    r"\s+(?:in|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:treatment|therapy|management|prevention|prophylaxis|"
    r"relief)\s+of\s", _I)
# The treatment is the title's subject: it opens the title (or follows "Efficacy of", "Topical
# application of", "combined with") and runs up to "for"/"in", and is no
# kind of approach or news phrase ("Different modalities for ...", "Drug shows promise in ...").
_TITLE_SUBJECT_BEFORE = re.compile(
    # ("New Nerve Stimulation Technique Might Relieve ...": a news headline's "new" is no part of the name)
    r"\s*(?:(?:an?|the)\s+)?(?:(?:new|novel|experimental)\s+)?|.*\b(?:application|administration|use|efficacy|effects?|effectiveness|safety|"
    r"functionality|role|doses?|combined)\s+(?:of|with)\s+(?:(?:an?|the)\s+)?", _I)
_NOT_A_TITLE_SUBJECT = compile_skipping(
    r"\b(?:modalities|approaches|strategies|options|methods|regimens|agents|drugs|treatments|therapies|is|are|"
    r"shows?|makes?|helps?|works?|offers?|brings?|holds?|gives?|may|can|promise|breakthrough|hope|advances?)\b", _I)
# "the drug L-DOPA", "an experimental vaccine, rVSV-ZEBOV,": a coded name in apposition to its kind
_KIND_THEN_CODE = compile_skipping(
    r"\b(?:an?|the)\s+(?:(?:new|experimental|investigational|oral|injectable)\s+)?(?:drug|medication|medicine|"
    r"vaccine|compound|supplement|antibody|agent)\s*,?\s+(?=(?-i:[A-Za-z]*[A-Z][A-Za-z]*-?[A-Z0-9]|[A-Z]{2,}|[A-Z]\w*\d))",
    _I)
_PRODUCT_FORM_AFTER = compile_skipping(
    r"(?:\s+(?:laser|pills?|tablets?|capsules?|injections?|vaccines?|gel|cream|spray|patch|implant|device|surgery|"
    r"procedure|treatment|therapy|infusion))+\b", _I)
# "Xiaflex, a drug made by ...", "Ablavar (gadofosveset), a new imaging agent": a name, then its kind
_NAME_THEN_KIND = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][\w-]*[a-z0-9][\w-]*(?:\s+[A-Z0-9][\w-]*)?)(?:\s+\([^()]{1,40}\))?,\s+(?:an?|the)\s+"
    r"(?:(?:new|novel|experimental|investigational|oral|injectable|once-daily|twice-yearly|prescription)\s+)*"
    r"(?:drug|medication|medicine|pill|vaccine|compound|antibody|implant|device)\b(?!\s+(?:company|maker|makers|developer|"
    r"researchers?|experts?|firm|giant|manufacturer|industry|companies|trials?|stud(?:y|ies)))")
_NOT_A_NAME_WORD = re.compile(r"(?:However|Now|Today|Instead|Also|Here|There|Still|Yet|Meanwhile|Similarly|Overall|"
                              r"Previously|Currently|Recently|Finally|Thus|Therefore|Moreover|Indeed|Researchers|Doctors|"
                              r"Patients|Scientists|Experts|Officials|Study|Trial|The|This|That|It|He|She|They|We)\b")
# A news headline whose subject is the treatment: "Knee braces ease arthritis pain", "Can massage
# therapy treat infertility?", "Treating shoulder dislocation with surgery ..."
_HEADLINE_VERB = compile_skipping(
    r"\s+(?:(?:may|might|can|could|does|do|will)\s+)?(?:(?:help|helps)\s+)?(?:treats?|eases?|cuts?|reduces?|improves?|"
    r"relieves?|boosts?|slows?|lowers?|prevents?|curbs?|halts?|fights?|protects?|soothes?|speeds?|beats?|"
    r"helps?|aids?|works?|shows?\s+promise|outperforms?|"
    # what trial headlines say of a treatment: "Gene Therapy Raises Hope for ...", "Drug X Fails to ..."
    r"raises?\s+hopes?|offers?\s+hope|holds?\s+promise|takes?\s+aim|fails?|falls?\s+short|rivals?|restores?|"
    r"reverses?|clears?|extends?|(?:is|are)\s+(?:safe|effective|no\s+better|as\s+good|better))\b", _I)
_HEADLINE_QUESTION = compile_skipping(r"(?:can|could|does|do|will|might|may)\s+", _I)
_HEADLINE_TREATING = compile_skipping(r"(?:treating|managing)\s+[^:;,.?]{3,60}?\s+with\s+", _I)
_CALLED_CUE = re.compile(r"\b(?:called|named|known\s+as|dubbed|branded)\b", _I)
# News names a product by its kind: "a new smartphone app called Healo", "an experimental drug known as ZX-1".
_CALLED = compile_skipping(
    r"\b(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:app|drug|device|medication|medicine|pill|vaccine|therapy|treatment|"
    r"program(?:me)?|procedure|supplement|compound|technique|intervention|implant|injection|gel|cream|spray|headset|"
    r"game|drops|patch|tablets?|capsules?|ointment),?\s+(?:called|named|known\s+as|"
    r"dubbed|branded(?:\s+as)?)\s+[\"“']?", _I)
# "a trial comparing A and B", "comparison between A and B": A against B, as "A versus B"
# (measures compared are not treatments: "comparing immunohistochemistry and ...")
_COMPARING = compile_skipping(r"\b(?:comparing|comparison\s+(?:of|between))\s+", _I)
_COMPARING_JOIN = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:and|with|to|versus|vs\.?)\s+", _I)
_VERSUS = compile_skipping(r"\s+(?:versus|vs\.?|compared\s+(?:with|to))\s+", _I)
# Where a noun phrase ends.
_NP_END = compile_skipping(
    r"\s(?:for|in|during|at|on|over|among|amongst|within|with|by|who|which|that|while|whereas|to|from|by|after|before|until|"
    r"when|where|than|as|were|was|is|are|had|has|have|will|would|could|can|may|might|should|did|does|do|versus|vs\.?|"
    r"compared|against|or|and|plus|followed|but|every|each|per|via|through|because|since|if|so|then|both|either|"
    r"whereby|respectively|including|such|like|alone|fewer|more|less|prior|dosed|given|administered|taken|about|combined|adjunctive|"
    r"applied|delivered|injected|infused|sprayed|worn|"
    r"(?:rich|poor|differing|enriched|high|low)\s+in|"
    # a schedule after the name: "a cream twice daily", "a porridge three days a week"
    r"once|twice|thrice|daily|nightly|(?:one|two|three|four|five|six|seven)\s+(?:times|days|nights|weeks))\b|"
    r"[,;:()\[\]]|\.(?:\s|$)|\s\d|\s[-–—]\s|$", _I)
_LEAD = compile_skipping(
    # the longer leads first: "28 days of", "one of three groups:" before the bare number or word
    r"(?:(?:(?:a|one|two|three|four|five|six|seven|eight|ten|twelve|\d+)\s+(?:doses?|sessions?|weeks?|days?|months?|"
    r"courses?|cycles?|injections?|infusions?|classes)\s+of|a\s+(?:single|one-time|daily)\s+(?:dose|session)\s+of|"
    r"(?:(?:a|an|one|single|daily|weekly|various|different|increasing|escalating|oral|intravenous|iv|subcutaneous|"
    r"intramuscular|topical|intranasal|low|high|fixed|bolus)\s+)*(?:doses?|infusions?|injections?|sessions?|courses?|"
    r"cycles?|administration|applications?)\s+of|"
    # "received one of three conditions: 1) ...": the list that follows names the arms
    r"(?:one|1)\s+of\s+(?:the\s+)?(?:two|three|four|five|six|\d)\s+(?:\w+\s+)?(?:groups?|arms?|conditions?|"
    r"interventions?|regimens?|treatments?)\s*:|"
    # "the lowest dose of the vaccine": which dose, not what was given
    r"(?:lowest|highest|lower|higher|low|high|full|half|maximum|minimum|intermediate|middle|starting|target|"
    r"usual|recommended|standard)\s+(?:doses?|dosages?|strength)\s+of|"
    # "a one-time experience with X", "access to X", "the use of X": how X was met, not what it was
    r"(?:(?:one-time|single|brief|interactive|daily|regular|free|unlimited)\s+)*(?:experience|exposure|access|use)"
    r"\s+(?:with|to|of)|"
    # "400 mg of X", "two glasses of milk", "a thin layer of cream": the amount of what was given
    r"(?:(?:an?\s+)?(?:average|total)\s+of\s+)?(?:(?:\d+(?:[.,]\d+)?(?:,\s*|\s+(?:or|and|to)\s+|-))*"
    r"\d+(?:[.,]\d+)?|an?|one|two|three|four|five|six|eight|ten|twelve)?\s*"
    r"(?:mg|g|µg|mcg|iu|units?|mg/kg|µg/kg|mcg/kg|cm|grams?|ounces?|oz|glasses|glass|cups?|servings?|portions?|"
    r"tablespoons?|teaspoons?|slices?|pieces?|drops?|(?:thin\s+)?layer)\s+of|"
    r"\(?(?:\d|[ivx]{1,3}|[a-e])\)|a|an|the|their|its|his|her|either|both|one|two|three|four|five|six|daily|weekly|"
    r"monthly|nightly|single|once|twice|additional|further|only|also|immediately|just|then|active|real|true|standard|"
    r"regular|new|novel|same|\d+(?:[.,]\d+)?\s*(?:mg|g|µg|mcg|ml|iu|units?|mg/kg|%|m|cm|mm|mmol|mol|ppm)?|"
    r"treatment\s+with|therapy\s+with|"
    # "the impact of delivering a mind-body intervention": how it was given, not what
    r"delivering|providing|using|adding|offering|implementing|introducing|giving)\s+)+", _I)
# Phrases that say nothing about what was given.
_GENERIC = compile_skipping(
    r"^(?:treatments?|therapy|therapies|interventions?|drugs?|medications?|medicines?|study\s+(?:drug|tablets?|capsules?|"
    r"pills?|medication|treatment|intervention|product)|the\s+drug|it|them|this|these|those|groups?|arms?|conditions?|care|doses?|"
    r"sessions?|visits?|questionnaires?|surveys?|assessments?|tests?|measures?|scans?|samples?|data|information|"
    r"follow-?up|baseline|outcomes?|results?|scores?|analysis|randomi[sz]ation|consent|surgery|anaesthesia|"
    r"anesthesia|procedures?|one|two|three|four|both|all|either|none|each|other|others|respectively|half|"
    r"the\s+(?:same|other|first|second)|intervention\s+groups?|control\s+groups?|treatment\s+groups?|"
    r"(?:high|low|moderate)(?:er)?\s+doses?|a\s+dose|(?:\w+\s+){1,2}doses?|together|data(?:\s+sets?)?|weeks?|days?|months?|years?|nights?|hours?|"
    r"minutes?|mornings?|evenings?|times?|period|phase|part)$", _I)
_SCHEDULE_ONLY = compile_skipping(r"(?:once|twice|thrice|\w+\s+times)\s+(?:a|per|each|every)\s+\w+$|"
                                  r"(?:every|each)\s+(?:other\s+)?\w+$|(?:daily|weekly|monthly|nightly)$", _I)
_FUNCTION_WORDS = (r"and|or|which|who|whom|that|in|on|at|between|to|stay|be|been|being|was|were|is|are|has|have|had|"
                   r"their|its|this|these|those|with|without|from|by|as|of|for|than|then|also|not|no|all|any|some|"
                   r"more|less|most|much|many|several|few|very|well|such|what|how|when|where|whether|if|it|they|we|"
                   r"he|she|via|through|after|before|during|into|post|"
                   r"january|february|march|april|may|june|july|august|september|october|november|december")
# "a randomized trial to examine whether ...": the aim, not an arm
_AIM_VERB = compile_skipping(r"(?:examine|evaluate|assess|investigate|determine|explore|establish|identify|"
                             r"measure|compare|test|see|find|learn)\b", _I)
_NOT_NOMINAL = compile_skipping(rf"(?:{_FUNCTION_WORDS})\b", _I)
_NOT_NOMINAL_END = compile_skipping(rf"\b(?:{_FUNCTION_WORDS}|higher|lower|better|worse|greater|improved|reduced|"
                                    r"still|again|only|containing|including|instead|together|arms?|groups?)$", _I)
# "g/d PSPC", "mg/m2": what is left of a dose is no name
_UNIT_START = compile_skipping(r"(?:mg|g|µg|mcg|ml|iu|units?|kg)(?:/\w+)+\b|\S*/(?:d|day|kg|m2)\b", _I)
_ADJECTIVE_FORM = re.compile(r"[A-Za-z-]+(?:al|ic|ous|ive|ary)")
_ADJECTIVE_ONLY = compile_skipping(r"(?:laparoscopic|endoscopic|open|conventional|traditional|modified|novel|true|real|genuine|verum|oral|intravenous|topical|intranasal|subcutaneous|intramuscular|inhaled|"
                                   r"transdermal|sublingual|active|high|low|standard|usual|new|other|first|second)$", _I)
_OUTCOME = compile_skipping(
    r"\b(?:function|dysfunction|stress|levels?|pressure|rates?|risk|morbidity|mortality|incidence|prevalence|"
    r"outcomes?|symptoms?|scores?|quality|markers?|biomarkers?|events?|concentrations?|responses?|activity|"
    r"infections?|diarrhoea|diarrhea|pain|immunity|tolerability|safety|efficacy|effects?|changes?|improvements?|"
    r"reductions?|increases?|burden|status|parameters|factors|profile|angiography|recruitment|period|errors?|"
    r"performance(?!-)|measures|accuracy|ability|efficiency|microflora)\b", _I)
_DESIGN_WORDS = compile_skipping(r"\b(?:(?:double|single|triple)[- ]?(?:blind|mask)\w*|open[- ]label|\w+-controlled|"
                                 r"randomi[sz]ed|crossover|cross-over|parallel-group|(?:trial|study)$)", _I)
_COMPARATOR = compile_skipping(
    r"\b(?:placebo|sham|dummy|control|usual\s+care|standard\s+care|routine\s+care|standard\s+treatment|"
    r"treatment\s+as\s+usual|wait(?:ing)?[- ]?list|no\s+(?:treatment|intervention)|nothing|saline|vehicle|"
    r"attention\s+control|comparator|comparison)\b", _I)


@functools.cache
def _people_re() -> re.Pattern[str]:
    return re.compile(rf"^(?:\w+\s+){{0,2}}{population_noun()}$", _I)


_INSIDE_NAME = re.compile(r"\s(?:by|on|and|of|for|in|to|at)\s[A-Z][a-z]")
_CAPITALISED_BEFORE = re.compile(r"(?<![\w-])[A-Z][a-z]+$")


def _written_again(text: str, start: int, join: int) -> bool:
    """The words from ``start`` through the capitalised word after ``join`` occur elsewhere in the text."""
    w = re.match(r"\s\w+\s[A-Z][\w-]*", text[join:join + 60])
    if w is None:
        return False
    phrase = text[start:join + w.end()]
    return text.find(phrase, join + w.end()) >= 0 or text.find(phrase, 0, start) >= 0


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
    while m and m.end() > m.start() and _INSIDE_NAME.match(text, m.start(), end) \
            and _CAPITALISED_BEFORE.search(text, start, m.start()):
        # "Little by Little", "Meals on Wheels": one name; in a title-case line only a name the
        # article writes again ("Effects of Green Tea on Sleep" is two phrases)
        if layout.title_case_line(text, start, 0.8, shortest=4) and not _written_again(text, start, m.start()):
            break
        m = _NP_END.search(text, m.end(), end)
    stop = m.start() if m else end
    piece = text[start:stop].strip(" -–'\"“”‘’.")
    if not piece:
        return None
    words = piece.split()
    if len(words) > 6 or not re.match(r"[A-Za-z]", piece) or (len(piece) < 3 and piece not in definitions(text)):
        return None
    if _GENERIC.match(piece) or _people_re().match(piece) or _SCHEDULE_ONLY.match(piece):
        return None
    if _UNIT_START.match(piece):
        return None
    if len(words) == 1 and _ADJECTIVE_FORM.fullmatch(piece) and re.match(r"\s+(?:and|or)\s", text[stop:stop + 6]):
        return None  # "an Educational and Psychological Intervention": a modifier of the head after "and"
    if _DESIGN_WORDS.search(piece):
        return None  # "received a double-blind, placebo-controlled trial": how it was run, not what
    if _OUTCOME.search(piece):
        return None  # "the effect of ... on endothelial function": what was measured, not given
    if _NOT_NOMINAL.match(piece) or _NOT_NOMINAL_END.search(piece) or re.search(r"[<>=]", piece) or _AIM_VERB.match(piece) \
            or (len(words) == 1 and _ADJECTIVE_ONLY.match(piece)):
        return None  # "which served", "between January", "oral": not a noun phrase
    s = text.index(piece, start)
    return s, s + len(piece)


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The alternatives of a list: "A, B or C", "A versus B", "A and B groups"."""
    out = []
    pos = start
    piece = text[start:end]
    for sep in re.finditer(r",\s*(?:(?:and|or)\s+)?(?:to\s+)?|\s+(?:or|and|versus|vs\.?)\s+(?:to\s+)?|;\s*", piece):
        if piece.count("(", 0, sep.start()) > piece.count(")", 0, sep.start()):
            continue  # "CBD (150 mg, 300 mg or 600 mg)": inside one arm's parenthesis
        if re.search(r"(?<![\w.])\d[\d.,]*$", piece[:sep.start()]) and re.match(r"\d", piece[sep.end():]):
            continue  # "5 or 10 mg of apixaban": amounts sharing one unit, not two arms
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


_PARTICIPLE = re.compile(r"(?:receiving|undergoing)\b", _I)
_UNDERWENT = re.compile(r"(?:underwent|undergoing)\b", _I)


@functools.cache
def _people_subject_re() -> re.Pattern[str]:
    """The participants as the subject right before the verb, with no arm named: "patients (who were)"."""
    return re.compile(rf"\b{population_noun()}(?:\s*\([^()]{{0,30}}\))?(?:\s+(?:who|that)(?:\s+(?:had|have|were|was))?)?"
                      rf"(?:\s+\w+ly)?\s*$", _I)

_ONE_OF = re.compile(r"\s*(?:either\s+)?(?:one|1)\s+of\b", _I)
# "Control patients received a leaflet", "the placebo group got ...": the comparator's treatment
# ("Half were assigned to X, while the others used Y": the rest of the participants are the control)
_CONTROL_SUBJECT = re.compile(r"\b(?:control(?:s|\s+(?:group|arm|patients|participants|subjects))?|placebo\s+(?:group|arm)|"
                              r"comparison\s+group|(?:while|whereas|and)\s+the\s+(?:others|rest|remainder))\s+(?:\w+\s+)?$", _I)
_NUMBERED = re.compile(r"\s*\(?(?:\d|[ivx]{1,3}|[a-e])\)\s", _I)


def _arms(text: str, items: list[tuple[int, int]], rule: str, first_is_tested: bool, arms_listed: bool,
          role: str = "intervention") -> list[Phrase]:
    """The phrases of one list of alternatives. An item is strong evidence of an arm when the list
    is numbered and names arms ("randomised to 1) A, 2) B, or 3) control"; a numbered list after
    "received" may list components every group had), or when another item is a control ("A or
    usual care"). ``role`` is "comparator" for what a control group received."""
    found = []
    marked = sum(bool(_NUMBERED.match(text, a, b)) for a, b in items)
    # "randomised to laparoscopic or open appendectomy": the first arm shares the second's head
    shared = _shared_head_left(text, items[0][0], items[0][1], _phrase(text, noun_phrase(text, *items[1]), "comparator", rule),
                               rule) if len(items) == 2 and len(text[items[0][0]:items[0][1]].split()) <= 2 else None
    for i, (a, b) in enumerate(items):
        own = role if role == "comparator" else (
            "intervention" if not first_is_tested or i == 0 or len(items) > 2 else "comparator")
        p = replace(shared, role=own) if i == 0 and shared else _phrase(text, noun_phrase(text, a, b), own, rule)
        if p:
            found.append(p)
    # "(A) distilled and deionized water, (B) laser, ...": "and" inside an arm splits it, so half will do
    numbered = arms_listed and len(items) >= 2 and marked >= max(2, min(len(items) - 1, (len(items) + 1) // 2))
    # "A or usual care" exactly: with more pieces, commas inside an arm's description split it
    controlled = arms_listed and len(items) == 2 and len(found) == 2 and _COMPARATOR.search(found[1].name) is not None
    out = []
    for p in found:
        if p.role == "comparator" and not _COMPARATOR.search(p.name) and numbered:
            p = replace(p, role="intervention")  # a numbered arm is an arm, whatever its position
        if p.role == "intervention" and (numbered or controlled):
            p = replace(p, strong=True)
        out.append(p)
    return out


def _resolved(text: str, p: Phrase) -> Phrase:
    """An abbreviation the article defines stands for its long form: "ADF" -> "alternate day fasting"."""
    defined = definitions(text)
    first, _, rest = p.name.partition(" ")
    long_form = defined.get(p.name) or (defined.get(first) if rest.lower() in {"group", "arm", "training",
                                                                            "intervention", "program", "programme"}
                                        else None)
    if long_form is None or not _names_a_treatment(long_form.name):
        return p
    role = "comparator" if _COMPARATOR.search(long_form.name) else p.role
    return replace(p, start=long_form.start, end=long_form.end, name=long_form.name, role=role,
                   rule=p.rule + "/abbreviation")


def _names_a_treatment(name: str) -> bool:
    """A long form that is a measure, an outcome or a design ("body mass index", "hazard ratio")
    names nothing given."""
    return not (_OUTCOME.search(name) or _MEASURE.search(name) or _DESIGN_WORDS.search(name) or _GENERIC.match(name))


_MEASURE = compile_skipping(r"\b(?:index|ratio|scale|questionnaire|inventory|score|test|spectrometry|scans?|mri|lipoproteins?|gadolinium|receptors?|"
                            r"imaging|tomography|resonance|ultrasound|interval|area|volume|count|weight|mass|density|"
                            r"ulcers?|disease|disorder|syndrome|cancer|carcinoma|failure|injury|infection|surgery|shock|model|"
                            r"resection|operation|[a-z]+ectomy|[a-z]+itis|[a-z]+oma)\b", _I)


_NAME_TOKEN = re.compile(r"[A-Z0-9][\w-]*|\S*\d\S*")
_NOT_IN_NAME = re.compile(r"\w+(?:ed|ly)$|researchers|scientists|doctors|experts|which|that|is|was|has|had|can|may|will|"
                          r"helps?|helped|works?|appears?|seems?|shows?|showed", _I)


def _product_name(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The name after "called": a run of capitalised or coded words ("Brainy Bees", "TA-65"), or up
    to three plain words ("pink noise") before a verb or adverb that goes on with the sentence."""
    if span is None:
        return None
    words = list(re.finditer(r"\S+", text[span[0]:span[1]]))
    if _NAME_TOKEN.fullmatch(words[0].group(0)):
        keep = 1
        while keep < len(words) and _NAME_TOKEN.fullmatch(words[keep].group(0)):
            keep += 1
    else:
        keep = 0
        while keep < min(3, len(words)) and not _NOT_IN_NAME.fullmatch(words[keep].group(0)):
            keep += 1
    if keep == 0:
        return None
    return span[0], span[0] + words[keep - 1].end()


def phrases(text: str, start: int, end: int) -> list[Phrase]:
    """Interventions and comparators named in slots inside ``text[start:end]``."""
    out: list[Phrase] = []
    index = index_of(text)
    for s0, s1 in sentences(text, start, end):
        for m in index.anchored(_ALLOCATION, _ALLOCATION_WORDS, s0, s1):
            stop = _clause_end(text, m.end(), s1)
            out.extend(_arms(text, _items(text, m.end(), stop), "slot/allocated-to", True, True))
        for m in index.anchored(_RECEIVED, _RECEIVED_WORDS, s0, s1):
            stop = _clause_end(text, m.end(), s1)
            if _UNDERWENT.match(m.group(0)) and _people_subject_re().search(text, max(s0, m.start() - 50), m.start()):
                continue  # "elderly patients who underwent hip replacement": the setting, not an arm
            # "patients receiving X were randomised": X is what they had before, not an arm
            listed = not _PARTICIPLE.match(m.group(0)) and bool(_ONE_OF.match(text, m.end(), stop))
            role = "comparator" if _CONTROL_SUBJECT.search(text, max(s0, m.start() - 40), m.start()) else "intervention"
            out.extend(_arms(text, _items(text, m.end(), stop)[:4], "slot/received", False, listed, role))
        for m in index.anchored(_EFFECT_OF, _EFFECT_OF_WORDS, s0, s1):
            p = _phrase(text, noun_phrase(text, m.end(), s1), "intervention", "slot/effect-of")
            if p:
                out.append(p)
        if s0 == 0 and (title_stop := layout.title_end(text, 400)) is not None:
            opening = _TITLE_OF.match(text, 0, title_stop)
            if opening:  # the same phrase from the effect-of slot is counted once by name
                p = _phrase(text, noun_phrase(text, opening.end(), title_stop), "intervention", "slot/effect-of")
                # "the retention of ...", "a self-rating scale": a property or a measure evaluated
                if p and " of " not in p.name and not _MEASURE.search(p.name):
                    out.append(p)
            treats = _TITLE_FOR.search(text, 0, title_stop)
            if treats:
                p = _left_phrase(text, 0, treats.start())
                if p and _TITLE_SUBJECT_BEFORE.fullmatch(text, 0, p.start) and not text[p.end:treats.start()].strip() \
                        and not _MEASURE.search(p.name) and not _NOT_A_TITLE_SUBJECT.search(p.name):
                    out.append(replace(p, rule="slot/effect-of"))
            out.extend(_headline_phrases(text, title_stop))
        for m in _KIND_THEN_CODE.finditer(text, s0, s1) if re.search(r"\b[A-Z]{2}|\d", text[s0:s1]) else ():
            span = _product_name(text, noun_phrase(text, m.end(), s1))
            form = _PRODUCT_FORM_AFTER.match(text, span[1], s1) if span else None
            if span and form:  # "the drug AIP-2 pill", "YAG laser treatment": the coded name and its form
                span = (span[0], form.end())
            p = _phrase(text, span, "intervention", "slot/called")
            if p and not _MEASURE.search(p.name):
                out.append(p)
        for m in _NAME_THEN_KIND.finditer(text, s0, s1) if ", " in text[s0:s1] else ():
            # only a coded name ("WST11", "GLYX-13"): capitalised words before ", a drug ..." are as often
            # a sentence's adverb or a person ("Interestingly, a drug ...", "Keith Humphreys, a drug policy expert")
            if re.search(r"\d|[A-Z].*[A-Z]", m.group("name")) and " " not in m.group("name") \
                    and not _NOT_A_NAME_WORD.match(m.group("name")):
                out.append(Phrase(m.start("name"), m.end("name"), m.group("name"), "intervention", "slot/called"))
        for m in (_CALLED.finditer(text, s0, s1) if _CALLED_CUE.search(text, s0, s1) else ()):
            p = _phrase(text, _product_name(text, noun_phrase(text, m.end(), s1)), "intervention", "slot/called")
            if p and not _MEASURE.search(p.name):
                out.append(p)
        for m in _COMPARING.finditer(text, s0, s1):
            left_span = noun_phrase(text, m.end(), s1)
            join = _COMPARING_JOIN.match(text, left_span[1], s1) if left_span else None
            if left_span and join:
                left = _phrase(text, left_span, "intervention", "slot/comparing")
                if left and " " not in left.name and not re.search(r"[A-Z0-9™®]", left.name):
                    left = None  # "comparing digital and film ...": a lone plain word is a modifier
                right = _phrase(text, noun_phrase(text, join.end(), s1), "comparator", "slot/comparing")
                if left and right:
                    out.append(left)
                    out.append(right)
        for m in _VERSUS.finditer(text, s0, s1):
            right = _phrase(text, noun_phrase(text, m.end(), s1), "comparator", "slot/versus")
            left = _left_phrase(text, s0, m.start())
            shared = _shared_head_left(text, s0, m.start(), right)
            if shared:  # "Laparoscopic versus open appendectomy": both sides share the head noun
                left = shared
            if left and right:
                out.append(left)
                out.append(right)
    return [_resolved(text, p) for p in out]


def _headline_phrases(text: str, stop: int) -> list[Phrase]:
    """The treatment a news headline makes its subject (the title only; the body's clauses are read
    by the other slots)."""
    treating = _HEADLINE_TREATING.match(text, 0, stop)
    if treating:
        p = _phrase(text, noun_phrase(text, treating.end(), stop), "intervention", "slot/headline")
        return [p] if p and not _MEASURE.search(p.name) else []
    at = _HEADLINE_QUESTION.match(text, 0, stop)
    begin = at.end() if at else 0
    verb = _HEADLINE_VERB.search(text, begin, stop)
    if verb is None:
        return []
    span = noun_phrase(text, begin, verb.start())
    if span is None or text[span[1]:verb.start()].strip() or not _TITLE_SUBJECT_BEFORE.fullmatch(text, begin, span[0]):
        return []  # the subject must run from the headline's start up to its verb
    p = _phrase(text, span, "intervention", "slot/headline")
    if p is None or _MEASURE.search(p.name) or _NOT_A_TITLE_SUBJECT.search(p.name) or _people_re().match(p.name) \
            or _KIND_ONLY.fullmatch(p.name):
        return []
    return [p]


# "Experimental pill", "A new drug": a kind of treatment, no name of one
_KIND_ONLY = compile_skipping(
    r"(?:(?:an?|the|new|experimental|novel|common|cheap|simple|old|popular|generic|daily|once-daily|weekly|oral|"
    r"nasal|topical|skin|eye|vaginal|inhaled)\s+)*"
    r"(?:drug\s+)?(?:drugs?|pills?|tablets?|treatments?|therap(?:y|ies)|medicines?|medications?|vaccines?|devices?|"
    r"procedures?|shots?|jabs?|injections?|sprays?|creams?|gels?|patch(?:es)?|drops)", _I)


_LEFT_DELIMITER = re.compile(r"\b(?:of|with|to|between|trial|study|comparing|compare|compared|receive|received|either)\s+|[,:(]\s*",
                             _I)


_MODIFIER_WORD = compile_skipping(r"(?:[\w-]+-(?:guided|assisted|based|dose|release|term)|[A-Za-z]+(?:al|ic|ed|ive|ous|ary)|"
                                  r"open|early|late|delayed|immediate|high|low|short|long|single|double|fixed|flexible|"
                                  r"standard|conventional|modified|continuous|intermittent|daily|weekly)", _I)


def _shared_head_left(text: str, s0: int, pos: int, right: Phrase | None, rule: str = "slot/versus") -> Phrase | None:
    """'Laparoscopic versus open appendectomy', 'landmark-guided versus ultrasound-guided nerve block': a
    left side that is only a modifier takes the head of the right side ("laparoscopic appendectomy");
    its span is the modifier the text writes."""
    if right is None or len(right.name.split()) < 2:
        return None
    m = re.search(r"(?:^|[\s(:,])((?:[\w-]+\s+)?[\w-]+)\s*$", text[max(s0, pos - 40):pos])
    if m is None:
        return None
    words = m.group(1).split()
    if not _MODIFIER_WORD.fullmatch(words[-1]):
        return None
    if not _MODIFIER_WORD.fullmatch(words[0]):
        words = words[-1:]  # "study of landmark-guided": only the modifier itself
    right_words = right.name.split()
    k = 0  # the right side's own modifiers ("open"); the rest is the shared head
    while k < len(right_words) - 1 and _MODIFIER_WORD.fullmatch(right_words[k]):
        k += 1
    if k == 0:
        return None  # "Aspirin versus clopidogrel": no shared head
    start = text.rfind(words[0], max(s0, pos - 40), pos)
    # capitalised words of a title in lower case, codes kept ("Laparoscopic Appendectomy", "EVAR")
    name = layout.lower_common(" ".join(words + right_words[k:]))
    return Phrase(start, start + len(" ".join(words)), name, "intervention", rule)


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

"""Entry diagnoses of a study's participants, with how many had each.

A condition counts only when the text ties it to the participants: a population cue before it
("18 adults with", "15 were diagnosed with", "28 had") or a study sentence ("patients with X
were randomized"). Conditions in background text, measured outcomes ("symptoms of depression")
and excluded comorbidities ("did not have") are left out.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
import re
from dataclasses import dataclass

from pipeline import vocab
from pipeline.text import layout
from pipeline.text.index import article_finder, index_of
from pipeline.text.regex import compile_skipping
from pipeline.text.sentences import sentence_of, sentences
from pipeline.text.numbers import NUMBER_SCAN, parse_number
from pipeline.extract import condition_slots
from pipeline.extract.segment import Segment
from pipeline.models import ConditionFact, Fact, Span, StudyFacts

POPULATION_NOUNS = (
    r"(?:patients|participants|subjects|adults|people|persons|individuals|children|adolescents|teenagers|"
    r"teens|youths?|kids|boys|girls|men|women|mothers|veterans|outpatients|inpatients|volunteers|"
    r"smokers|drinkers|users|survivors|seniors|residents|students|infants|cases|respondents|"
    r"patient|participant|adult|person|child|woman|man|veteran)"
)
_FILLER = (
    r"(?:(?:a|an|the|current|primary|confirmed|clinical|formal|diagnosed|established|probable|"
    r"DSM[- ]?(?:IV|5|III)(?:-TR)?|Diagnostic and Statistical Manual(?: of Mental Disorders)?[- ]?"
    r"(?:IV|5|III)?(?:-TR)?|ICD-10|(?:a )?(?:clinical |formal |primary |current )?diagnos[ie]s of)\s+){0,4}"
)
# The cue must end right before the condition (after fillers such as "a diagnosed").
_CUE_RE = compile_skipping(
    r"\b(?P<cue>(?:all\s+of\s+whom|who\s+all|each\s+of\s+whom|all\s+of\s+them)\s+(?:had|have|suffered\s+from|"
    r"were\s+diagnosed\s+with|had\s+been\s+diagnosed\s+with)|"
    r"with|having|had|has|have|suffer(?:ed|ing|s)? from|diagnosed with|diagnosis of|"
    r"living with|affected by|experiencing|who were experiencing|(?:being\s+)?treated\s+for|"
    # "patients who started Botox for chronic migraine": what the treatment was given for
    r"(?:started|starting|received|receiving|were\s+given|prescribed|took|taking)\s+(?:[\w-]+\s+){1,3}?for|"
    r"hospitali[sz]ed\s+(?:for|with)|admitted\s+(?:for|with)|in|"
    # "44 adults who met DSM-5 criteria for X": a diagnosis by its criteria
    r"(?:met|meet|meeting|fulfilled|fulfilling|fulfil)\s+(?:the\s+)?(?:(?:DSM[- ]?(?:IV|5|III)(?:-TR)?|ICD-10|"
    r"diagnostic|clinical|research|standard)\s+)*criteria\s+(?:for|of)|"
    r"(?:the\s+)?(?:treatment|management|therapy|treating|managing|correction)\s+(?:of|for)|"
    # "the efficacy of tolvaptan in correcting postoperative hyponatraemia"
    r"\bin\s+(?:treating|correcting|managing))\s+" + _FILLER + r"$",
    re.I,
)
# "treated with X", "compared with X": X is a treatment or a comparison, not a diagnosis.
_NOT_POPULATION_RE = compile_skipping(
    r"\b(?:treated|treating|given|compared|combined|along|together|associated|consistent|coping|cope|"
    r"help|helps|helped|deal|dealing|interfere[sd]?|contrast|line|agree|concerned)\s+$",
    re.I,
)
# "a randomized trial in knee osteoarthritis": the condition the trial was done in
_TRIAL_IN_RE = compile_skipping(r"\b(?:trials?|study|studies|RCT|experience)\s+(?:conducted\s+|carried\s+out\s+)?$", re.I)
_POP_RIGHT_BEFORE_RE = compile_skipping(r"\b" + POPULATION_NOUNS + r"\s+$", re.I)
_NEGATION_RE = compile_skipping(r"\b(?:not|no|never|without|excluding|excluded|free of|nor|healthy)\b", re.I)
# Only adjectives may stand between the count and the noun ("150 pregnant women"), not
# "3 study of children" or "24-hour monitoring in patients".
_COUNT_THEN_POP_RE = compile_skipping(
    r"^\s+(?:(?!(?:of|in|at|on|to|from|the|and|or|study|trial|phase|groups?|hours?|weeks?|days?|years?|"
    r"more|additional|other|further|percent|per)\b)"
    r"[A-Za-z']{2,20}(?:-[A-Za-z']{2,20})?\s+){0,3}?" + POPULATION_NOUNS + r"\b",
    re.I,
)
_COUNT_THEN_VERB_RE = compile_skipping(
    r"^\s*(?:of (?:them|these|those|the \w+)\s+)?(?:were|was|had|have|suffered|still|also|who)\b", re.I
)
_NUMBER_RE = compile_skipping(rf"(?<![\w.,\u2010\u2011-]){NUMBER_SCAN}(?![\w.\u2010\u2011-]|,\d)")
# "one in every 100 people", "1 in 5 adults"; "in 60 outpatients" is a count.
_RATE_BEFORE_RE = compile_skipping(r"(?:\b(?:every|per|of every)|(?:\d|\bone)\s+in)\s+$", re.I)
# "aged 55 and 85 diagnosed with", "9/20 patients", "Group 3 patients": no head count.
_NOT_COUNT_BEFORE_RE = compile_skipping(
    r"(?:\b(?:aged?|ages)\b[^.;:]{0,20}|/|\b(?:groups?|arms?|phase|stage|grade|type|class|visit|day|week|table|figure|fig\.?)\s)$",
    re.I,
)
# "790,000 people have heart attacks each year": a population statistic.
_RATE_AFTER_RE = compile_skipping(r"[^.;!?]{0,80}?\b(?:(?:each|per|every)\s+year|annually|worldwide)\b", re.I)
_POP_BEFORE_CUE_RE = compile_skipping(POPULATION_NOUNS + r"\b[^.;:]{0,60}$", re.I)
_COORD_RE = compile_skipping(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|as well as|and/or)\s+)", re.I)
_LEFT_WINDOW = 160
STUDY_WORD_RE = compile_skipping(
    r"\b(?:stud(?:y|ies)|trial|randomi[sz]ed|enrolled|recruited|assigned|allocated|participants?|"
    r"subjects|sample|researchers|investigators|examined|included|cohort|pilot|took part|"
    # an aim or hypothesis sentence names the population studied too
    r"aim(?:s|ed)?|objectives?|purpose|hypothesi[sz]ed|sought|evaluated?|investigated?|assessed|compared?)\b",
    re.I,
)


@functools.cache
def _qualifier_re() -> re.Pattern[str]:
    words = sorted(vocab.load("conditions")["qualifiers"]["words"], key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    # "chronic or recurrent", "mild to moderate", "acute, subacute and chronic": joined
    # qualifiers name the condition together, as the text writes it.
    join = r"(?:\s+(?:or|and|and/or|to)\s+|,\s+(?:(?:and|or)\s+)?|-to-|/)"
    # "pregnancy-related", "opioid-induced", "late-onset": a cause or onset named as part of it
    alt += r"|[A-Za-z]{3,20}-(?:related|induced|associated|onset)"
    # "stage III or IV", "stage 2": the stage is part of the diagnosis
    alt += r"|stage\s+(?:I{1,3}V?|IV|[1-4])[abcABC]?(?:\s*(?:or|and|to|-|–)\s*(?:I{1,3}V?|IV|[1-4])[abcABC]?)?"
    return compile_skipping(rf"(?:\b(?:{alt})(?:{join}(?:{alt}))*(?:\s+|-))+$", re.I)


@functools.cache
def _link_re() -> re.Pattern[str]:
    words = sorted(vocab.load("conditions")["links"]["words"], key=len, reverse=True)
    return compile_skipping(r"\s+(" + "|".join(re.escape(w) for w in words) + r")\s+(?:an?\s+|the\s+)?", re.I)


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    entry_name: str
    adjective: bool = False


_STATE_NOUNS = {"dependent": "dependence", "resistant": "resistance", "deficient": "deficiency"}


@functools.cache
def _adjective_nouns() -> dict[str, str]:
    """One-word adjectives and the one-word condition they name ("obese" -> "obesity")."""
    return {a.lower(): e["name"] for e in vocab.iter_entries("conditions") for a in e.get("adjectives", [])
            if " " not in a and " " not in e["name"]}


def _name_of(text: str, hit: vocab.Hit, qual_start: int) -> str:
    """Vocabulary name, or the more specific surface form that contains it, plus qualifiers."""
    canonical = hit.entry["name"]
    surface = text[hit.start:hit.end].lower()
    index = vocab.index("conditions")
    if index.lookup(surface) is None and surface.endswith("s") and index.lookup(surface[:-1]):
        surface = surface[:-1]
    # The name as the text writes it ("tennis elbow", "pulmonary hypertension"); an abbreviation
    # or an adjective ("PTSD", "depressed") by the vocabulary's name.
    written = " ".join(text[hit.start:hit.end].split())
    if hit.kind == "term" and not written.isupper():
        if len(written) > len(surface):  # "disorders" read as "disorder"
            written = written[:len(surface)]
        base = written if written[1:] != written[1:].lower() else written.lower()  # "Crohn's disease" -> lower, "ADHD" stays
        if " " in base and base != base.lower():
            # Title case ("Chronic Obstructive Pulmonary Disease"): a capitalised word the
            # vocabulary writes in lower case is lower case; "Raynaud's", "ADHD", "T2DM" stay.
            known = {w for w in (canonical + " " + " ".join(hit.entry.get("terms", []))).split() if w == w.lower()}
            base = " ".join(w.lower() if w.istitle() and w.lower() in known else w for w in base.split())
    elif hit.kind == "adjective":
        base = canonical  # "asthmatic children" have asthma
        joined = re.fullmatch(r"(.+?(?:/|\s+and\s+|\s+or\s+))(\w+)", written)
        noun = _adjective_nouns().get(joined.group(2).lower()) if joined else None
        if joined and noun:  # "overweight/obese adults": "overweight/obesity", as the text joins them
            base = joined.group(1).lower() + noun
        state = re.fullmatch(r"(.+?)[- ](dependent|resistant|deficient)", written)
        if state:  # "cocaine-dependent adults" have cocaine dependence, as the text names it
            base = f"{state.group(1)} {_STATE_NOUNS[state.group(2).lower()]}"
    else:
        base = surface if canonical.lower() in surface and len(surface) > len(canonical) else canonical
    # lower case, but "stage IIIb" keeps its numeral
    qualifiers = re.sub(r"[A-Za-z]+", lambda w: w.group(0) if re.fullmatch(r"(?:I{1,3}V?|IV|V)[abcABC]?", w.group(0))
                        else w.group(0).lower(), text[qual_start:hit.start]).replace("generalised", "generalized")
    qualifiers = " ".join(qualifiers.split())
    if hit.kind == "adjective":  # "severely obese adults" have severe obesity
        qualifiers = re.sub(r"\b(severe|moderate|mild)ly\b", r"\1", qualifiers)
    if qualifiers and qualifiers.rstrip("- ") in base:
        return base
    return f"{qualifiers} {base}".replace("- ", "-").strip() if qualifiers else base


def _mentions(text: str, start: int, end: int, find_terms=None) -> list[_Mention]:
    """Condition terms with their qualifiers, joined with linked conditions ("X after Y")."""
    hits = find_terms(start, end) if find_terms else vocab.index("conditions").find(text, start, end)
    # "depression-specific", "anxiety-related": an adjective, not a condition.
    hits = [h for h in hits if not re.match(r"-[A-Za-z]", text[h.end:h.end + 2])]
    out: list[_Mention] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        q = _qualifier_re().search(text, max(start, h.start - 60), h.start)
        qs = q.start() if q else h.start
        name = _name_of(text, h, qs)
        m_end = h.end
        if i + 1 < len(hits):
            link = _link_re().match(text, h.end, hits[i + 1].start)
            if link and link.end() == hits[i + 1].start:
                nxt = hits[i + 1]
                name = f"{name} {link.group(1).lower()} {_name_of(text, nxt, nxt.start)}"
                m_end = nxt.end
                i += 1
        out.append(_Mention(qs, m_end, name, h.entry["name"], h.kind == "adjective"))
        i += 1
    return out


def _elided_partner(text: str, m: _Mention, seg_start: int) -> _Mention | None:
    """'generalized or social anxiety disorders': the first adjective names a second condition."""
    left = text[max(seg_start, m.start - 40):m.start]
    g = re.search(r"\b([A-Za-z-]{3,30})\s+(?:or|and|and/or)\s+$", left)
    if not g:
        return None
    rest = m.entry_name.split(" ", 1)
    if len(rest) < 2:
        return None
    entry = vocab.index("conditions").lookup(f"{g.group(1)} {rest[1]}")
    if entry is None or entry["name"] == m.entry_name:
        return None
    start = m.start - len(left) + g.start()
    return _Mention(start, start + len(g.group(1)), entry["name"], entry["name"])


def _ascii_hyphens(s: str) -> str:
    return s.translate({0x2010: "-", 0x2011: "-"})


_DISORDER_HEAD = re.compile(r"\b(?:disorders?|disease|syndrome|deficiency|infection|condition|dependence|"
                             r"impairment|insufficiency|failure|neuropathy|dementia|cancer|carcinoma|tumou?r)$", re.I)


def _count_before(text: str, s_start: int, cue_start: int, verb_cue: bool) -> tuple[int, int, int] | None:
    """The participant count that the population phrase before the cue starts with."""
    best = None
    a = max(s_start, cue_start - _LEFT_WINDOW)
    # Same-length copy of the window with Unicode hyphens made ASCII ("Eighty\u2010one").
    window = _ascii_hyphens(text[a:cue_start])
    for m in _NUMBER_RE.finditer(window):
        if m.start() == 0 and a > s_start and text[a - 1].isalnum():
            continue  # the window cut a longer token
        between = window[m.end():]
        if len(between) > 90 or _NEGATION_RE.search(between):
            continue
        if best is not None and between.count(")") > between.count("("):
            continue  # "90 adults (61 women and 29 men) who had X": the 29 is a part inside an aside
        # "18 suffered from X": the cue itself is the verb; "aged 6 to 12 with X" is no count.
        if _RATE_BEFORE_RE.search(window, max(0, m.start() - 12), m.start()):
            continue  # "one in every 100 people": a rate, not a count
        if _NOT_COUNT_BEFORE_RE.search(window, max(0, m.start() - 30), m.start()):
            continue
        by_verb = _COUNT_THEN_VERB_RE.match(between) and len(between) <= 40 and "," not in between
        # "Five were diagnosed with X and one with Y": the elided count right before the cue.
        elided = not between.strip() and re.search(r"(?:\band|,|\()\s*$", window[:m.start()])
        if _COUNT_THEN_POP_RE.match(between) or by_verb or (verb_cue and not between.strip()) or elided:
            value = parse_number(m.group(0))
            if value is not None and 0 < value < 1_000_000:
                best = (value, a + m.start(), a + m.end())
    return best


# A sentence about studies still to come or done elsewhere.
_OTHER_STUDIES_RE = compile_skipping(
    r"\b(?:(?:additional|further|future|larger|more|ongoing|other|longer)\s+(?:\w+\s+)?(?:studies|research|trials|work)|"
    r"(?:studies|trials)\s+(?:are|is)\s+(?:ongoing|under\s?way|planned|needed)|(?:is|are)\s+(?:needed|warranted)\s+(?:to|in))\b", re.I)


def fill(text: str, seg: Segment, study: StudyFacts) -> None:
    """Set ``study.conditions`` from ``text[seg.span]``."""
    found: dict[str, ConditionFact] = {}
    find_terms = article_finder(text, "conditions")
    for s_start, s_end in sentences(text, seg.span.char_start, seg.span.char_end):
        if not find_terms.may_have(s_start, s_end):
            continue  # no condition named in this sentence
        other_studies = None
        for group, count, rule in _population_groups(text, s_start, s_end, find_terms):
            if count is None:
                if other_studies is None:
                    other_studies = bool(_OTHER_STUDIES_RE.search(text, s_start, s_end))
                if other_studies:
                    continue  # "further studies in people with HIV are ongoing": not this study's participants
            for m in group:
                n = None
                if count is not None:
                    n = Fact[int](value=count[0], span=Span.of(text, count[1], count[2]), rule=rule + "/count")
                elif len(group) == 1 or rule.endswith("and"):
                    n = _whole_sample(study)
                fact = ConditionFact(
                    name=Fact[str](value=m.name, span=Span.of(text, m.start, m.end), rule=rule), n=n
                )
                key = m.entry_name
                old = found.get(key)
                if old is not None and count is not None and old.n is not None and "/count" in old.n.rule:
                    a, b = old.name.value.lower(), m.name.lower()
                    union = re.search(r"\b(?:or|and)\b", a) is not None  # "mild or moderate depression"
                    if (a not in b and b not in a) or union:  # "41 had mild depression and 27 had moderate depression"
                        key = f"{m.entry_name}\0{b}"
                        old = found.get(key)
                if old is None or (old.n is None and fact.n is not None):
                    found[key] = fact
                elif old.name.value.lower() in m.name.lower() and len(m.name) > len(old.name.value) \
                        and (fact.n is not None or old.n is None) \
                        and (fact.n is None or "/count" not in fact.n.rule
                             or (study.sample_size is not None and fact.n.value == study.sample_size.value)):
                    # (a counted "10 patients ... for recurrent AF" is a subgroup, no better name, unless
                    # the count is everyone: "72 children ... with chronic sleep-onset insomnia")
                    found[key] = fact  # "people with depression", then "adults with mild to moderate depression"
    facts = list(found.values())
    if _healthy_study(text, seg):
        # "Healthy women were enrolled ... 74% of 142 had HPV infection": a finding, not a diagnosis
        facts = [f for f in facts if "-had" not in f.name.rule]
    # A counted population phrase is the entry diagnosis; drop looser uncounted mentions then.
    if any("/count" in (f.n.rule if f.n else "") for f in facts):
        facts = [f for f in facts if f.n is not None or f.name.rule.endswith("/or")]
    facts = _with_slots(text, facts, *_slot_conditions(text, seg, study))
    facts = _without_unions(facts)
    if not facts:
        facts = _title_conditions(text, seg, study)
    if not facts:
        facts = _indication_conditions(text, seg, study, find_terms)
    # "cancer" next to "early breast cancer" says nothing more: keep the specific name.
    names = [f.name.value.lower() for f in facts]
    facts = [f for f, n in zip(facts, names) if not any(n != o and n in o for o in names)]
    study.conditions = facts


_HEALTHY_RE = compile_skipping(
    r"\bhealthy\b(?:[\s,]+[\w-]+){0,4}?\s+(?:volunteers|subjects|participants|adults|women|men|children|"
    r"individuals|people|girls|boys|infants|students|persons)\b(?![^.;]{0,20}\bcontrols?\b)"
    r"[^.;]{0,120}?\b(?:were|was)\s+(?:enrolled|randomi[sz]ed|recruited|included|studied|assigned|allocated)", re.I)


def _healthy_study(text: str, seg: Segment) -> bool:
    """Are the participants healthy people ("Healthy female subjects were enrolled")?"""
    return index_of(text).first(_HEALTHY_RE, seg.span.char_start, seg.span.char_end) is not None


_RECRUITED_RE = compile_skipping(r"\b(?:randomi[sz]ed|randomly|enrolled|enrolling|recruited|recruiting|included|"
                                  r"assigned|allocated|took\s+part|participated|trial)\b", re.I)
_EXCLUSION_RE = compile_skipping(r"\b(?:exclu(?:ded|sion)|ineligible|not\s+eligible|except|unless|"
                                 r"contraindicat\w*|withdr[ae]w\w*)\b", re.I)
_COUNT_AT_RE = compile_skipping(rf"(?<![\w.,/-])({NUMBER_SCAN})\s+(?:[A-Za-z-]+\s+){{0,2}}$", re.I)


def _slot_conditions(text: str, seg: Segment, study: StudyFacts) -> tuple[list[ConditionFact], set[str]]:
    """Where no listed condition is tied to the participants, the noun phrase in a population
    slot ("80 adults with X", "children undergoing X") of a sentence about the study."""
    start, end = seg.span.char_start, seg.span.char_end
    found: dict[str, ConditionFact] = {}
    either: set[str] = set()
    in_study: set[str] = set()  # named in a sentence about the study
    per_sentence: dict[int, tuple[bool, bool, bool]] = {}
    sents = sentences(text, start, end)
    for p in condition_slots.phrases(text, start, end):
        s0, s1 = next(((a, b) for a, b in sents if a <= p.start < b), (p.start, p.end))
        if s0 not in per_sentence:  # once per sentence: a long sentence has many slots
            per_sentence[s0] = (bool(_EXCLUSION_RE.search(text, s0, s1)), bool(STUDY_WORD_RE.search(text, s0, s1)),
                                bool(_OTHER_STUDIES_RE.search(text, s0, s1)))
        excluded, is_study, other_studies = per_sentence[s0]
        if excluded or _NEGATION_RE.search(text, max(s0, p.start - 30), p.start):
            continue
        count = p.count or _COUNT_AT_RE.search(text, max(s0, p.start - 70), p.start)
        # "10 of them also had X" (beside counted diagnoses), "all were diagnosed with X" tell of
        # participants; "one suffered from X" only in a sentence about the study.
        if not (count or is_study) or (p.rule == "condition/slot-suffered" and not is_study) or (other_studies and not count):
            continue  # background ("People with X often ..."), not this study's participants
        if p.name.lower() in _GENERIC_PROCEDURES:
            continue  # "patients undergoing surgery" names no condition
        n = None
        counted = _count_before(text, s0, p.cue_start, False) if p.cue_start >= 0 and not p.count else None
        if p.count:
            value = parse_number(text[p.count[0]:p.count[1]])
            if value is None and study.sample_size is not None:
                value = study.sample_size.value  # "all had X"
            counted = (value, *p.count) if value else None
        if p.rule == "condition/slot-risk" and counted is None and not _RECRUITED_RE.search(text, s0, s1):
            continue  # "helps identify women at risk for X": a risk group of no study here
        if counted is not None and p.joiner != "or":
            n = Fact[int](value=counted[0], span=Span.of(text, counted[1], counted[2]), rule=p.rule + "/count")
        elif p.joiner == "and" and study.sample_size is not None:
            # "adults with X and Y": every participant has both
            n = Fact[int](value=study.sample_size.value, span=study.sample_size.span, rule="condition/whole-sample-and")
        if p.joiner == "or":
            either.add(p.name.lower())  # "X or Y": who had which is not said
        old = found.get(p.name.lower())
        if old is None or (old.n is None and n is not None):
            found[p.name.lower()] = ConditionFact(
                name=Fact[str](value=p.name, span=Span.of(text, p.start, p.end), rule=p.rule), n=n)
            if is_study:
                in_study.add(p.name.lower())
    facts = list(found.values())
    # "undergoing an operation for acute appendicitis": the diagnosis, not the operation.
    if any(f.name.rule != "condition/slot-procedure" for f in facts):
        facts = [f for f in facts if f.name.rule != "condition/slot-procedure"]
    if len(facts) == 1 and facts[0].n is None and facts[0].name.value.lower() not in either:
        facts[0].n = _whole_sample(study)
    return facts, in_study


def _without_unions(facts: list[ConditionFact]) -> list[ConditionFact]:
    """'60 with mild or moderate depression; 41 had mild and 27 moderate depression': the counted
    parts replace the union they split."""
    names = {f.name.value.lower() for f in facts if f.n is not None}
    out = []
    for f in facts:
        m = re.fullmatch(r"(\S+) (?:or|and|and/or) (\S+) (.+)", f.name.value.lower())
        if m and f"{m.group(1)} {m.group(3)}" in names and f"{m.group(2)} {m.group(3)}" in names:
            continue
        out.append(f)
    return out


_GENERIC_PROCEDURES = {"surgery", "operation", "an operation", "procedure", "procedures", "operations", "surgeries",
                       "major surgery", "elective surgery", "a procedure"}


@functools.cache
def _adjectives() -> frozenset[str]:
    """The vocabulary's adjectives of participants ("diabetic", "asthmatic")."""
    return frozenset(a.lower() for e in vocab.iter_entries("conditions") for a in e.get("adjectives", []))


def _with_slots(text: str, facts: list[ConditionFact], slot_facts: list[ConditionFact],
                in_study: set[str]) -> list[ConditionFact]:
    """Slot phrases beside the listed conditions: a second diagnosis no vocabulary lists
    ("24 adults with tinnitus and hyperacusis"). A slot phrase overlapping a listed condition
    adds nothing; one naming a listed condition differently is the same condition."""
    if not facts:
        return [f for f in slot_facts if f.name.rule != "condition/slot-had"]
    out = list(facts)
    for sf in slot_facts:
        a, b = sf.name.span.char_start, sf.name.span.char_end
        words = re.findall(r"[\w-]+", sf.name.value.lower())
        loose = next((i for i, f in enumerate(out) if "named-population" in f.name.rule and sf.n is not None
                      and text[f.name.span.char_start:f.name.span.char_end].lower() in _adjectives()
                      and (text[f.name.span.char_start:f.name.span.char_end].lower() in words
                           or f.name.value.lower() in sf.name.value.lower())), None)
        if loose is not None:  # "diabetic patients", then "50 patients with diabetic retinopathy": the specific one
            out[loose] = sf
            continue
        if any(f.name.span.char_start < b and a < f.name.span.char_end for f in out):
            continue
        if sf.name.rule != "condition/slot-risk" and vocab.index("conditions").find(text, a, b):
            continue  # a listed term ("T2DM"): the listed route has judged it already
        name = sf.name.value.lower()
        if any(name in f.name.value.lower() or f.name.value.lower() in name for f in out):
            continue
        if sf.name.rule != "condition/slot-had" and name not in in_study:
            continue  # beside listed diagnoses, an unlisted one only from a sentence about the study
        if sf.name.rule == "condition/slot-had" and not any(
                "/count" in (f.n.rule if f.n else "") and abs(f.name.span.char_start - a) < 200 for f in facts):
            continue  # "3 had nausea": an event, unless beside the counted diagnoses it adds to
        if sf.name.rule == "condition/slot-procedure":
            continue  # a listed diagnosis says why they had the procedure
        if sf.n is None or "/count" not in sf.n.rule:
            continue  # beside listed diagnoses, only a slot with its own count is surely the entry one
        out.append(sf)
    if len(out) > len(facts):
        for f in out:  # several conditions: the whole sample only where the text says all share it
            if f.n is not None and f.n.rule == "condition/whole-sample" and f not in facts:
                f.n = None
    return out


# A title names the condition studied after "in"/"for": "St. John's wort in Raynaud's phenomenon",
# "Efficacy of X for chronic low back pain: a randomized trial".
_TITLE_CUE_RE = compile_skipping(r"\b(?:(?:in|for|with|of)\s+(?:(?:the\s+)?(?:treatment|management|patients|adults|children|"
                                 r"women|men|people|subjects)\s+(?:of|with)\s+)?(?:conditions\s+of\s+)?|"
                                 # "Eye Drops for Treating Myopia", "a pill relieves hot flashes": what the participants had
                                 r"(?<!-)(?:treating|treats?|managing|relieving|relieves?|alleviating|alleviates?|"
                                 # a news headline's treating verb: "Hypnosis Halts Hot Flashes", "Laser Zaps Cellulite"
                                 # (not "fights" or "against": as often what the participants should not get)
                                 r"eases?|easing|halts?|soothes?|clears?|reverses?|zaps?|tames?|calms?|combats?|"
                                 r"beats?)\s+)$",
                                 re.I)
# "Risk of X", "markers of X": a condition the participants need not have (read in the words
# before the condition, so that "... and inflammatory markers in type 2 diabetes" still names it).
_TITLE_NOT_HAD_RE = compile_skipping(r"\b(?:risks?|markers?|incidence|prevalence|rates?|burden)\s+(?:of|for)\s+"
                                     r"(?:[\w-]+\s+){0,3}$", re.I)
_TITLE_RISK_AFTER_RE = re.compile(r"\s+(?:risks?|rates?|incidence|deaths?|mortality)\b", re.I)  # "cancer risk"
# A title about prevention, screening or diagnosis, or about animals: no condition the participants had.
_TITLE_NOT_CLINICAL_RE = compile_skipping(r"\b(?:prevention|preventing|prevents?|screening|detection|detects?|diagnosis|"
                                          r"models?|animals?|rat|rats|mice|mouse|cattle|dogs?|pigs?|sheep)\b", re.I)


def _title_conditions(text: str, seg: Segment, study: StudyFacts) -> list[ConditionFact]:
    """Where the study's text ties no condition to its participants, a condition its title (the
    article's first line, when the study starts there) names after "in" or "for"."""
    end = layout.title_end(text, 300)
    if end is None or text[:end].rstrip().endswith(".") or study.ordinal != 1 or seg.span.char_end <= end:
        return []  # no title line (one paragraph, a sentence), or not the article's first study
    if _TITLE_NOT_CLINICAL_RE.search(text, 0, end):
        return []

    def not_had(pos: int, after: int) -> bool:  # the clause of the title before the condition, the word after it
        clause = max(text.rfind(c, 0, pos) for c in ":;,?") + 1
        return bool(_TITLE_NOT_HAD_RE.search(text, max(clause, pos - 50), pos) or _TITLE_RISK_AFTER_RE.match(text, after))

    out: dict[str, ConditionFact] = {}
    mentions = [m for m in _mentions(text, 0, end) if not not_had(m.start, m.end)]
    for m in mentions:
        if m.adjective:
            # "in HIV-infected men", "in obese primary care patients": an adjective of the participants
            # ("cirrhotic ascites patients": of the condition named next)
            pop = _COUNT_THEN_POP_RE.match(text[m.end:m.end + 60])
            between = text[m.end:m.end + pop.end()] if pop else ""
            if not pop or any(m.end <= o.start < m.end + pop.end() for o in mentions) \
                    or condition_slots.names_a_diagnosis(between):
                continue
        if not _TITLE_CUE_RE.search(text, max(0, m.start - 40), m.start):
            continue
        out.setdefault(m.entry_name, ConditionFact(
            name=Fact[str](value=m.name, span=Span.of(text, m.start, m.end), rule="condition/title"), n=None))
    if not out:  # a condition no vocabulary lists, by the slot of the title
        for p in condition_slots.title_phrases(text, 0, end):
            if not_had(p.start, p.end):
                continue
            out.setdefault(p.name.lower(), ConditionFact(
                name=Fact[str](value=p.name, span=Span.of(text, p.start, p.end), rule=p.rule), n=None))
    facts = list(out.values())
    if len(facts) == 1:
        facts[0].n = _whole_sample(study)
    return facts


# What a treatment is for: "approved X for the treatment of adults with Y", "a trial of X to treat Y".
# ("used to treat Y" is left out: it tells what else a drug is for, as often as what it was tested for;
# "for the prevention of Y" names what the participants did not have)
_INDICATION_RE = compile_skipping(
    r"\b(?:(?:for|in)\s+the\s+(?:treatment|management)\s+of|(?<!used\s)to\s+treat|approved\s+(?:[\w-]+\s+){0,3}?for)\s+"
    r"(?:(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:patients|adults|children|people|women|men|those)\s+(?:with|who\s+have)\s+)?",
    re.I)


def _indication_conditions(text: str, seg: Segment, study: StudyFacts, find_terms) -> list[ConditionFact]:
    """Where neither the participants nor the title name a condition, the one listed condition the
    study's text names as what the treatment is for, right after the cue."""
    start, end = seg.span.char_start, seg.span.char_end
    sents = sentences(text, start, end)
    for m in index_of(text).matches(_INDICATION_RE, start, end):
        sent = sentence_of(sents, m.start())
        if sent is None or _OTHER_STUDIES_RE.search(text, *sent):
            continue
        named = [c for c in _mentions(text, m.end(), min(sent[1], m.end() + 60), find_terms)
                 if not c.adjective and not text[m.end():c.start].strip(" ,")]
        if named:
            c = named[0]
            return [ConditionFact(name=Fact[str](value=c.name, span=Span.of(text, c.start, c.end),
                                                 rule="condition/indication"), n=_whole_sample(study))]
    return []


def _whole_sample(study: StudyFacts) -> Fact[int] | None:
    if study.sample_size is None:
        return None
    return Fact[int](value=study.sample_size.value, span=study.sample_size.span, rule="condition/whole-sample")


# "40 depressed older adults", "frail community-dwelling people": an age or setting may come between.
_POP_AFTER_RE = compile_skipping(r"[\s-]+(?:(?:older|elderly|young|younger|adult|middle-aged|community-dwelling|"
                                 r"hospitali[sz]ed|postmenopausal|pregnant|male|female)\s+){0,2}"
                                 r"(?:patients|sufferers|survivors|outpatients|inpatients|participants|subjects|"
                                 r"adults|children|adolescents|teenagers|youths?|girls|boys|infants|neonates|students|women|men|"
                                 r"veterans|volunteers|people|persons|individuals)\b",
                                 re.I)
_COUNT_RIGHT_BEFORE_RE = compile_skipping(
    rf"(?<![\w.,\u2010\u2011/-])({NUMBER_SCAN})\s+(?:(?!(?:percent|per|of|in|more|other)\b)[\w-]+\s+){{0,2}}$", re.I
)


def _skip_parenthetical(text: str, pos: int, end: int) -> int:
    """The position after a bracketed aside starting at ``pos`` (nested brackets allowed)."""
    j = pos
    while j < end and text[j] == " ":
        j += 1
    if j >= end or text[j] not in "([":
        return pos
    depth = 0
    for k in range(j, min(end, j + 120)):
        if text[k] in "([":
            depth += 1
        elif text[k] in ")]":
            depth -= 1
            if depth == 0:
                return k + 1
    return pos


_CHAIN_GAP_RE = re.compile(r"^\s*(?:/|,|,?\s*and|,?\s*or)?\s*$", re.I)


def _named_population(text: str, s_start: int, s_end: int, m: _Mention, is_study: bool,
                      following: Sequence[_Mention] = ()):
    """'60 CRPS patients', '40 depressed adults', '65 overweight, vitamin D-deficient (...) adults':
    the condition names the participants, alone or in a chain of such words."""
    tail = m.end
    chain = [m]
    for nxt in following:  # the other conditions of the chain before the noun
        if not _CHAIN_GAP_RE.match(text[tail:nxt.start]):
            break
        if not text[tail:nxt.start].strip() and not chain[-1].adjective:
            break  # "preventing early menopause breast cancer patients": a noun does not modify the next
        tail = nxt.end
        chain.append(nxt)
    if not _POP_AFTER_RE.match(text, _skip_parenthetical(text, tail, s_end), s_end):
        return None
    a = max(s_start, m.start - 40)
    window = _ascii_hyphens(text[a:m.start])
    before = _COUNT_RIGHT_BEFORE_RE.search(window)
    if before:
        value = parse_number(before.group(1))
        if value:
            return chain, (value, a + before.start(1), a + before.end(1)), "condition/count-named-population/and"
    if is_study and not _NEGATION_RE.search(text, max(s_start, m.start - 25), m.start):
        return chain, None, "condition/named-population/and"
    return None


def _population_groups(text: str, s_start: int, s_end: int, find_terms=None):
    """Yield (mentions, count, rule) for each population phrase of one sentence."""
    mentions = _mentions(text, s_start, s_end, find_terms)
    if not mentions:
        return
    used: set[int] = set()
    is_study = bool(STUDY_WORD_RE.search(text, s_start, s_end))  # once per sentence
    for i, m in enumerate(mentions):
        if i in used:
            continue
        if m.adjective:
            named = _named_population(text, s_start, s_end, m, is_study, mentions[i + 1:])
            if named:
                used.update(range(i, i + len(named[0])))
                yield named
            continue
        partner = _elided_partner(text, m, s_start)
        first = partner.start if partner else m.start
        left = text[max(s_start, first - _LEFT_WINDOW):first]
        cue = _CUE_RE.search(left)
        if not cue:
            named = _named_population(text, s_start, s_end, m, is_study, mentions[i + 1:])
            if named:
                used.update(range(i, i + len(named[0])))
                if partner:  # "breast and prostate cancer patients": both, each with a part of the count
                    named = ([partner, *named[0]], None, named[2].replace("count-", "").rsplit("/", 1)[0] + "/or")
                yield named
            continue
        cue_start = first - len(left) + cue.start()
        trial_in = _TRIAL_IN_RE.search(text, max(s_start, cue_start - 30), cue_start) is not None \
            and not text[m.start].isupper()  # "a study in Cancer Research": a journal
        if cue.group("cue").lower() == "in" and not _POP_RIGHT_BEFORE_RE.search(
                text, max(s_start, cue_start - 40), cue_start) and not trial_in:
            # "adults in septic shock" names a state; "a reduction in depression" does not;
            # "in overweight and obese subjects" names the participants by it
            named = _named_population(text, s_start, s_end, m, is_study, mentions[i + 1:])
            if named:
                used.update(range(i, i + len(named[0])))
                yield named
            continue
        if _NOT_POPULATION_RE.search(text, max(s_start, cue_start - 20), cue_start):
            continue
        pop = _POP_RIGHT_BEFORE_RE.search(text, max(s_start, cue_start - 40), cue_start)
        if pop and condition_slots.NOT_PARTICIPANTS_BEFORE.search(text, max(s_start, pop.start() - 40), pop.start()):
            continue  # "caregivers of patients with X", "a subgroup of 40 patients with X"
        # "who did not have X", "without X": an excluded condition, not an entry diagnosis.
        if _NEGATION_RE.search(text[max(s_start, cue_start - 25):cue_start]):
            continue
        treats = cue.group("cue").lower().split()[-1] in ("of", "for", "treating", "correcting", "managing")  # "the treatment of X"
        verb_cue = cue.group("cue").lower().split()[0] not in ("with", "living", "affected") and not treats
        possessive = cue.group("cue").lower() in ("had", "has", "have", "having")
        # "had a heart attack": an event; "28 had GAD": a diagnosis.
        if possessive and re.match(r"\s*(?:a|an)\s", text[cue_start + len(cue.group("cue")):first] + " ") \
                and not _DISORDER_HEAD.search(m.name):
            continue  # "47 had an anxiety disorder" is a diagnosis: its head says so
        count = _count_before(text, s_start, cue_start, verb_cue)
        if count is not None and _RATE_AFTER_RE.match(text, first, s_end):
            continue
        if count is not None and cue.group("cue").lower().startswith(("met", "meet", "fulfil")) \
                and re.search(r"\(\s*\d+(?:\.\d+)?\s*%", text[count[2]:cue_start]):
            continue  # "49 participants (59%) met the criteria for X": a finding among them
        has_pop = bool(_POP_BEFORE_CUE_RE.search(text, max(s_start, cue_start - 70), cue_start))
        if count is None:
            is_verb_cue = cue.group("cue").lower() in ("had", "has", "have", "having")
            if is_verb_cue or not (has_pop or treats) or not is_study:
                continue
        group = [m]
        joiner = "and"
        if partner:
            joiner = "or" if re.search(r"\bor\b", text[partner.end:m.start]) else "and"
            group.insert(0, partner)
        j = i
        while j + 1 < len(mentions):
            gap = text[mentions[j].end:mentions[j + 1].start]
            c = _COORD_RE.match(gap)
            if not c or c.end() != len(gap):
                break
            if re.search(r"\bor\b", gap):
                joiner = "or"
            j += 1
            used.add(j)
            group.append(mentions[j])
        if joiner == "or" and len(group) > 1:
            if possessive:
                continue  # "had a stroke or heart attack": outcome events
            count = None
        rule = "condition/" + ("count-" if count else "population-") + cue.group("cue").split()[0].lower()
        yield group, count, rule + ("/or" if joiner == "or" and len(group) > 1 else "/and")

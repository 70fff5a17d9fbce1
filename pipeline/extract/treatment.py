"""The study's tested intervention(s) with route, doses, frequency and duration, and its comparator.

Agents come from ``vocab/agents.toml``. A mention cued as a comparison ("or placebo",
"compared with X", "X served as an active control") is the comparator, not an intervention.
Doses are read only from study sentences: general prescribing statements ("usually 25-200 mg a
day") and doses written next to a comparator are left out.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline import vocab
from pipeline.text import layout
from pipeline.text.index import article_finder, index_of
from pipeline.text.regex import compile_skipping
from pipeline.text.sentences import sentence_of, sentences
from pipeline.extract._doses import DoseMention, find_doses
from pipeline.text.schedule import find_duration, find_frequency
from pipeline.extract import slots
from pipeline.extract.segment import Segment
from pipeline.models import DoseFact, Fact, InterventionFact, Span, StudyFacts

_COMPARATOR_LEFT_RE = compile_skipping(
    # ("5 or 10 mg of apixaban": an "or" between bare amounts offers another dose, not another arm)
    r"\b(?:compared\s+(?:with|to|against)|versus|vs\.?|(?<!\b\d\s)(?<!\b\d\d\s)(?<!\b\d\d\d\s)or(?:\s+(?:with|of|to))?|than|instead\s+of|"
    r"against|relative\s+to|rather\s+than|superior\s+to|inferior\s+to|control\s+(?:group|arm)s?\s+"
    r"(?:received|got|was\s+given|took)|controlled\s+with|"
    # "compared saffron 30 mg once daily with fluoxetine": what follows "with" is the comparator
    # ("we compared treatment with esomeprazole versus placebo": "treatment with" names the tested one)
    r"compared\s+(?:(?!with\b|to\b|against\b)[\w.,%/-]+\s+){1,8}?(?<!treatment\s)(?<!therapy\s)(?:with|to|against))\s+"
    r"(?:(?!plus\b|with\b|and\b)[\w-]+\s+){0,3}$",
    re.I,
)
_COMPARATOR_RIGHT_RE = compile_skipping(
    # the verb belongs to this mention, not to the next item of a list: "X (n = 20), which served as ..."
    r"^(?:\s*\([^)]{0,40}\))?(?:\s+[\w-]+){0,3}?[\s,]*(?:(?:which|that|who)\s+)?(?:(?:was|were)\s+)?"
    r"(?:served|acted|used|given)\s+as\s+(?:an?\s+|the\s+)?(?:active\s+)?"
    r"(?:control|comparator|comparison)|^[\s)]*(?:as\s+(?:an?\s+)?(?:active\s+)?(?:control|comparator|comparison)|"
    r"(?:control\s+)?(?:group|arm)\s+(?:served|acted)\s+as)",
    re.I,
)
# Sentences that describe general use, not what a study did.
_GENERAL_RE = compile_skipping(
    # ("usual care", "their usual diet": a comparator arm, not a general statement)
    r"\b(?:usually|typically|usual(?!\s+(?:care|diet|treatment|practice|activit(?:y|ies)|medications?|therapy|"
    r"physiotherapy|routine|lifestyle|habits))|commonly|generally|in general|"
    # ("as often as needed" is a schedule; "standard dose clopidogrel 75 mg" an arm; "grip strength" an
    # outcome; "the placebo product" a trial's own)
    r"(?<!as\s)often|standard\s+doses?\s+(?:is|are|for)|recommended|"
    r"in\s+(?:[\w-]+\s+){0,2}strengths|per (?:gummy|serving|bottle)|(?<!open-)(?<!open\s)label(?:led)?|"
    r"(?<!placebo\s)(?<!study\s)(?<!test\s)(?<!active\s)(?<!trial\s)(?<!investigational\s)products?|sold|shelves|"
    r"anaesthetic doses?|"
    r"anesthetic doses?|for induction|most adults|"
    r"prescrib(?:ed|ing)(?!\s+to\s+(?:the\s+)?(?:groups?|patients|participants|subjects|all|each|both|arms?)\b)|approved|guidelines?|"
    r"is available|are available|can be bought|over the counter)\b",
    re.I,
)
# "after a course of CBT", "despite previous sertraline": treatment before the study.
_PRIOR_RE = compile_skipping(
    r"\b(?:after|following|despite|previous(?:ly)?|prior|failed|history\s+of|already|continued\s+to\s+take|"
    r"ongoing|current(?:ly)?\s+(?:taking|on)|(?:controlled|maintained|stable|stabili[sz]ed)\s+on|background)"
    r"\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
# "Short versus standard-duration amoxicillin": two schedules of one agent, not an agent compared against.
_SHARED_HEAD_VERSUS = compile_skipping(
    r"(?:^|[\s:(])(?:short|long|low|high|early|late|reduced|standard|single|once|twice|fixed|flexible|daily|weekly|"
    r"intermittent|continuous)(?:-[a-z]+)?\s+(?:versus|vs\.?)\s+(?:[\w-]+\s+){0,2}$", re.I)
# "Drugs now used to treat prostate cancer, like Taxotere, ...": the standard the new one is set against.
_STANDARD_LIKE_RE = compile_skipping(
    r"\b(?:drugs?|medications?|medicines?|treatments?|therapies)\s+(?:(?:now|currently|already|commonly|usually|"
    r"typically|widely)\s+)?(?:used|prescribed|available|approved)\s+(?:(?:to\s+treat|for|in|against)\s+)?"
    r"(?:[\w'-]+,?\s+){0,5}?(?:like|such\s+as|including)\s+$", re.I)
# "Patients receiving cetuximab were randomized to ...": what they were on before allocation.
_ON_LEFT_RE = compile_skipping(r"\b(?:receiving|taking|using|on|treated\s+with)\s+(?:(?:stable|regular|long-term|"
                               r"maintenance|daily|standard)\s+)*$", re.I)
_THEN_ALLOCATED_RE = re.compile(r"(?:\s+[\w-]+){0,4}?\s+(?:were|was)\s+(?:then\s+)?(?:randomi[sz]ed|randomly|allocated|"
                                r"assigned|enrolled|included|recruited)\b", re.I)
# What the tested drug was added to ("as add-on therapy to metformin", "on top of usual statins"):
# background that every arm had, once another agent is the one tested.
_ADDED_TO_RE = compile_skipping(
    # ("in combination with" is not among them: in factorial and combination arms both are tested)
    r"\b(?:add-?on\s+(?:therapy\s+|treatment\s+)?to|added\s+to|on\s+top\s+of|in\s+addition\s+to)"
    r"\s+(?:[\w-]+\s+){0,3}$|"
    # "All patients received propofol and remifentanil", "both groups were given": every arm had it
    r"\b(?:all|both|each\s+of\s+the)\s+(?:the\s+)?(?:\w+\s+)?(?:patients|participants|subjects|groups|arms|children|"
    r"women|men|infants|volunteers)\s+(?:\w+\s+)?(?:received|were\s+given|underwent|got|were\s+treated\s+with)\s+"
    r"(?:[\w-]+\s+){0,4}$", re.I)
# "insulin resistance", "serum vitamin D", "estrogen receptor": the agent is measured, not given.
# "ondansetron as a rescue antiemetic", "ephedrine if needed": co-medication, not what is tested.
_RESCUE_LEFT_RE = compile_skipping(r"\b(?:rescue|as[- ]needed|prn)\s+(?:[\w-]+\s+){0,3}$", re.I)
_RESCUE_RIGHT_RE = compile_skipping(
    r"^[\s,()]{0,3}(?:[\w-]+\s+){0,4}?(?:(?:was|were)\s+(?:given|used|administered|allowed|permitted)\s+)?"
    r"(?:as\s+(?:an?\s+)?rescue|as\s+needed|if\s+needed|when\s+needed|as\s+required|on\s+demand|for\s+rescue|p\.?r\.?n\b)",
    re.I,
)
# "there was no placebo group", "without a sham arm": a control the study did not have.
_NEGATED_LEFT_RE = compile_skipping(r"\b(?:no|without|not\s+(?:a|an|any)|neither|nor|lacked\s+(?:a|an|any)|"
                                    r"(?:nobody|no\s+one|none\s+of\s+(?:them|the\s+\w+))\s+(?:received|got|took|was\s+given))"
                                    r"\s+(?:[\w-]+\s+){0,2}$", re.I)
_MEASURED_AFTER_RE = compile_skipping(
    r"[\s-]{1,2}(?:levels?|concentrations?|sensitivity|resistance|secretion|receptors?|production|deficiency|"
    r"status|metabolism|signal(?:l)?ing|pathways?|clearance|synthesis|response|release|"
    r"antagonists?|agonists?|analogues?|-?positive|-?negative|-?containing|compounds|-induced|-related|-associated|"
    # "insulin-resistant women", "vitamin D-deficient adults": the participants' state, not a dose of it
    r"-?resistant|-?deficient|-?dependent|-?insufficient|-?naive|-?naïve)\b",
    re.I,
)
_MEASURED_BEFORE_RE = compile_skipping(r"\b(?:serum|plasma|blood|fasting|endogenous|urinary|salivary|circulating)\s+$", re.I)
# With no listed agent in the sentence, the main agent's dose must follow a plain word
# ("started at 50 mg"), not a name ("capecitabine 1250 mg" belongs to an unlisted drug).
_PLAIN_BEFORE_RE = compile_skipping(
    r"(?:\b(?:of|at|to|with|from|received?|given|took|take|dose|doses|dosage|and|or|plus|initially|then|was|single|"
    r"one|two|three|four|gave|give|gives|giving|"  # "two 500-mg tablets of metformin", "gave 400 IU or 2,000 IU of"
    # what was eaten or drunk: "to drink 500 mL of beetroot juice", "capsules providing 2 g of EPA"
    r"drink|drank|eat|ate|consume|consumed|swallow|swallowed|providing|containing|"
    r"were|a|an|the|by|about|approximately|each|either|between|increased|raised|reduced)|[,:(])\s*$",
    re.I,
)
_DOSE_CUE_RE = compile_skipping(
    r"\b(?:doses?|dosed|dosing|dosage|started|starting|titrat\w*|raised|increased|received?|given|took|"
    r"taking|administered|infusions?|injections?|escalating)\b",
    re.I,
)
_TRIAL_OF_LEFT_RE = compile_skipping(r"\b(?:study|trial|studies|trials)\s+of\s+(?:the\s+)?(?:drug\s+)?$", re.I)
# "twelve weeks of fish oil capsules", "six months of daily vitamin D": a course of it was given
_COURSE_OF_LEFT_RE = compile_skipping(
    r"\b(?:\d+|one|two|three|four|five|six|eight|ten|twelve|sixteen|twenty-four)[\s-]+(?:days?|weeks?|months?)\s+of\s+"
    r"(?:(?:daily|weekly|nightly|oral|low-dose|high-dose)\s+)?$", re.I)
_IN_COUNT_RIGHT_RE = re.compile(r"\s+(?:in|among|involving|with)\s+(?:(?:more|fewer)\s+than\s+|nearly\s+|about\s+|"
                                r"almost\s+|over\s+|some\s+)?\d", re.I)
_INTERVENTION_CUE_RE = compile_skipping(
    r"\b(?:received?|receiving|given|took|taking|take|assigned|randomi[sz]ed|allocated|treated|"
    r"administered|administration|infusions?|injections?|doses?|dosing|effects? of|efficacy of|"
    r"effectiveness of|sessions?|group|arm|plus|combined|used|underwent|benefit(?:s|ed|ing)?\s+from|"
    # how a treatment is administered: "inhaled budesonide", "applied a gel" (not "ate", "drank":
    # in observational news those are exposures)
    r"inhaled|applied|sprayed|injected|instilled|"
    # worn, chewed or rinsed with: "wore a nicotine patch", "rinsed with chlorhexidine mouthwash"
    r"wore|wearing|chewed|chewing|rinsed|rinsing|gargled|gargling)\b",
    re.I,
)


@dataclass
class _AgentMention:
    start: int
    end: int
    entry: dict
    comparator: bool
    general: bool
    prior: bool = False
    given: bool = False
    kind: str = "term"  # "term" or "abbr" (as the vocabulary matched it)
    added_to: bool = False  # named as what the tested drug was added to


@dataclass
class _Agent:
    entry: dict
    mentions: list[_AgentMention] = field(default_factory=list)
    score: float = 0.0

    @property
    def given(self) -> bool:
        """Some mention sits in a sentence about giving it (a dose, a group, 'received')."""
        return any(m.given for m in self.mentions)


def fill(text: str, seg: Segment, study: StudyFacts) -> None:
    """Set ``study.interventions`` and ``study.comparator`` from ``text[seg.span]``."""
    start, end = seg.span.char_start, seg.span.char_end
    sents = sentences(text, start, end)
    comparator_hits = article_finder(text, "agents", "comparator")(start, end)
    all_doses = find_doses(text, start, end)
    mentions = _agent_mentions(text, start, end, sents, comparator_hits, [d.start for d in all_doses])
    tested = _choose_agents(mentions)
    tested = _without_background(text, sents, tested, mentions)
    title = _title_of(text, start, end, study.ordinal)
    tested = _named_in_title(tested, title, mentions)
    tested = _with_slots(text, start, end, mentions, tested, title)
    if not tested and not mentions and _INTERVENTION_CUE_RE.search(text, start, end):
        # A section that never names the agent ("2. Fibromyalgia") tests the article's main one.
        tested = _main_agent(text)
    general_of: dict[tuple[int, int] | None, bool] = {}
    doses = []
    for d in all_doses:
        s = sentence_of(sents, d.start)
        if s not in general_of:  # one test per sentence, however many amounts it lists
            general_of[s] = bool(s and _GENERAL_RE.search(text, s[0], s[1]))
        if not general_of[s]:
            doses.append(d)
    study.interventions = [
        _intervention(text, sents, agent, tested, mentions, doses, i == 0, start, end)
        for i, agent in enumerate(tested)
    ]
    study.comparator = _comparator(text, sents, comparator_hits, mentions, tested)


# Heads that make a phrase from a "received ..." slot an intervention on its own.
_INTERVENTION_HEAD = compile_skipping(
    r"\b(?:therapy|therapies|training|treatment|program(?:me)?|intervention|diet|exercise|exercises|app|application|"
    r"vaccine|vaccination|device|splint|band|sleeve|brace|orthos[ie]s|insoles?|stimulation|massage|acupuncture|"
    r"counsel(?:l)?ing|education|coaching|meditation|yoga|surgery|transplant(?:ation)?s?|immersion|swimming|bath|"
    r"shower|smoke|noise|light|music|calls?|messages?|booklet|leaflet|cd-rom|video|game|tea|juice|milk|supplement|"
    r"snacks?|meals?|fasting|restriction|walking|cycling|dancing|tai\s+chi|qigong|pilates|supplementation|"
    r"supplements|spray|cream|gel|patch|drops|block|dressings?|mouthwash|toothpaste|sessions|classes|visits|"
    r"reminders|workshops|psychotherapy|rehabilitation|physiotherapy|"
    # devices and procedures: "a cephalomedullary nail versus a sliding hip screw", "nasal prongs"
    r"nails?|screws?|plates?|implants?|catheters?|prongs|tubes?|masks?|desks?|workstations?|appliances?|headgear|"
    r"stents?|laryngoscopes?|technique|model|scheme|solution|porridge|extracts?|sweeteners?|ventilation|"
    r"oxygenation|discharge|sutures?|mattress|helmet|glasses|lenses|hearing\s+aids?|"
    # procedures by their action ("stent placement", "mesh repair", "epidural analgesia"); not chemo-,
    # radiotherapy or anaesthesia, which ("patients receiving chemotherapy", "surgery under general
    # anaesthesia") are the setting more often than the arm
    r"placement|insertion|repair|replacement|resection|ablation|embolization|embolisation|fixation|decompression|"
    # surgery named by its suffix: "partial meniscectomy", "tonsillectomy", "knee arthroplasty"
    r"\w+(?:ectom(?:y|ies)|otom(?:y|ies)|ostom(?:y|ies)|plast(?:y|ies)|rrhaph(?:y|ies)|pex(?:y|ies))|"
    r"fusion|closure|grafting|drainage|debridement|irrigation|laser|phototherapy|"
    r"analgesia|sedation|manipulation|mobili[sz]ation|taping|casting|bandaging|compression|"
    # forms of a product ("potassium tablets", "honey syrup")
    r"tablets?|capsules?|pills?|syrup|lozenges?|inhalers?|injections?|infusions?|ointment|lotion|shampoo|"
    r"rinse|chewing\s+gum|gum|bars?|drinks?|beverages?|powder|sachets?|"
    # worn supports ("knee braces", "wrist splints", "custom insoles")
    r"braces?|splints?|orthos[ie]s|insoles?|bandages?|collars?|pillows?)\b", re.I)


# A treatment's kind without what it was: "the app", "a training", "an older treatment".
_BARE_HEAD = compile_skipping(
    r"^(?:(?:older|newer|new|other|previous|current|standard|usual|regular|active|additional|same|different|"
    r"first|second|third|each|this|that|their|a|an|the|\w+-(?:week|day|month|year|session|minute|hour)s?)\s+)*(?:app|apps|application|training|diet|program(?:me)?|"
    r"therapy|therapies|treatment|education|intervention|exercises?|supplements?|supplementation|device|bolus|"
    r"sessions?|vaccines?|vaccination|injections?|infusions?|pills?|tablets?|capsules?|study|studies|group|"
    r"percent|dose|doses|regimen|analgesia|exposure|counsel(?:l)?ing|care|procedure|medication|implants?|devices|"
    r"techniques?|methods?|approaches|strategies|schemes?|models?|solutions?|products?|gels?|creams?|sprays?|"
    r"patch(?:es)?|drops|ointments?|lotions?|drinks?|meals?|foods?)$", re.I)
# Bare kinds that still name what a numbered arm did ("3) exercise, or 4) control").
_ACTIVITY = compile_skipping(r"^(?:exercises?|diet|education|counsel(?:l)?ing|training|meditation)$", re.I)
# "an experimental group trained at ...", "conditions based on": a clause about a group, not a name
_CLAUSE_WORD = compile_skipping(r"\b(?:groups?|arms?|cohorts?|received|trained|asked|allocated|assigned|randomi[sz]ed)\b",
                                re.I)
_GROUP_LABEL = compile_skipping(r"^(?:groups?|arms?|cohorts?)\s+\S+$|^\w+\s+(?:group|arm)$", re.I)
_ABBREVIATION = re.compile(r"^(?=\S*[A-Z]\S*[A-Z])[\w/+-]{2,8}$")
# "including gum", "subsequent repair", "the opposite infusion": a clause or a reference, not a name
_NOT_A_NAME_START = compile_skipping(
    r"^(?:called|named|known|termed|so-called|older|imaging|session\s+of|including|subsequent|opposite|"
    r"(?:different|various|several|other)\s+(?:types|kinds|forms)\s+of)\b", re.I)


# "Group II received ...", "the control group got ...": where one arm's treatment is told.
_ARM_CLAUSE = compile_skipping(
    r"\b(?:groups?|arms?)\s+(?:[IVX]{1,4}|[A-H]|\d{1,2})\b(?=[^.;]{0,20}?\b(?:received|got|was\s+given|were\s+given|took|"
    r"had)\b)", re.I)


def _without_background(text: str, sents: Sequence[tuple[int, int]], tested: list[_Agent],
                        mentions: list[_AgentMention]) -> list[_Agent]:
    """Drugs that every arm received are background, not what the study tested: "Group I received
    oral midazolam and bupivacaine, Group II midazolam with clonidine and bupivacaine, ..."; the
    drug some arms received and others did not is the tested one."""
    if not tested:
        return tested
    for s0, s1 in sents:
        marks = list(_ARM_CLAUSE.finditer(text, s0, s1))
        if len(marks) < 2:
            continue
        clauses = [(m.start(), n.start() if n else s1) for m, n in zip(marks, marks[1:] + [None])]

        def in_every(entry: dict) -> bool:
            return all(any(m.entry is entry and c0 <= m.start < c1 for m in mentions) for c0, c1 in clauses)

        background = [a for a in tested if in_every(a.entry)]
        if not background:
            return tested
        rest = [a for a in tested if a not in background]
        if rest:
            return rest
        varied: dict[str, _Agent] = {}
        for m in mentions:
            if s0 <= m.start < s1 and not in_every(m.entry) and not m.prior:
                varied.setdefault(m.entry["name"], _Agent(m.entry)).mentions.append(m)
        if varied:
            for a in varied.values():  # every mention of it in the study names it
                a.mentions = [m for m in mentions if m.entry is a.entry]
                a.score = float(len(a.mentions))
            return list(varied.values())
    return tested


def _slot_name_ok(name: str) -> bool:
    """A slot phrase that can stand as an agent's name: not a bare kind of treatment, a group's
    label, an unexplained abbreviation or a clause that slipped in."""
    return not (_BARE_HEAD.match(name) or _GROUP_LABEL.match(name) or _ABBREVIATION.match(name)
                or _CLAUSE_WORD.search(name)
                or _NOT_A_NAME_START.match(name) or len(name.split()) > 5)


def _title_of(text: str, start: int, end: int, ordinal: int = 1) -> tuple[int, int] | None:
    """The article's title line when the study starts with it (an abstract's or paper's title), or
    when it is the article's first study and starts after the title (the abstract's first line)."""
    stop = layout.title_end(text, 400) if start == 0 or ordinal == 1 else None
    if stop is None or stop >= end or (start > 0 and (stop > start or text[:stop].rstrip().endswith("."))):
        return None
    return 0, stop


def _named_in_title(tested: list[_Agent], title: tuple[int, int] | None,
                    mentions: list[_AgentMention]) -> list[_Agent]:
    """A title names what the study tested ("Ramosetron versus ondansetron for ...", "Fenofibrate in
    primary biliary cholangitis"): the agents the title names as given are the tested ones; the
    others (anaesthetics, the drug everyone was on) are background."""
    if title is None:
        return tested
    in_title = [m for m in mentions if title[0] <= m.start < title[1] and not m.comparator and not m.prior]
    if not in_title:
        return tested
    named = [a for a in tested if any(m.entry is a.entry for m in in_title)]
    if len(named) == len(tested):
        return tested
    # a title agent the counting set aside (compared against a background drug) is still the tested one
    for m in in_title:
        if not any(m.entry is a.entry for a in named) and not m.entry.get("generic"):
            agent = _Agent(m.entry, [x for x in mentions if x.entry is m.entry], 1.0)
            named.append(agent)
    return named or tested


def _with_slots(text: str, start: int, end: int, mentions: list[_AgentMention], tested: list[_Agent],
                title: tuple[int, int] | None = None) -> list[_Agent]:
    """Agents named by slots of trial language ("randomised to A or B", "received A", "the effect
    of A") where the vocabulary found none; a vocabulary agent that a slot names as the comparator
    ("A versus B") gives way when another agent is tested."""
    found = slots.phrases(text, start, end)
    if title is not None and title[1] <= start:
        found = slots.phrases(text, *title) + found  # the title line above the study's text
    if not found:
        return tested
    comparators = [p for p in found if p.role == "comparator"]
    interventions = [_antecedent(text, p) for p in found if p.role == "intervention"]

    def covers(p: slots.Phrase, m: _AgentMention) -> bool:
        return p.start <= m.start < p.end or m.start <= p.start < m.end

    if not tested:  # "Knee Braces Ease Arthritis Pain": the vocabulary's agent the headline makes its subject
        for p in interventions:
            if p.rule != "slot/headline":
                continue
            named = [m for m in mentions if covers(p, m) and not m.comparator]
            entry = named[0].entry if named else _listed_entry(p.name)
            if entry is not None:  # (a headline above the study's text: its own mention, from the title)
                own = [m for m in mentions if m.entry is entry] or [
                    _AgentMention(p.start, p.end, entry, False, False, False, True)]
                tested = [_Agent(entry, own, 1.0)]
                break
    called = [p for p in interventions if p.rule == "slot/called"]
    if called:
        # "Brain Training Game Helps Kids ..." / "The game, called EndeavorRx, ...": the headline's kind is
        # the product the text names
        def named_in_text(h: slots.Phrase) -> bool:
            head = re.escape(h.name.split()[-1].lower().rstrip("s"))
            return any(re.search(rf"\b{head}s?\b", text[max(0, c.start - 40):c.start], re.I) for c in called)
        interventions = [p for p in interventions if not (p.rule == "slot/headline" and named_in_text(p))]
    resolved = [p for p in interventions if p.rule.endswith("/antecedent")]
    if len(tested) == 1 and resolved and not any(covers(p, m) for p in interventions for m in tested[0].mentions) \
            and any(covers(p, m) for p in comparators for m in tested[0].mentions):
        tested = []  # "randomised to the app or to face-to-face CBT-I": the named agent is the comparator
    if len(tested) == 1 and any(p.rule == "slot/allocated-to" and not any(covers(p, m) for m in tested[0].mentions)
                                for p in interventions) \
            and any(m.comparator and _ALONE_AFTER.match(text, m.end) for m in tested[0].mentions):
        tested = []  # "randomised to meniscectomy followed by physical therapy, or to physical therapy alone"

    if len(tested) > 1:
        compared = [a for a in tested if any(covers(p, m) for p in comparators for m in a.mentions)
                    and not any(covers(p, m) for p in interventions for m in a.mentions)]
        return [a for a in tested if a not in compared] or tested

    support: dict[str, list[slots.Phrase]] = {}
    for p in interventions:
        # "Laser iridotomy versus trabeculectomy for ...", "Effects of Boswellia on ...": a title's slot
        # names the tested treatment (only where the vocabulary named none)
        titled = not tested and title is not None and title[0] <= p.start < title[1] \
            and p.rule.startswith(("slot/versus", "slot/effect-of", "slot/comparing"))
        proven = p.strong or titled or (_named_elsewhere(p) and p.rule.startswith("slot/allocated-to"))
        if tested and not proven:
            # Beside an agent the vocabulary knows, only an arm the slot itself proves was given
            # is added: weaker phrases were mostly noise on the train split and the heldout fixtures.
            continue
        if any(covers(p, m) for a in tested for m in a.mentions):
            continue  # the vocabulary's agent already
        # ("a drug called ZX-1", "the drug L-DOPA": a code the text introduces is a name; "called EDAS" may be
        # an acronym the text spells out elsewhere)
        coded = p.rule == "slot/called" and _ABBREVIATION.match(p.name) is not None and re.search(r"[\d-]", p.name)
        if not (_slot_name_ok(p.name) or coded or proven and _ACTIVITY.match(p.name)) \
                or (any(covers(p, m) and not _slot_names_it(m.entry) for m in mentions)
                    and not (_named_elsewhere(p) or proven)):
            continue
        if not proven and p.rule != "slot/called" and not _INTERVENTION_HEAD.search(p.name.split()[-1]):
            continue  # "received a letter", "median operating time": only a treatment's head noun counts
        support.setdefault(p.name.lower(), []).append(p)
    out: list[_Agent] = list(tested)
    for key, ps in support.items():
        key = key.replace("-", " ")
        if any(key in _names(a) or _names(a) in key for a in out):
            continue
        entry = {"name": ps[0].name, "slot": True, "rule": "agent/" + ps[0].rule,
                 # "laparoscopic appendectomy" read from "Laparoscopic versus open appendectomy"
                 "composed": ps[0].name.lower() != " ".join(text[ps[0].start:ps[0].end].split()).lower()}
        agent = _Agent(entry)
        agent.mentions = [_AgentMention(p.start, p.end, entry, False, False, False, True) for p in ps]
        agent.score = len(ps)
        out.append(agent)
    return out[:max(4, len(tested))]


_ALONE_AFTER = re.compile(r"\s+(?:alone|only)\b", re.I)


def _is_food(entry: dict) -> bool:
    return entry.get("class") == "food"


def _slot_names_it(entry: dict) -> bool:
    """A slot phrase over a mention of this entry still names the arm: a listed food ("drank tart
    cherry juice") or a code name ("a new drug called GLYX-13")."""
    return _is_food(entry) or entry.get("rule") == "agent/code-name"


def _listed_entry(name: str) -> dict | None:
    """The vocabulary entry ``name`` is, in the singular or the plural ("Fish Oil", "Knee Braces"), if any."""
    agents = vocab.index("agents")
    return agents.lookup(name.lower()) or (agents.lookup(name.lower()[:-1]) if name.lower().endswith("s") else None)


def _named_elsewhere(p: slots.Phrase) -> bool:
    """The slot's words stand for a name given elsewhere: an antecedent or a defined abbreviation."""
    return p.rule.endswith(("/antecedent", "/abbreviation"))


def _names(agent: _Agent) -> str:
    return agent.entry["name"].lower().replace("-", " ")


_DEFINITE_HEAD = compile_skipping(r"(?P<head>app|program(?:me)?|device|vaccine|course|training|diet|supplement|drink|"
                                   r"spray|patch|game|website)\b", re.I)
_DEFINITE_BEFORE = compile_skipping(r"\b(?:the|this|that)\s+$", re.I)
_NAME_BEFORE_HEAD = r"\b((?:[\w-]+\s+){{0,2}}?[\w-]*[A-Z][\w-]*)\s+{head}\b"
_NOT_NAMES = frozenset("most many some all the a an this that these those each our their its his her every "
                       "study studies trial finds suggests shows new".split())


def _antecedent(text: str, p: slots.Phrase) -> slots.Phrase:
    """ "randomised to the app": a definite bare head names the product the article introduced with
    that head before ("a digital CBT-I app"); the slot takes that name, kept as written."""
    m = _DEFINITE_HEAD.match(p.name)
    if not m or not _DEFINITE_BEFORE.search(text, max(0, p.start - 6), p.start):
        return p
    named = list(re.finditer(_NAME_BEFORE_HEAD.format(head=re.escape(m.group("head"))), text[:p.start]))
    modifiers = {w.lower() for w in vocab.load("agents").get("naming", {}).get("modifiers", [])}
    for found in reversed(named):
        words = list(re.finditer(r"\S+", found.group(1)))
        # the name: from its first capitalised word or abbreviation, with a naming modifier before it
        # ("digital CBT-I app"), never a sentence's first word alone
        first = next((i for i, w in enumerate(words) if w.group(0)[1:] and (
            sum(c.isupper() for c in w.group(0)) >= 2 or w.group(0)[0].isupper() and (
                found.start(1) + w.start() > 0 and text[found.start(1) + w.start() - 2] not in ".!?\n"))), None)
        if first is None or words[first].group(0).lower() in _NOT_NAMES or layout.title_case_line(text, found.start(1), 0.6):
            continue
        if first > 0 and words[first - 1].group(0).lower() in modifiers:
            first -= 1
        start = found.start(1) + words[first].start()
        return slots.Phrase(start, found.end(), " ".join(text[start:found.end()].split()), p.role, p.rule + "/antecedent")
    return p


@functools.lru_cache(maxsize=4)
def _main_agent(text: str) -> list[_Agent]:
    """The article's most tested agent (cached: several sections may ask for it)."""
    starts = [d.start for d in find_doses(text, 0, len(text))]
    return _choose_agents(_agent_mentions(text, 0, len(text), sentences(text, 0, len(text)), [], starts))[:1]


def _general(text: str, sents: list[tuple[int, int]], pos: int) -> bool:
    s = sentence_of(sents, pos)
    return bool(s and _GENERAL_RE.search(text, s[0], s[1]))


def _has_dose(dose_starts: list[int], s: tuple[int, int]) -> bool:
    i = bisect.bisect_left(dose_starts, s[0])
    return i < len(dose_starts) and dose_starts[i] < s[1]


@functools.cache
def _stem_re() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    stems = vocab.load("drug_stems")["stem"]
    classes = {e: st["class"] for st in stems for e in st["endings"]}
    excepted = frozenset(w.lower() for st in stems for w in st.get("except", []))
    # Words are scanned once and their endings tested with str.endswith: an alternation of
    # endings after [a-z]{2,} backtracks through every word (the costliest pass of extraction).
    return re.compile(r"\b[A-Za-z][a-z]{5,}\b"), classes, excepted


@functools.cache
def _stem_endings() -> tuple[str, ...]:
    return tuple(sorted(_stem_re()[1], key=len, reverse=True))


_STEM_ENTRIES: dict[str, dict] = {}


def _stem_hits(text: str, start: int, end: int, known: list[vocab.Hit]) -> list[vocab.Hit]:
    """Drug names the vocabulary does not list, told by their INN stem ("sitagliptin")."""
    pattern, classes, excepted = _stem_re()
    endings = _stem_endings()  # longest first
    out = []
    for m in pattern.finditer(text, start, end):
        word = m.group(0).lower()
        if not word.endswith(endings) or not any(word.endswith(e) and len(word) - len(e) >= 3 for e in endings):
            continue
        if word in excepted or any(h.start <= m.start() < h.end for h in known):
            continue
        if vocab.index("agents").lookup(word) is not None or vocab.index("conditions").lookup(word) is not None:
            continue
        ending = next(e for e in endings if word.endswith(e))
        entry = _STEM_ENTRIES.setdefault(word, {"name": word, "class": classes[ending], "stem": ending})
        out.append(vocab.Hit(m.start(), m.end(), entry, "term"))
    return out


_CODE_NAME = re.compile(r"(?<![\w./-])(?P<prefix>[A-Z][A-Za-z]{0,4})-?(?P<digits>\d{2,7})(?P<suffix>[A-Z]?)(?![\w/-])")
# Where a code name is given: a dose right after it, or an allocation or receiving verb before it.
_CODE_DOSE_GAP = re.compile(r"\s*(?:\(\s*)?")
_CODE_GIVEN_BEFORE = compile_skipping(
    r"\b(?:randomi[sz]ed|allocated|assigned|received?|receiving|given|administered|treated\s+with|dose\s+of|"
    r"doses\s+of|either)\s+(?:to\s+)?(?:(?:receive|the|a|an|oral|intravenous|inhaled|subcutaneous|topical|"
    r"single|daily|once-daily|twice-daily)\s+)*$", re.I)
_CODE_ENTRIES: dict[str, dict] = {}


@functools.cache
def _code_prefixes_excluded() -> frozenset[str]:
    return frozenset(p.lower() for p in vocab.load("drug_stems").get("code_names", {}).get("not_prefixes", []))


_CODE_DRUG_WORD = compile_skipping(r"\b(?:drugs?|compounds?|medications?|medicines?|molecules?|pills?|inhibitors?|"
                                   r"antibody|antibodies|experimental\s+(?:agent|treatment|therapy))\b", re.I)


def _code_name_hits(text: str, start: int, end: int, known: list[vocab.Hit],
                    dose_starts: list[int]) -> list[vocab.Hit]:
    """Company code names of drugs in development ("AZD-4721 20 mg", "randomised to LY2189265"),
    told by their shape and by being given; trial registry numbers, scales and genes are not."""
    out = []
    excluded = _code_prefixes_excluded()
    found = [m for m in _CODE_NAME.finditer(text, start, end)
             if m.group("prefix").lower() not in excluded and not any(h.start <= m.start() < h.end for h in known)]
    # A code name the study's text is about: written three times, once in a sentence calling it a
    # drug ("Amgen's experimental drug AMG145 ...", "XL184 ... the drug also controlled tumors").
    places: dict[str, list[int]] = {}
    for m in found:
        places.setdefault(m.group(0), []).append(m.start())
    spans = index_of(text).sentence_spans
    # (more often than any listed agent: "TAK-438" beside "vonoprazan" is its code, not another drug)
    listed: dict[str, int] = {}
    for h in known:
        listed[h.entry["name"]] = listed.get(h.entry["name"], 0) + 1
    most_listed = max(listed.values(), default=0)
    subjects = {name for name, at in places.items() if len(at) >= 3 and len(at) > most_listed and any(
        (sent := sentence_of(spans, p)) is not None and _CODE_DRUG_WORD.search(text, *sent) for p in at)}
    for m in found:
        dose_at = _CODE_DOSE_GAP.match(text, m.end(), end).end()  # type: ignore[union-attr]  # always matches
        i = bisect.bisect_left(dose_starts, dose_at)
        if not ((i < len(dose_starts) and dose_starts[i] == dose_at)
                or _CODE_GIVEN_BEFORE.search(text, max(start, m.start() - 50), m.start())
                or m.group(0) in subjects):
            continue
        name = m.group(0)
        entry = _CODE_ENTRIES.setdefault(name, {"name": name, "class": "investigational drug", "rule": "agent/code-name"})
        out.append(vocab.Hit(m.start(), m.end(), entry, "term"))
    return out


def _agent_mentions(text, start, end, sents, comparator_hits, dose_starts) -> list[_AgentMention]:
    out = []
    sentence_flags: dict[tuple[int, int], tuple[bool, bool]] = {}
    comparator_starts = [c.start for c in comparator_hits]  # hits are in text order, disjoint
    hits = article_finder(text, "agents")(start, end)
    hits = sorted(hits + _stem_hits(text, start, end, hits) + _code_name_hits(text, start, end, hits, dose_starts),
                  key=lambda h: h.start)
    for h in hits:
        if _MEASURED_AFTER_RE.match(text, h.end, min(end, h.end + 30)) or _MEASURED_BEFORE_RE.search(
            text, max(start, h.start - 15), h.start
        ):
            continue
        # "control acupuncture", "sham TMS": the agent word is part of a comparator phrase.
        k = bisect.bisect_right(comparator_starts, h.start) - 1
        if k >= 0 and comparator_hits[k].end >= h.end:
            continue
        s = sentence_of(sents, h.start) or (start, end)
        left = text[max(s[0], h.start - 60):h.start]
        right = text[h.end:min(s[1], h.end + 100)]
        comparator = bool(_COMPARATOR_LEFT_RE.search(left) or _COMPARATOR_RIGHT_RE.search(right)) \
            and not _SHARED_HEAD_VERSUS.search(left)
        prior = bool(_PRIOR_RE.search(left) or _RESCUE_LEFT_RE.search(left) or _RESCUE_RIGHT_RE.search(right)
                     or _STANDARD_LIKE_RE.search(left)
                     or (_ON_LEFT_RE.search(left) and _THEN_ALLOCATED_RE.match(right)))
        if s not in sentence_flags:  # many mentions share a sentence: test it once
            sentence_flags[s] = (
                bool(_INTERVENTION_CUE_RE.search(text, s[0], s[1]) or _has_dose(dose_starts, s)),
                bool(_GENERAL_RE.search(text, s[0], s[1])),
            )
        given, general = sentence_flags[s]
        # "an 18-month study of anacetrapib in 1,623 patients": the trial tested it
        given = given or bool(_TRIAL_OF_LEFT_RE.search(left) and _IN_COUNT_RIGHT_RE.match(right)) \
            or bool(_COURSE_OF_LEFT_RE.search(left))
        added_to = bool(_ADDED_TO_RE.search(left))
        out.append(_AgentMention(h.start, h.end, h.entry, comparator, general, prior, given, h.kind,
                                 added_to))
    return out


def _choose_agents(mentions: list[_AgentMention]) -> list[_Agent]:
    """Agents mentioned mostly as what was given; generic ones only when nothing specific is."""
    by_name: dict[str, _Agent] = {}
    for m in mentions:
        a = by_name.setdefault(m.entry["name"], _Agent(m.entry))
        a.mentions.append(m)
        if not m.comparator and not m.prior:
            a.score += 0.3 if m.general else 1.0
    compared = {name: sum(m.comparator for m in a.mentions) for name, a in by_name.items()}
    # Only an agent told as given counts ("insulin" named in passing does not make the others comparators).
    never_compared = any(a.score > 0 and a.given and not compared[name] for name, a in by_name.items())
    added_to = {name for name, a in by_name.items() if any(m.added_to for m in a.mentions)}
    tested_elsewhere = any(a.score > 0 and a.given and name not in added_to for name, a in by_name.items())
    for name, a in by_name.items():
        # Once compared against, an agent is the comparator while another agent never is.
        if compared[name] >= a.score or (compared[name] and never_compared):
            a.score = 0.0
        if name in added_to and tested_elsewhere:
            a.score = 0.0  # "linagliptin as add-on to metformin": metformin is every arm's background
    ranked = sorted((a for a in by_name.values() if a.score > 0 and a.given), key=lambda a: -a.score)
    specific = [a for a in ranked if not a.entry.get("generic")]
    ranked = specific or ranked
    if not ranked:
        return []
    top = ranked[0].score
    return [a for a in ranked if a.score >= max(1.0, 0.6 * top)] or ranked[:1]


@functools.cache
def _naming() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Modifiers kept before an agent's term, heads kept after it, and heads kept after a food's."""
    naming = vocab.load("agents").get("naming", {})

    def alternation(key: str) -> str:
        return "|".join(sorted((re.escape(w) for w in naming.get(key, [])), key=len, reverse=True))
    return (compile_skipping(rf"\b(?:(?:{alternation('modifiers')})[\s-]{{1,2}}){{1,2}}$", re.I),
            compile_skipping(rf"[\s-]{{1,2}}(?:{alternation('heads')})\b", re.I),
            compile_skipping(rf"[\s-]{{1,2}}(?:{alternation('heads')}|{alternation('food_heads')})\b", re.I))


def surface_name(text: str, agent: "_Agent") -> tuple[str, int, int]:
    """The name the article uses for an agent: its most frequent form as written (the generic one
    when a brand also appears), with the words that say which form was given ("low-dose
    naltrexone", "CBT-I app"); the vocabulary's name stays the normal form behind it."""
    given = [m for m in agent.mentions if not m.comparator] or agent.mentions
    if agent.entry.get("composed") and given:  # a name the text writes in two places: the slot's name
        return agent.entry["name"], given[0].start, given[0].end
    # A name spelled out beats its abbreviation ("alternate day fasting (ADF)"), a generic its brand.
    spelled = [m for m in given if m.kind != "abbr"]
    left, right, food_right = _naming()
    if _is_food(agent.entry):
        right = food_right
    headed = [m for m in given if m.kind == "abbr" and right.match(text, m.end, min(len(text), m.end + 20))]
    if headed and len(headed) * 2 >= len(given):
        # "a CBT-I app": the abbreviation names what the product delivers; the product keeps its name
        spelled = []
        given = headed
    elif not spelled:
        elsewhere = _generic_in_article(text, agent.entry)
        if elsewhere is not None:  # "CBD" here, "cannabidiol (CBD)" where the article introduced it
            return elsewhere
    given = spelled or given
    brands = {b.lower() for b in agent.entry.get("brands", [])}
    forms: dict[str, list[_AgentMention]] = {}
    for m in given:
        forms.setdefault(text[m.start:m.end].lower().rstrip("s") if text[m.start:m.end].lower() not in brands
                         else "\0" + text[m.start:m.end].lower(), []).append(m)
    generic = {k: v for k, v in forms.items() if not k.startswith("\0")}
    if not generic:
        elsewhere = _generic_in_article(text, agent.entry)
        if elsewhere is not None:  # the brand here, the generic name elsewhere in the article
            return elsewhere
        generic = forms
    best = max(generic.values(), key=lambda ms: (len(ms), -ms[0].start))
    m = best[0]
    s, e = m.start, m.end
    lm = left.search(text, max(0, s - 40), s)
    if lm:
        s = lm.start()
    rm = right.match(text, e, min(len(text), e + 20))
    if rm:
        e = rm.end()
    name = " ".join(text[s:e].split())
    # "Ketamine" opening a sentence or a title is the common noun "ketamine"; a brand keeps its capital.
    title_case = _title_case(name) and name != name.lower()  # "Low-dose Aspirin", not "vitamin D"
    if name[:1].isupper() and name[1:] == name[1:].lower().replace("-d", "-D") or name.istitle() or title_case:
        # (a slot's "graded Valsalva manoeuvre", "Kundalini yoga": a capital inside the name is a proper noun's)
        proper = agent.entry.get("slot") and not name.istitle() and not name[:1].isupper()
        if not proper and name.lower() not in brands and (name.lower() == agent.entry["name"].lower()
                                           or _listed_entry(text[m.start:m.end]) is agent.entry):
            name = layout.lower_common(name)
    return name, s, e


def _title_case(name: str) -> bool:
    """Every word capitalised or lower case, none a single capital or a code ("D", "B12", "CBT")."""
    return all((w.istitle() and len(w) > 1) or w.islower() for w in re.split(r"[\s-]+", name) if w)


def _generic_in_article(text: str, entry: dict) -> tuple[str, int, int] | None:
    """A non-brand term of the entry anywhere in the article ("onabotulinumtoxinA" for "Botox")."""
    brands = {b.lower() for b in entry.get("brands", [])}
    for h in vocab.index("agents").find(text, 0, len(text)):
        if h.entry is entry and h.kind != "abbr" and text[h.start:h.end].lower() not in brands:
            name = " ".join(text[h.start:h.end].split())
            if _title_case(name):
                name = layout.lower_common(name)  # "Low-Dose Naltrexone" in a title is the common name
            return name, h.start, h.end
    return None


def _intervention(text, sents, agent, tested, mentions, doses, primary, start, end) -> InterventionFact:
    first = next((m for m in agent.mentions if not m.comparator), agent.mentions[0])
    name, ns, ne = surface_name(text, agent)
    agent_fact = Fact[str](value=name, span=Span.of(text, ns, ne), rule=agent.entry.get("rule", "agent/vocabulary"))
    own_doses = _doses_of(text, sents, agent, tested, mentions, doses, primary)
    related = _related_sentences(sents, agent, own_doses)
    return InterventionFact(
        agent=agent_fact,
        route=_route(text, related, agent, first),
        frequency=find_frequency(text, related),
        duration=find_duration(text, related),
        doses=[
            DoseFact(amount=Fact[float](value=d.amount, span=Span.of(text, d.start, d.num_end), rule=d.rule), unit=d.unit)
            for d in own_doses
        ],
    )


# Between a dose and the agent it doses: "0.07 mg/kg oral methadone", "500 mg of metformin".
_DOSE_THEN_AGENT = compile_skipping(
    r"\s*(?:daily|nightly|weekly|once\s+daily|twice\s+daily)?\s*(?:of\s+)?(?:(?:oral|intravenous|iv|intramuscular|im|"
    r"intranasal|sublingual|topical|subcutaneous|inhaled|nebuli[sz]ed|transdermal|rectal|caudal|epidural|intrathecal)\s+)?",
    re.I)


_RESPECTIVELY = compile_skipping(r"\brespectively\b", re.I)


def _respectively(text, s, mentions, doses) -> dict[int, str] | None:
    """dose start -> agent name for a sentence that pairs as many doses with as many agents
    "respectively", in the order both are written; None for any other sentence."""
    if not _RESPECTIVELY.search(text, s[0], s[1]):
        return None
    names: list[str] = []
    for m in mentions:
        if s[0] <= m.start < s[1] and m.entry["name"] not in names:
            names.append(m.entry["name"])
    here = [d for d in doses if s[0] <= d.start < s[1]]
    if len(names) < 2 or len(here) != len(names):
        return None
    return {d.start: name for d, name in zip(here, names)}


def _doses_of(text, sents, agent, tested, mentions, doses, primary) -> list[DoseMention]:
    """Doses whose nearest agent mention in the sentence is this agent (or none, for the main one)."""
    out: list[DoseMention] = []
    seen: set[tuple[float, str]] = set()
    named_by_slots = [m for a in tested for m in a.mentions if a.entry.get("slot")]
    if named_by_slots:  # "randomized to febuxostat 80 mg": a name no list knows binds its doses too
        mentions = sorted([*mentions, *named_by_slots], key=lambda m: m.start)
    starts = [m.start for m in mentions]  # mentions are in text order
    cue_of: dict[tuple[int, int], bool] = {}
    pairings: dict[tuple[int, int], dict[int, str] | None] = {}
    for d in doses:
        s = sentence_of(sents, d.start)
        if s is None:
            continue
        if s not in pairings:
            pairings[s] = _respectively(text, s, mentions, doses)
        paired = pairings[s]
        if paired is not None:
            # "allocated to A and B ... at 75 mg and 150 mg respectively": the i-th dose is the i-th agent's
            if paired.get(d.start) == agent.entry["name"] and (d.amount, d.unit) not in seen:
                seen.add((d.amount, d.unit))
                out.append(d)
            continue
        i = bisect.bisect_left(starts, d.start)
        before = mentions[i - 1] if i > 0 and mentions[i - 1].start >= s[0] else None
        after = mentions[i] if i < len(mentions) and mentions[i].start < s[1] else None
        nearest = before or after
        dose_of_after = after is not None and bool(_DOSE_THEN_AGENT.fullmatch(text, d.end, after.start))
        if dose_of_after:
            nearest = after  # "... pethidine IM, and another group received 0.07 mg/kg oral methadone"
        if nearest is None:
            # No listed agent in the sentence: the main agent's dose only when the sentence
            # speaks of dosing and no other drug name stands right before the amount.
            if s not in cue_of:
                cue_of[s] = bool(_DOSE_CUE_RE.search(text, s[0], s[1]))
            if not primary or d.unit == "mL" or not cue_of[s]:
                continue
            if not _PLAIN_BEFORE_RE.search(text, max(s[0], d.start - 30), d.start):
                continue
        elif nearest.comparator or nearest.entry["name"] != agent.entry["name"]:
            continue
        elif (d.start - nearest.end > 30 or nearest.start > d.start) and not dose_of_after \
                and not _PLAIN_BEFORE_RE.search(text, max(s[0], d.start - 30), d.start):
            continue  # "... while controls got niacin 100 mg": a name the vocabulary lacks
        key = (d.amount, d.unit)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _related_sentences(sents, agent, own_doses) -> list[tuple[int, int]]:
    """Sentences that mention the agent as given, or one of its doses."""
    picked = set()
    for m in agent.mentions:
        if not m.comparator and not m.general:
            s = sentence_of(sents, m.start)
            if s:
                picked.add(s)
    for d in own_doses:
        s = sentence_of(sents, d.start)
        if s:
            picked.add(s)
    return sorted(picked)


_OTHER_ARM_BETWEEN = compile_skipping(r"\b(?:or|versus|vs\.?|compared|whereas|while)\b", re.I)


def _other_arms_route(text: str, agent_at: int, route_at: int) -> bool:
    """The route word sits in another arm's phrase after the agent ("X 50 mg or a topical gel"),
    not in a phrase that closes the list ("X 2 mg or a placebo tablet, taken by mouth", "... or a
    placebo oil taken by mouth")."""
    if route_at < agent_at:
        return False
    last = None
    for last in _OTHER_ARM_BETWEEN.finditer(text, agent_at, route_at):
        pass
    if last is None:
        return False
    words = text[last.end():route_at].split()
    # ("..., or 210 mg subcutaneously": another dose of the same agent, not another arm)
    # ("or a placebo vaginal insert": the matching dummy is given the same way)
    return "," not in text[last.end():route_at] and len(words) <= 3 \
        and not any(w.endswith(("ed", "en")) or any(c.isdigit() for c in w) for w in words) \
        and not any(w.lower() in ("placebo", "dummy", "sham", "matching", "identical", "matched") for w in words)


_IN_A_CODE_NAME = re.compile(r"[A-Za-z0-9]-[A-Z]+|[A-Z]+-[A-Z0-9]")


def _route(text, related, agent, first) -> Fact | None:
    """The most often stated specific route in the agent's sentences, else a dosage-form route."""
    best: dict[str, list] = {}
    for s0, s1 in related:
        own = [m.start for m in agent.mentions if s0 <= m.start < s1]
        for h in vocab.index("routes").find(text, s0, s1):
            if h.kind == "abbr" and _IN_A_CODE_NAME.search(text, max(0, h.start - 1), h.end + 2):
                continue  # "IM-UNITI", "SC-101": part of a trial's or product's name
            # (a dosage form after "or placebo" is the matching dummy's: "X or placebo capsules")
            if own and h.entry.get("specific", True) \
                    and _other_arms_route(text, min(own, key=lambda p: abs(p - h.start)), h.start):
                continue  # "minocycline 50 mg or a topical gel": the route of the other arm
            tier = 0 if h.entry.get("specific", True) else 1
            best.setdefault(h.entry["route"], []).append((tier, h.start, h.end))
    if best:
        route, hits = min(best.items(), key=lambda kv: (min(t for t, _, _ in kv[1]), -len(kv[1]), kv[1][0][1]))
        _, s, e = min(hits, key=lambda x: (x[0], x[1]))
        return Fact(value=route, span=Span.of(text, s, e), rule="route/vocabulary")
    default = agent.entry.get("route")
    if default:
        return Fact(value=default, span=Span.of(text, first.start, first.end), rule="route/agent-default")
    name = surface_name(text, agent)
    last = name[0].split()[-1].lower() if name[0].split() else ""
    for route, words in vocab.load("routes").get("heads", {}).items():
        if last in words:  # "a counterforce elbow band", "a low-fat diet"
            return Fact(value=route, span=Span.of(text, name[1], name[2]), rule="route/agent-head")
    return None


def _comparator(text, sents, comparator_hits, mentions, tested) -> Fact[str] | None:
    """The control condition: a comparator term (placebo, sham, waitlist...) or a compared agent."""
    tested_names = {a.entry["name"] for a in tested}
    cued = []
    for h in comparator_hits:
        s = sentence_of(sents, h.start)
        left = text[max(s[0] if s else 0, h.start - 60):h.start]
        if _NEGATED_LEFT_RE.search(left):
            continue
        surface = " ".join(text[h.start:h.end].lower().split())
        rank = 0 if _COMPARATOR_LEFT_RE.search(left) else 2 if text[h.end:h.end + 1] == "-" else 1
        cued.append((rank, h.start, h.end, surface))
    for m in mentions:
        name = m.entry["name"]
        if m.comparator and not any(name in t or t in name for t in tested_names):
            cued.append((0, m.start, m.end, name))
    if not cued:
        return None
    rank, s, e, value = min(cued, key=lambda c: (c[0], c[1]))
    return Fact[str](value=value, span=Span.of(text, s, e), rule="comparator/" + ("cued" if rank == 0 else "term"))

"""Where in an article each study is described.

The article is read as a sequence of units: its headings and the sentences of its paragraphs
and list items (``pipeline.text.layout`` gives the blocks). Walking the units in order, a study
opens where the text introduces one and stays open while the sentences continue it:

- An introduction is a singular study noun with an indefinite or contrasting determiner
  ("A 2020 trial of 64 adults", "a second, smaller study", "In an earlier study of nurses"),
  an ordinal, superlative or named one ("The third study, called X"), a research team as the
  subject ("Researchers in Denmark followed 210 adults", "A second team ..."), or a heading
  that names a study ("Study 2:", "II. Night-shift workers", "The Exeter trial").
- While a study is open, an introduction opens another only when it brings a concrete detail
  of its own (a count, a design, a dose; for a review, its count of trials) and is new: a
  contrasting word, a count the open study does not have, or a new section or list item.
  Phases and extensions of one trial carry no study noun and stay with it.
- Continuing sentences ("the trial", "the researchers", "participants", "in that study")
  stay with the open study; a name or descriptor of an earlier study ("In the Italian study",
  "the three-group trial") returns to it; general text ("other studies have shown", "the
  studies suggest", advice after a heading) closes it, and text that is not about a study is
  left to none.
- A story's own study takes in the paragraphs that first talk about it; a study it mentions
  beside its own ("a previous trial of 90 adults found ...") keeps only the sentences that
  name it. "About the study" boxes belong to the story's study; other boxes, reference lists
  and "###" end it. A study named only in passing or in general ("studies show", "no trial
  has tested", "a larger trial would be needed") is none.
- A structured or one-paragraph abstract is one study from its title on, minus an earlier study
  that its background reports with numbers of its own; a research paper (several IMRaD
  headings) is one study up to its references.

Spans are sentence-granular and never overlap; passages about a study that lie beyond its
span (an abstract's title above an earlier study's mention, a news story returning to its
study after a mention of another) are kept in ``Segment.extra``.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

import ahocorasick

from pipeline.extract.counts import PLAIN, STRONG, find_counts
from pipeline.models import Span
from pipeline.text.numbers import NUMBER, parse_number
from pipeline.text.people import participant_nouns
from pipeline.text.regex import compile_skipping
from pipeline.text.index import index_of
from pipeline.text.layout import Block, blocks, heading_number, section_labels
from pipeline.text.sentences import sentences
from pipeline.vocab import VOCAB_DIR


@dataclass(frozen=True)
class Segment:
    """A study's description: its span, an optional heading label and how it was found."""

    span: Span
    label: str | None = None
    heading: Span | None = None
    # "section" (under its own heading), "prose" (introduced in running text), "abstract"
    # (a structured abstract or paper: the whole text) or "article" (the story's one study).
    kind: str = "article"
    # Other passages about this study outside ``span``, in text order.
    extra: tuple[Span, ...] = ()

    @property
    def pieces(self) -> tuple[Span, ...]:
        """Every passage about the study, ``span`` and ``extra``, in text order."""
        return tuple(sorted((self.span, *self.extra), key=lambda p: p.char_start))


# ---------------------------------------------------------------------------------------------
# Vocabulary of the rules

_NOUN_SRC = (r"(?:meta-?analysis|trial|study|pilot|experiment|analysis|review|audit|survey|investigation|"
             r"case\s+series|RCT|cohort)")
_STUDY_NOUN = compile_skipping(rf"\b{_NOUN_SRC}(?![\w-])", re.I)
_REVIEW_NOUNS = ("review", "meta-analysis", "metaanalysis", "analysis")
_PEOPLE_NOUNS = ("trial", "study", "pilot", "experiment", "case series", "investigation", "rct")
_DETERMINERS = {
    "a": "indef", "an": "indef", "one": "one", "another": "contrast", "the": "def", "this": "this",
    "that": "that", "our": "this", "its": "def", "their": "def", "his": "def", "her": "def",
    "no": "none", "each": "none", "every": "none", "any": "none", "which": "none", "what": "none",
    "such": "none", "some": "none", "whose": "none", "these": "none", "those": "none",
}
_NP_STOP = frozenset(
    "of in on at for with from by to into than as is was were are be been being has have had do does did "
    "that which who whom whose but if when while after before because although though so also not nor "
    "about between among during over under through per via since until whether where why how then there "
    "here it they we he she you i me us them him her".split()
)
_CONTRAST = frozenset(
    "another second third fourth fifth sixth seventh eighth ninth tenth other separate similar different "
    "previous earlier prior later subsequent follow-up followup further additional companion independent "
    "larger smaller bigger older newer past ongoing parallel sister replication final last".split()
)
# Studies a story mentions beside its own: what follows returns to the story's study.
_ASIDE = frozenset("previous earlier prior past ongoing older larger bigger future planned upcoming".split())
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10}
_LATE_ORDINALS = frozenset("other latter last final next".split())
_SUPERLATIVE = re.compile(r"(?:largest|biggest|smallest|longest|earliest|oldest|most|best|"
                          r"first|only|strongest|widest|main)$", re.I)
_MAIN_WORDS = frozenset("present current new this our latest newest".split())
_GENERIC_DESCRIPTORS = frozenset(
    "new same current present above original whole entire main recent latest initial actual real full overall "
    "published clinical research human its own whole-group so-called jama nejm bmj lancet pnas".split()
)
_YEAR = re.compile(r"(?:19|20)\d\d$")
_SIZE_WORD = re.compile(r"\d[\d,]*-(?:patient|person|participant|subject|adult|woman|man|child|student|"
                        r"volunteer|people|member|employee|nurse)s?$", re.I)
# A study noun used as a modifier: "the study drug", "trial participants", "study details".
_COMPOUND_AFTER = re.compile(
    r"\s{1,3}(?:group|groups|arm|arms|site|sites|visit|visits|period|team|protocol|design|drug|drugs|medication|"
    r"participants?|population|physicians?|doctors?|nurses?|staff|day|week|investigators?|authors?|leader|"
    r"director|coordinator|details|results|findings|limitations|methods|highlights|background|summary|overview|"
    r"information|facts|data|endpoints?|outcomes?|registration|funding|sponsors?|centers?|centres?)\b", re.I)
_NEGATED = re.compile(r"\b(?:(?:not|never)\s{1,3}(?:yet\s{1,3})?(?:been\s{1,3})?(?:tested|studied|evaluated|examined|proven|"
                      r"shown|confirmed)\s{1,3}(?:\w+\s{1,3}){0,2}?in|without|lack\s+of|absence\s+of)\s{1,3}$", re.I)
_COPULA = re.compile(r"\b(?:this|it|that|which|study|trial)\s{1,3}(?:was|is|were)\s{1,3}(?:also\s{1,3}|not\s{1,3})?$",
                     re.I)
# "the records of all 143 patients": a chart review's own people.
_RECORDS_OF = re.compile(r"\b(?:records|charts|files|notes|data)\s{1,3}(?:of|from|on)\s{1,3}(?:all\s{1,3}|the\s{1,3})?$",
                         re.I)
# Page furniture standing on a line of its own: not a section of the article.
_MORE_BOILERPLATE = re.compile(r"(?:notes?\s+(?:to|for)\s+(?:the\s+)?editors?|media\s+(?:contact|advisory|inquiries)|"
                               r"about\s+(?:the|this|our)\b|###)", re.I)
_BYLINE = re.compile(r"(?:by\s|.*\b(?:reporter|correspondent|staff|writer|editor|news|press)\b|.*\b(?:19|20)\d\d\b)", re.I)
_END_MARK = re.compile(r"#\s?#\s?#|-\s?30\s?-|\*\s?\*\s?\*")
_JUNK_HEADING = re.compile(r"(?:(?:advertisement|advertising|related(?:\s+\w+)?|photo|image|video|caption|share|"
                           r"read\s+more|story\s+continues(?:\s+below)?|continue\s+reading(?:\s+the\s+main\s+story)?|"
                           r"sponsored)\W*)+$"
                           r"|(?:related|read\s+more|see\s+also|more|watch|listen)\s?:\s", re.I)
_ABOUT_STUDY = re.compile(r"about\s+(?:the|this|our)\s+(?:[\w-]+\s+){0,3}?(?:study|trial|research|analysis|survey)\b",
                          re.I)
_NAME_AFTER = re.compile(
    r",?\s{1,3}(?:called|named|known\s+as|dubbed|nicknamed)\s{1,3}(?P<name>[\"“]?[A-Z][\w'’.-]*(?:[ \-][A-Z0-9][\w'’.-]*){0,3})"
)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9-]{2,}$")
_ROMAN = re.compile(r"[IVX]{1,5}")
# Capitals that are not a study's name ("this IRB-approved study", "a large NIH trial").
_NOT_NAMES = frozenset("RCT RCTS PTSD ADHD COPD OCD IBS GERD HIV AIDS COVID US USA UK EU NHS VA IRB NIH NCI NIMH FDA CDC "
                       "WHO AHA ACS ADA CMS AHRQ NICE MRI CT ICU ER ED BMI DNA RNA CBT TMS ECT JAMA NEJM BMJ PNAS "
                       "CMAJ PLOS MMWR ASCO AACR ESC ACC".split())
# Research teams as the subject of a sentence: "Researchers in Denmark followed ...", "A second team".
_AGENT = compile_skipping(
    r"(?:(?:In|At|From|Now|Meanwhile|Elsewhere|Separately|Similarly|Later|Earlier|Previously)[\w ,'’-]{0,40},\s{1,3})?"
    r"(?P<det>(?:an?|another|one)\s{1,3}(?:(?P<contrast>second|third|separate|different|other|independent|new|"
    r"rival|earlier|previous)\s{1,3})?(?:(?:(?:research|medical|clinical|[A-Z][\w-]+)\s{1,3})?team"
    r"|research\s{1,3}group|group\s{1,3}of\s{1,3}(?:researchers|scientists|investigators|doctors))\b"
    r"|(?P<bare>researchers|scientists|investigators|doctors|physicians)\s{1,3}(?:in|at|from|with|led\s+by|based)\b)",
    re.I,
)
# "In Japan, researchers tracked ...": a place in front names the team.
_PLACED_AGENT = re.compile(r"(?:In|At|From)\s{1,3}[A-Z][\w'’.-]*(?:\s{1,3}[A-Z][\w'’.-]*){0,3},\s{1,3}"
                           r"(?:researchers|scientists|investigators|doctors|physicians)\b")
_PARENT = re.compile(r"(?:part\s+of|within(?:\s+the\s+framework\s+of)?|drawn\s+from|nested\s+(?:in|within)|"
                     r"members\s+of|enrolled\s+in|in|from|of|and)\s{1,3}$", re.I)
_PARENT_CUE = re.compile(r"\b(?:part\s+of|within|drawn\s+from|nested|members\s+of|enrolled\s+in|conducted\s+(?:in|within)|"
                         r"were\s+in|participants\s+in|data\s+(?:from|of)|used\s+data|sub-?study\s+of|completed|"
                         r"participated\s+in|took\s+part\s+in|had\s+been\s+(?:enrolled|treated)|"
                         r"(?:patients|participants|subjects|controls|cases|people)[\"”']?\s+(?:\w+\s+)?from|analysis\s+of|"
                         r"follow-?up\s+of|extension\s+of)\b", re.I)
_FROM_THIS_STUDY = re.compile(r"\b(?:from|of|in)\s+the\s+(?:current|same|original|present|new|first|initial|parent)\s+"
                              r"(?:study|trial)\b")
_TRIAL_COUNT = compile_skipping(
    r"(?<![\w.,])(?!(?:19|20)\d\d\b)(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|several\s+dozen|dozens\s+of)\s{1,3}(?:(?!of\b)[\w-]+\s{1,3}){0,3}?(?:trials|studies|RCTs|papers|reports|"
    r"cohorts|experiments)\b",
    re.I,
)
# Keywords, by category, found in one Aho-Corasick pass over the lower-cased text; the phrase
# rules below are then tried only next to a keyword.
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "sn": ("trial", "study", "pilot", "experiment", "analysis", "meta-analysis", "metaanalysis", "review", "audit",
           "survey", "investigation", "case series", "rct", "cohort"),
    "pn": ("trials", "studies", "pilots", "experiments", "analyses", "investigations", "rcts", "research"),
    "des": ("randomized", "randomised", "randomly", "randomization", "randomisation", "randomizing", "randomising",
            "placebo", "placebo-controlled", "sham", "double-blind", "double-blinded", "double blind", "single-blind",
            "single-blinded", "triple-blind", "open-label", "open label", "unblinded", "crossover", "cross-over",
            "uncontrolled", "non-randomized", "non-randomised", "nonrandomized", "retrospective", "observational",
            "case series", "single-arm", "non-inferiority", "parallel-group", "double-masked", "single-masked",
            "prospective", "in random order"),
    "res": ("found", "find", "finds", "showed", "shown", "shows", "reported", "concluded", "suggested", "suggests",
            "revealed", "demonstrated", "linked", "observed", "reduced", "improved", "increased", "lowered", "cut",
            "halved", "doubled", "associated"),
    "hyp": ("would", "could", "should", "might", "will", "needed", "planned", "plans", "future", "being planned",
            "hope to", "hopes to", "proposed", "designed to test", "under way", "underway", "is due"),
    "weak": ("enrolled", "recruited", "assigned", "allocated", "completed", "dropped out", "withdrew", "follow-up",
             "baseline", "responder", "responders", "participated", "took part"),
    "soft": ("score", "scores", "improvement", "reduction", "outcome", "outcomes", "side effect", "side effects",
             "adverse", "findings", "result", "results", "significant", "significantly", "percent"),
    "agent": ("researchers", "investigators", "authors", "team", "scientists"),
    "arm": ("group", "groups", "arm", "arms"),
}
# Words that tie a sentence to a study ("patients", "placebo", "the group") and words that only
# sound like a result ("scores", "improved", "percent"): the second kind keeps a paragraph's
# sentences together but does not carry a study into the next paragraph.
_WEAK_CATS = frozenset(("sn", "des", "agent", "arm", "weak"))
_SOFT_CATS = frozenset(("res", "soft"))
_STUDY_PEOPLE = frozenset("participants patients subjects volunteers outpatients inpatients respondents completers".split())
_REF_BEFORE = re.compile(r"\b(?:the|this|that|these|both|all)\s{1,3}(?:same\s{1,3})?$", re.I)
_PEOPLE_VERB = re.compile(r"\s{1,3}(?:were|was|had|received|took|in\s+the|completed|reported)\b", re.I)
_ARM_BEFORE = re.compile(r"\b(?:the|both|each|either)\s{1,3}(?:[\w-]+\s{1,3}){1,2}$", re.I)
_IT_VERB = re.compile(r"(?:It|They)\s{1,3}(?:also\s{1,3})?(?:enrolled|randomi[sz]ed|recruited|included|found|compared|"
                      r"followed|tested|assigned|involved|showed|reported)\b")
_NONE_VERB = re.compile(r"\s{1,3}(?:has|have|had|is|was|yet)\b", re.I)
_SIZE_IN_TEXT = re.compile(r"\b(\d[\d,]*)-(?:patient|person|participant|subject|adult|woman|child|student|"
                           r"volunteer|member)\b", re.I)
# Around a plural study noun: "other research suggests", "studies show", "the three trials", "19 studies".
_VAGUE_BEFORE = re.compile(
    r"\b(?:other|previous|prior|earlier|past|many|several|some|most|recent|more|further|larger|longer|future|"
    r"existing|such|numerous|few|small|smaller|early|animal|observational|these|those|older)\s{1,3}"
    r"(?:[\w-]+\s{1,3}){0,2}?$|^(?:\w+\s{1,3})?$", re.I)
_VAGUE_AFTER = re.compile(
    r"\s{1,3}(?:(?:have|has)\s{1,3}(?:\w+\s{1,3})?(?:shown|found|suggested|linked|indicated|reported|tested|"
    r"produced|been)|suggests?|shows?|showed|indicates?|indicated|points?|finds?|found|linked|supports?|"
    r"is\s+(?:mixed|limited|thin|needed|lacking)|are\s+(?:mixed|needed|limited|few)|in\s+(?:mice|rats|animals))\b",
    re.I)
_PLURAL_DET = re.compile(r"\b(?:the|these|those|both|all|two|three|four|five|several|many|such)\s{1,3}"
                         r"(?:[\w-]+\s{1,3}){0,2}?$", re.I)
_COUNT_BEFORE = re.compile(
    r"(?<![\w.,])(?!(?:19|20)\d\d\b)(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|dozens\s+of)\s{1,3}(?:(?!of\b)[\w-]+\s{1,3}){0,3}?$", re.I)


@functools.cache
def _group_of_re() -> re.Pattern[str]:
    """ "a new group of 62 adults", "a sample of 1,200 women" (the counts rules skip "group of")."""
    nouns = "|".join(sorted((re.escape(n) for n in participant_nouns()), key=len, reverse=True))
    return re.compile(rf"\b(?:group|sample|panel|cohort)\s{{1,3}}of\s{{1,3}}(?P<n>{NUMBER})\s{{1,3}}(?:[\w-]+\s{{1,3}}){{0,2}}?"
                      rf"(?:{nouns}|men|women|boys|girls)\b", re.I)


@functools.cache
def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    nouns = participant_nouns()
    people = tuple(n for n in nouns if n + "s" not in nouns) + (
        "men", "women", "boys", "girls", "mothers", "fathers", "families", "those who", "people who")
    for cat, words in [*_KEYWORDS.items(), ("ppl", people)]:
        for w in words:
            if w not in auto:  # the first category listed keeps a word
                auto.add_word(w, (cat, len(w)))
    auto.make_automaton()
    return auto


def _keyword_hits(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    """(category, start, end) of every whole-word keyword in ``text[lo:hi]``, leftmost-longest."""
    window = text[lo:hi]
    hay = window.lower()
    if len(hay) != len(window):  # a character whose lower case is longer: keep offsets exact
        hay = "".join(c if len(c.lower()) != 1 else c.lower() for c in window)
    found = []
    n = len(hay)
    for last, (cat, length) in _automaton().iter(hay):
        s, e = last - length + 1, last + 1
        if s > 0 and (hay[s - 1].isalnum() or hay[s - 1] == "-") or e < n and (hay[e].isalnum() or hay[e] == "-"):
            continue
        found.append((s, -e, cat))
    found.sort()
    out: list[tuple[str, int, int]] = []
    end = -1
    for s, ne, cat in found:
        if s >= end:
            out.append((cat, lo + s, lo - ne))
            end = -ne
    return out


_DOSE = compile_skipping(r"\b\d+(?:[.,]\d+)?\s?(?:mg|g|µg|mcg|IU|mL|ml|U|mg/kg|µg/kg|units)\b(?![/\w])")
_STUDY_LABEL = compile_skipping(
    r"(?:study|trial|experiment|case|part|phase|cohort|arm)\s{1,3}(?:#\s?)?(?:\d{1,2}|[IVX]{1,5}|[A-H]|one|two|three|"
    r"four|five|six)\b",
    re.I,
)
_LABEL_IN_PROSE = re.compile(r"\b(?:Study|Trial|Experiment)\s(?P<n>[1-9]|I{1,3}|IV|V)\b(?!\s?[.,]?\d)")
_REFERENCES = compile_skipping(r"(?:references|bibliography|sources|works\s+cited|citations|further\s+reading|"
                               r"notes)\s*:?\s*$", re.I)
_RESULTS_HEADING = compile_skipping(
    r"(?:results?|findings|key\s+findings|outcomes?|main\s+findings|what\s+happened|the\s+results|"
    r"what\s+(?:it|they|we|the\s+\w+|researchers)\s+(?:found|showed|learned)|how\s+it\s+(?:went|worked))\b",
    re.I,
)
_ABSTRACT_BODY_LABELS = frozenset(("METHODS", "METHOD", "RESULTS", "FINDINGS", "DESIGN", "PARTICIPANTS",
                                   "INTERVENTIONS", "INTERVENTION", "SETTING", "MEASUREMENTS"))

@functools.cache
def _heading_list(name: str) -> re.Pattern[str]:
    words = [w.strip() for w in (VOCAB_DIR / name).read_text(encoding="utf-8").splitlines()
             if w.strip() and not w.startswith("#")]
    return compile_skipping(r"(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


# ---------------------------------------------------------------------------------------------
# Units and their features


@dataclass
class _Intro:
    kind: str  # indef one contrast ordinal superlative named label agent definite this that none member
    start: int  # where the noun phrase starts
    noun: str
    mods: tuple[str, ...]
    aside: bool = False
    name: str | None = None
    ordinal: int | None = None
    review: bool = False
    end: int = 0  # end of the study noun


@dataclass
class _Unit:
    start: int
    end: int
    kind: str  # "title", "heading", "sentence"
    block: int
    section: int  # number of headings before (a new section at each heading)
    zone: int  # a new zone at each heading and each list item
    # Features, filled once.
    counts: tuple[int, ...] = ()  # people counts of rank PLAIN or better
    all_counts: tuple[int, ...] = ()
    strong_count: bool = False
    design: bool = False
    dose: bool = False
    result: bool = False
    people: bool = False
    weak: bool = False
    soft: bool = False
    strong_ref: bool = False
    vague: bool = False
    plural_ref: bool = False
    plural: bool = False  # any plural study noun ("trials", "studies", "research")
    may_count: int = 0  # 2: a participant noun; 1: an enrolment word (a count needs a digit then)
    hyp_at: tuple[int, ...] = ()  # where "would", "planned", "future" ... stand
    vague_at: int = 1 << 40  # where the first vague mention ("previous research") starts
    count_at: tuple[int, ...] = ()  # where the people counts stand
    trial_count_at: tuple[int, ...] = ()  # where counts of trials ("19 studies") stand
    plural_at: int = 1 << 40  # where the first plural study noun starts
    hypothetical: bool = False
    trial_count: bool = False
    intros: list[_Intro] = field(default_factory=list)
    refs: list[_Intro] = field(default_factory=list)  # definite noun phrases (possible back-references)
    label: str | None = None  # "Study 2" in running text

    @property
    def detail(self) -> bool:
        return bool(self.counts) or self.design or self.dose


def _units(text: str, bs: list[Block]) -> list[_Unit]:
    units: list[_Unit] = []
    section = zone = 0
    prev_item = False
    for i, b in enumerate(bs):
        if b.kind in ("title", "heading"):
            section += 1
            zone += 1
            units.append(_Unit(b.body, b.body_end, b.kind, i, section, zone))
            prev_item = False
            continue
        if b.kind == "table":
            continue  # a summary table repeats the studies' numbers; a lone row is read as a heading below
        if b.kind == "item" or prev_item:
            zone += 1
        prev_item = b.kind == "item"
        for s, e in sentences(text, b.body, b.body_end):
            units.append(_Unit(s, e, "sentence", i, section, zone))
    return units


def _lone_rows(bs: list[Block]) -> list[Block]:
    """A table row standing alone above its paragraph acts as that paragraph's heading."""
    out = []
    for i, b in enumerate(bs):
        if b.kind != "table":
            out.append(b)
            continue
        alone = (i == 0 or bs[i - 1].kind != "table") and (i + 1 == len(bs) or bs[i + 1].kind != "table")
        if alone and i + 1 < len(bs) and bs[i + 1].kind == "paragraph":
            out.append(Block("heading", b.start, b.end, b.body, b.body_end, b.para, "|"))
        else:
            out.append(b)
    return out


def _np_before(text: str, lo: int, pos: int) -> tuple[str | None, list[str], int]:
    """(determiner, modifiers, start) of the noun phrase ending just before ``pos``."""
    window = text[max(lo, pos - 140):pos]
    toks = list(re.finditer(r"[\w'’\-\u2010\u2011]+|[,;:.()\"“”\[\]]", window))
    mods: list[str] = []
    start = pos
    for t in reversed(toks):
        w = t.group()
        lw = w.lower()
        if lw in _DETERMINERS:
            return lw, list(reversed(mods)), max(lo, pos - 140) + t.start()
        if w == "," or lw in ("and", "or"):
            if not mods:
                break
            continue
        if not (w[0].isalnum()) or lw in _NP_STOP or len(mods) >= 7:
            break
        mods.append(w)
        start = max(lo, pos - 140) + t.start()
    return None, list(reversed(mods)), start


def _intro_at(text: str, unit: _Unit, ns: int, ne: int) -> _Intro | None:
    noun = re.sub(r"\s+", " ", text[ns:ne].lower())
    det, mods, start = _np_before(text, unit.start, ns)
    lmods = tuple(w.lower() for w in mods)
    after = text[ne:min(unit.end, ne + 60)]
    if re.match(r"\s{0,2}(?:#\s?)?(?:\d{1,2}|[IVX]{1,4})\b", after) and text[ns].isupper():
        return _Intro("label", start, noun, lmods)  # "Study 2", handled as a label
    if re.match(r"-", after) or _COMPOUND_AFTER.match(after):
        return None  # "study drug", "trial participants": the noun is a modifier here
    name = None
    if (nm := _NAME_AFTER.match(after)) is not None:
        name = nm.group("name").strip("\"“”")
    else:
        acr = [w for k, w in enumerate(mods) if _ACRONYM.match(w) and w.upper() not in _NOT_NAMES
               and not _ROMAN.fullmatch(w) and not (k > 0 and mods[k - 1].lower() == "phase")]
        if acr and det in ("the", "this", "that", None):
            name = " ".join(w for w in mods[mods.index(acr[0]):] if w[:1].isupper())
    review = noun in ("review", "meta-analysis", "metaanalysis") or "pooled" in lmods or "systematic" in lmods
    if _COPULA.search(text, max(unit.start, start - 30), start):
        if det in ("the", "this"):  # "This is the first study to ...": the open study again
            return _Intro("this", start, noun, tuple(w.lower() for w in mods))
        return None  # "This was a retrospective review": the open study's design, not another study
    if det in ("a", "an", "any") and _NEGATED.search(text, max(unit.start, start - 60), start):
        return _Intro("negated", start, noun, tuple(w.lower() for w in mods))  # "not tested in a large trial"
    if noun == "analysis" and not review and not _TRIAL_COUNT.search(text, ne, min(unit.end, ne + 80)):
        return None  # "an analysis that included everyone randomised": part of a study, not another one
    if lmods and lmods[-1] in ("control", "placebo", "sham", "run-in", "washout"):
        return None  # "a control trial" is one condition of the experiment
    kind = _DETERMINERS.get(det, "bare") if det else "bare"
    ordinal = next((_ORDINALS[w] for w in lmods if w in _ORDINALS), None)
    if kind == "none":
        return _Intro("none", start, noun, lmods)
    if kind in ("def", "this", "that"):
        if name is not None and ordinal is None and not any(w in _LATE_ORDINALS or _SUPERLATIVE.match(w) for w in lmods):
            named = {_stem(w) for w in name.split()}
            words = {_stem(p) for w in lmods for p in w.split("-") if len(p) > 2 and not p[0].isdigit()} - named
            words -= _GENERIC_DESCRIPTORS | {"patient", "person", "participant", "people", "large", "small", "big",
                                             "called"}
            if not words or _names_main(mods):
                # "The study, called TDF2", "the 27,500-patient study called X": the open study's name.
                return _Intro("this", start, noun, lmods, name=name, review=review)
            return _Intro("named", start, noun, lmods, name=name, review=review)
        if ordinal is not None and ordinal > 1 or any(w in _LATE_ORDINALS for w in lmods):
            return _Intro("ordinal", start, noun, lmods, ordinal=ordinal, review=review, name=name)
        if ordinal == 1:
            return _Intro("ordinal", start, noun, lmods, ordinal=1, review=review, name=name)
        if kind == "this" or _names_main(mods) or lmods[:2] == ("most", "recent"):
            return _Intro("this", start, noun, lmods, review=review)
        if any(_SUPERLATIVE.match(w) for w in lmods):
            return _Intro("superlative", start, noun, lmods, review=review)
        return _Intro("that" if kind == "that" else "definite", start, noun, lmods, review=review)
    aside = any(w in _ASIDE or _YEAR.match(w) for w in lmods)
    contrast = kind == "contrast" or any(w in _CONTRAST for w in lmods) or any(_YEAR.match(w) for w in lmods)
    if kind == "bare":
        if not contrast or lmods[0] not in ("previous", "earlier", "prior", "recent"):
            return None  # "Study participants", "warrants further investigation"
        kind = "contrast"
    elif contrast:
        kind = "contrast"
    return _Intro(kind, start, noun, lmods, aside=aside, name=name, ordinal=ordinal, review=review)


def _names_main(mods: list[str]) -> bool:
    """ "the new study", "the present analysis" (not "the New York trial")."""
    for k, w in enumerate(mods):
        if w.lower() in _MAIN_WORDS and not (w[0].isupper() and k + 1 < len(mods) and mods[k + 1][:1].isupper()):
            return True
    return False


def _bisect_unit(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1


def _features(text: str, units: list[_Unit]) -> None:
    if not units:
        return
    starts = [u.start for u in units]
    lo, hi = units[0].start, units[-1].end

    def each(rx: re.Pattern[str]):
        for m in rx.finditer(text, lo, hi):
            i = _bisect_unit(starts, m.start())
            if i >= 0 and m.start() < units[i].end:
                yield units[i], m

    for cat, s, e in _keyword_hits(text, lo, hi):
        i = _bisect_unit(starts, s)
        if i < 0 or s >= units[i].end:
            continue
        u = units[i]
        if cat in _WEAK_CATS:
            u.weak = True
        elif cat in _SOFT_CATS:
            u.soft = True
        if cat == "ppl":
            u.may_count = 2  # "Forty outpatients": a number word may come before it
        elif cat in ("des", "weak") and not u.may_count:
            u.may_count = 1  # "118 were randomized": only with a digit
        if cat == "sn":
            if u.kind == "sentence":
                _noun_hit(text, u, s, e)
        elif cat == "pn":
            u.plural = True
            u.plural_at = min(u.plural_at, s)
            _plural_hit(text, u, s, e)
        elif cat == "des":
            u.design = True
        elif cat == "res":
            u.result = True
        elif cat == "hyp":
            u.hypothetical = True
            u.hyp_at += (s,)
        elif cat == "ppl":
            u.people = True
            if text[s:e].lower() in _STUDY_PEOPLE:
                u.weak = True
            if _REF_BEFORE.search(text, max(u.start, s - 14), s) or _PEOPLE_VERB.match(text, e, min(u.end, e + 16)):
                u.strong_ref = True
        elif cat == "agent":
            if _REF_BEFORE.search(text, max(u.start, s - 14), s):
                u.strong_ref = True
        elif cat == "arm":
            if _ARM_BEFORE.search(text, max(u.start, s - 30), s):
                u.strong_ref = True
    # People counts, read only where one can be: next to a participant noun, or a number beside an
    # enrolment word or "n =" (find_counts is the costly part of segmentation).
    for a, b in _count_runs(text, units):
        for c in find_counts(text, a, b):
            i = _bisect_unit(starts, c.num_start)
            if i < 0 or c.num_start >= units[i].end:
                continue
            u = units[i]
            u.all_counts += (c.value,)
            u.count_at += (c.num_start,)
            if c.rank <= PLAIN:
                u.counts += (c.value,)
                u.strong_count = u.strong_count or c.rank == STRONG
            elif _RECORDS_OF.search(text, max(u.start, c.num_start - 30), c.num_start):
                u.counts += (c.value,)
                u.strong_count = True
    for m in index_of(text).number_matches(_DOSE, lo, hi):  # a dose begins with a number
        i = _bisect_unit(starts, m.start())
        if i >= 0 and m.start() < units[i].end:
            units[i].dose = True
    for u in units:
        if u.kind != "sentence":
            continue
        first = text[u.start]
        if first in _AGENT_FIRST:
            _agent_intro(text, u)
        if first in "IT" and _IT_VERB.match(text, u.start, u.end):
            u.strong_ref = True
        if not u.soft and text.find("%", u.start, u.end) >= 0:
            u.soft = True
        if u.intros and (lm := _LABEL_IN_PROSE.search(text, u.start, min(u.end, u.start + 40))) is not None:
            u.label = lm.group("n")
        if u.may_count and text.find(" of ", u.start, u.end) >= 0:
            for c in _group_of_re().finditer(text, u.start, u.end):
                value = parse_number(c.group("n"))
                if value is not None and value > 1:
                    u.counts += (value,)
                    u.all_counts += (value,)
                    u.strong_count = True
        if u.intros and text.find("-", u.start, u.end) >= 0:
            for c in _SIZE_IN_TEXT.finditer(text, u.start, u.end):
                u.counts += (int(c.group(1).replace(",", "")),)
                u.all_counts += (int(c.group(1).replace(",", "")),)


# A sentence that opens with a count of people who then used or were given something.
_COUNT_THEN_TREATED = re.compile(
    rf"(?:(?:in\s+all|altogether|overall|in\s+total),?\s+)?{NUMBER}\s+(?:[\w'’-]+,?\s+){{1,7}}?(?:used|took|received|applied|wore|"
    r"practi[sc]ed|followed|tried|ate|drank|attended|swallowed|inhaled|got|(?:were|was)\s+(?:given|taught|offered|"
    r"treated|asked\s+to|fitted|prescribed))\b", re.I)
_DIGIT = re.compile(r"\d")
_AGENT_FIRST = frozenset("IiAaFfNnMmEeSsPpLlOoRrDd")  # first letters of _AGENT and _PLACED_AGENT


def _count_runs(text: str, units: list[_Unit]) -> list[tuple[int, int]]:
    """Ranges of consecutive sentences that may hold a people count, for find_counts."""
    runs: list[tuple[int, int]] = []
    for u in units:
        if not u.may_count or u.may_count == 1 and not (_DIGIT.search(text, u.start, u.end)):
            if u.may_count == 0 and "=" in text[u.start:u.end] and _DIGIT.search(text, u.start, u.end):
                pass  # "(n = 40)"
            else:
                continue
        if runs and runs[-1][1] >= u.start - 2:
            runs[-1] = (runs[-1][0], u.end)
        else:
            runs.append((u.start, u.end))
    return runs


def _hypothetical_near(u: _Unit, intro: _Intro) -> bool:
    """Is the study of this introduction a wished-for or future one ("a trial would be needed")?"""
    return any(intro.start - 25 <= p <= intro.end + 90 for p in u.hyp_at)


def _noun_hit(text: str, u: _Unit, s: int, e: int) -> None:
    intro = _intro_at(text, u, s, e)
    if intro is None:
        return
    intro.end = e
    if intro.kind == "negated":
        u.vague = True  # a trial that has not been done is a vague mention
        u.vague_at = min(u.vague_at, intro.start)
        return
    if intro.kind in ("definite", "this", "that", "named", "ordinal", "superlative"):
        u.refs.append(intro)
        if intro.kind in ("definite", "this", "that"):
            u.strong_ref = True
    if intro.kind == "none" and _NONE_VERB.match(text, e, min(u.end, e + 20)):
        u.vague = True  # "No controlled trial has yet tested ..."
    if intro.kind not in ("definite", "this", "that"):
        u.intros.append(intro)


def _plural_hit(text: str, u: _Unit, s: int, e: int) -> None:
    lo = max(u.start, s - 60)
    if _VAGUE_BEFORE.search(text, lo, s) or _VAGUE_AFTER.match(text, e, min(u.end, e + 40)):
        u.vague = True
        u.vague_at = min(u.vague_at, s)
    if _PLURAL_DET.search(text, lo, s):
        u.plural_ref = True
    if _COUNT_BEFORE.search(text, lo, s):
        u.trial_count = True
        u.trial_count_at += (s,)


def _agent_intro(text: str, u: _Unit) -> None:
    m = _AGENT.match(text, u.start, u.end)
    if m is None:
        if _PLACED_AGENT.match(text, u.start, u.end):
            u.intros.append(_Intro("agent", u.start, "team", (), end=u.start + 40))
        return
    if m.group("bare"):
        u.intros.append(_Intro("agent", u.start, "team", (), end=u.start + 40))
    else:
        contrast = m.group("contrast")
        det = m.group("det").split()[0].lower()
        kind = "contrast" if contrast and contrast.lower() != "new" or det == "another" else "agent"
        u.intros.append(_Intro(kind, u.start, "team", (contrast.lower(),) if contrast else (), end=u.start + 40,
                               aside=bool(contrast and contrast.lower() in _ASIDE)))


# ---------------------------------------------------------------------------------------------
# Walking the units


@dataclass
class _Study:
    intro: int  # unit index of the introduction
    pieces: list[list[int]]  # [first, last] unit indices of each run of units
    kind: str
    aside: bool = False
    counts: set[int] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    name: str | None = None
    label: str | None = None
    heading: int | None = None
    has_detail: bool = False
    review: bool = False
    ordinal: int | None = None
    specific: bool = False  # named by a study noun ("a new study", "the trial"), not only by numbers


def _stem(w: str) -> str:
    w = w.lower().strip("'’")
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def _words(text: str, s: int, e: int) -> set[str]:
    return {_stem(p) for w in re.findall(r"[\w'’-]+", text[s:e]) for p in w.split("-") if len(p) > 2}


class _Walker:
    """The state of one pass over the units (see the module docstring)."""

    def __init__(self, text: str, units: list[_Unit], bs: list[Block], mode: str) -> None:
        self.text, self.units, self.bs, self.mode = text, units, bs, mode
        self.studies: list[_Study] = []
        self.owner: list[int | None] = [None] * len(units)
        self.cur: int | None = None
        self.closed: str | None = None  # None (open), "soft" (only a strong cue continues), "hard"
        self.main: int | None = None
        self.heading: int | None = None  # the heading of the current section, while nothing is assigned after it
        self.skip = False  # inside references or page boilerplate
        self.announced = 0  # "three studies" announced: "one study" then names a member
        self.closed_by_heading = False
        self.in_results = False  # under a results sub-heading of the open study
        self.in_about = False  # under "About the study": no new study opens here
        self.seen_boilerplate = False  # a boilerplate box ("Notes to editors") has ended the story
        self.before_skip: tuple[int | None, str | None] = (None, None)

    # -- helpers --------------------------------------------------------------------------
    def assign(self, i: int, s: int) -> None:
        st = self.studies[s]
        self.owner[i] = s
        last = st.pieces[-1]
        if last[1] < i and any(self.owner[j] not in (None, s) for j in range(last[1] + 1, i)):
            st.pieces.append([i, i])
        else:
            last[1] = max(last[1], i)
        u = self.units[i]
        st.counts.update(u.all_counts)
        reviewed = u.trial_count and (st.review or any(r.noun in _REVIEW_NOUNS for r in u.refs))
        st.has_detail = st.has_detail or bool(u.counts) or u.design or reviewed
        st.specific = st.specific or bool(u.refs) or any(t.noun != "team" for t in u.intros)

    def last_unit(self, s: int) -> int:
        return self.studies[s].pieces[-1][1]

    def open_study(self, i: int, intro: _Intro | None, kind: str) -> int:
        start = self.lead_in(i)
        st = _Study(intro=i, pieces=[[start, start]], kind=kind)
        if intro is not None:
            st.aside = intro.aside and self.main is not None
            st.name = intro.name
            st.review = intro.review
            st.ordinal = intro.ordinal
        u = self.units[i]
        st.words = _words(self.text, u.start, u.end)
        if start < i and self.units[start].kind == "heading":
            h = self.units[start]
            st.heading = start
            st.label = self.text[h.start:h.end]
            st.words |= _words(self.text, h.start, h.end)
            st.aside = False  # "A second trial" / "A 2019 trial from Canada ...": a section of its own is no aside
        self.studies.append(st)
        s = len(self.studies) - 1
        for j in range(start, i + 1):
            self.assign(j, s)
        if self.main is None and not st.aside and self.mode == "story" and self.units[i].block <= self.lede_block:
            self.main = s
        self.cur, self.closed = s, None
        self.heading = None
        return s

    def lead_in(self, i: int) -> int:
        """Where a study introduced at unit ``i`` starts: its section heading, or the start of its
        paragraph, when only unassigned text that is not general lies in between."""
        u = self.units[i]
        j = i
        while j > 0:
            p = self.units[j - 1]
            if self.owner[j - 1] is not None:
                break
            if (p.vague or p.plural_ref or p.plural and p.kind == "sentence") and not self.heading_names_study:
                break  # (under "Study 2: ..." everything of the section is the study's)
            if p.kind == "heading":
                if p.section == u.section and self.heading == j - 1 and (
                        self.heading_names_study or not _BYLINE.match(self.text, p.start, p.end)):
                    j -= 1
                break
            if p.kind == "title" or p.block != u.block and not self._same_section_lead(j - 1, u):
                break
            j -= 1
        return j

    def _same_section_lead(self, j: int, u: _Unit) -> bool:
        """Earlier paragraphs of the section lead in only when a heading opens the section."""
        return self.heading is not None and self.units[j].section == u.section and self.heading_names_study

    # -- the walk -------------------------------------------------------------------------
    def run(self) -> list[_Study]:
        self.lede_block = self._lede_block()
        self.heading_names_study = False
        for i, u in enumerate(self.units):
            if u.kind in ("title", "heading"):
                self.on_heading(i, u)
            elif _END_MARK.fullmatch(self.text, u.start, u.end):
                self.skip, self.cur, self.closed = True, None, "hard"  # "###": the press release ends here
            elif not self.skip:
                self.on_sentence(i, u)
        # A story's first study is kept when a study noun names it ("a new study suggests ...", "the
        # study's rats"): news reports its study with results more often than with numbers.
        kept = [st for st in self.studies if st.has_detail]
        if not kept:
            kept = [st for st in self.studies if st.specific][:1]
        if kept and kept[0] is self.studies[0] and self.mode == "story" and not self.announced and \
                kept[0].kind != "section":
            self.extend_over_lede(0)
        return kept

    def extend_over_lede(self, s: int) -> None:
        """A story's first study starts with the story: its opening paragraphs announce it."""
        first = self.studies[s].pieces[0]
        j = first[0]
        section = self.units[j].section
        while j > 0:
            p = self.units[j - 1]
            if p.kind != "sentence" or self.owner[j - 1] is not None or p.vague or p.plural_ref or p.plural or \
                    p.section != section:
                break
            j -= 1
        # From the first paragraph that talks about research ("researchers presenting the findings").
        talking = [k for k in range(j, first[0]) if self.units[k].weak or self.units[k].strong_ref
                   or self.units[k].people and (self.units[k].result or self.units[k].soft)]
        if not talking:
            return
        j = min(k for k in range(j, first[0]) if self.units[k].block == self.units[talking[0]].block)
        for k in range(j, first[0]):
            self.owner[k] = s
        first[0] = j

    def _lede_block(self) -> int:
        seen = 0
        for i, b in enumerate(self.bs):
            if b.kind == "paragraph":
                seen += 1
                if seen == 3:
                    return i
        return len(self.bs)

    def on_heading(self, i: int, u: _Unit) -> None:
        label = self.text[u.start:u.end]
        self.heading = i
        self.in_results = False
        self.heading_names_study = False
        if u.kind == "title":
            return
        if _JUNK_HEADING.match(label):
            self.heading = None
            return
        if _ABOUT_STUDY.match(label) and self.studies:
            # "About the study" restates the story's study (its size, its sites): it belongs to it.
            self.leave_skip()
            back = self.main if self.main is not None else self.cur if self.cur is not None else len(self.studies) - 1
            self.cur, self.closed, self.in_results, self.in_about = back, None, True, True
            self.heading = None
            return
        if (_REFERENCES.match(label) or _heading_list("boilerplate_headings.txt").match(label) or
                _MORE_BOILERPLATE.match(label)) and not (label[:5].lower() == "about" and not self.studies):
            # ("About STAR" may be the only place a press release describes its study.)
            if not self.skip:
                self.before_skip = (self.cur, self.closed)
            self.skip, self.cur, self.closed = True, None, "hard"
            self.seen_boilerplate = self.seen_boilerplate or bool(self.studies)
            return
        self.leave_skip()
        if _RESULTS_HEADING.match(label) and self.cur is not None and self.closed is None:
            self.heading = None
            self.in_results = True
            return  # a results sub-heading inside the study
        names = self.heading_study(label)
        self.heading_names_study = names
        if names:
            self.closed = "hard"
        elif self.cur is not None:
            self.closed = "soft"
            self.closed_by_heading = True

    def leave_skip(self) -> None:
        """After a boilerplate box the story may go on: its study continues only on a strong cue."""
        self.in_about = False
        if self.skip:
            self.skip = False
            cur, closed = self.before_skip
            if cur is not None:
                self.cur, self.closed, self.closed_by_heading = cur, "soft", True

    def heading_study(self, label: str) -> bool:
        if _STUDY_LABEL.match(label) or heading_number(label) is not None:
            return True
        m = _STUDY_NOUN.search(label)
        if m is None or re.search(r"\b(?:studies|trials)\b", label, re.I):
            return False
        det, mods, _ = _np_before(label, 0, m.start())
        if det in (None, "no", "each", "every", "any", "these", "those") or _COMPOUND_AFTER.match(label, m.end()):
            return False  # "Study details", "Trial design": a part of the open study
        if det in ("the", "this", "that", "its", "their", "our"):
            # "How the study worked" is about the open study; "The Exeter trial" names one.
            words = {_stem(p) for w in mods for p in w.split("-") if len(p) > 2} - _GENERIC_DESCRIPTORS
            if not words or _names_main(mods):
                return False
            return self.cur is None or not words <= self.studies[self.cur].words
        return True

    def on_sentence(self, i: int, u: _Unit) -> None:
        if self.in_about:
            if not (u.vague or u.plural_ref):
                self.fill_to(i, self.cur)
            return
        intro = self.opening_intro(i, u)
        if intro is not None:
            s = self.open_study(i, intro, "section" if self.heading_names_study else "prose")
            self.studies[s].has_detail |= self.intro_detail(i, u, intro)
            return
        about_one = any(r.kind in ("this", "definite", "that") and r.start < u.vague_at for r in u.refs)
        if (u.vague or u.plural_ref) and not u.counts and not about_one or self.hypothetical_mention(i, u):
            self.general(i)
            return
        if self.cur is not None and self.studies[self.cur].name is None:
            named = next((r.name for r in u.refs if r.kind == "this" and r.name), None)
            self.studies[self.cur].name = named  # "The study, called TDF2, followed ..." names the open study
        back = self.back_reference(i, u)
        if back is not None and back != self.cur:
            self.return_to(i, back)
            return
        if self.cur is None or self.closed == "hard":
            if self.implicit_open(u):
                self.open_study(i, None, "section" if self.heading_names_study else "article")
            return
        if self.closed == "soft" and self.closed_by_heading and u.strong_count and not u.strong_ref:
            st = self.studies[self.cur]
            if st.counts and not (set(u.all_counts) & st.counts):
                self.open_study(i, None, "prose")  # a new section reporting other people: another study
                return
        self.continue_current(i, u, strong=back is not None)

    def hypothetical_mention(self, i: int, u: _Unit) -> bool:
        """ "A trial in older children would be needed": a study that does not exist."""
        return not u.all_counts and any(t.kind in ("indef", "contrast") and _hypothetical_near(u, t) for t in u.intros) and \
            not any(self.units[j].all_counts for j in self.lookahead(i))

    def general(self, i: int) -> None:
        if self.cur is not None and self.closed is None:
            self.closed = "soft"
            self.closed_by_heading = False

    def implicit_open(self, u: _Unit) -> bool:
        """May a sentence open a study without an introduction ("The trial enrolled 80 adults")?"""
        if (u.vague or u.plural_ref) and not any(r.start < u.vague_at for r in u.refs):
            return False
        if self.seen_boilerplate:
            # After a press release's boxes, numbers are about the institution ("700 students").
            return u.design and not u.plural or u.strong_count and u.strong_ref
        if u.strong_count or u.design and not u.plural:
            return True
        if u.counts and (u.weak or u.strong_ref):
            return True
        if u.counts and _COUNT_THEN_TREATED.match(self.text, u.start, u.end):
            return True  # "Forty teenagers with insomnia used the app for six weeks": people given something
        if u.refs and (u.trial_count or u.all_counts):
            return True  # "the new review ... across 16 studies of more than 10,000 women"
        return bool(u.strong_ref and any(r.noun in _PEOPLE_NOUNS for r in u.refs))

    def continue_current(self, i: int, u: _Unit, strong: bool = False) -> None:
        cur = self.cur
        assert cur is not None
        st = self.studies[cur]
        if st.aside and self.main is not None and not self.refers_to(u, cur):
            # An aside ("a previous trial found ...") keeps only the sentences that name it; the story
            # then goes back to its own study.
            if u.block != self.units[self.last_unit(cur)].block and (u.strong_ref or u.weak):
                self.return_to(i, self.main)
            return
        strong = strong or u.strong_ref or bool(u.counts) or u.design
        if self.closed == "soft":
            if not strong:
                return
            self.closed = None
            self.fill_to(i, cur)
            return
        last = self.last_unit(cur)
        if u.weak or strong or self.in_results or self.units[last].block == u.block:
            self.fill_to(i, cur)

    def fill_to(self, i: int, s: int) -> None:
        """Assign unit ``i`` and the unassigned units since the study's last one to study ``s``."""
        last = self.last_unit(s)
        for j in range(last + 1, i + 1):
            if self.owner[j] is None and not self.units[j].vague and not self.units[j].plural_ref:
                self.assign(j, s)
        self.heading = None

    def return_to(self, i: int, s: int) -> None:
        self.studies[s].pieces.append([i, i])
        self.owner[i] = s
        self.assign(i, s)
        self.cur, self.closed = s, None
        self.heading = None

    def refers_to(self, u: _Unit, s: int) -> bool:
        st = self.studies[s]
        if st.name and st.name.lower() in self.text[u.start:u.end].lower():
            return True
        return any(r.kind == "that" or r.kind == "definite" and self.descriptor_match(r) == s for r in u.refs)

    def descriptor_match(self, r: _Intro) -> int | None:
        words = {_stem(p) for w in r.mods for p in w.split("-") if len(p) > 2} - _GENERIC_DESCRIPTORS
        words = {w for w in words if w not in _ORDINALS and not _SUPERLATIVE.match(w)}
        if not words:
            return None
        hits = [s for s, st in enumerate(self.studies) if words <= st.words]
        return hits[0] if len(hits) == 1 else None

    def back_reference(self, i: int, u: _Unit) -> int | None:
        """The study a sentence names or describes explicitly, if any."""
        low = self.text[u.start:u.end].lower()
        named = [s for s, st in enumerate(self.studies) if st.name and re.search(
            r"(?<![\w-])" + re.escape(st.name.lower()) + r"(?![\w-])", low)]
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            return None
        for r in u.refs:
            if r.kind == "ordinal" and r.ordinal is not None and (
                    r.ordinal <= len(self.studies) or any(st.ordinal == r.ordinal for st in self.studies)):
                return self.by_ordinal(r.ordinal)
            if r.kind == "this" and self.main is not None and self.cur is not None and self.studies[self.cur].aside:
                return self.main
            if r.kind in ("definite", "that"):
                hit = self.descriptor_match(r)
                if hit is not None:
                    return hit
        if u.label is not None:
            hit = next((s for s, st in enumerate(self.studies) if st.label and re.search(
                rf"\b{re.escape(u.label)}\b", st.label)), None)
            if hit is not None:
                return hit
        return None

    def by_ordinal(self, n: int) -> int | None:
        named = [s for s, st in enumerate(self.studies) if st.ordinal == n]
        if named:
            return named[0]  # "In the third trial, ..." again: the study introduced as the third
        kept = [s for s, st in enumerate(self.studies) if st.has_detail]
        return kept[n - 1] if n <= len(kept) else None

    # -- introductions ----------------------------------------------------------------------
    def opening_intro(self, i: int, u: _Unit) -> _Intro | None:
        """The introduction with which unit ``i`` opens a new study, if it does."""
        if len({r.ordinal for r in u.intros + u.refs if r.kind == "ordinal"}) > 1:
            return None  # "the first trial ..., while the second trial ...": parts of one design
        for intro in u.intros:
            if self.opens(i, u, intro):
                return intro
        if u.label is not None and self.mode != "abstract" and u.detail:
            known = [st.label for st in self.studies if st.label]
            if not any(re.search(rf"\b{re.escape(u.label)}\b", k) for k in known if k):
                return _Intro("label", u.start, "study", ())
        return None

    def opens(self, i: int, u: _Unit, intro: _Intro) -> bool:
        if intro.kind in ("none", "label"):
            return False
        if intro.kind == "one" and self.announced and not u.counts and intro.name is None:
            return False  # "Three studies ... One study took eight years": a member, not a new one
        if self.mode == "paper":
            return False
        if self.parent_mention(u, intro):
            return False
        if intro.kind == "named" and any(st.name and st.name.lower() == (intro.name or "").lower()
                                         for st in self.studies):
            return False
        detail = self.intro_detail(i, u, intro)
        if self.mode == "abstract":
            # "In a previous analysis of 19 trials with 10,246 patients": the earlier study's own numbers
            # follow its noun; "25 patients who completed a previous study" are this study's.
            own = any(p > intro.start for p in u.count_at + u.trial_count_at)
            return intro.kind == "contrast" and intro.aside and own and detail
        cur = self.cur
        if cur is None or self.closed == "hard":
            # The first study of a story or a section: its details may come later.
            return detail or not (_hypothetical_near(u, intro) or u.plural or intro.kind == "one" and self.announced)
        if not detail or u.plural_at < intro.start and not (u.all_counts or intro.review and u.trial_count):
            # ("Promising pilots followed by a disappointing bigger trial": a comparison of studies.)
            return False
        st = self.studies[cur]
        own = set(u.all_counts) or set(self.lookahead_counts(i))
        if own and st.counts and own <= st.counts:
            return False  # the open study's own numbers again
        if intro.kind in ("contrast", "named"):
            return not self.same_study(u, intro, st)
        if intro.kind == "ordinal":
            return intro.ordinal is None or intro.ordinal > len(self.studies) and not any(
                st.ordinal == intro.ordinal for st in self.studies)
        # A bare introduction ("a randomized trial", "researchers at X"): new when its count differs
        # or it starts another section or list item.
        if own and st.counts and not (own & st.counts):
            return True
        if (own or u.design) and len(self.studies) < self.announced and st.has_detail and \
                u.block != self.units[self.last_unit(cur)].block:
            return True  # "What three trials found": a new paragraph with details of its own
        intro_unit = self.units[st.intro]
        return u.zone != intro_unit.zone and (bool(own) or u.design) and self.closed is not None and st.has_detail

    def same_study(self, u: _Unit, intro: _Intro, st: _Study) -> bool:
        """A contrasting phrase that still names the open study ("a follow-up of the same patients")."""
        low = self.text[u.start:u.end].lower()
        if re.search(r"\b(?:same|these|those)\s+(?:participants|patients|subjects|volunteers|women|men|"
                     r"children|people|adults|cohort)\b", low) or _FROM_THIS_STUDY.search(low):
            return True  # an extension or follow-up of the open study's own participants
        if "follow-up" in intro.mods or "followup" in intro.mods:
            if re.search(r"\bnew\s+(?:participants|patients|volunteers|group|sample|cohort)\b", low):
                return False
            own = set(u.all_counts) or set(self.lookahead_counts(self.units.index(u)))
            return not own or own <= st.counts
        return False

    def parent_mention(self, u: _Unit, intro: _Intro) -> bool:
        """ "Participants were part of a larger study", "within the PREDIMED trial": a parent study."""
        before = self.text[max(u.start, intro.start - 120):intro.start]
        return bool(_PARENT.search(before)) and intro.kind in ("contrast", "named", "indef") and bool(
            _PARENT_CUE.search(before))

    def intro_detail(self, i: int, u: _Unit, intro: _Intro) -> bool:
        """Does the introduction carry a concrete detail of its own (here or in the next sentences)?"""
        if intro.review or intro.noun in ("survey", "audit", "analysis", "cohort"):
            ok = bool(u.all_counts) or u.trial_count
            return ok or any(self.units[j].all_counts or self.units[j].trial_count for j in self.lookahead(i))
        if _hypothetical_near(u, intro) and not u.all_counts:
            # "A follow-up trial then tested whether ... would do. It enrolled 132 adults."
            nxt = self.lookahead(i)[:1]
            return any(self.units[j].all_counts and _IT_VERB.match(self.text, self.units[j].start) for j in nxt)
        if u.detail or u.all_counts or (u.result and u.people and intro.kind != "agent"):
            return True
        if intro.kind == "contrast" and u.result and intro.noun in _PEOPLE_NOUNS and any(
                self.units[j].people or self.units[j].all_counts for j in self.lookahead(i)[:1]):
            return True  # "In another study, researchers found that X helped. People getting X ..."
        if any(_SIZE_WORD.match(w) for w in intro.mods):
            return True
        return any(self.units[j].detail for j in self.lookahead(i))

    def lookahead(self, i: int) -> list[int]:
        out = []
        u = self.units[i]
        for j in range(i + 1, min(len(self.units), i + 4)):
            v = self.units[j]
            if v.kind != "sentence" or v.section != u.section or v.vague or len(out) == 2 or any(
                    t.kind not in ("indef", "none") for t in v.intros):
                break
            out.append(j)
        return out

    def lookahead_counts(self, i: int) -> list[int]:
        return [c for j in self.lookahead(i)[:1] for c in self.units[j].all_counts]


# ---------------------------------------------------------------------------------------------
# Putting it together


_INLINE_LABEL = re.compile(r"(?:^|(?<=[.!?] )|(?<=\n))(?:Objectives?|Background|Methods?|Results|Conclusions?|Design|"
                           r"Setting|Participants|Interventions?|Purpose|Aims?|Findings)\s?[.:] ")


_ABSTRACT_MIN_CHARS = 300
_QUOTED = re.compile(r"[“”\"]|\b(?:said|says|told)\b")
# What a trial abstract says of itself ("We randomly assigned ...", "patients were randomized").
_ABSTRACT_CUE = re.compile(r"\b(?:we\s{1,3}(?:randomly|randomi[sz]ed|enrolled|recruited|investigated|examined|assessed|"
                           r"evaluated|compared|studied|conducted|performed|aimed|measured|analy[sz]ed|tested|included)"
                           r"|(?:were|was)\s{1,3}(?:randomly\s{1,3}(?:assigned|allocated)|randomi[sz]ed)"
                           r"|this\s{1,3}(?:study|trial)\s{1,3}(?:was|aimed|evaluated|compared|investigated|examined))\b",
                           re.I)
_ENUM_PREFIX = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)(?:\s*[-–—:]\s*|\s+)")
_PAPER_CORE = frozenset(("introduction", "methods", "method", "materials and methods", "patients and methods",
                         "discussion", "statistical analysis", "study design"))


def _mode(text: str, bs: list[Block]) -> str:
    labels = section_labels(bs)
    if len(labels) < 2 and len([b for b in bs if b.kind == "paragraph"]) <= 2 and \
            len(_INLINE_LABEL.findall(text, 0, 4000)) >= 3:
        return "abstract"  # "Objective. ... Method. ... Results. ..." in one paragraph
    generic = _heading_list("section_headings.txt")
    heads = [_ENUM_PREFIX.sub("", text[b.body:b.body_end]) for b in bs if b.kind == "heading"]
    paper_heads = {generic.match(h).group().lower() for h in heads if generic.match(h) and not _REFERENCES.match(h)}
    paper_heads -= {"results", "references"}
    if len(paper_heads) >= 2 and paper_heads & _PAPER_CORE and not any(_STUDY_LABEL.match(h) for h in heads):
        return "paper"
    if len(labels) >= 2 and any(lb.split()[-1] in _ABSTRACT_BODY_LABELS or lb in _ABSTRACT_BODY_LABELS
                                for lb in labels):
        return "abstract"
    # An unstructured abstract: a title (or none) and one long paragraph.
    body = [b for b in bs if b.kind != "title"]
    if len(body) == 1 and body[0].kind == "paragraph" and body[0].end - body[0].start >= _ABSTRACT_MIN_CHARS:
        para = text[body[0].start:body[0].end]
        if _ABSTRACT_CUE.search(para) or _STUDY_NOUN.search(para) and not _QUOTED.search(para):
            return "abstract"
    return "story"


def find_studies(text: str) -> list[Segment]:
    """Each specific study the article describes, in order, with non-overlapping spans."""
    if not text.strip():
        return []
    bs = _lone_rows(blocks(text))
    mode = _mode(text, bs)
    if mode == "paper":
        return _paper(text, bs)
    units = _units(text, bs)
    if not units:
        return []
    _features(text, units)
    if mode == "abstract":
        return _whole_text(text, units, bs, mode)
    walker = _Walker(text, units, bs, mode)
    walker.announced = _announced(text)
    return _segments(text, units, walker.run(), walker)


def _paper(text: str, bs: list[Block]) -> list[Segment]:
    """A research paper is one study, from its title to its reference list."""
    end = bs[-1].end
    for b in bs[1:]:
        if b.kind == "heading" and _REFERENCES.match(_ENUM_PREFIX.sub("", text[b.body:b.body_end])):
            end = b.start
            break
    last = max((x.end for x in bs if x.end <= end), default=end)
    return [Segment(span=Span.of(text, bs[0].start, last), kind="abstract")]


_ANNOUNCED = re.compile(r"\b(?P<n>two|three|four|five|six|[2-9])\s+(?:[\w-]+\s+){0,2}(?:studies|trials|papers)\b", re.I)
_SMALL_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _announced(text: str) -> int:
    """How many studies the opening of an article announces ("Three trials test ..."), or 0."""
    m = next(index_of(text).number_matches(_ANNOUNCED, 0, min(len(text), 3000)), None)  # it opens with a number
    if m is None:
        return 0
    n = m.group("n").lower()
    return int(n) if n.isdigit() else _SMALL_NUMBERS[n]


def _whole_text(text: str, units: list[_Unit], bs: list[Block], mode: str) -> list[Segment]:
    """A structured abstract or a paper: one study from the title on, minus an earlier study that
    its background describes with counts of its own ("In a previous analysis of 19 trials ...")."""
    walker = _Walker(text, units, bs, mode)
    walker.main = 0
    own = _Study(intro=0, pieces=[[0, 0]], kind="abstract", has_detail=True)
    walker.studies.append(own)
    walker.owner[0] = 0
    walker.cur = 0
    for i, u in enumerate(units):
        if u.kind in ("title", "heading"):
            label = text[u.start:u.end]
            if u.kind == "heading" and _REFERENCES.match(label):
                walker.skip = True
            elif u.kind == "heading":
                walker.skip = False
            if not walker.skip and walker.cur == 0:
                walker.fill_to(i, 0)
            continue
        if walker.skip:
            continue
        b = bs[u.block]
        new_section = i > 0 and units[i - 1].block != u.block and b.marker is not None
        if walker.cur != 0 and (new_section or any(r.kind == "this" for r in u.refs)):
            walker.return_to(i, 0)
            continue
        intro = next((t for t in u.intros if walker.opens(i, u, t)), None) if mode == "abstract" else None
        if intro is not None:
            st = _Study(intro=i, pieces=[[i, i]], kind="prose", aside=True, review=intro.review,
                        words=_words(text, u.start, u.end))
            walker.studies.append(st)
            walker.assign(i, len(walker.studies) - 1)
            walker.cur = len(walker.studies) - 1
            continue
        if walker.cur == 0:
            walker.fill_to(i, 0)
        elif not (u.vague or u.plural_ref) and u.block == units[walker.last_unit(walker.cur)].block and not u.refs:
            walker.fill_to(i, walker.cur)
        elif u.vague or u.plural_ref:
            pass
    kept = [st for st in walker.studies if st.has_detail or st is own]
    return _segments(text, units, kept, walker)


def _segments(text: str, units: list[_Unit], studies: list[_Study], walker: _Walker) -> list[Segment]:
    out: list[tuple[int, Segment]] = []
    for st in studies:
        pieces = [(units[a].start, units[b].end) for a, b in st.pieces]
        main = _main_piece(st, units, walker)
        s, e = pieces[main]
        extra = tuple(Span.of(text, a, b) for k, (a, b) in enumerate(pieces) if k != main)
        heading = None
        if st.heading is not None:
            h = units[st.heading]
            heading = Span.of(text, h.start, h.end)
        out.append((s, Segment(span=Span.of(text, s, e), label=st.label, heading=heading, kind=st.kind, extra=extra)))
    out.sort(key=lambda p: p[0])
    return [seg for _, seg in out]


def _main_piece(st: _Study, units: list[_Unit], walker: _Walker) -> int:
    """The piece that holds the study's introduction with its details (its best count)."""
    if len(st.pieces) == 1:
        return 0
    for k, (a, b) in enumerate(st.pieces):
        if any(units[j].strong_count and walker.owner[j] == walker.studies.index(st) for j in range(a, b + 1)):
            return k
    for k, (a, b) in enumerate(st.pieces):
        if any(units[j].detail for j in range(a, b + 1)):
            return k
    return 0

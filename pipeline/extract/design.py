"""Study design: randomized, blinding, placebo control, crossover, and every design term seen.

Terms and the fields they decide live in ``vocab/design_terms.toml``. All terms are found in
one pass of one compiled regex; a field takes its value from the strongest, then earliest,
mention. Mentions about other or future research ("further randomized trials are needed")
are skipped.
"""
from __future__ import annotations

import bisect
import functools
import re
import string
import tomllib
from dataclasses import dataclass
from typing import Any

from pipeline.text.index import index_of
from pipeline.text.numbers import matches_at
from pipeline.text.regex import anchor_words, compile_skipping, first_class, shortest_words
from pipeline.extract.segment import Segment
from pipeline.models import Blinding, Fact, Span, StudyFacts
from pipeline.vocab import VOCAB_DIR

_FIELDS = ("randomized", "blinding", "placebo_controlled", "crossover")
_OTHER_RESEARCH_BEFORE = compile_skipping(
    r"\b(?:future|further|larger|more|other|previous|prior|earlier|past|many|several|some|most|"
    r"existing|published),?\s{1,4}(?:[\w-]+\s{1,4}){0,2}$"
    # a trial asked for, not done: "the results call for a randomized controlled study", "the need for a sham-controlled trial"
    r"|\b(?:calls?|called|calling|need|needs)\s{1,4}(?:now\s{1,4})?for\s{1,4}(?:an?\s{1,4})?(?:[\w,-]+\s{1,4}){0,2}$",
    re.I,
)
_OTHER_RESEARCH_AFTER = compile_skipping(
    r"[\w\s,-]{0,40}?\b(?:are|is|were)\s{1,4}(?:needed|required|warranted|necessary|recommended)"
    r"|[\w\s,-]{0,30}?\b(?:trials|studies|RCTs)\s{1,4}(?:have|has|show|suggest|indicate|generally|often|usually)\b",
    re.I,
)
# Words after "other", "more", "some" ... that make them about this study's people, not other research:
# "the other half an inactive pill", "more than a placebo", "some got a placebo".
_THIS_STUDY_WORDS = frozenset(
    "than of the a an who got get received took were was given had half group groups arm arms patients participants "
    "people subjects volunteers children women men adults mice rats one ones night nights session sessions".split())

_WEAK_OTHER = frozenset(("more", "other", "some", "most", "many", "several"))


def _about_other_research(before: str) -> bool:
    m = _OTHER_RESEARCH_BEFORE.search(before)
    if m is None:
        return False
    first, *words = re.findall(r"[\w-]+", m.group(0).lower())
    return first not in _WEAK_OTHER or not any(w in _THIS_STUDY_WORDS for w in words)


# The trial an extension grew out of: "an open-label extension of a placebo-controlled study", "patients who
# had finished the placebo-controlled trial were enrolled": its placebo is not the extension's.
_PARENT_TRIAL_BEFORE = compile_skipping(
    r"\b(?:(?:extension|continuation|follow-?up)\s{1,4}(?:study\s{1,4}|phase\s{1,4}|trial\s{1,4})?(?:of|to|after|from)|(?:finished|completed|"
    r"had\s{1,4}(?:been|taken\s{1,4}part)\s{1,4}in|rolled\s{1,4}over\s{1,4}from))\s{1,4}"
    r"(?:the|a|an|two|both|one\s{1,4}of\s{1,4}(?:the|two))\s{1,4}(?:[\w-]+\s{1,4}){0,3}$",
    re.I,
)
_EXTENSION_RE = compile_skipping(r"\b(?:extension|open[- ]label|continuation)\b", re.I)


def _is_extension(text: str, start: int, end: int) -> bool:
    index = index_of(text)
    return index.memo(("design/extension", start, end), lambda: index.first(_EXTENSION_RE, start, end) is not None)


# A placebo named as a likeness or a cause, not as an arm: "tai chi could act like a placebo",
# "the benefit was not due to placebo".
_PLACEBO_FIGURE_BEFORE = compile_skipping(
    r"\b(?:act(?:s|ed|ing)?|work(?:s|ed|ing)?|behave[sd]?|behaving|function(?:s|ed)?)\s{1,4}(?:like|as)\s{1,4}(?:an?\s{1,4})?$"
    r"|\b(?:not|merely|simply|only|just)\s{1,4}(?:due\s{1,4}to|because\s{1,4}of)\s{1,4}(?:an?\s{1,4}|the\s{1,4})?$",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    name: str
    start: int
    end: int
    field: str | None
    value: Any
    weight: int


def _loosen(pattern: str) -> str:
    """Let vocabulary patterns written with one space match wrapped or doubled spacing, and a
    hyphen match the Unicode hyphens of typeset text ("double\u2010blinded")."""
    return (pattern.replace("[- ]", "(?:[-\u2010\u2011]|\\s{1,4})").replace("-?", "[-\u2010\u2011]?")
            .replace(r"\s+", r"\s{1,4}").replace(" ", r"\s{1,4}"))


@functools.cache
def _terms() -> tuple[list[dict[str, Any]], re.Pattern[str]]:
    with open(VOCAB_DIR / "design_terms.toml", "rb") as fh:
        terms = tomllib.load(fh)["term"]
    # Strong and negated terms first, so at one position the longer label wins.
    terms = sorted(terms, key=lambda t: -t.get("weight", 0))
    patterns = [[_loosen(p) for p in t["patterns"]] for t in terms]
    by_letter = _by_first_letter(patterns)
    if by_letter is None:
        alts = [f"(?P<t{i}>{'|'.join(ps)})" for i, ps in enumerate(patterns)]
        return terms, compile_skipping(r"(?<![\w\u2010\u2011-])(?:" + "|".join(alts) + r")(?![\w])", re.I)
    # One branch per first letter, each with its terms in the original order: the engine then
    # tries only the few terms that can start at a position instead of all of them. Branches are
    # grouped five letters at a time, so a word start is tested against a few groups, not every
    # letter. A term in several branches has one group per branch ("t3_a", "t3_r").
    letters = sorted(by_letter)
    groups = []
    for g in range(0, len(letters), 5):
        branches = []
        for letter in letters[g:g + 5]:
            alts = [f"(?P<t{i}_{letter}>{'|'.join(ps)})" for i, ps in by_letter[letter]]
            branches.append(f"(?={letter})(?:{'|'.join(alts)})")
        groups.append(f"(?=[{''.join(letters[g:g + 5])}])(?:{'|'.join(branches)})")
    return terms, re.compile(r"(?<![\w\u2010\u2011-])(?:" + "|".join(groups) + r")(?![\w])", re.I)


def _by_first_letter(patterns: list[list[str]]) -> dict[str, list[tuple[int, list[str]]]] | None:
    """letter -> [(term index, its patterns that can begin with the letter)], or None unless
    every pattern begins with known ASCII letters (then no position can fall in two branches)."""
    out: dict[str, list[tuple[int, list[str]]]] = {}
    for i, ps in enumerate(patterns):
        for p in ps:
            cls = first_class(p, re.I)
            letters = cls and {c.lower() for c in cls[1:-1]}
            if not letters or not all(c in string.ascii_lowercase for c in letters):
                return None
            for c in sorted(letters):
                bucket = out.setdefault(c, [])
                if not bucket or bucket[-1][0] != i:
                    bucket.append((i, []))
                bucket[-1][1].append(p)
    return out


# A term pattern may open with a run of letters before its first literal ("[a-z]+-free\s+version"):
# it is anchored at the literal after the run ("-free"), and tried where the run begins.
_LETTER_RUN_THEN = re.compile(r"\[a-z\](?:\+|\{1,2\})(.+)", re.S)
_LETTER = re.compile(r"[a-z]", re.I)


@functools.cache
def _term_anchors() -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(words every term's match may begin with, words that may follow a term's opening run of
    letters), or None when some term could begin elsewhere (then the terms are scanned for)."""
    words: set[str] = set()
    after_run: set[str] = set()
    for t in _terms()[0]:
        for p in t["patterns"]:
            got = anchor_words(_loosen(p), re.I)
            if got is not None and not got[1]:
                words.update(got[0])
                continue
            run = _LETTER_RUN_THEN.fullmatch(p)
            got = anchor_words(_loosen(run.group(1)), re.I) if run else None
            if got is None or got[1]:
                return None
            after_run.update(got[0])
    return shortest_words(words), shortest_words(after_run)


def _term_starts(text: str) -> list[int] | None:
    """Every offset where a design term can begin, in order (found once per text)."""
    anchors = _term_anchors()
    if anchors is None:
        return None
    index = index_of(text)

    def compute() -> list[int]:
        places = set(index.keyword_starts(anchors[0]))
        for w in anchors[1]:
            for q in index.occurrences(w):
                p = q
                while p > 0 and _LETTER.match(text, p - 1):
                    p -= 1
                if p < q:
                    places.add(p)  # only where the run begins: a term never begins after a letter
        return sorted(places)

    return index.memo("design/term-starts", compute)


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Design-term mentions in ``text[start:end]``, left to right (offsets into ``text``)."""
    terms, rx = _terms()
    end = len(text) if end is None else end
    out: list[Mention] = []
    starts = _term_starts(text)
    for m in (rx.finditer(text, start, end) if starts is None else matches_at(rx, text, starts, start, end)):
        t = terms[int(m.lastgroup[1:].split("_")[0])]  # type: ignore[index]
        if t.get("field") and (
            _about_other_research(text[max(0, m.start() - 40):m.start()])
            or _OTHER_RESEARCH_AFTER.match(text, m.end(), min(end, m.end() + 60))
        ):
            continue
        if t["name"] == "placebo" and _PLACEBO_FIGURE_BEFORE.search(text, max(start, m.start() - 30), m.start()):
            continue
        if t.get("field") == "placebo_controlled" and t.get("value") is True and _is_extension(text, start, end) \
                and _PARENT_TRIAL_BEFORE.search(text, max(start, m.start() - 60), m.start()):
            continue
        out.append(Mention(t["name"], m.start(), m.end(), t.get("field"), t.get("value"), t.get("weight", 1)))
    return out


def fill(text: str, seg: Segment, study: StudyFacts) -> None:
    """Set the design fields of ``study`` from ``text[seg.span]``."""
    mentions = find_mentions(text, seg.span.char_start, seg.span.char_end)
    for mt in mentions:
        study.design_terms.append(Fact[str](value=mt.name, span=Span.of(text, mt.start, mt.end),
                                            rule=f"design/{mt.name}"))
    for field in _FIELDS:
        cands = [mt for mt in mentions if mt.field == field]
        if field == "placebo_controlled" and cands and all(mt.weight < 2 for mt in cands):
            cands = _own_placebo_mentions(text, seg, cands)
        if not cands:
            continue
        best = min(cands, key=lambda mt: (-mt.weight, mt.start))
        fact_type = Fact[Blinding] if field == "blinding" else Fact[bool]
        setattr(study, field, fact_type(value=best.value, span=Span.of(text, best.start, best.end),
                                        rule=f"design/{best.name}"))
    if study.randomized is None:
        _infer_not_randomized(text, seg, study, mentions)
    if study.crossover is None:
        order = next((mt for mt in mentions if mt.name == "randomized"
                      and re.match(r"in\s+(?:a\s+)?random", text[mt.start:mt.end], re.I)), None)
        if order is not None:  # "the drug and a placebo, in random order": each had both (guideline)
            study.crossover = Fact[bool](value=True, span=Span.of(text, order.start, order.end),
                                         rule="design/in-random-order")


# A sentence about other research: several earlier or reviewed trials ("In two trials reported in
# 2012, ... compared with a placebo", "A review of 12 studies found it better than a placebo").
_OTHER_TRIALS_SENTENCE = compile_skipping(
    r"\b(?:(?:a|the)\s+(?:systematic\s+)?review\s+of|meta-?analys[ie]s\s+of|(?:previous|earlier|past|prior|other|older)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:studies|trials|research)|(?:studies|trials)\s+(?:reported|published|done|conducted|carried\s+out)\s+"
    r"(?:in|since|before)\s+(?:19|20)\d\d|in\s+(?:19|20)\d\d,?\s+(?:[\w-]+\s+){0,4}?(?:studies|trials)|"
    # a summary of several studies already described: "in the trials above", "across these studies"
    r"(?:the|these|those|all|both)\s+(?:[\w-]+\s+)?(?:studies|trials)\s+(?:above|mentioned|described|so\s+far)|"
    r"(?:in|across|from)\s+(?:these|those|all\s+(?:the|these|of\s+the)|the\s+(?:two|three|four|five))\s+(?:[\w-]+\s+)?(?:studies|trials))\b",
    re.I)
_OWN_STUDY_WORDS = compile_skipping(
    r"\b(?:this|the\s+new|the\s+present|the\s+current|our|we|the\s+(?:researchers|team|authors|investigators))\b", re.I)


def _own_placebo_mentions(text: str, seg: Segment, cands: list[Mention]) -> list[Mention]:
    """The incidental placebo mentions that are not in a sentence about other trials."""
    from pipeline.text.sentences import sentences

    sents = sentences(text, seg.span.char_start, seg.span.char_end)
    out = []
    for mt in cands:
        s0, s1 = next(((a, b) for a, b in sents if a <= mt.start < b), (mt.start, mt.end))
        if _OTHER_TRIALS_SENTENCE.search(text, s0, s1) and not _OWN_STUDY_WORDS.search(text, s0, s1):
            continue
        if text[s0:s1].rstrip().endswith("?"):  # a question ("Has it been tested against a placebo?") states no design
            continue
        out.append(mt)
    return out


# Designs that are never randomised (guideline: single-arm, uncontrolled, observational, case
# series, retrospective): the design term says randomized is false.
_NEVER_RANDOMIZED = ("uncontrolled", "case series", "retrospective", "observational", "cross-sectional",
                     "case-control", "cohort")
_RANDOM_WORD = compile_skipping(r"\brandom", re.I)
_EVERYONE_TREATED_RE = compile_skipping(
    r"\b(?:all|everyone|everybody|each)\s+(?:(?:of\s+)?(?:the\s+)?[\w-]+\s+){0,2}?(?:received|got|took|were\s+given|"
    r"was\s+given|underwent|attended)\b", re.I)


def _infer_not_randomized(text: str, seg: Segment, study: StudyFacts, mentions: list[Mention]) -> None:
    start, end = seg.span.char_start, seg.span.char_end
    index = index_of(text)
    if index.first(_RANDOM_WORD, start, end):
        return
    # "an uncontrolled study" alone stays unknown (the seed article's accepted reading, issue 2);
    # "single-arm", "single-group" and the observational designs say no randomisation took place.
    never = next((mt for mt in mentions if mt.name in _NEVER_RANDOMIZED
                  and not (mt.name == "uncontrolled" and "single" not in text[mt.start:mt.end].lower())), None)
    if never is None:
        audit = index.first(_OBSERVATIONAL_RE, start, end)
        if audit and re.match(r"(?:chart|review|audit)", audit.group(0), re.I):
            never = Mention("retrospective", audit.start(), audit.end(), None, None, 1)  # "a clinic audit reviewed the records"
    if never is None and study.blinding is not None and study.blinding.value == "open-label":
        everyone = index.first(_EVERYONE_TREATED_RE, start, end)
        if everyone:  # "an open-label study ... All received sertraline": one arm
            never = Mention("single-arm", everyone.start(), everyone.end(), None, None, 1)
    if never is not None:
        study.randomized = Fact[bool](value=False, span=Span.of(text, never.start, never.end),
                                      rule=f"design/not-randomized-{never.name.replace(' ', '-')}")


# Words that name what the treatment was compared with, when that is not a placebo or sham.
_COMPARISON_RE = compile_skipping(
    r"\b(?:control\s+(?:group|arm|condition|participants|subjects|patients)|controls\b|usual\s+care|standard\s+(?:care|"
    r"treatment|therapy)|treatment\s+as\s+usual|(?:carried|went|go|carry)\s+on\s+as\s+usual|(?:kept|keep)\s+(?:to\s+)?their\s+usual|waiting[- ]list|wait[- ]?list(?:ed)?|no[- ]treatment|no\s+intervention|"
    r"active\s+(?:control|comparator|comparison)|comparison\s+(?:group|arm|condition)|compared\s+(?:with|to|against)|"
    r"compar(?:ed|ing)\s+(?!favou?rably)(?:[\w-]+\s+){1,6}?(?<!time\s)(?<!attached\s)(?:with|to|against)\s|"
    # two groups described by what they had: "compared 60 patients who had the new operation with 60 who had the old one"
    r"compar(?:ed|ing)\s+(?:[\w-]+\s+){1,4}?(?:who|that)\s+[^.;]{1,80}?\bwith\s+(?:[\w-]+\s+){0,3}?(?:who|that)\b|"
    # the other part of the people got something named: "half got text messages and the rest got a leaflet"
    r"the\s+(?:others|rest|remaining\s+(?:\d+|[a-z]+))\s+(?:received|got|took(?!\s+part)|were\s+given|used|attended|ate|drank)\b|"
    # a group given nothing: "who received no inhaler", "or nothing", "served as the reference group"
    r"(?:who|that|which)\s+(?:received|got|were\s+given|took)\s+no\s+[a-z]|(?:received|got|took|or)\s+nothing\b|"
    r"reference\s+(?:group|arm|population)|"
    r"versus|vs\.?(?=\s)|the\s+other\s+(?:group|half|arm)|"
    # "one did yoga and the other read a book": two groups, each named by what it did
    r"\bone\s+(?:group\s+)?(?:did|got|received|took|had|used|ate|drank|wore|attended|was\s+given)\b[^.;]{1,100}?\b(?:the\s+)?other\s+"
    r"(?:group\s+|half\s+)?(?:did|got|received|took|had|used|read|ate|drank|wore|attended|was\s+given|followed)\b|"
    # one person's own comparison: "no noise was played during the other night", "the other knee"
    r"the\s+other\s+(?:nights?|sessions?|visits?|occasions?|periods?|legs?|eyes?|knees?|ears?)\b|"
    # news wording of a comparison group: "fewer strokes than men who did not take the drug"
    r"than\s+(?:did\s+)?(?:those|people|patients|participants|volunteers|women|men|children|adults|mice|rats|the\s+(?:group|others|"
    r"people|patients|participants|volunteers))\s+(?:who|whose|given|taking|on|getting|receiving|treated|in\s+the|that|(?!(?:seen|reported|found|observed|expected|used|published|conducted|done|described|recorded|measured|noted|predicted|"
    r"estimated|needed|required|achieved|obtained|included|involved)\b)[a-z]+ed)\b|(?:used|served)\s+as\s+(?:an?\s+)?controls?|"
    r"as\s+(?:a\s+)?comparison|comparison\s+[a-z]+|(?:randomi[sz]ed|randomly\s+assigned|allocated|assigned)\s+"
    r"(?:[\w,-]+\s+){0,8}?to\s+(?:[^.;]|\.(?=\d)){1,160}?\bor\s+(?:to\s+)?|"
    # two named alternatives given to the people: "consumed the juice either with meals or between meals"
    r"(?:received|consumed|took|were\s+given|got|drank|ate|underwent|used|wore|followed)\s+(?:[\w,()%/-]+\s+){0,8}?either\s+"
    r"(?:[^.;]|\.(?=\d)){1,120}?\bor\s|"
    # within one person: "on another night the window was kept closed"
    r"(?:on|during|for|in)\s+(?:the\s+other|another|a\s+second|the\s+second)\s+(?:night|session|visit|occasion)\b|"
    # a study that compares by design ("a prospective comparative study"; a non-comparative one has no control)
    r"(?:non-?)?comparative\s+(?:study|trial|analysis|design|evaluation))", re.I)
# A control that is an inactive copy of the treatment: saline injected in the control group,
# "matching"/"identical" capsules, filtered air; a double-blind trial without an active comparator.
_INACTIVE_CONTROL_RE = compile_skipping(
    r"\b(?:(?:normal\s+|isotonic\s+)?saline|inert|inactive|identical[- ]looking|identical|matching|matched|dummy|"
    r"sugar\s+pills?|filtered\s+air|sterile\s+water)\b", re.I)
# Every match of _INACTIVE_CONTROL_RE holds one of these ("normal saline" holds "saline").
_INACTIVE_WORDS = ("saline", "inert", "inactive", "identical", "matching", "matched", "dummy", "sugar", "filtered",
                   "sterile")
# A product without something: "tablets containing no melatonin"; group 1 is the missing thing.
_WITHOUT_WORD_RE = compile_skipping(
    r"\b(?:pills?|tablets?|capsules?|drinks?|creams?|gels?|sprays?|patch(?:es)?|powders?|sachets?|lozenges?|injections?|"
    r"solutions?|drops|gum|juice|milk|formula|yogh?urts?|bars?|shakes?|oils?|versions?)\s+(?:that\s+|which\s+)?(?:without|lacking|"
    r"containing\s+no|contain(?:ed|s)?\s+no|had\s+no|with\s+no|free\s+of)\s+(?:the\s+|any\s+)?(?:active\s+)?([\w-]+)", re.I)
_PRODUCTS = (r"(?:pills?|tablets?|capsules?|drinks?|beverages?|creams?|gels?|ointments?|sprays?|patch(?:es)?|powders?|sachets?|"
             r"lozenges?|injections?|infusions?|solutions?|inhalers?|devices?|drops|shakes?|bars?|supplements?)")
# An inactive or look-alike product: "a matched drink", "identical capsules", "inert tablets".
_INACTIVE_PRODUCT_RE = compile_skipping(
    r"(?:inert|inactive|identical|matching|matched|dummy)\s+(?:[a-z-]+\s+)?" + _PRODUCTS + r"\b", re.I)
_DOUBLE_BEFORE_RE = re.compile(r"double[\s-]*$", re.I)
# "inactive women", "physically inactive older adults": sedentary people, not an inactive product
_INACTIVE_PEOPLE_RE = compile_skipping(
    r"\s+(?:(?:and|or)\s+[\w-]+\s+|older\s+|elderly\s+|young\s+|middle-aged\s+|overweight\s+|obese\s+)?"
    r"(?:people|persons?|adults?|women|men|individuals?|participants?|patients?|children|adolescents?|subjects?|elderly|"
    r"lifestyles?|population|students?|employees|workers|volunteers)\b", re.I)
_GENERIC_PRODUCT_WORDS = frozenset("the and with for oral daily juice drink tablets tablet capsules capsule pills pill cream gel "
                                   "extract supplement supplementation therapy treatment low-dose high-dose".split())
# The other choice is a copy that does nothing: "the device or one that did nothing".
_DID_NOTHING_RE = compile_skipping(
    r"\bor\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:that|which)\s+(?:did|does|do)\s+nothing\b", re.I)
_SENTENCE_END_RE = re.compile(r"[.?!](?=\s+[A-Z])|\n")
_ALTERNATIVE_RE = compile_skipping(r"\b(?:or|versus|vs\.?|either|randomi[sz]\w*|exposed\s+to|in\s+random\s+order)\b", re.I)
_CONTROL_VEHICLE_RE = compile_skipping(
    r"\bcontrol\s+(?:milk|drink|beverage|formula|supplement|product|capsules?|tablets?|pills?|cream|gel|solution|"
    r"injections?|spray|patch|oil|juice|powder)\b", re.I)
_CONTROL_ARM_RE = compile_skipping(r"\b(?:control\s+(?:group|arm|condition)|controls|comparison\s+(?:group|arm))\b", re.I)
_OBSERVATIONAL = ("cohort", "case series", "case-control", "cross-sectional", "retrospective", "observational")
_OBSERVATIONAL_RE = compile_skipping(
    r"\b(?:chart\s+review|review(?:ed)?\s+(?:of\s+)?(?:the\s+)?(?:medical\s+)?records|audit|registry|database|surveyed?|"
    r"questionnaire\s+study|followed\s+(?:up\s+)?(?:for|over)|population-based)\b", re.I)
_ANY_CONTROL_RE = compile_skipping(r"\b(?:control\w*|compar\w*|versus|vs\.?|groups?|arms?|cohorts?|randomi[sz]\w*|"
                                   r"blind\w*|crossover|cross-over|other\s+night|other\s+half)\b", re.I)
# The people were split, so the treated group is not the whole study: "half received the drug".
_SPLIT_INTO_GROUPS_RE = compile_skipping(
    r"\b(?:half\s+(?:of\s+(?:them|the\s+\w+)\s+)?(?:received|got|took|were|was|used|had|drank|ate|wore)|the\s+(?:others|rest|"
    r"remaining\s+\w+)\s+(?:received|got|took|were|had)|(?:received|got|took|given|drank|ate|wore|used)\s+[^.;]{1,80}?"
    r"\bor\s+(?:of\s+|with\s+)?(?:an?|the)\s|\bor\s+to\s+(?:an?|the)\s)", re.I)
# A comparator named as a pretend copy is a placebo or sham.
_PRETEND_RE = compile_skipping(r"\b(?:fake|simulated|mock|imitation|pretend|look-?alike|dummy|sugar\s+pills?)\b", re.I)
_DOSE_FINDING_RE = compile_skipping(
    r"\b(?:phase\s+(?:I|1)[ab]?(?!\s*/\s*(?:II|2))\b|dose[- ](?:escalation|escalating|finding|ranging)|first[- ]in[- ](?:human|man|humans)|"
    r"(?:single|multiple)[- ](?:ascending|rising)[- ]dose)", re.I)
# "a placebo effect cannot be ruled out" names no placebo arm; "double-dummy" hides two active drugs.
_PLACEBO_WORD = compile_skipping(r"\b(?:placebo(?![- ]+(?:effects?|responses?)\b)|sham|(?<!double-)(?<!double\s)dummy|vehicle|saline)\b", re.I)
# Saline and vehicles that are placebos were found by _inert_arm before; left over, they are fluids,
# carriers or cars ("tolvaptan versus 3% saline"), and do not stop a comparison from saying False.
_PLACEBO_ONLY_WORD = compile_skipping(r"\b(?:placebos?(?![- ]+(?:effects?|responses?)\b)|sham|(?<!double-)(?<!double\s)dummy|sugar\s+pills?)\b", re.I)
# Saline or a drug's vehicle given as one of the alternatives ("group S received saline", "the drug
# or an equal volume of normal saline", "foam vehicle"): an inactive copy, that is a placebo. Not
# when saline is the treatment itself (hypertonic saline, an enema, a rinse) or only carries the
# drug ("diluted in saline"), nor a vehicle of another kind ("vehicle accidents").
_INERT_ARM_RE = compile_skipping(
    r"\b(?:(?:normal|isotonic|physiologic(?:al)?)\s+)?saline\b(?![\s-]*(?:enemas?|nebuli[sz]\w*|irrigations?|lavages?|"
    r"rinses?|wash(?:es)?|gargles?|drops|sprays?|solution\s+(?:with|plus)|\+\s*dextran|with\s+dextran|infusion\s+rate)\b)"
    # a drug's vehicle is named as a group or as the other choice ("vehicle control", "or its vehicle")
    r"|\bvehicle(?=[\s-]*(?:controls?|groups?|arms?|alone|only|treat\w*|cream|gel|ointment|lotion|foam|solution|injections?|"
    r"was|were|or)\b|\s*\+)|(?<=\bor\s)(?:(?:a|an|the|its|their|matching|identical)\s+)?vehicle\b|(?<=\bversus\s)vehicle\b|"
    r"(?<=\bvs\.\s)vehicle\b|(?<=\breceiving\s)vehicle\b|(?<=\breceived\s)(?:the\s+)?vehicle\b",
    re.I)
# A sentence about cars and roads: "vehicle control" is steering.
_ROAD_RE = compile_skipping(r"\b(?:driv\w+|roads?|cars?|traffic|steering|lanes?|pedestrians?|crash\w*)\b", re.I)
_INERT_NOT_PLACEBO_BEFORE = compile_skipping(
    r"(?:hyper|hypo)tonic\s+$|(?<![\d.])(?:[2-9]|[1-9]\d|0?\.[1-8]|[1-9]\.\d)\s*%\s+$|(?:delivery|motor|viral|gene)\s+$|"
    r"\b(?:irrigat\w+|flush\w*|glucose|dextrose)\s+$|"
    r"\b(?:diluted|dissolved|mixed|suspended|reconstituted|made\s+up|prepared|rehydrated|soaked|immersed|stored|rinsed|"
    r"washed|irrigated|flushed)\s+(?:[\w%./-]+\s+){0,4}?(?:in|with|to)\s+"
    r"(?:[\w%./-]+\s+){0,3}$|\bin\s+(?:\d[\d.]*\s*m[lL]\s+(?:of\s+)?)?$", re.I)
# Saline compared with another fluid ("Ringer's lactate or normal saline", "3% or 0.9% saline") is an
# active comparison of fluids, not a placebo.
_OTHER_FLUID_RE = compile_skipping(
    r"\b(?:ringer\w*|hartmann\w*|balanced|glucose|dextrose|crystalloids?|colloids?|albumin|hypertonic|hypotonic|plasma-?lyte|"
    r"(?:hydroxyethyl\s+)?starch|dextran|fluids?|hydration)\b|(?<![\d.])(?:[2-9]|[1-9]\d|[1-9]\.\d)\s*%\s*(?:\(\w+\)\s*)?"
    r"(?:saline|sodium|NaCl|glucose|dextrose)", re.I)
_NOBODY_RE = compile_skipping(r"\bno\s+(?:patients?|participants?|subjects?|one|children|women|men)\b", re.I)
_INERT_ARM_CUE = compile_skipping(
    r"\b(?:or|versus|vs\.?|either|groups?|arms?|control\w*|compared|instead|equal\s+volumes?|same\s+volume|occasions?|"
    r"exposures?|placebo|sham|blind\w*|masked)\b", re.I)


def infer_control(text: str, seg: Segment, study: StudyFacts) -> None:
    """``placebo_controlled`` is false when the study compared its treatment with something that
    is not a placebo (an active drug, usual care, a waiting list, no treatment), had no control at
    all (everyone treated, a single group), or observed rather than assigned; it stays null when
    the text says nothing about what, if anything, the treatment was compared with. Runs after the
    treatment and flow fields are read."""
    if study.placebo_controlled is not None:
        return
    c = study.comparator
    if c is not None and _PRETEND_RE.search(c.value):  # "fake cherry juice", "a simulated procedure": a placebo
        study.placebo_controlled = Fact[bool](value=True, span=c.span, rule="design/pretend-comparator")
        return
    fact = _inactive_control(text, seg, study) or _non_placebo_evidence(text, seg, study)
    if fact is not None:
        study.placebo_controlled = fact


def _inactive_control(text: str, seg: Segment, study: StudyFacts) -> Fact[bool] | None:
    """A placebo by another name: the control group got saline or an identical inactive copy, or
    the trial was double-blind with no active comparator named (only an inactive control can be
    hidden from both sides)."""
    from pipeline.text.sentences import sentences

    inert = _inert_arm(text, seg, study)
    if inert is not None:
        return inert
    blind = study.blinding
    blinded = blind is not None and blind.value in ("double-blind", "triple-blind")
    # Only a sentence holding one of the words the two patterns need can return.
    # the first word of each treatment's name, for "capsules containing no melatonin"
    agents = {w for a in study.interventions for w in re.findall(r"[\w-]{3,}", a.agent.value.lower())
              if w not in _GENERIC_PRODUCT_WORDS}
    cues = index_of(text).keyword_starts(_INACTIVE_WORDS + (("control",) if blinded else ())
                                         + ("without", "no", "free", "lacking", "nothing"))
    for s0, s1 in sentences(text, seg.span.char_start, seg.span.char_end):
        i = bisect.bisect_left(cues, s0)
        if i == len(cues) or cues[i] >= s1:
            continue
        nothing = _DID_NOTHING_RE.search(text, s0, s1)
        if nothing:  # "wore the headband or a headband that did nothing"
            return Fact[bool](value=True, span=Span.of(text, nothing.start(), nothing.end()), rule="design/inactive-control")
        m = _first_inactive_copy(text, s0, s1)
        if m and _INACTIVE_PRODUCT_RE.match(text, m.start()) and _ALTERNATIVE_RE.search(text, s0, s1):
            # "cherry juice or a matched drink": a look-alike offered as the other choice
            return Fact[bool](value=True, span=Span.of(text, m.start(), m.end()), rule="design/inactive-control")
        if m is None:
            # the missing thing is a treatment, or was named as the other choice earlier in the sentence
            m = next((w for w in _WITHOUT_WORD_RE.finditer(text, s0, s1) if w.group(1).lower() in agents
                      or re.search(r"\b" + re.escape(w.group(1)) + r"\b", text[s0:w.start()], re.I)), None)
            if m is not None:  # "melatonin or tablets containing no melatonin": the same thing without the drug
                return Fact[bool](value=True, span=Span.of(text, m.start(), m.end()), rule="design/without-the-agent")
        if m and (_CONTROL_ARM_RE.search(text, s0, s1) or blinded and _ALTERNATIVE_RE.search(text, s0, s1)):
            return Fact[bool](value=True, span=Span.of(text, m.start(), m.end()), rule="design/inactive-control")
        if blinded:
            v = _CONTROL_VEHICLE_RE.search(text, s0, s1)
            if v:  # "control milk" in a double-blind trial: the same vehicle without the active part
                return Fact[bool](value=True, span=Span.of(text, v.start(), v.end()), rule="design/control-vehicle")
    return None


def _first_inactive_copy(text: str, s0: int, s1: int) -> re.Match[str] | None:
    """The first word of the sentence that names an inactive copy of a treatment. "Matched",
    "matching" and "identical" name one only before a product ("matching capsules"): alone they
    describe people or groups ("age-matched controls", "demographically identical groups").
    "Inactive" people are sedentary, and "double-dummy" is the way two active drugs are hidden."""
    for m in _INACTIVE_CONTROL_RE.finditer(text, s0, s1):
        word = m.group(0).lower()
        if word.startswith(("matched", "matching", "identical")) and not word.startswith("identical-looking") \
                and not _INACTIVE_PRODUCT_RE.match(text, m.start()):
            continue
        if word == "dummy" and _DOUBLE_BEFORE_RE.search(text, max(s0, m.start() - 8), m.start()):
            continue
        if word == "inactive" and _INACTIVE_PEOPLE_RE.match(text, m.end()):
            continue
        return m
    return None


def _inert_arm(text: str, seg: Segment, study: StudyFacts) -> Fact[bool] | None:
    """Saline or a vehicle that one group received in place of the drug (see _INERT_ARM_RE)."""
    from pipeline.text.sentences import sentences

    if any(re.search(r"\b(?:saline|vehicle)\b", i.agent.value, re.I) and not re.search(r"tonic|%", i.agent.value)
           for i in study.interventions):
        return None  # saline is what was tested
    cues = index_of(text).keyword_starts(("saline", "vehicle"))
    for s0, s1 in sentences(text, seg.span.char_start, seg.span.char_end):
        i = bisect.bisect_left(cues, s0)
        if i == len(cues) or cues[i] >= s1:
            continue
        for m in _INERT_ARM_RE.finditer(text, s0, s1):
            if _INERT_NOT_PLACEBO_BEFORE.search(text[max(s0, m.start() - 60):m.start()]):
                continue
            if m.group(0).lower().endswith("saline") and _OTHER_FLUID_RE.search(text, s0, s1) \
                    or m.group(0).lower().endswith("vehicle") and _ROAD_RE.search(text, s0, s1) \
                    or _NOBODY_RE.search(text, s0, s1):
                break
            if _INERT_ARM_CUE.search(text, s0, s1):
                return Fact[bool](value=True, span=Span.of(text, m.start(), m.end()), rule="design/inert-arm")
    return None


def _placebo_named(text: str, study: StudyFacts) -> bool:
    """Whether a placebo term was kept for this study (one in another trial's sentence was dropped)."""
    return any(t.value in ("placebo", "placebo-controlled") and not _PARENT_TRIAL_BEFORE.search(
        text, max(0, t.span.char_start - 60), t.span.char_start) for t in study.design_terms)


def _non_placebo_evidence(text: str, seg: Segment, study: StudyFacts) -> Fact[bool] | None:
    start, end = seg.span.char_start, seg.span.char_end
    index = index_of(text)

    def found(pattern: re.Pattern[str]) -> re.Match[str] | None:
        return index.first(pattern, start, end)

    def fact(s: int, e: int, rule: str) -> Fact[bool]:
        return Fact[bool](value=False, span=Span.of(text, s, e), rule=rule)

    c = study.comparator
    if c is not None and not _PLACEBO_WORD.search(c.value):
        return fact(c.span.char_start, c.span.char_end, "design/active-comparator")
    blind = study.blinding
    if blind is not None and blind.value == "open-label" and not _placebo_named(text, study):
        everyone = found(_EVERYONE_TREATED_RE)
        if everyone:  # "an open-label extension ... all 150 took the drug": one group, no placebo (guideline)
            return fact(everyone.start(), everyone.end(), "design/open-label-everyone-treated")
    arms = [f for f in study.flow if f.role == "arm" and f.arm and f.arm != "each" and not f.planned]
    if len(arms) >= 2 and not any(_PLACEBO_WORD.search(f.arm or "") for f in arms):
        return fact(arms[0].n.span.char_start, arms[0].n.span.char_end, "design/non-placebo-arms")
    for m in index.matches(_COMPARISON_RE, start, end):
        # a placebo near the comparison, in the same sentence ("compared with a placebo")
        before = text[max(start, m.start() - 40):m.start()]
        cut = max((b.end() for b in _SENTENCE_END_RE.finditer(before)), default=0)
        after = text[m.end():min(end, m.end() + 40)]
        stop = next((a.start() + 1 for a in _SENTENCE_END_RE.finditer(after)), len(after))
        if not _PLACEBO_ONLY_WORD.search(before[cut:] + " " + text[m.start():m.end()] + " " + after[:stop]):
            return fact(m.start(), m.end(), "design/comparison")
    observed = next((t for t in study.design_terms if t.value in _OBSERVATIONAL), None)
    if observed is not None:
        return fact(observed.span.char_start, observed.span.char_end, "design/observational")
    obs = found(_OBSERVATIONAL_RE)
    if obs and study.sample_size is not None:
        return fact(obs.start(), obs.end(), "design/observational")
    randomized = study.randomized is not None and study.randomized.value
    if study.interventions and study.sample_size is not None and not randomized \
            and not found(_SPLIT_INTO_GROUPS_RE):
        a = study.interventions[0].agent
        return fact(a.span.char_start, a.span.char_end, "design/single-group")
    if study.sample_size is not None and not randomized and not found(_PLACEBO_WORD) \
            and not found(_ANY_CONTROL_RE) and not found(_SPLIT_INTO_GROUPS_RE):
        # one group, never compared with anything: no placebo either
        n = study.sample_size
        return fact(n.span.char_start, n.span.char_end, "design/uncontrolled")
    if not randomized and not found(_PLACEBO_WORD):
        # a first-in-human or dose-finding study with no placebo named: everyone got the drug, at some dose
        dose = found(_DOSE_FINDING_RE)
        if dose:
            return fact(dose.start(), dose.end(), "design/dose-finding")
    r = study.randomized
    if r is not None and r.value and not found(_PLACEBO_ONLY_WORD):
        # Randomised means compared with something; never a placebo or sham in the study's text.
        return fact(r.span.char_start, r.span.char_end, "design/randomized-without-placebo")
    return None

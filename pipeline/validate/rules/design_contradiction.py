"""S107 design-contradiction."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.text.sentences import sentence_at
from pipeline.validate.base import Example, Rule, StudyContext

_DESIGN_WORD = r"(?:study|trial|design|pilot|series|case\s+series|investigation|evaluation|experiment|protocol)"
# Pairs of descriptions one study cannot have both of: (name, pattern) x 2.
_PAIRS = [
    (("open-label", r"\bopen[- ]label(?:l?ed)?\b|\bunblinded\b|\bnon-?blinded\b|\bnot\s+blinded\b"),
     ("double-blind", r"\b(?:double|triple|quadruple)[- ](?:blind(?:ed)?|mask(?:ed)?)\b")),
    (("uncontrolled", rf"\buncontrolled\b(?=(?:[\s,]+[\w-]+){{0,3}}?\s+{_DESIGN_WORD}\b)|\bwithout\s+a\s+control\s+group\b|"
                      r"\bno\s+control\s+group\b"),
     ("placebo-controlled", r"\b(?:placebo|sham)[- ]controlled\b")),
    (("randomized", r"(?<!non-)(?<!non)(?<!not\s)(?<!un)\brandomi[sz](?:ed|ation)\b|(?<!not\s)\brandomly\s+(?:assigned|allocated)\b"),
     ("non-randomized", r"\bnon-?randomi[sz]ed\b|\bnot\s+(?:been\s+)?randomi[sz]ed\b|\bnot\s+randomly\s+(?:assigned|allocated)\b|"
                        r"\bwithout\s+randomi[sz]ation\b")),
]
# A study said to be placebo-controlled that also says it had no placebo group: an explicit
# statement, so it is compared over the whole study, not one paragraph.
_NO_PLACEBO = (r"\b(?:no|without\s+(?:a|any))\s+(?:placebo|sham|dummy)(?:[- ](?:group|arm|condition|comparator|control|"
               r"treatment|injections?|infusions?|tablets?|pills?|spray))\b|\bno\s+(?:placebo|sham)\s+was\s+(?:used|given)\b|"
               r"\b(?:nobody|no\s+one|no\s+(?:patient|participant)s?)\s+(?:received|was\s+given|got)\s+(?:a\s+)?(?:placebo|sham)\b")
_PAIRS.append((("no placebo group", _NO_PLACEBO), ("placebo-controlled", r"\b(?:placebo|sham)[- ]controlled\b")))
_PAIRS_RE = [((a, re.compile(pa, re.I)), (b, re.compile(pb, re.I))) for (a, pa), (b, pb) in _PAIRS]
# The words every match of a term's pattern begins with (in any case): the patterns are tried
# only where the text index has one of them (``TextIndex.anchored``), not over the whole study.
_STARTS = {
    "open-label": ("open", "unblinded", "nonblinded", "non-blinded", "not"),
    "double-blind": ("double", "triple", "quadruple"),
    "uncontrolled": ("uncontrolled", "without", "no"),
    "placebo-controlled": ("placebo", "sham"),
    "randomized": ("random",),
    "non-randomized": ("nonrandom", "non-random", "not", "without"),
    "no placebo group": ("no", "without"),
}
_STUDY_WIDE = {"no placebo group"}  # pairs compared over the study span (explicit statements)
# Keywords every match of the patterns above contains, per pair (a, b): each group must occur (any
# word of it), in any case. A line failing a gate cannot hold the pair, and the slow patterns
# (look-behinds tried at every character) are skipped there.
_GATES = [
    ([("label", "blinded")], [("double", "triple", "quadruple"), ("blind", "mask")]),
    ([("uncontrolled", "control")], [("placebo", "sham"), ("controlled",)]),
    ([("random",)], [("random",), ("non", "not", "without")]),
    ([("placebo", "sham", "dummy"), ("no", "without")], [("placebo", "sham"), ("controlled",)]),
]
# Words that make two designs parts of one study, or put a term on another study.
_PHASE = re.compile(r"\b(?:extensions?|phases?|periods?|follow-?up|followed|lead-?in|run-?in|parts?|stages?|"
                    r"continuation|subsequent|then|after|afterwards|later|switched|crossed|"
                    # "allocation to cohort 1 was open-label": the term describes one part of the study
                    r"cohorts?|allocation\s+(?:to|between|within))\b", re.I)
_OTHER_STUDY = re.compile(r"\b(?:previous|earlier|prior|unlike|other|most|future|larger|needed|need|should|whereas|"
                          r"than|compared|instead|rather|gold\s+standard|ideally|would|could|lack\w*|not\s+a|literature|"
                          r"reported|published|review\w*|meta-?analys\w*|studies|trials)\b", re.I)
# Only a named other study, for a plain statement about this one ("there was no placebo group,
# and the spray was compared with usual care" still describes this study).
_OTHER_STUDY_NAMED = re.compile(r"\b(?:previous|earlier|prior|unlike|other\s+(?:studies|trials)|future|larger|most\s+(?:studies|trials)|"
                                r"literature|published|meta-?analys\w*|ideally)\b", re.I)
_NEAR = 60
_MAX_APART = 400
_MAX_APART_STUDY = 2500
_NEGATED = re.compile(r"\b(?:not|no|never|neither|nor)\s+(?:an?\s+)?$", re.I)
_ATTACHED_AFTER = re.compile(rf"^(?:[\s,]+(?:and\s+)?[\w-]+){{0,5}}?[\s,]+{_DESIGN_WORD}\b(?!s)", re.I)
# "The study was double-blind"; not "patients were not randomised" (said of people, not the design).
_PREDICATE_BEFORE = re.compile(r"\b(?:was|is)\s+(?:\w+\s+)?$", re.I)
_ANOTHER_STUDY = re.compile(r"\b(?:study|trial|experiment)\s+(?:\d+|[IVX]+|one|two|three|four|[A-D])\b", re.I)
_THE_STUDY_WAS = re.compile(r"\bthe\s+(?:trial|study)\s+(?:was|is)\s+(?:\w+\s+)?$", re.I)
_CITED = re.compile(r"\[\d|\(\s*(?:[A-Z][a-z]+|\d{4})[^)]*\d{4}\s*\)")


class DesignContradiction(Rule):
    """What it does: flags a study described with two designs that exclude each other, in the
    same paragraph: open-label and double-blind, uncontrolled and placebo-controlled, randomized
    and non-randomized, within 400 characters, or anywhere in the study when the later term is said
    of "the trial" or "the study" ("The study was double-blind, so ..."). A term counts only when it describes a study (it
    qualifies "study", "trial", "design", ... or follows "was"/"is"), not when a phase word is near
    it ("a double-blind phase followed by an open-label extension") and not when its sentence
    points at other studies ("unlike earlier open-label studies", a citation).

    Why it matters: the design decides the level of evidence; a study cannot be both, so one
    description is wrong (or the article mixes two studies).

    Example that fires: "This open-label study was double-blind and enrolled 30 adults."

    Example that does not fire: "A double-blind phase was followed by an open-label extension."
    """

    code, slug, severity, scope = "S107", "design-contradiction", "error", "study"
    summary = "One study is described with mutually exclusive design terms."
    examples = (
        Example("This open-label study was double-blind and enrolled 30 adults.", True),
        Example("This was an open-label pilot study. The double-blind trial enrolled 30 adults.", True),
        Example("A double-blind phase was followed by an open-label extension.", False),
        Example("This randomized trial was a non-randomized study for practical reasons.", True),
        Example("Unlike earlier non-randomized studies, this randomized trial enrolled 40 adults.", False),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        has = ctx.memo.has_all
        pairs = [(p, gates) for p, gates in zip(_PAIRS_RE, _GATES)
                 if has(gates[0] + gates[1], ctx.start, ctx.end)]
        if not pairs:
            return
        units = list(_lines(ctx.text, ctx.start, ctx.end))
        for ((na, ra), (nb, rb)), (ga, gb) in pairs:
            wide = na in _STUDY_WIDE
            found = False
            for ls, le in [(ctx.start, ctx.end)] if wide else units:
                if not (has(gb, ls, le) and has(ga, ls, le)):
                    continue
                b = [m for m in ctx.memo.anchored(rb, _STARTS[nb], ls, le) if self._counts(ctx.text, m)]
                if not b:
                    continue  # the second term is the rarer one: no need to look for the first
                a = [m for m in ctx.memo.anchored(ra, _STARTS[na], ls, le)
                     if self._counts(ctx.text, m, statement=wide)]
                apart = _MAX_APART_STUDY if wide else _MAX_APART
                pair = next(((x, y) for x in a for y in b if abs(x.start() - y.start()) <= apart), None)
                if pair:
                    first, second = sorted(pair, key=lambda m: m.start())
                    if _ANOTHER_STUDY.search(ctx.text, first.end(), second.start()):
                        continue  # "Study 2 is ...": the terms describe two studies
                    found = True
                    yield ctx.finding(self, f"the study is described as '{first.group(0)}' and as "
                                            f"'{second.group(0)}' ({na} and {nb} exclude each other)",
                                      first.start(), second.end())
            restated = None if found or wide else self._restated(ctx, (na, ra), (nb, rb))
            if restated:
                first, second = sorted(restated, key=lambda m: m.start())
                if not _ANOTHER_STUDY.search(ctx.text, first.end(), second.start()):
                    yield ctx.finding(self, f"the study is described as '{first.group(0)}' and later as "
                                            f"'{second.group(0)}' ({na} and {nb} exclude each other)",
                                      first.start(), second.end())

    @staticmethod
    def _restated(ctx: StudyContext, a: tuple[str, re.Pattern[str]],
                  b: tuple[str, re.Pattern[str]]) -> tuple[re.Match, re.Match] | None:
        """A statement about "the trial" or "the study" ("the study was double-blind") refers back to
        the study, in whatever paragraph it was introduced (a citation marker in the introducing
        sentence is the study's own source: "In an open-label trial [4], ...")."""
        text, counts = ctx.text, DesignContradiction._counts
        every_b = [m for m in ctx.memo.anchored(b[1], _STARTS[b[0]], ctx.start, ctx.end)
                   if counts(text, m, cited_ok=True)]
        if not every_b:
            return None
        every_a = [m for m in ctx.memo.anchored(a[1], _STARTS[a[0]], ctx.start, ctx.end)
                   if counts(text, m, cited_ok=True)]
        for x in every_a:
            for y in every_b:
                later = max(x, y, key=lambda m: m.start())
                if abs(x.start() - y.start()) <= _MAX_APART_STUDY and _THE_STUDY_WAS.search(
                        text, max(ctx.start, later.start() - 30), later.start()):
                    return x, y
        return None

    @staticmethod
    def _counts(text: str, m: re.Match, statement: bool = False, cited_ok: bool = False) -> bool:
        """The term describes this study's design (``statement``: a sentence about the study, e.g.
        "there was no placebo group", need not be attached to "study" or "trial")."""
        if _PHASE.search(text, max(0, m.start() - _NEAR), min(len(text), m.end() + _NEAR)):
            return False
        if _NEGATED.search(text, max(0, m.start() - 12), m.start()):
            return False
        if not (statement or _ATTACHED_AFTER.search(text[m.end():m.end() + 80])
                or _PREDICATE_BEFORE.search(text, max(0, m.start() - 20), m.start())):
            return False
        s, e = sentence_at(text, m.start())
        other = _OTHER_STUDY_NAMED if statement else _OTHER_STUDY
        return not (other.search(text, s, e) or (not cited_ok and _CITED.search(text, s, e)))


def _lines(text: str, start: int, end: int):
    s = start
    while s < end:
        e = text.find("\n", s, end)
        e = end if e < 0 else e
        if e > s:
            yield s, e
        s = e + 1

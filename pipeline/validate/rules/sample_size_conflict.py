"""S108 sample-size-conflict."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.validate import textscan
from pipeline.validate.base import Example, Rule, StudyContext

N = textscan.NUMBER
NOUN = textscan.POPULATION_NOUN
_VERB = r"(?:enrolled|recruited|randomi[sz]ed|included|studied|examined|involved|enrolling|recruiting|including)"
_TOTAL_RES = [
    re.compile(rf"\b(?:a\s+total\s+of|in\s+total|total\s+of|overall),?\s+(?P<n>{N})\s+(?:[\w-]+\s+){{0,2}}?{NOUN}\b", re.I),
    re.compile(rf"(?<![\d.])\b(?P<n>{N})\s+(?:[\w-]+\s+){{0,2}}?{NOUN}\s+(?:were|was|have\s+been|had\s+been)\s+"
               rf"{_VERB}\b", re.I),
    re.compile(rf"\b{_VERB}\s+(?P<n>{N})\s+(?:[\w-]+\s+){{0,2}}?{NOUN}\b", re.I),
    re.compile(rf"(?<![\d.])\b(?P<n>{N})\s+(?:[\w-]+\s+){{0,2}}?{NOUN}\s+(?:took\s+part|participated)\b", re.I),
    # "tested nightly drops on 32 volunteers"
    re.compile(rf"\b(?:examined|studied|tested|evaluated|assessed|investigated)\b[^.;:\n]{{0,80}}?\b(?:on|in)\s+"
               rf"(?P<n>{N})\s+(?:[\w-]+\s+){{0,2}}?{NOUN}\b", re.I),
    # "Across the 52 participants", "among all 30 patients", "in all 30 patients"
    re.compile(rf"\b(?:across|among(?:st)?|in\s+all)\s+(?:all\s+)?(?:the\s+|these\s+|our\s+)?(?P<n>{N})\s+"
               rf"(?:[\w-]+\s+)?{NOUN}\b", re.I),
]
# Patterns that begin with the number: tried only where a number starts.
_NUMBER_FIRST = (_TOTAL_RES[1], _TOTAL_RES[3])
# "18 out of 24 patients", "12 of the 24 adults": a share of the study's participants.
_SHARE_RE = re.compile(rf"(?<![\d.,])\b(?P<x>{N})\s+(?:out\s+of|of\s+the|of\s+all)\s+(?P<y>{N})\s+"
                       rf"(?:[\w-]+\s+)?{NOUN}\b", re.I)
# Words under which a larger denominator may be a screened pool or a whole of several groups.
_GROUPS = re.compile(r"\b(?:screen\w*|eligib\w*|approached|invited|arms?|groups?|cohorts?|sites?|centres?|centers?|"
                     r"pooled|overall|combined|studies|trials)\b", re.I)
_HAS_TOTAL_WORD = re.compile(rf"\b(?:total|overall|{_VERB}|took\s+part|participated|examined|studied|tested|"
                             r"evaluated|assessed|investigated|across|among|amongst|in\s+all)\b", re.I)
_HAS_OF = re.compile(r"\b(?:out\s+of|of\s+the|of\s+all)\s+\S+\s", re.I)
_SEX = re.compile(r"\b(?:men|women|males?|females?|boys|girls)\b", re.I)  # a split, not a total
# Reasons two sizes of one study differ: attrition, screening, an analysed set, a subgroup.
_EXPLAINED = re.compile(
    r"\b(?:complet\w*|dropp\w*|drop-?outs?|withdr\w*|discontinu\w*|lost\s+to|exclud\w*|analy[sz]\w*|evaluable|"
    r"screen\w*|eligib\w*|ineligible|remain\w*|finish\w*|per-?protocol|intent\w*-to-treat|approached|invited|"
    r"(?:declined|refused)\s+(?:to|participation|consent)|follow(?:ed)?-?\s?up|of\s+whom|subgroups?\s+of|subsets?\s+of|subsample|pooled|combined|"
    r"interim|extension|enrolment\s+(?:is|was)\s+(?:ongoing|continuing)|still\s+recruiting)\b", re.I)
# Words before a count that make it the size of a part: "the placebo group included 24 patients",
# "at each site, 30 patients were enrolled", "in phase 2, 40 adults were recruited".
_PART_BEFORE = re.compile(r"\b(?:groups?|arms?|cohorts?|sites?|centres?|centers?|phases?|stages?|parts?|each|per|"
                          r"waves?|respectively)\b[^.;:]*$", re.I)
# ... or after it: "30 patients in the ketamine arm", "24 adults who responded", "20 randomised to ketamine".
_PART_AFTER = re.compile(r"^[\s,]*(?:(?:were\s+)?(?:in|into|to|per|for|at|from)\s+(?:the\s+|each\s+|both\s+|either\s+|a\s+|one\s+)?"
                         r"(?:[\w-]+\s+){0,2}?(?:groups?|arms?|cohorts?|sites?|centres?|centers?|phases?|stages?|conditions?)\b|"
                         r"(?:were\s+)?(?:assigned|allocated)\b|"
                         rf"of\s+(?:the\s+)?{N}\b|(?:aged?|ages|under|over|older|younger|below|above|between)\b|"
                         rf"[^.;]{{0,60}}?,\s*(?:and\s+)?{N}\s+(?:[\w-]+\s+)?{NOUN}\b|"
                         r"(?:(?:were\s+)?randomi[sz]ed\s+)?(?:to|into)\b(?!\s+(?:the\s+|this\s+)?(?:study|trial)\b)"
                         r"(?![^.;]{0,50}?\b(?:or|versus|vs|either|one\s+of|two|three|four|groups|arms)\b))", re.I)
# After "among the 30 patients": "who responded", "with severe pain" (a subset, not everyone).
_SUBSET_AFTER = re.compile(r"\s*(?:who|that|whose|with|receiving|given|on|in\s+the)\b", re.I)
_RANDOMISED = re.compile(r"\brandomi[sz]ed\b", re.I)
_ENROLLED = re.compile(r"\b(?:enrol\w*|recruit\w*|includ\w*)\b", re.I)
# The sentence speaks of other studies.
_OTHER_STUDIES = re.compile(r"\b(?:previous|earlier|prior|another|other|meta-?analys\w*|studies|trials|literature)\b", re.I)


def _partial(text: str, m: re.Match, sentence: tuple[int, int]) -> bool:
    """The count is the size of a part of the study (an arm, a site, a phase) or of another study."""
    s, e = sentence
    if m.re is _TOTAL_RES[-1] and _SUBSET_AFTER.match(text, m.end(), e):
        return True
    return bool(_PART_BEFORE.search(text, max(s, m.start() - 80), m.start())
                or _PART_AFTER.match(text[m.end():min(e, m.end() + 80)])
                or _OTHER_STUDIES.search(text, s, e))


class SampleSizeConflict(Rule):
    """What it does: collects the statements of a study's total size ("a total of 24
    participants", "20 patients were enrolled", "the trial recruited 20 adults") and flags two
    different totals when the study's description has no word that explains the difference
    (dropouts, completers, exclusions, screening, analysed sets, arms or groups). Also flags a
    share taken of more people than the study had ("18 out of 24 patients" in a 20-patient study).

    Why it matters: a study has one sample size; two unexplained values mean a typo or two
    studies mixed together, and every per-study figure depends on the right one.

    Example that fires: "The trial recruited 20 adults with PTSD. In all, a total of 24 adults
    received ketamine."

    Example that does not fire: "31 adults were recruited; 27 finished every visit."
    """

    code, slug, severity, scope = "S108", "sample-size-conflict", "warning", "study"
    summary = "One study's size is stated differently in two places without an explanation."
    examples = (
        Example("The trial recruited 20 adults with PTSD. In all, a total of 24 adults received ketamine.", True),
        Example("31 adults were recruited; 27 finished every visit.", False),
        Example("The trial recruited 20 adults. Later, 18 out of 24 adults reported relief.", True, {"sample_size": 20}),
        Example("The trial recruited 20 adults with PTSD. A total of 20 adults received ketamine.", False),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        yield from self._denominator_too_large(ctx)
        # An explaining word anywhere in the study settles it: test that before collecting totals.
        if _EXPLAINED.search(ctx.text, ctx.start, ctx.end):
            return
        stated: list[tuple[int, int, int, str]] = []  # (n, start, end, quote)
        for name in ("sample_size", "n_enrolled"):
            f = getattr(ctx.study, name)
            if f is not None and isinstance(f.value, int) and f.value > 1:
                stated.append((f.value, f.span.char_start, f.span.char_end, f.span.quote))
        for rx in _TOTAL_RES if _HAS_TOTAL_WORD.search(ctx.text, ctx.start, ctx.end) else ():
            for m in (ctx.number_matches(rx) if rx in _NUMBER_FIRST else ctx.finditer(rx)):
                n = textscan.num(m.group("n"))
                if n and n > 1 and not _SEX.search(m.group(0)) and \
                        not _partial(ctx.text, m, textscan.sentence_at(ctx.text, m.start("n"))):
                    stated.append((n, m.start(), m.end(), m.group(0)))
        if len({t[0] for t in stated}) < 2:
            return
        stated.sort(key=lambda t: t[1])
        pair = next(((x, y) for i, x in enumerate(stated) for y in stated[i + 1:]
                     if x[0] != y[0] and {self._stage(ctx, x), self._stage(ctx, y)} != {"randomised", "enrolled"}), None)
        if pair is None:
            return
        (a, sa, ea, qa), (b, sb, eb, qb) = pair
        yield ctx.finding(self, f"the study's size is given as {a} ('{qa}') and as {b} ('{qb}'), and the "
                                f"text does not explain the difference of {abs(a - b)}", min(sa, sb), max(ea, eb))

    @staticmethod
    def _stage(ctx: StudyContext, stated: tuple[int, int, int, str]) -> str:
        """Enrolled and randomised counts may differ (some enrolled are never randomised)."""
        s, e = textscan.sentence_at(ctx.text, stated[1])
        near = ctx.text[max(s, stated[1] - 30):min(e, stated[2] + 30)]
        return "randomised" if _RANDOMISED.search(near) else "enrolled" if _ENROLLED.search(near) else "any"

    def _denominator_too_large(self, ctx: StudyContext) -> Iterator[Finding]:
        """'18 out of 24 patients' in a study of 20: a share of more people than the study had."""
        total = max(ctx.totals, default=None)
        if total is None or _GROUPS.search(ctx.text, ctx.start, ctx.end):
            return
        if not _HAS_OF.search(ctx.text, ctx.start, ctx.end):
            return
        for m in ctx.number_matches(_SHARE_RE):
            y = textscan.num(m.group("y"))
            x = textscan.num(m.group("x"))
            if y and x is not None and x <= total < y:
                yield ctx.finding(self, f"'{m.group(0)}' counts among {y} {ctx.total_noun}, but the study has {total}; "
                                        f"one of the sizes is wrong", m.start(), m.end())
                return

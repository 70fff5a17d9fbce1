"""S108 sample-size-conflict."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.validate import textscan
from pipeline.validate.base import Example, Rule, StudyContext
from pipeline.validate.registry import register

N = textscan.NUMBER
NOUN = textscan.POPULATION_NOUN
_VERB = r"(?:enrolled|recruited|randomi[sz]ed|included|studied|examined|involved|enrolling|recruiting|including)"
_TOTAL_RES = [
    re.compile(rf"\b(?:a\s+total\s+of|in\s+total|total\s+of|overall),?\s+(?P<n>{N})\s+(?:[\w-]+\s+){{0,2}}?{NOUN}\b", re.I),
    re.compile(rf"(?<![\d.])\b(?P<n>{N})\s+(?:[\w-]+\s+){{0,2}}?{NOUN}\s+(?:were|was|have\s+been|had\s+been)\s+"
               rf"{_VERB}\b(?!\s+(?:to|into|in\s+the|in\s+each|per|for\s+the)\b)", re.I),
    re.compile(rf"\b{_VERB}\s+(?P<n>{N})\s+(?:[\w-]+\s+){{0,2}}?{NOUN}\b(?!\s+(?:to|into|per|in\s+each)\b)", re.I),
    re.compile(rf"(?<![\d.])\b(?P<n>{N})\s+(?:[\w-]+\s+){{0,2}}?{NOUN}\s+(?:took\s+part|participated)\b", re.I),
    # "examined the effects of weekly injections on 20 patients"
    re.compile(rf"\b(?:examined|studied|tested|evaluated|assessed|investigated)\b[^.;:\n]{{0,80}}?\b(?:on|in)\s+"
               rf"(?P<n>{N})\s+(?:[\w-]+\s+){{0,2}}?{NOUN}\b", re.I),
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
                             r"evaluated|assessed|investigated)\b", re.I)
_HAS_OF = re.compile(r"\b(?:out\s+of|of\s+the|of\s+all)\s+\S+\s", re.I)
_SEX = re.compile(r"\b(?:men|women|males?|females?|boys|girls)\b", re.I)  # a split, not a total
# Words that explain two different sizes: attrition, screening, analysis sets, arms.
_EXPLAINED = re.compile(
    r"\b(?:complet\w*|dropp\w*|drop-?outs?|withdr\w*|discontinu\w*|lost\s+to|exclud\w*|analy[sz]\w*|evaluable|"
    r"screen\w*|eligib\w*|remain\w*|finish\w*|per-?protocol|intention|available|approached|invited|consent\w*|"
    r"assigned|allocated|arms?|groups?|each|subsample|subset|cohorts?|sites?|centres?|centers?|phase|stage|"
    r"follow-?up|of\s+whom|of\s+these|of\s+them|respectively)\b", re.I)


@register
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

    Example that does not fire: "20 patients were enrolled, and 18 completed the study."
    """

    code, slug, severity, scope = "S108", "sample-size-conflict", "warning", "study"
    summary = "One study's size is stated differently in two places without an explanation."
    examples = (
        Example("The trial recruited 20 adults with PTSD. In all, a total of 24 adults received ketamine.", True),
        Example("20 patients were enrolled, and 18 completed the study.", False),
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
                if n and n > 1 and not _SEX.search(m.group(0)):
                    stated.append((n, m.start(), m.end(), m.group(0)))
        if len({t[0] for t in stated}) < 2:
            return
        stated.sort(key=lambda t: t[1])
        a, sa, ea, qa = stated[0]
        b, sb, eb, qb = next(t for t in stated if t[0] != a)
        yield ctx.finding(self, f"the study's size is given as {a} ('{qa}') and as {b} ('{qb}'), and the "
                                f"text does not explain the difference of {abs(a - b)}", min(sa, sb), max(ea, eb))

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

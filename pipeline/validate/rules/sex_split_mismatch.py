"""S103 sex-split-mismatch."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.validate import textscan
from pipeline.validate.base import Example, Rule, StudyContext
from pipeline.validate.registry import register

N = textscan.NUMBER
_M = r"(?:men|males?|boys)"
_F = r"(?:women|females?|girls)"
_PAIR_RE = re.compile(
    rf"(?<![\d.])\b(?P<a>{N})\s+(?:were\s+)?(?P<sa>{_M}|{_F})\b(?:\s+(?:patients|participants|subjects|adults))?"
    rf"\s*(?:,|and|\+|/|;)\s*(?:(?:and|with)\s+)?(?P<b>{N})\s+(?:were\s+)?(?P<sb>{_M}|{_F})\b",
    re.I,
)


# "38 patients", "n = 38", "19 (": a count the split may belong to.
_STATED_COUNT_RE = re.compile(rf"(?<![\d.])\b(?P<n>{N})(?:\s+(?:[\w-]+\s+)?{textscan.POPULATION_NOUN}\b|\s*\()"
                              rf"|\b[nN]\s*=\s*(?P<n2>\d+)", re.I)
_GROUP_RE = re.compile(r"\b(?:groups?|arms?|cohorts?|completers|completed|remaining|analy[sz]\w*)\b", re.I)


def _is_male(word: str) -> bool:
    return re.fullmatch(_M, word, re.I) is not None


@register
class SexSplitMismatch(Rule):
    """What it does: flags a study whose numbers of men and women (male and female, boys and
    girls) do not add up to its sample size (or to its enrolled or completed count, or to another
    number the study states), or whose percentages of men and women do not add up to 100. A split
    given for a group, arm or the completers is not compared with the whole sample.

    Why it matters: the sex split and the sample size describe the same people; when they
    disagree, one of them is a typo or belongs to another group.

    Example that fires: "The trial enrolled 20 patients; 12 men and 10 women took part."

    Example that does not fire: "The trial enrolled 20 patients; ten men and ten women took part."
    """

    code, slug, severity, scope = "S103", "sex-split-mismatch", "error", "study"
    summary = "Men + women (male + female) differ from the sample size."
    examples = (
        Example("The trial enrolled 20 patients; 12 men and 10 women took part.", True, {"sample_size": 20}),
        Example("The trial enrolled 20 patients; ten men and ten women took part.", False, {"sample_size": 20}),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        s = ctx.study
        totals = ctx.totals
        if s.pct_male is not None and s.pct_female is not None:
            p = s.pct_male.value + s.pct_female.value
            if abs(p - 100) > 1.0:
                yield ctx.finding(self, f"{s.pct_male.value:g}% men + {s.pct_female.value:g}% women = {p:g}%, "
                                        f"not 100%", s.pct_male.span.char_start, s.pct_male.span.char_end)
        if not totals:
            return
        if s.n_male is not None and s.n_female is not None:
            m, f = s.n_male.value, s.n_female.value
            spans = [s.n_male.span, s.n_female.span]
            start, end = min(x.char_start for x in spans), max(x.char_end for x in spans)
        else:
            pairs = [p for p in self._pairs(ctx)]
            if len(pairs) != 1:
                return  # several splits (per arm?) are left to the extracted facts
            m, f, start, end = pairs[0]
        if m + f not in totals and not self._subgroup(ctx, start, end, m + f):
            total = totals[0]
            diff = m + f - total
            yield ctx.finding(self, f"{m} men + {f} women = {m + f}, but the study has {total} "
                                    f"{ctx.total_noun} ({abs(diff)} {'more' if diff > 0 else 'fewer'})",
                              start, end)

    @staticmethod
    def _pairs(ctx: StudyContext):
        for mt in ctx.number_matches(_PAIR_RE):
            a, b = textscan.num(mt.group("a")), textscan.num(mt.group("b"))
            if a is None or b is None or _is_male(mt.group("sa")) == _is_male(mt.group("sb")):
                continue
            m, f = (a, b) if _is_male(mt.group("sa")) else (b, a)
            yield m, f, mt.start(), mt.end()

    @staticmethod
    def _subgroup(ctx: StudyContext, start: int, end: int, n: int) -> bool:
        """The split belongs to a group or arm, or to another stated count ("19 (13 men and 6 women) completed")."""
        s, e = textscan.sentence_at(ctx.text, start)
        if _GROUP_RE.search(ctx.text, s, e):
            return True
        return any(textscan.num(m.group("n") or m.group("n2")) == n
                   for m in _STATED_COUNT_RE.finditer(ctx.text, ctx.start, ctx.end)
                   if (m.end() <= start or m.start() >= end) and not re.search(rf"{_M}|{_F}", m.group(0), re.I))

"""S103 sex-split-mismatch."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.validate import textscan
from pipeline.validate.base import Example, Rule, StudyContext

N = textscan.NUMBER
_M = r"(?:men|males?|boys)"
_F = r"(?:women|females?|girls)"
_PAIR_RE = re.compile(
    rf"(?<![\d.])\b(?P<a>{N})\s+(?:were\s+)?(?P<sa>{_M}|{_F})\b(?:\s+(?:patients|participants|subjects|adults))?"
    rf"\s*(?:,|and|\+|/|;)\s*(?:(?:and|with)\s+)?(?P<b>{N})\s+(?:were\s+)?(?P<sb>{_M}|{_F})\b",
    re.I,
)


# A count of people that a split may belong to instead of the sample size ("50 adults were
# screened", "n = 52"): not an age, a duration or a percentage.
_PEOPLE_COUNT_RE = re.compile(rf"(?<![\d.,])\b(?P<n>{N})\s+(?:[\w-]+\s+)?{textscan.POPULATION_NOUN}\b"
                              rf"|\b[nN]\s*=\s*(?P<n2>\d+)\b(?![.,]\d)", re.I)
# "19 (11 men and 8 women) completed": the split right after the count it belongs to.
_COUNT_THEN_PAREN = re.compile(rf"(?<![\d.,])\b(?P<n>{N})\s*\(\s*$", re.I)
# Words that put a split on part of the sample: arms, completers, an analysed set.
_PART_RE = re.compile(r"\b(?:groups|arms|cohorts|subgroups?|completers|completed|remaining|remained|analy[sz]\w*|"
                      r"evaluable|per-?protocol|subsample|subset|respectively|each|both|withdr\w*|dropp\w*|"
                      r"discontinu\w*|responders)\b|\b(?-i:(?i:group|arm|cohort)\s+(?:[A-Z]|[0-9]+|I{1,3}|IV))\b", re.I)
_PART_AFTER_RE = re.compile(r"[^.;]{0,40}?\b(?:each|respectively|per\s+(?:group|arm)|in\s+(?:the|each)\s+(?:[\w-]+\s+)?(?:group|arm)|"
                            r"completed|remained|finished|were\s+analy[sz]ed|withdrew|dropped|responded)\b", re.I)
# "the placebo group", "the ketamine arm" (a part); not "the group" or "the study sample" (everyone).
_NAMED_GROUP_RE = re.compile(r"\b(?P<q>[\w-]+)\s+(?:group|arm|cohort)\b", re.I)
_WHOLE = {"the", "this", "that", "our", "a", "whole", "entire", "total", "overall", "study", "research",
          "participant", "patient", "trial", "full", "same", "their", "its"}


def _is_male(word: str) -> bool:
    return re.fullmatch(_M, word, re.I) is not None


class SexSplitMismatch(Rule):
    """What it does: flags a study whose numbers of men and women (male and female, boys and
    girls) do not add up to its sample size (or to its enrolled or completed count, or to another
    number the study states), or whose percentages of men and women do not add up to 100. A split
    given for a group, arm or the completers is not compared with the whole sample.

    Why it matters: the sex split and the sample size describe the same people; when they
    disagree, one of them is a typo or belongs to another group.

    Example that fires: "The cohort comprised 36 smokers, 17 men and 21 women."

    Example that does not fire: "The cohort comprised 36 smokers, 15 men and 21 women."
    """

    code, slug, severity, scope = "S103", "sex-split-mismatch", "error", "study"
    summary = "Men + women (male + female) differ from the sample size."
    examples = (
        Example("The cohort comprised 36 smokers, 17 men and 21 women.", True, {"sample_size": 36}),
        Example("The cohort comprised 36 smokers, 15 men and 21 women.", False, {"sample_size": 36}),
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
        """The split belongs to a part of the sample (an arm, the completers) or to another count
        of people the study states ("52 adults were screened", "19 (11 men and 8 women) completed")."""
        s, e = textscan.sentence_at(ctx.text, start)
        # A qualifier comes before the split ("in each arm, 9 men and ..."); after it only a few
        # words do ("... 11 women each", "... completed"): "randomised to two arms" after a split
        # of everyone does not make it an arm's split.
        if _PART_RE.search(ctx.text, s, start) or _PART_AFTER_RE.match(ctx.text, end, e):
            return True
        if any(m.group("q").lower() not in _WHOLE for m in _NAMED_GROUP_RE.finditer(ctx.text, s, start)):
            return True
        paren = _COUNT_THEN_PAREN.search(ctx.text, max(ctx.start, start - 30), start)
        if paren and textscan.num(paren.group("n")) == n:
            return True
        return any(textscan.num(m.group("n") or m.group("n2")) == n
                   for m in _PEOPLE_COUNT_RE.finditer(ctx.text, ctx.start, ctx.end)
                   if (m.end() <= start or m.start() >= end) and not re.search(rf"{_M}|{_F}", m.group(0), re.I))

"""S102 count-exceeds-total."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.text.people import population_noun
from pipeline.text.sentences import sentence_at
from pipeline.validate import flowview
from pipeline.validate.base import Example, Rule, StudyContext


# A condition count far above the sample size is a background figure ("400,000 people with MS").
_MAX_RATIO = 2
_RECRUITED = re.compile(r"\b(?:recruited|enrolled|participated|took\s+part|included|randomi[sz]ed|studied|"
                        r"examined|followed|involved|asked|assess\w*|analy[sz]\w*|surveyed|tracked|looked\s+at|"
                        r"compared|tested|treated|gave|given)\b", re.I)


class CountExceedsTotal(Rule):
    """What it does: flags a single count of people that is larger than the group it is counted
    in: a subgroup of the participant flow larger than its own denominator ("22 out of 20", "41 of
    the 38 toddlers"), or a condition count larger than the study's sample size ("25 patients with
    GAD" in a 20-patient study; counts more than twice the size are taken for background figures
    and skipped). Numbers that do not count people ("week 12 of 8", "3 of 4 groups") are not
    part of the flow and are never compared. More completers than randomised is
    completed-exceeds-allocated (S114).

    Why it matters: part of a group cannot be larger than the group; one of the two numbers is a
    typo, or the count belongs to another study.

    Example that fires: "Parents said 41 of the 38 toddlers napped better."

    Example that does not fire: "Parents said 19 of the 27 children slept longer."
    """

    code, slug, severity, scope = "S102", "count-exceeds-total", "error", "study"
    summary = "A count is larger than the sample size or than its own denominator."
    examples = (
        Example("Parents said 41 of the 38 toddlers napped better.", True),
        Example("Parents said 19 of the 27 children slept longer.", False),
        Example("By week four, 22 out of 20 patients had responded.", True),
        Example("In this study of 20 patients, 25 had generalized anxiety disorder.", True,
                {"sample_size": 20, "conditions": [("generalized anxiety disorder", 25)]}),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        for f in ctx.study.flow:
            x, y = f.n.value, f.of_n
            if y is not None and x > y:
                end = _denominator_end(ctx.text, f.n.span.char_end, y)
                quote = " ".join(ctx.text[f.n.span.char_start:end].split())
                yield ctx.finding(self, f"'{quote}': the count {x} is larger than the {y} it is "
                                        f"counted among ({x} > {y}); one of the numbers is wrong",
                                  f.n.span.char_start, end)
        total = max(flowview.all_totals(ctx.study), default=None)
        if total is not None:
            for c in ctx.study.conditions:
                if c.n is not None and total < c.n.value <= _MAX_RATIO * total and not self._is_own_total(ctx, c.n) \
                        and flowview.total_just_before(ctx.text, ctx.study, c.n.span.char_start) is not None \
                        and not self._listed_beside_total(ctx, c.n, total):
                    yield ctx.finding(
                        self, f"{c.n.value} {ctx.total_noun} with {c.name.value} in a study of {total} "
                              f"{ctx.total_noun}: the count exceeds the sample size by {c.n.value - total}",
                        c.n.span.char_start, c.n.span.char_end)

    @staticmethod
    def _listed_beside_total(ctx: StudyContext, fact, total: int) -> bool:
        """ "fluid from 114 adults with normal function, 200 who had X and 102 who had Y": the
        "total" opens a list of parallel groups, so it is one group, not everyone."""
        s, _ = sentence_at(ctx.text, fact.span.char_start)
        before = ctx.text[s:fact.span.char_start]
        elided = re.match(r"\s+(?:who|with)\b", ctx.text[fact.span.char_end:fact.span.char_end + 6])  # "200 who had"
        if elided and re.search(rf"\b{total}\s+[A-Za-z][^.;]{{0,120}},\s*(?:and\s+)?$", before):
            return True
        # "in 24 healthy subjects and 33 patients with X": two groups side by side, each its own count
        return bool(re.search(rf"(?<![\d.,]){total}\s+(?:[A-Za-z-]+\s+){{0,3}}?{population_noun()}\s+and\s+$", before, re.I))

    @staticmethod
    def _is_own_total(ctx: StudyContext, fact) -> bool:
        """The count is itself stated as who took part: the sample size read elsewhere is the odd one."""
        s, e = sentence_at(ctx.text, fact.span.char_start)
        lo = max(s, ctx.text.rfind(";", s, fact.span.char_start) + 1, fact.span.char_start - 40)
        hi = ctx.text.find(";", fact.span.char_end, e)
        hi = min(e if hi < 0 else hi, fact.span.char_end + 120)
        return bool(_RECRUITED.search(ctx.text, lo, hi))


def _denominator_end(text: str, pos: int, y: int) -> int:
    """End of "of the 38 toddlers" after a subgroup's count, for the flag's span."""
    m = re.match(r"\s{1,4}(?:out\s+of|of)\s{1,4}(?:the\s{1,4}|these\s{1,4}|those\s{1,4}|all\s{1,4})?\S+(?:\s{1,4}[A-Za-z-]+)?",
                 text[pos:pos + 60])
    return pos + m.end() if m else pos

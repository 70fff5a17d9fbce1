"""S102 count-exceeds-total."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.validate import textscan
from pipeline.validate.base import Example, Rule, StudyContext


# A condition count far above the sample size is a background figure ("400,000 people with MS").
_MAX_RATIO = 2
_RECRUITED = re.compile(r"\b(?:recruited|enrolled|participated|took\s+part|included|randomi[sz]ed|studied|"
                        r"examined|followed|involved|asked|assess\w*|analy[sz]\w*|surveyed|tracked|looked\s+at|"
                        r"compared|tested|treated|gave|given)\b", re.I)


class CountExceedsTotal(Rule):
    """What it does: flags a single count that is larger than the group it is counted in: a
    count of its own denominator ("22 out of 20", "41 of the 38 toddlers"), a condition count
    larger than the study's sample size ("25 patients with GAD" in a 20-patient study; counts more
    than twice the size are taken for background figures and skipped), or more completers than
    enrolled participants.

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
        for m, x, y in textscan.of_pairs(ctx.text, ctx.start, ctx.end, ctx.memo.number_starts):
            if x > y:
                yield ctx.finding(self, f"'{m.group(0)}': the count {x} is larger than the {y} it is "
                                        f"counted among ({x} > {y}); one of the numbers is wrong",
                                  m.start(), m.end())
        total = max(ctx.totals, default=None)
        if total is not None:
            for c in ctx.study.conditions:
                if c.n is not None and total < c.n.value <= _MAX_RATIO * total and not self._is_own_total(ctx, c.n):
                    yield ctx.finding(
                        self, f"{c.n.value} {ctx.total_noun} with {c.name.value} in a study of {total} "
                              f"{ctx.total_noun}: the count exceeds the sample size by {c.n.value - total}",
                        c.n.span.char_start, c.n.span.char_end)
        s = ctx.study
        if s.n_enrolled and s.n_completed and s.n_completed.value > s.n_enrolled.value:
            yield ctx.finding(self, f"{s.n_completed.value} completed but only {s.n_enrolled.value} were "
                                    f"enrolled: {s.n_completed.value - s.n_enrolled.value} more than enrolled",
                              s.n_completed.span.char_start, s.n_completed.span.char_end)

    @staticmethod
    def _is_own_total(ctx: StudyContext, fact) -> bool:
        """The count is itself stated as who took part: the sample size read elsewhere is the odd one."""
        s, e = textscan.sentence_at(ctx.text, fact.span.char_start)
        lo = max(s, ctx.text.rfind(";", s, fact.span.char_start) + 1, fact.span.char_start - 40)
        hi = ctx.text.find(";", fact.span.char_end, e)
        hi = min(e if hi < 0 else hi, fact.span.char_end + 120)
        return bool(_RECRUITED.search(ctx.text, lo, hi))

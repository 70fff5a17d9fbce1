"""S103 sex-split-mismatch."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.validate import flowview
from pipeline.validate.base import Example, Rule, StudyContext

_RATES = re.compile(r"\b(?:vs\.?|versus|compared|risk|likely|rates?|than|odds|incidence|prevalence|respectively)\b", re.I)

# Sex counts derived from a share or from a single-sex sample: they add up by construction.
_DERIVED = {"population/percent-of-sample", "population/fraction-of-sample", "population/sex-rest",
            "population/single-sex-sample", "population/sex-split-sum"}


class SexSplitMismatch(Rule):
    """What it does: flags a study whose stated numbers of men and women (male and female, boys
    and girls) do not add up to any group its participant flow counts (the sample size, the
    randomised, enrolled, completed or analysed total, a screened pool, an arm), or whose
    percentages of men and women
    do not add up to 100. The split is the one extraction took for the whole study: splits of an
    arm or of the completers are not compared with the whole sample.

    Why it matters: the sex split and the sample size describe the same people; when they
    disagree, one of them is a typo or belongs to another group.

    Example that fires: "The cohort comprised 36 smokers, 17 men and 21 women."

    Example that does not fire: "The cohort comprised 36 smokers, 15 men and 21 women."
    """

    code, slug, severity, scope = "S103", "sex-split-mismatch", "error", "study"
    summary = "Men + women (male + female) differ from every count of the study's participants."
    examples = (
        Example("The cohort comprised 36 smokers, 17 men and 21 women.", True, {"sample_size": 36}),
        Example("The cohort comprised 36 smokers, 15 men and 21 women.", False, {"sample_size": 36}),
        Example("Twenty-six adults enrolled and 19 (13 men and 6 women) completed the study.", False),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        s = ctx.study
        if s.pct_male is not None and s.pct_female is not None and self._composition(ctx, s.pct_male, s.pct_female):
            p = s.pct_male.value + s.pct_female.value
            if abs(p - 100) > 1.0:
                yield ctx.finding(self, f"{s.pct_male.value:g}% men + {s.pct_female.value:g}% women = {p:g}%, "
                                        f"not 100%", s.pct_male.span.char_start, s.pct_male.span.char_end)
        if s.n_male is None or s.n_female is None or s.n_male.rule in _DERIVED or s.n_female.rule in _DERIVED:
            return
        if sum(f.role == "subgroup" and f.label == "male" and not f.planned for f in s.flow) > 1:
            return  # several splits (one per arm, per visit): which one is everyone's is unclear
        # The split is compared with a total stated by a flow verb and reported with it: a split
        # paragraphs away, or beside a vague total, most often describes another group.
        if s.sample_size is None:
            return
        start = min(s.n_male.span.char_start, s.n_female.span.char_start)
        end = max(s.n_male.span.char_end, s.n_female.span.char_end)
        # The split describes the total stated in its sentence or just before, with no other count
        # of people between them ("688 adults received ... The group included 591 women and 112 men").
        total = flowview.total_just_before(ctx.text, s, start)
        if total is None:
            return
        m, f = s.n_male.value, s.n_female.value
        if m + f in flowview.people_counted(s):
            return
        diff = m + f - total.n.value
        yield ctx.finding(self, f"{m} men + {f} women = {m + f}, but the study has {total.n.value} "
                                f"{ctx.total_noun} ({abs(diff)} {'more' if diff > 0 else 'fewer'})", start, end)

    @staticmethod
    def _composition(ctx: StudyContext, male, female) -> bool:
        """Both shares describe who took part, side by side, not outcome rates compared by sex."""
        lo = min(male.span.char_start, female.span.char_start)
        hi = max(male.span.char_end, female.span.char_end)
        return hi - lo <= 150 and not _RATES.search(ctx.text, lo, hi)

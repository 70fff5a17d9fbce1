"""S115 flow-arithmetic-mismatch."""
from __future__ import annotations

from collections.abc import Iterator

from pipeline.validate import flowview
from pipeline.models import Finding
from pipeline.validate.base import Example, Rule, StudyContext
from pipeline.validate.registry import register


@register
class FlowArithmeticMismatch(Rule):
    """What it does: when a study states how many were randomised (or enrolled), how many
    withdrew (dropped out, were lost to follow-up, discontinued) and how many completed, checks
    that randomised - withdrawn = completed, overall or per arm. Withdrawals given per arm ("9
    dropped out of the app group and 7 out of the therapy group") are added up; a count taken
    "of them" ("three withdrew, two of them because of nausea") is part of the one before it, not
    another withdrawal. Studies that report an analysed set rather than completers are not checked.

    Why it matters: the flow of a trial must balance; a gap means a count is mistyped or some
    participants are unaccounted for, which changes how the results should be read.

    Example that fires: "Of 50 adults randomised, 6 dropped out and 46 completed the study."

    Example that does not fire: "Of 50 adults randomised, 4 dropped out and 46 completed the study."
    """

    code, slug, severity, scope = "S115", "flow-arithmetic-mismatch", "warning", "study"
    summary = "Randomised - withdrawn differs from completed, where all three are stated."
    examples = (
        Example("Fifty adults were randomised; 6 dropped out and 46 completed the study.", True),
        Example("Fifty adults were randomised; 4 dropped out and 46 completed the study.", False),
        Example("We randomised 120 adults; 104 completed: 9 dropped out of the app group and 7 out of the class group.",
                False),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        allocated = flowview.allocated(ctx.study)
        if allocated is None:
            return
        flow = [f for f in flowview.actual(ctx.study) if flowview.near(f, allocated)]
        completed = [f for f in flow if f.role == "completed" and f.arm is None and f.of_n is None]
        if len({f.n.value for f in completed}) != 1:
            return
        withdrawn = [f for f in flow if f.role == "withdrawn" and f.of_n is None]
        overall = [f for f in withdrawn if f.arm is None]
        per_arm = [f for f in withdrawn if f.arm is not None]
        if overall and per_arm:
            return  # a total and its breakdown: which one to add is not certain
        if len(overall) > 1 and any(f.reason is None for f in overall) and any(f.reason for f in overall):
            return  # "147 withdrew ... 38 withdrew because of adverse events": a total and a part of it
        parts = overall or per_arm
        if not parts:
            return
        if not flowview.reported_together(ctx.text, [allocated, *parts, completed[0]], sentences=2):
            return  # counts told in different places may describe different stages
        gone = sum(f.n.value for f in parts)
        done = completed[0].n.value
        if allocated.n.value - gone == done:
            return
        arithmetic = " - ".join([str(allocated.n.value), *(str(f.n.value) for f in parts)])
        yield ctx.finding(self, f"{arithmetic} = {allocated.n.value - gone}, but {done} completed: "
                                f"{abs(allocated.n.value - gone - done)} participants are not accounted for "
                                f"({allocated.n.value} {'randomised' if allocated.role == 'randomized' else 'enrolled'}, "
                                f"{gone} withdrew)",
                          min(f.n.span.char_start for f in [allocated, *parts, completed[0]]),
                          max(f.n.span.char_end for f in [allocated, *parts, completed[0]]))

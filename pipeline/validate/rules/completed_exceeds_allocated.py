"""S114 completed-exceeds-allocated."""
from __future__ import annotations

from collections.abc import Iterator

from pipeline.validate import flowview
from pipeline.models import Finding
from pipeline.validate.base import Example, Rule, StudyContext
from pipeline.validate.registry import register


@register
class CompletedExceedsAllocated(Rule):
    """What it does: flags more people completing (or analysed) than were randomised or
    enrolled, overall ("96 were randomised and 98 completed") or in one arm ("40 were assigned to
    yoga ... 43 in the yoga group completed"). It reads the study's participant flow: the
    completed and analysed counts against the randomised total (the enrolled one when no
    randomised count is stated), and per-arm completers against the arm of the same name.

    Why it matters: nobody can finish a trial they did not enter; a completer count above the
    allocation means one of the two numbers is a typo or belongs to another study.

    Example that fires: "Forty adults were randomised to drops or placebo, and 42 completed the study."

    Example that does not fire: "Forty adults were randomised to drops or placebo, and 38 completed the study."
    """

    code, slug, severity, scope = "S114", "completed-exceeds-allocated", "error", "study"
    summary = "More people completed or were analysed than were randomised (overall or in one arm)."
    examples = (
        Example("Forty adults were randomised to drops or placebo, and 42 completed the study.", True),
        Example("Forty adults were randomised to drops or placebo, and 38 completed the study.", False),
        Example("We randomised 60 adults, 30 to yoga and 30 to stretching; 33 of the yoga group completed it.", False),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        allocated = flowview.allocated(ctx.study)
        flow = flowview.actual(ctx.study)
        if allocated is not None:
            for f in flow:
                if f.role in ("completed", "analysed") and f.arm is None and f.of_n is None \
                        and f.n.value > allocated.n.value and flowview.reported_together(ctx.text, [f, allocated]):
                    yield ctx.finding(self, f"{f.n.value} {_did(f.role)} but {allocated.n.value} were "
                                            f"{_stage(allocated.role)}: {f.n.value} - {allocated.n.value} = "
                                            f"{f.n.value - allocated.n.value} more than entered the study",
                                      f.n.span.char_start, f.n.span.char_end)
                    return
        arms = flowview.arm_sizes(ctx.study)
        for f in flow:
            size = arms.get((f.arm or "").lower()) if f.role in ("completed", "analysed") else None
            if size is not None and f.n.value > size:
                yield ctx.finding(self, f"{f.n.value} {_did(f.role)} in the {f.arm} arm, which had {size}: "
                                        f"{f.n.value - size} more than were assigned to it",
                                  f.n.span.char_start, f.n.span.char_end)
                return


def _did(role: str) -> str:
    return "completed" if role == "completed" else "were analysed"


def _stage(role: str) -> str:
    return "randomised" if role == "randomized" else "enrolled"

"""S109 missing-sample-size."""
from __future__ import annotations

from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.validate.base import Example, Rule, StudyContext


class MissingSampleSize(Rule):
    """What it does: notes a study for which extraction found no sample size (nor enrolled or
    completed count).

    Why it matters: without a size the study cannot be weighed against others, and most
    consistency checks cannot run; a curator may find the number elsewhere or confirm the text
    never gives it.

    Example that fires: "Some volunteers were given a single dose of the drug."

    Example that does not fire: a study whose extracted ``sample_size`` is 20.
    """

    code, slug, severity, scope, category = "S109", "missing-sample-size", "info", "study", "content"
    summary = "A study has no stated sample size."
    examples = (
        Example("Some volunteers were given a single dose of the drug.", True),
        Example("Twenty volunteers were given a single dose of the drug.", False, {"sample_size": 20}),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        s = ctx.study
        if s.sample_size is None and s.n_enrolled is None and s.n_completed is None:
            label = f" ('{s.label}')" if s.label else ""
            yield ctx.finding(self, f"study {s.ordinal}{label} has no stated sample size", ctx.start,
                              min(ctx.end, ctx.start + 80))

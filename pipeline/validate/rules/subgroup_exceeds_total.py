"""S101 subgroup-exceeds-total."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.validate import textscan
from pipeline.validate.base import Example, Rule, StudyContext
from pipeline.validate.registry import register

N = textscan.NUMBER
# The text says some participants had more than one of the conditions.
_OVERLAP_RE = re.compile(
    rf"(?:\b(?P<n>{N})\s+(?:of\s+(?:them|these|those|the\s+\w+)\s+|\w+\s+)?(?:had|have|with|were\s+diagnosed\s+with|"
    rf"met\s+criteria\s+for|reported)\s+both\b)"
    rf"|\b(?:all|each|every\s+one|everyone|both\s+groups?)\b[^.;\n]{{0,30}}\bboth\b"
    rf"|\bboth\s+(?:diagnoses|conditions|disorders|illnesses)\b|\boverlap(?:ped|ping)?\b|\bmore\s+than\s+one\s+"
    rf"(?:diagnosis|condition|disorder)\b|\bco-?occurring\b|\bdual\s+diagnos[ie]s\b"
    rf"|(?<!not\shave\s)(?<!without\s)(?<!\bno\s)\b(?P<n2>{N})\s+(?:[\w-]+\s+){{0,2}}?(?:had|with|were)\s+comorbid\b",
    re.I,
)
_DIAG_HEAD = (r"(?:(?:were|was|had\s+been)\s+)?(?:diagnosed\s+with|suffered\s+from|met\s+(?:the\s+)?criteria\s+for|"
              r"had\s+(?:a\s+|an\s+)?(?:diagnos(?:is|ed)\s+(?:of\s+)?)?)")
_DIAG_TAIL = r"(?:disorders?|disease|syndrome|depression|anxiety|insomnia|phobia|PTSD|ADHD|OCD|GAD|SAD|MDD|TRD|pain)"
# "15 were diagnosed with generalized anxiety disorder", "18 suffered from a social anxiety disorder"
_DIAG_COUNT_RE = re.compile(
    rf"(?<![\d.])\b(?P<n>{N})\s+(?:(?:of\s+(?:them|these|those)|{textscan.POPULATION_NOUN})\s+)?{_DIAG_HEAD}\s*"
    rf"(?P<cond>(?:[\w'-]+\s+){{0,5}}?{_DIAG_TAIL})\b",
    re.I,
)


_NESTED = re.compile(r"\b(?:of|among)\s+(?:those|these|them|whom|which)\b", re.I)


def _overlap_explained(ctx: StudyContext) -> tuple[bool, int | None, tuple[int, int] | None]:
    """(explained?, stated number with both, its span)."""
    for m in ctx.finditer(_OVERLAP_RE):
        if m.group("n") or m.group("n2"):
            return True, textscan.num(m.group("n") or m.group("n2")), (m.start(), m.end())
        return True, None, (m.start(), m.end())
    return False, None, None


@register
class SubgroupExceedsTotal(Rule):
    """What it does: adds up the condition (or diagnosis) counts of one study and flags a sum
    larger than the sample size when the text does not say that some participants had more than
    one. Conditions that every participant has (count equal to the sample size) are left out.

    Why it matters: "15 with GAD and 18 with social anxiety disorder" among 20 patients means at
    least 13 had both; if the article never says so, one count is probably wrong.

    Example that fires: "Of the 20 patients, 15 were diagnosed with generalized anxiety disorder,
    while 18 suffered from a social anxiety disorder."

    Example that does not fire: the same sentence followed by "Thirteen of them had both
    diagnoses."
    """

    code, slug, severity, scope = "S101", "subgroup-exceeds-total", "error", "study"
    summary = "Condition or subgroup counts of one study add up to more than its sample size."
    examples = (
        Example("Of the 20 patients, 15 were diagnosed with generalized anxiety disorder, while 18 "
                "suffered from a social anxiety disorder.", True, {"sample_size": 20}),
        Example("Of the 20 patients, 15 were diagnosed with generalized anxiety disorder, while 18 "
                "suffered from a social anxiety disorder. Thirteen of them had both diagnoses.", False,
                {"sample_size": 20}),
        Example("We followed 27 children with ADHD and insomnia.", False,
                {"sample_size": 27, "conditions": [("ADHD", 27), ("insomnia", 27)]}),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        total = ctx.total
        if total is None:
            return
        parts = [(c.n.value, c.n.span.char_start, c.n.span.char_end) for c in ctx.study.conditions
                 if c.n is not None and 0 < c.n.value < total]
        if len(parts) < 2:
            parts = self._from_text(ctx, total)
        if len(parts) < 2 or sum(p[0] for p in parts) <= total:
            return
        if self._nested(ctx, parts):
            return
        counts = [p[0] for p in parts]
        s = sum(counts)
        explained, both, _ = _overlap_explained(ctx)
        if explained and (both is None or s - both <= total):
            return
        start, end = min(p[1] for p in parts), max(p[2] for p in parts)
        arith = " + ".join(map(str, counts)) + f" = {s}"
        noun = ctx.total_noun
        if both is not None:
            msg = (f"{arith} diagnoses among {total} {noun}, and {both} had both: {s} - {both} = {s - both} "
                   f"is still more than {total}; a count is wrong")
        else:
            msg = (f"{arith} diagnoses among {total} {noun}: at least {s - total} {noun} had both, "
                   f"or a count is wrong")
        yield ctx.finding(self, msg, start, end)

    @staticmethod
    def _nested(ctx: StudyContext, parts: list[tuple[int, int, int]]) -> bool:
        """A later count taken "of those" (or "of them") counts part of an earlier one, not a new group."""
        parts = sorted(parts, key=lambda p: p[1])
        return any(_NESTED.search(ctx.text, a[2], b[1]) for a, b in zip(parts, parts[1:]))

    @staticmethod
    def _from_text(ctx: StudyContext, total: int) -> list[tuple[int, int, int]]:
        """Diagnosis counts stated in one sentence, when extraction gave none."""
        best: list[tuple[int, int, int]] = []
        if next(ctx.number_matches(_DIAG_COUNT_RE), None) is None:
            return best  # no count anywhere in the study, so none in any sentence
        for s, e in ctx.sentences():
            found = [(textscan.num(m.group("n")), m.start("n"), m.end("n"))
                     for m in ctx.number_matches(_DIAG_COUNT_RE, s, e)]
            found = [f for f in found if f[0] is not None and 0 < f[0] < total]
            if len(found) >= 2 and sum(f[0] for f in found) > sum(b[0] for b in best):
                best = found
        return best

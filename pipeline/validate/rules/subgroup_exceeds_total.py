"""S101 subgroup-exceeds-total."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import FlowFact, Finding
from pipeline.text.sentences import sentence_at
from pipeline.validate import flowview
from pipeline.validate.base import Example, Rule, StudyContext

# A subgroup of the flow counted by its diagnosis: "15 were diagnosed with X", "28 had GAD".
_DIAGNOSIS_LABEL = re.compile(r"^(?:(?:also\s+)?(?:had|have|has)|(?:were|was)\s+diagnosed|diagnosed|suffered|met\s+(?:the\s+)?criteria\s+for|"
                              r"with)\b(?!\s+(?:both|no|not|never|an?\s+|the\s+))"
                              # "had undergone", "had made it": a verb's tense, not a diagnosis;
                              # "suffered at least one fall", "suffered 3 fractures": events counted
                              r"(?!\s+(?:\w+ed|\w+en|made|been|gone|got|done|had|begun|run|come|become|at\s+least|"
                              r"\d+|one|two|three|four|five|several|multiple|repeated)\b)", re.I)
# A subgroup that says how many had more than one of the conditions: "thirteen of them had both".
_BOTH_LABEL = re.compile(r"\b(?:both|more\s+than\s+one|two\s+or\s+more|comorbid|overlapp\w*|co-?occurring)\b", re.I)
# Words that say some participants had several conditions, without a count.
_OVERLAP_WORDS = ("had both", "have both", "with both", "both diagnoses", "both conditions", "both disorders",
                  "overlap", "more than one diagnosis", "more than one condition", "more than one disorder",
                  "co-occurring", "cooccurring", "dual diagnos", "comorbid")


class SubgroupExceedsTotal(Rule):
    """What it does: adds up the condition (or diagnosis) counts of one study and flags a sum
    larger than the study's total when the text does not say that some participants had more than
    one. The counts are the extracted condition counts, or the flow's subgroups counted by a
    diagnosis in one sentence ("15 were diagnosed with panic disorder, while 18 had insomnia").
    Conditions that every participant has (count equal to the total) are left out, and so is a
    count taken "of those" an earlier one (a part of it, not a new group). Arm sizes that do not add
    up are sample-size-conflict (S108).

    Why it matters: "22 with panic disorder and 19 with insomnia" among 30 patients means at
    least 11 had both; if the article never says so, one count is probably wrong.

    Example that fires: "Among 30 clinic patients, 22 were diagnosed with panic disorder and 19
    had chronic insomnia."

    Example that does not fire: the same sentence followed by "Eleven of them had both."
    """

    code, slug, severity, scope = "S101", "subgroup-exceeds-total", "error", "study"
    summary = "Condition or diagnosis counts of one study add up to more than its total."
    examples = (
        Example("Among 30 clinic patients, 22 were diagnosed with panic disorder and 19 had chronic insomnia.",
                True, {"sample_size": 30}),
        Example("Among 30 clinic patients, 22 were diagnosed with panic disorder and 19 had chronic insomnia. "
                "Eleven of them had both.", False, {"sample_size": 30}),
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
            parts = self._diagnosed_subgroups(ctx, total)
        if len(parts) < 2 or sum(p[0] for p in parts) <= total or self._nested(ctx, parts, total):
            return
        if flowview.total_just_before(ctx.text, ctx.study, min(p[1] for p in parts)) is None:
            return  # the counts do not follow the total they would exceed (another group, a later phase)
        counts = [p[0] for p in parts]
        s = sum(counts)
        both = self._stated_overlap(ctx)
        if both is None and ctx.has_any(*_OVERLAP_WORDS):
            return  # the text says some had several, without a count
        if both is not None and s - both <= total:
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
    def _diagnosed_subgroups(ctx: StudyContext, total: int) -> list[tuple[int, int, int]]:
        """The largest set of diagnosis subgroups stated in one sentence."""
        by_sentence: dict[tuple[int, int], list[FlowFact]] = {}
        for f in flowview.actual(ctx.study):
            # (counted among the total itself: "Of 40 outpatients, 28 had ...")
            if f.role == "subgroup" and f.of_n in (None, total) and f.label and _DIAGNOSIS_LABEL.match(f.label) \
                    and not _BOTH_LABEL.search(f.label) and 0 < f.n.value < total:
                by_sentence.setdefault(sentence_at(ctx.text, f.n.span.char_start), []).append(f)
        best: list[tuple[int, int, int]] = []
        for group in by_sentence.values():
            if len(group) >= 2 and sum(f.n.value for f in group) > sum(b[0] for b in best):
                best = [(f.n.value, f.n.span.char_start, f.n.span.char_end) for f in group]
        return best

    @staticmethod
    def _stated_overlap(ctx: StudyContext) -> int | None:
        """How many had more than one condition, when a subgroup of the flow says so."""
        for f in ctx.study.flow:
            if f.role == "subgroup" and f.label and _BOTH_LABEL.search(f.label):
                return f.n.value
            if f.role == "subgroup" and f.label == "of them":
                after = ctx.text[f.n.span.char_end:f.n.span.char_end + 60]
                if _BOTH_LABEL.search(after.split(".")[0]):
                    return f.n.value
        return None

    @staticmethod
    def _nested(ctx: StudyContext, parts: list[tuple[int, int, int]], total: int) -> bool:
        """A later count taken "of those" (or "of them") counts part of an earlier one, not a new group."""
        nested = {f.n.span.char_start for f in ctx.study.flow
                  if f.label == "of them" or f.of_n not in (None, total)}
        if any(p[1] in nested for p in parts[1:]):
            return True
        parts = sorted(parts, key=lambda p: p[1])
        return any(re.search(r"\b(?:of|among)\s+(?:those|these|them|whom|which)\b", ctx.text[a[2]:b[1]], re.I)
                   for a, b in zip(parts, parts[1:]))

"""S101 subgroup-exceeds-total."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.validate import textscan
from pipeline.validate.base import Example, Rule, StudyContext

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
# "22 were diagnosed with panic disorder", "9 suffered from a sleep disorder"
_DIAG_COUNT_RE = re.compile(
    rf"(?<![\d.])\b(?P<n>{N})\s+(?:(?:of\s+(?:them|these|those)|{textscan.POPULATION_NOUN})\s+)?{_DIAG_HEAD}\s*"
    rf"(?P<cond>(?:[\w'-]+\s+){{0,5}}?{_DIAG_TAIL})\b",
    re.I,
)


# "35 received the spray", "33 were given a placebo", "30 were assigned to yoga", "31 in the control group".
_ARM_RE = re.compile(
    rf"(?<![\d.,%-])\b(?P<n>{N})\s+(?:(?:[\w-]+\s+)?{textscan.POPULATION_NOUN}\s+)?(?:"
    rf"(?:were\s+|had\s+been\s+)?(?:received|given|got|took)\b(?!\s+(?:at\s+least|all|both|any|the\s+full|one\s+or|no)\b)"
    rf"|(?:were|had\s+been)\s+(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+to\b(?![^.;]{{0,50}}?\b(?:or|versus|vs)\b)"
    rf"|(?:were\s+)?in\s+the\s+(?:[\w-]+\s+){{1,3}}?(?:group|arm)\b)",
    re.I,
)
_TOTAL_BEFORE = re.compile(r"\b(?:in\s+all|in\s+total|a\s+total\s+of|overall|altogether|all)[,:]?\s*$", re.I)
_TREATED_AFTER = re.compile(rf"(?:\s+{textscan.POPULATION_NOUN})?\s+(?:started|began|received|took|got|were\s+(?:given|treated)|"
                            r"were\s+(?:assigned|allocated|randomi[sz]ed)\s+to\b(?![^.;]{0,50}?\b(?:or|versus|vs)\b))", re.I)
_ARM_WORDS = ("receiv", "given", "got", "took", "assigned", "allocated", "randomi", "group", "arm")
# Designs in which a participant is in more than one arm.
_EVERYONE_GETS_ALL = ("crossover", "cross-over", "crossed over", "factorial", "within-subject", "within-participant",
                      "in random order", "both treatments", "both conditions", "all three", "each participant received")
# "received" names arms only beside a comparator or an allocation (not "received rescue medication").
_ARM_SIGNAL = re.compile(r"\b(?:placebo|sham|control|usual\s+care|standard\s+care|wait-?\s?list\w*|group|arm|assigned|"
                         r"allocated|randomi[sz]ed|dummy|inactive)\b", re.I)
_NOT_ARMS = re.compile(r"\b(?:respectively|previous|earlier|prior|other\s+(?:studies|trials)|of\s+(?:those|these|them|whom)|"
                       r"also|both|later|then|subsequently|afterwards?|next|additional)\b", re.I)
_NESTED = re.compile(r"\b(?:of|among)\s+(?:those|these|them|whom|which)\b", re.I)


def _overlap_explained(ctx: StudyContext) -> tuple[bool, int | None, tuple[int, int] | None]:
    """(explained?, stated number with both, its span)."""
    for m in ctx.finditer(_OVERLAP_RE):
        if m.group("n") or m.group("n2"):
            return True, textscan.num(m.group("n") or m.group("n2")), (m.start(), m.end())
        return True, None, (m.start(), m.end())
    return False, None, None


class SubgroupExceedsTotal(Rule):
    """What it does: adds up the condition (or diagnosis) counts of one study and flags a sum
    larger than the sample size when the text does not say that some participants had more than
    one. Conditions that every participant has (count equal to the sample size) are left out. Also
    adds up arm sizes stated in one sentence ("31 received the patch and 29 a placebo patch", "26
    in the control group") and flags arms holding more people than the study had; crossover,
    factorial and within-subject designs (everyone is in several arms) are not checked.

    Why it matters: "22 with panic disorder and 19 with insomnia" among 30 patients means at
    least 11 had both; if the article never says so, one count is probably wrong. Arms that hold
    more people than were randomised mean an arm size or the sample size is a typo.

    Example that fires: "Among 30 clinic patients, 22 were diagnosed with panic disorder and 19
    had chronic insomnia."

    Example that does not fire: the same sentence followed by "Eleven of them had both."
    """

    code, slug, severity, scope = "S101", "subgroup-exceeds-total", "error", "study"
    summary = "Condition, subgroup or arm counts of one study add up to more than its sample size."
    examples = (
        Example("Among 30 clinic patients, 22 were diagnosed with panic disorder and 19 had chronic insomnia.",
                True, {"sample_size": 30}),
        Example("Among 30 clinic patients, 22 were diagnosed with panic disorder and 19 had chronic insomnia. "
                "Eleven of them had both.", False, {"sample_size": 30}),
        Example("We followed 27 children with ADHD and insomnia.", False,
                {"sample_size": 27, "conditions": [("ADHD", 27), ("insomnia", 27)]}),
        Example("Sixty smokers were randomised; 31 received the patch and 32 received a placebo patch.", True,
                {"sample_size": 60}),
        Example("Sixty smokers were randomised; 31 received the patch and 29 received a placebo patch.", False,
                {"sample_size": 60}),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        total = ctx.total
        if total is None:
            return
        yield from self._diagnoses(ctx, total)
        yield from self._arms(ctx)

    def _arms(self, ctx: StudyContext) -> Iterator[Finding]:
        """Arm sizes stated in one sentence that add up to more people than the study had."""
        if not ctx.has_any(*_ARM_WORDS) or ctx.has_any(*_EVERYONE_GETS_ALL):
            return
        total = max(ctx.totals)
        if self._total_is_an_arm(ctx, total):
            return
        for s, e in ctx.sentences():
            if _NOT_ARMS.search(ctx.text, s, e) or not _ARM_SIGNAL.search(ctx.text, s, e):
                continue
            arms = [(n, m.start("n"), m.end()) for m in ctx.number_matches(_ARM_RE, s, e)
                    if (n := textscan.num(m.group("n"))) and 0 < n < total
                    and not _TOTAL_BEFORE.search(ctx.text, max(s, m.start() - 20), m.start())]
            if len(arms) < 2 or sum(a[0] for a in arms) <= total or self._nested(ctx, arms):
                continue
            counts = [a[0] for a in arms]
            noun = ctx.total_noun
            yield ctx.finding(self, f"{' + '.join(map(str, counts))} = {sum(counts)} {noun} in the arms of a study "
                                    f"of {total} {noun}: {sum(counts) - total} more than the study had; an arm size "
                                    f"or the sample size is wrong", arms[0][1], arms[-1][2])
            return

    @staticmethod
    def _total_is_an_arm(ctx: StudyContext, total: int) -> bool:
        """The stated size is itself treated like an arm ("44 men started on the tablet; 42 received ...")."""
        for f in (ctx.study.sample_size, ctx.study.n_enrolled, ctx.study.n_completed):
            if f is not None and f.value == total and _TREATED_AFTER.match(ctx.text, f.span.char_end):
                return True
        return False

    def _diagnoses(self, ctx: StudyContext, total: int) -> Iterator[Finding]:
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

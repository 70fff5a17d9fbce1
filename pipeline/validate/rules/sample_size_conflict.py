"""S108 sample-size-conflict."""
from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Finding
from pipeline.text.numbers import numbers_in, parse_number
from pipeline.text.sentences import sentence_at
from pipeline.validate import flowview
from pipeline.validate.base import Example, Rule, StudyContext

# Words that explain why two sizes of one study differ: attrition, screening, stages, sites.
_EXPLAINING = ("complet", "dropp", "drop-out", "dropout", "withdr", "discontinu", "lost to", "exclud", "analy",
               "evaluable", "screen", "eligib", "remain", "finish", "per-protocol", "per protocol", "intention-to-treat",
               "intent-to-treat", "approached", "invited", "declined to", "declined participation", "refused",
               "of whom", "subgroup", "subset", "subsample", "pooled", "combined", "interim", "extension", "run-in",
               " phase", " sites", "centres", "centers", " wave", " stage", "follow-up", "followed up",
               "still recruiting", "ongoing", "never received", "did not receive", "before treatment")
# Words that explain why the arms hold fewer than were allocated: some never started.
_NOT_ALL_IN_ARMS = ("withdr", "dropp", "drop-out", "dropout", "discontinu", "exclud", "lost to", "did not receive",
                    "never received", "not treated", "before treatment", "ineligib", "mistakenly", "per-protocol",
                    "per protocol", "did not start", "never started", "inclusion criteria", "exclusion criteria",
                    "final participants", "eligible")
_EVERYONE_IN_SEVERAL_ARMS = ("crossover", "cross-over", "crossed over", "factorial", "within-subject",
                             "within-participant", "in random order", "each participant received")


class SampleSizeConflict(Rule):
    """What it does: compares the totals of one study's participant flow. It flags (1) arm sizes
    listed together ("59 were randomised, 30 to A and 33 to B") that do not add up to the
    randomised (or enrolled) total; (2) two different totals of the same stage ("the trial
    recruited 20 adults" and "a total of 24 adults were enrolled"), or more people randomised
    than enrolled, when the study's text has no word that explains a difference (dropouts,
    screening, phases, sites); (3) a share taken of more people than the study had ("18 out of 24
    patients" in a 20-patient study). Only flow totals are compared: never a screened pool, a
    subgroup or an outcome count. Crossover and factorial designs (everyone is in several arms)
    are not checked for arm sums.

    Why it matters: a study has one sample size; two unexplained values mean a typo or two
    studies mixed together, and every per-study figure depends on the right one.

    Example that fires: "Sixty smokers were randomised; 31 received the patch and 32 received a
    placebo patch."

    Example that does not fire: "Sixty smokers were randomised; 31 received the patch and 29
    received a placebo patch."
    """

    code, slug, severity, scope = "S108", "sample-size-conflict", "warning", "study"
    summary = "The totals of one study's participant flow disagree (arms, two totals, a share of more people)."
    examples = (
        Example("Sixty smokers were randomised; 31 received the patch and 32 received a placebo patch.", True),
        Example("Sixty smokers were randomised; 31 received the patch and 29 received a placebo patch.", False),
        Example("The trial recruited 20 adults with PTSD. In all, a total of 24 adults were enrolled.", True),
        Example("31 adults were recruited; 27 finished every visit.", False),
        Example("The trial recruited 20 adults. Later, 18 out of 24 adults reported relief.", True),
    )

    def check(self, ctx: StudyContext) -> Iterator[Finding]:
        yield from self._arms(ctx)
        yield from self._two_totals(ctx)
        yield from self._denominator_too_large(ctx)

    def _arms(self, ctx: StudyContext) -> Iterator[Finding]:
        total = flowview.allocated(ctx.study)
        if total is None or ctx.study.crossover and ctx.study.crossover.value or ctx.has_any(*_EVERYONE_IN_SEVERAL_ARMS):
            return
        total_sentence = sentence_at(ctx.text, total.n.span.char_start)
        for arms in flowview.arm_lists(ctx.text, ctx.study):
            # The arms of an allocation are listed with it: in the sentence that states the total, or in
            # the next one, which assigns people to the arms ("... were recruited. They were randomly
            # assigned to A (n = 20) or B (n = 22)."). Arms counted elsewhere may be a subgroup's.
            arm_sentence = sentence_at(ctx.text, arms.start)
            if arm_sentence != total_sentence and not (
                    0 <= arm_sentence[0] - total_sentence[1] <= 3
                    and (_ASSIGNS.search(ctx.text, *arm_sentence) or _ASSIGNS.search(ctx.text, *total_sentence))):
                continue
            if arms.total in flowview.all_totals(ctx.study) or self._states_number(ctx, arms.total):
                return  # the arms add up to a total, or to a number the text gives ("74 lesions")
            if _some_add_up(arms, total.n.value):
                return  # a sub-list is the allocation ("A (n = 40) versus B (n = 40): either B1 (n = 20) or B2 (n = 20)")
            if _NESTED_ALLOCATION.search(ctx.text, *arm_sentence):
                continue  # "Within the A group, 324 were further randomised ...": arms of an arm
            if _MORE_ARMS_AFTER.match(ctx.text, arms.end, arm_sentence[1]):
                continue  # "... (303 patients), placebo (61 patients), or glimepiride": an arm without a count
            if arms.total < total.n.value and ctx.has_any(*_NOT_ALL_IN_ARMS):
                continue  # fewer in the arms than allocated, and the text says why some are missing
            if any(total.n.value - f.n.value == arms.total for f in ctx.study.flow
                   if f.role in ("withdrawn", "excluded") and not f.planned):
                continue  # "251, of whom six were lost at baseline": the arms hold the rest
            stated = _GROUPS_STATED.search(ctx.text, *total_sentence) or _GROUPS_STATED.search(ctx.text, *arm_sentence)
            if stated and (parse_number(stated.group("k")) or 0) > len(arms.arms):
                continue  # "into 3 groups" with two sizes read: an arm's size was not read, not a wrong sum
            diff = arms.total - total.n.value
            yield ctx.finding(
                self, f"the arms add up to {arms.arithmetic()}, but {total.n.value} were {_stage(total.role)} "
                      f"('{_quote(total.n.span.quote)}'): {abs(diff)} {'more' if diff > 0 else 'fewer'} in the arms; "
                      f"an arm size or the total is wrong", arms.start, arms.end)
            return

    @staticmethod
    def _states_number(ctx: StudyContext, n: int) -> bool:
        return any(parse_number(ctx.text[a:b]) == n for a, b in numbers_in(ctx.text, ctx.start, ctx.end))

    def _two_totals(self, ctx: StudyContext) -> Iterator[Finding]:
        if ctx.has_any(*_EXPLAINING):
            return
        totals = [f for f in flowview.stated_totals(ctx.study) if flowview.base_rule(f) in _SIZE_STATEMENTS]
        for i, a in enumerate(totals):
            for b in totals[i + 1:]:
                if a.n.value == b.n.value or not _conflict(a, b) or not _one_paragraph(ctx.text, a, b):
                    continue
                if not (_whole(a) or _whole(b)):
                    continue  # two sizes, neither stated as the whole study: most often two parts of it
                if sentence_at(ctx.text, a.n.span.char_start) == sentence_at(ctx.text, b.n.span.char_start):
                    continue  # two sizes in one sentence are two groups ("260 in A and 251 in B were recruited")
                yield ctx.finding(
                    self, f"the study's size is given as {a.n.value} ('{_quote(a.n.span.quote)}') and as "
                          f"{b.n.value} ('{_quote(b.n.span.quote)}'), and the text does not explain the "
                          f"difference of {abs(a.n.value - b.n.value)}",
                    min(a.n.span.char_start, b.n.span.char_start), max(a.n.span.char_end, b.n.span.char_end))
                return

    def _denominator_too_large(self, ctx: StudyContext) -> Iterator[Finding]:
        """'18 out of 24 patients' in a study of 20: a share of more people than the study had."""
        totals = flowview.all_totals(ctx.study)
        if not totals:
            return
        pools = {f.n.value for f in ctx.study.flow if f.role in ("screened", "eligible", "excluded", "arm")}
        largest = max(totals)
        denominators = {f.of_n for f in ctx.study.flow if f.of_n is not None}
        if len(denominators) > 1:
            return  # results given per group ("10 of 17 ..., 12 of 18 ..."): each denominator is a group's size
        for f in flowview.actual(ctx.study):
            if f.of_n is not None and any(o.n.value == f.of_n and not 0 <= o.n.span.char_start - f.n.span.char_end <= 20
                                          for o in ctx.study.flow):
                continue  # "Among the 11 women on placebo, ... 5 of the 11": a group the text counts elsewhere
            if f.role == "subgroup" and f.of_n is not None and f.of_n > largest and f.n.value <= largest \
                    and f.of_n not in pools and not ctx.has_any(*_EXPLAINING):
                yield ctx.finding(self, f"'{_quote(f.n.span.quote)} of {f.of_n}' counts among {f.of_n} people, but the "
                                        f"study has {largest}; one of the sizes is wrong",
                                  f.n.span.char_start, f.n.span.char_end)
                return


# Totals stated as the size of the whole study: by an enrolment or randomisation verb, as "a
# 150-patient trial", or restated as everyone ("overall", "across all the 40").
_SIZE_STATEMENTS = frozenset({"flow/enrolled", "flow/randomized", "flow/enrolled-object", "flow/randomized-object",
                              "flow/n-person-study", "flow/participle", "flow/size-statement", "flow/restated",
                              "flow/n-equals", "flow/received-treatment"})
_NESTED_ALLOCATION = re.compile(r"\b(?:further|second|re-?randomi\w*|within\s+(?:the|each)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:group|arm))\b",
                                re.I)
_GROUPS_STATED = re.compile(r"\b(?:into|to|in)\s+(?:one\s+of\s+)?(?:the\s+)?(?P<k>two|three|four|five|six|[2-9])\s+"
                            r"(?:\w+\s+)?(?:groups|arms|cohorts)\b", re.I)
_ASSIGNS = re.compile(r"\b(?:randomi[sz]\w*|randomly|assigned|allocated|allotted|divided)\b", re.I)
_MORE_ARMS_AFTER = re.compile(r"[^.;]{0,8}?\b(?:or|and)\s+(?:to\s+)?(?:an?\s+|the\s+)?(?!respectively)[a-z][^.;()]{3,}", re.I)
# Later stages hold at most as many people as earlier ones.
_ORDER = {"enrolled": 0, "randomized": 1, "treated": 2}


def _conflict(a, b) -> bool:
    """Two totals contradict each other: the same stage with two sizes, or a later stage larger."""
    sa, sb = flowview.stage(a), flowview.stage(b)
    if sa == sb == "treated":
        return False  # "55 received high doses. And 52 received lower doses": arms, one per sentence
    if sa == sb or "restated" in (sa, sb):
        return True
    early, late = (a, b) if _ORDER[sa] < _ORDER[sb] else (b, a)
    return late.n.value > early.n.value


def _whole(f) -> bool:
    """The count is stated as everyone: "a total of 24", "overall, 40", "across all the 40"."""
    return f.n.rule.endswith("/total") or f.n.rule in flowview.RESTATED_RULES


def _some_add_up(arms, total: int) -> bool:
    """Some of the listed arms (two or more) add up to the total: the others are a breakdown or an
    aside, not more arms."""
    from itertools import combinations

    values = [a.n.value for a in arms.arms]
    if len(values) > 8:
        return False
    return any(sum(c) == total for k in range(2, len(values)) for c in combinations(values, k))


def _one_paragraph(text: str, a, b) -> bool:
    lo, hi = sorted((a.n.span.char_start, b.n.span.char_start))
    return "\n\n" not in text[lo:hi] and hi - lo <= 1500


def _stage(role: str) -> str:
    return "randomised" if role == "randomized" else "enrolled"


def _quote(q: str) -> str:
    q = " ".join(q.split())
    return q if len(q) <= 60 else q[:57] + "..."

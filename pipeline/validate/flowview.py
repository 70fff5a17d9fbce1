"""What the count rules need from a study's participant flow (the extracted ``FlowFact`` list).

The count rules compare only flow totals with one another: the randomised or enrolled total,
the arms, the completers and the withdrawals. Screened pools, subgroups, outcome counts and
counts that are not people never stand in for a total.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.models import FlowFact, StudyFacts
import bisect

from pipeline.text.sentences import sentence_at, split

# Counts read only from a participant noun or a restatement, not from a flow word: a total
# that rests on them is not strong enough to contradict another one.
WEAK_RULES = frozenset({"flow/count-noun", "flow/sex-sum"})
# "118 received at least one dose" after "120 were randomised": a stage of its own (some never started).
TREATED_RULES = frozenset({"flow/received-treatment"})


# "Across the 40 participants", "in total, 40", "the 40 patients in the study": everyone, restated.
RESTATED_RULES = frozenset({"flow/restated", "flow/definite-total"})


def stage(f: FlowFact) -> str:
    """randomised, enrolled, treated or restated: the stage of the flow a total counts."""
    if base_rule(f) in TREATED_RULES:
        return "treated"
    if base_rule(f) in RESTATED_RULES:
        return "restated"
    return "randomized" if f.role == "randomized" else "enrolled"


def base_rule(f: FlowFact) -> str:
    """The reading rule without the "/total" mark ("a total of 24 ... were enrolled")."""
    return f.n.rule.removesuffix("/total")


def actual(study: StudyFacts) -> list[FlowFact]:
    """The flow without planned counts (a protocol's targets are not its participants)."""
    return [f for f in study.flow if not f.planned]


def stated_totals(study: StudyFacts) -> list[FlowFact]:
    """Randomised and enrolled totals stated by a flow word (not an arm, not a restatement)."""
    return [f for f in actual(study) if f.role in ("randomized", "enrolled") and f.arm is None
            and base_rule(f) not in WEAK_RULES]


def all_totals(study: StudyFacts) -> set[int]:
    """Every size of the whole study the text gives: sample size, randomised, enrolled,
    completed, analysed (a split or a list may add up to any of them)."""
    out = {f.n.value for f in actual(study) if f.role in ("randomized", "enrolled", "completed", "analysed")
           and f.arm is None and base_rule(f) not in WEAK_RULES}
    for name in ("sample_size", "n_enrolled", "n_completed"):
        f = getattr(study, name)
        if f is not None:
            out.add(f.value)
    return out


def people_counted(study: StudyFacts) -> set[int]:
    """Every group of people the flow counts besides subgroups: totals, screened and eligible
    pools, arms (a split may belong to any of them)."""
    out = all_totals(study)
    out |= {f.n.value for f in actual(study) if f.role in ("screened", "eligible", "excluded", "arm", "withdrawn")
            and base_rule(f) not in WEAK_RULES}
    return out


# Totals stated by an explicit flow word ("were randomised", "enrolled", "took part"), strong
# enough to set against completers and withdrawals.
_INTRODUCING_RULES = frozenset({"flow/size-statement", "flow/received-treatment"}) | RESTATED_RULES


def allocated(study: StudyFacts) -> FlowFact | None:
    """The randomised total, else the enrolled one, as stated by a flow verb."""
    totals = [f for f in stated_totals(study) if base_rule(f) not in _INTRODUCING_RULES]
    rand = [f for f in totals if stage(f) == "randomized"]
    enrolled = [f for f in totals if stage(f) == "enrolled"]
    return (rand or enrolled or totals or [None])[0]


@dataclass(frozen=True)
class ArmList:
    """Arms listed together (one sentence or its parenthesised arm sizes), with their sum."""

    arms: tuple[FlowFact, ...]

    @property
    def total(self) -> int:
        return sum(f.n.value for f in self.arms)

    @property
    def start(self) -> int:
        return self.arms[0].n.span.char_start

    @property
    def end(self) -> int:
        return self.arms[-1].n.span.char_end

    def arithmetic(self) -> str:
        return " + ".join(str(f.n.value) for f in self.arms) + f" = {self.total}"


def arm_lists(text: str, study: StudyFacts) -> list[ArmList]:
    """Arm sizes listed in one sentence (two or more, each named once, none 'in each group')."""
    by_sentence: dict[tuple[int, int], list[FlowFact]] = {}
    for f in actual(study):
        if f.role == "arm" and f.arm != "each":
            by_sentence.setdefault(sentence_at(text, f.n.span.char_start), []).append(f)
    out = []
    for arms in by_sentence.values():
        labels = [(a.arm or "").lower() for a in arms]
        if len(arms) >= 2 and (len(set(labels)) == len(labels) or not any(labels)) and labels.count("") <= 1:
            out.append(ArmList(tuple(arms)))
    return out


def arm_sizes(study: StudyFacts) -> dict[str, int]:
    """Arm label (lower case) -> size, for arms named once."""
    sizes: dict[str, list[int]] = {}
    for f in actual(study):
        if f.role == "arm" and f.arm and f.arm != "each":
            sizes.setdefault(f.arm.lower(), []).append(f.n.value)
    return {k: v[0] for k, v in sizes.items() if len(set(v)) == 1}


# A trial's flow is reported in one place ("Of 212 screened, 96 were randomised ... 88 completed"):
# counts farther apart than this may belong to different parts, phases or studies.
FLOW_REACH = 600


def near(a: FlowFact, b: FlowFact, reach: int = FLOW_REACH) -> bool:
    """Whether two counts are reported close enough together to be one flow."""
    return abs(a.n.span.char_start - b.n.span.char_start) <= reach


def sentence_index(text: str, pos: int) -> int:
    """Which sentence of the article holds ``pos`` (0-based)."""
    spans = split(text)
    return max(0, bisect.bisect_right(spans, (pos, 1 << 62)) - 1)


def reported_together(text: str, facts: list[FlowFact], sentences: int = 1) -> bool:
    """Whether the counts sit in one sentence or in adjacent ones (``sentences`` apart at most):
    how a flow is reported ("Of 212 screened, 96 were randomised; 88 completed. Five dropped out ...")."""
    idx = [sentence_index(text, f.n.span.char_start) for f in facts]
    return max(idx) - min(idx) <= sentences


def total_just_before(text: str, study: StudyFacts, pos: int, sentences: int = 2) -> FlowFact | None:
    """The study's total when it is the last count of people stated before ``pos`` (in the same
    sentence or up to ``sentences`` before), so that what follows at ``pos`` describes those people;
    None when another count comes between or the total is farther away."""
    if study.sample_size is None:
        return None
    at = sentence_index(text, pos)
    before = [f for f in study.flow if f.n.span.char_end <= pos and at - sentence_index(text, f.n.span.char_start) <= sentences
              and f.label not in ("male", "female") and base_rule(f) != "flow/sex-sum" and f.arm != "each"]
    if not before or before[-1].n.value != study.sample_size.value:
        return None
    return before[-1]

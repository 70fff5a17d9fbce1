"""Edits of the example article that add or remove one inconsistency each, end to end."""
from pathlib import Path

import pytest

from pipeline.extract import extract_text
from pipeline.validate import validate
from pipeline.validate.examples import article_of

SEED = Path(__file__).resolve().parents[2] / "raw" / "ketamine-treatment-for-anxiety.txt"
CONSISTENCY = {"subgroup-exceeds-total", "count-exceeds-total", "sex-split-mismatch", "percent-count-mismatch",
               "period-duration-mismatch", "dose-schedule-mismatch", "design-contradiction", "sample-size-conflict"}
BASELINE = {("subgroup-exceeds-total", 2), ("unresolved-citation", None), ("promotional-content", None),
            ("acronym-mismatch", None)}


def flags(text: str) -> set[tuple[str, int | None]]:
    article = article_of(text, "seed")
    return {(f.rule, f.study_ordinal) for f in validate(article, extract_text("seed", text))
            if f.severity != "info"}


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def edit(seed: str, old: str, new: str) -> str:
    assert seed.count(old) == 1, old
    return seed.replace(old, new)


def test_seed_flags_exactly_the_known_problems(seed):
    assert flags(seed) == BASELINE


def test_seed_snri_finding_points_at_the_expansion(seed):
    f = next(f for f in validate(article_of(seed, "seed"), extract_text("seed", seed)) if f.rule == "acronym-mismatch")
    assert seed[f.char_start:f.char_end] == "selective norepinephrine reuptake inhibitors"


ADDED = [
    ("Ten men and ten women", "Twelve men and ten women", ("sex-split-mismatch", 2)),
    ("18 out of 20 patients reported", "22 out of 20 patients reported", ("count-exceeds-total", 2)),
    ("18 out of 20 patients reported", "18 out of 20 patients (95%) reported", ("percent-count-mismatch", 2)),
    ("across 18 months", "across 12 months", ("period-duration-mismatch", 2)),
    ("and 1.0mg/kg the third week", "and 0.4mg/kg the third week", ("dose-schedule-mismatch", 3)),
    ("once per week for three weeks", "once per week for four weeks", ("dose-schedule-mismatch", 3)),
    ("was an uncontrolled, open-label study", "was an uncontrolled, open-label, double-blind study",
     ("design-contradiction", 2)),
    ("injection on 20 patients.", "injection on 20 patients. A total of 24 patients were enrolled.",
     ("sample-size-conflict", 2)),
]


@pytest.mark.parametrize("old, new, added", ADDED, ids=[a[2][0] + "-" + str(i) for i, a in enumerate(ADDED)])
def test_edit_adds_exactly_one_flag(seed, old, new, added):
    assert flags(edit(seed, old, new)) == BASELINE | {added}


REMOVED = [
    ("while 18 suffered", "while 5 suffered", ("subgroup-exceeds-total", 2)),
    ("suffered from a social anxiety disorder.", "suffered from a social anxiety disorder; thirteen of them had "
     "both diagnoses.", ("subgroup-exceeds-total", 2)),
    ("SNRIs (selective norepinephrine reuptake inhibitors)", "SNRIs (serotonin-norepinephrine reuptake inhibitors)",
     ("acronym-mismatch", None)),
]


@pytest.mark.parametrize("old, new, removed", REMOVED, ids=[r[2][0] + "-" + str(i) for i, r in enumerate(REMOVED)])
def test_edit_removes_exactly_one_flag(seed, old, new, removed):
    assert flags(edit(seed, old, new)) == BASELINE - {removed}


def test_reference_list_resolves_citations(seed):
    text = seed + "\n\nReferences\n1. Doe J. Ketamine for anxiety. J Psych 2019;1:1-9.\n"
    assert flags(text) == BASELINE - {("unresolved-citation", None)}


@pytest.mark.parametrize("old, new", [
    ("across 18 months", "across 19 months"),  # counting both end months
    ("Ten men and ten women", "Eleven men and nine women"),
    ("18 out of 20 patients reported", "18 out of 20 patients (90%) reported"),
])
def test_consistent_edits_change_nothing(seed, old, new):
    assert flags(edit(seed, old, new)) == BASELINE


def test_removing_the_product_section_removes_the_plug(seed):
    start = seed.index("Try XanFree")
    end = seed.index("\n", seed.index("$14.95"))
    assert flags(seed[:start] + seed[end:]) == BASELINE - {("promotional-content", None)}


def test_price_line_alone_or_product_line_alone_is_still_a_plug(seed):
    assert ("promotional-content", None) in flags(edit(seed, "Try XanFree For Your Calming Needs", ""))
    assert ("promotional-content", None) in flags(edit(seed, "Try Tranquil Blend + Magnesium Patches for $14.95!", ""))

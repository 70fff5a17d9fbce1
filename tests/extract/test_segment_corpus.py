"""Segmentation on articles written for the tests: the study boundaries each must produce.

`tests/fixtures/segmentation/cases.toml` lists, per article, how many studies it reports and,
per study, phrases that must lie inside its span and phrases that must not.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pipeline.extract.segment import find_studies

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "segmentation"
CASES = tomllib.loads((FIXTURES / "cases.toml").read_text(encoding="utf-8"))["case"]


def _inside(text: str, phrase: str, start: int, end: int) -> bool:
    at = text.find(phrase)
    assert at >= 0, f"phrase not in the article: {phrase!r}"
    return start <= at and at + len(phrase) <= end


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_study_boundaries(case: dict) -> None:
    text = (FIXTURES / case["file"]).read_text(encoding="utf-8")
    segs = find_studies(text)
    shown = [" ".join(s.span.quote.split())[:70] for s in segs]
    assert len(segs) == case["studies"], shown
    for seg, want in zip(segs, case.get("study", [])):
        s, e = seg.span.char_start, seg.span.char_end
        for phrase in want["inside"]:
            assert _inside(text, phrase, s, e), f"{phrase!r} not inside {shown}"
        for phrase in want["outside"]:
            assert not _inside(text, phrase, s, e), f"{phrase!r} inside {seg.span.quote[:80]!r}"
    for a, b in zip(segs, segs[1:]):
        assert a.span.char_end <= b.span.char_start  # in order, never overlapping


def test_every_fixture_has_a_case() -> None:
    files = {p.name for p in FIXTURES.glob("*.txt")}
    assert files == {c["file"] for c in CASES}
    assert len(files) >= 20

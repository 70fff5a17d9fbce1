"""Thousands grouped by spaces are one number, not a count and a denominator."""
import pytest

from pipeline.extract.flow import read_counts


def _pairs(text):
    return [(c.n, c.of_n) for c in read_counts(text, 0, len(text)) if c.of_n is not None]


@pytest.mark.parametrize("text", [
    "Of the cohort, 41 512 of the 41 900 invited residents returned the form.",
    "Replies came from 7310 of 12 004 households.",
    "Screening reached 2 450 of 3 000 pupils.",
])
def test_space_grouped_thousands_are_not_pairs(text):
    assert _pairs(text) == []


@pytest.mark.parametrize("text, pair", [
    ("By week six, 14 of 16 participants were abstinent.", (14, 16)),
    ("In the end 31 of the 30 volunteers were said to improve.", (31, 30)),
])
def test_ordinary_pairs_still_read(text, pair):
    assert _pairs(text) == [pair]

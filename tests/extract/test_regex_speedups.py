"""The speed-ups of extraction must match exactly what the plain patterns match."""
import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.text.regex import compile_skipping
from pipeline.text.numbers import NUMBER, NUMBER_SCAN

PIECES = st.sampled_from([
    "Twenty", "-", "four", " ", "one hundred and twelve", "12", "1,200", "n = 42", "randomised", "RANDOMIZED",
    "double-blind", "Double Blind", "placebo", "sham", "open-label", "İ", "ß", "(", ")", "\n", "pilot", "cohort",
    "seventeen", "Seventy", "0.5", "mg", "trial", "Study", "ﬁ", "K", "Σ",
])
TEXTS = st.one_of(st.lists(PIECES, max_size=40).map("".join), st.text(max_size=200))
PATTERNS = [
    (r"\b(?:randomi[sz]ed|double[- ]blind|open[- ]label|placebo|sham|pilot|cohort)\b", re.I),
    (r"\b(?:study|trial)\b", re.I),
    (r"(?:\d+|twenty|seventy)\s+(?:patients|adults)", re.I),
    (NUMBER, 0),
]


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@given(TEXTS)
def test_compile_skipping_matches_like_the_plain_pattern(text):
    for pattern, flags in PATTERNS:
        assert _spans(compile_skipping(pattern, flags), text) == _spans(re.compile(pattern, flags), text)


@given(TEXTS)
def test_number_scan_matches_like_number(text):
    plain, scan = re.compile(rf"\b{NUMBER}\b"), re.compile(rf"\b{NUMBER_SCAN}\b")
    assert _spans(scan, text) == _spans(plain, text)

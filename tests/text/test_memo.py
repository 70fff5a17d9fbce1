"""The shortcuts of the text memo must give exactly what the plain regex scans give."""
import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.text import sentences
from pipeline.text.memo import TextMemo, fold
from pipeline.text.numbers import NUMBER, matches_at, number_starts
from pipeline.text.schedule import SCHEDULE_RE

# Pieces that stress word boundaries, number words, case folding and odd digits.
PIECES = ["one", "Twenty-four", "SEVEN", "ſix", "İ", "ı", "K", "often", "ten", "of", "out of", "the", "12",
          "1,024", "٣", "²", " ", "\n", ".", "-", "_", "x", "men", "women", "and", "%", "Blind", "blınd"]
texts = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


@given(texts)
def test_number_starts_are_every_place_a_number_can_start(text):
    assert number_starts(text) == [m.start() for m in re.finditer(rf"\b(?={NUMBER})", text)]


@given(texts, st.integers(0, 40), st.integers(0, 40))
def test_matches_at_numbers_equals_finditer(text, a, b):
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    for rx in (SCHEDULE_RE, re.compile(rf"(?P<a>{NUMBER})\s+(?:men|women)\b", re.I)):
        got = [m.span() for m in matches_at(rx, text, number_starts(text), start, end)]
        assert got == [m.span() for m in rx.finditer(text, start, end)]


@given(texts)
def test_fold_keeps_offsets_and_finds_what_ignorecase_finds(text):
    folded = fold(text)
    assert len(folded) == len(text)
    for word in ("blind", "six", "one", "k"):
        for m in re.finditer(word, text, re.I):
            assert folded[m.start():m.end()] == word


@given(texts, st.integers(0, 40), st.integers(0, 40))
def test_has_any_is_a_substring_test_of_the_folded_text(text, a, b):
    start, end = min(a, b), max(a, b)
    memo = TextMemo(text)
    for words in (("one",), ("blind", "of"), ("x", "men")):
        assert memo.has_any(words, start, end) == any(w in fold(text)[start:end] for w in words)


def test_memo_sentences_are_the_shared_splitter():
    memo = TextMemo("First one. Second one.\nThird")
    assert memo.sentences(0, 28) == sentences.sentences(memo.text, 0, 28)

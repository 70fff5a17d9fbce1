"""The shortcuts of the text index must give exactly what the plain regex scans give."""
import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.text import sentences
from pipeline.text.index import TextIndex, fold, index_of
from pipeline.text.numbers import NUMBER, NUMBER_SCAN, matches_at, number_spans, number_starts
from pipeline.text.schedule import SCHEDULE_RE

# Pieces that stress word boundaries, number words, case folding and odd digits.
PIECES = ["aged", "AGED 4", "3", "x2", "Dr.", "Mr. Lee", "vs.", "!", "?", "\n\n", "(", ")", "  ", "one", "Twenty-four", "SEVEN", "ſix", "İ", "ı", "K", "often", "ten", "of", "out of", "the", "12",
          "1,024", "٣", "²", " ", "\n", ".", "-", "_", "x", "men", "women", "and", "%", "Blind", "blınd"]
texts = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


@given(texts)
def test_number_starts_are_every_place_a_number_can_start(text):
    assert number_starts(text) == [m.start() for m in re.finditer(rf"\b(?={NUMBER})", text)]


@given(texts)
def test_number_spans_are_the_whole_numbers_finditer_gives(text):
    whole = re.compile(rf"\b(?=[\dzotfsenZOTFSEN]){NUMBER_SCAN}\b")
    assert list(number_spans(text)) == [m.span() for m in whole.finditer(text)]


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
    memo = TextIndex(text)
    for words in (("one",), ("blind", "of"), ("x", "men")):
        assert memo.has_any(words, start, end) == any(w in fold(text)[start:end] for w in words)


def test_index_sentences_are_the_shared_splitter():
    memo = TextIndex("First one. Second one.\nThird")
    assert memo.sentences(0, 28) == sentences.sentences(memo.text, 0, 28)


def _naive_sentences(text, start, end):
    """The window's sentences read one by one from the whole-text split: what sentences() promises."""
    out = []
    for s, e in sentences.split(text):
        s, e = max(s, start), min(e, end)
        body = text[s:e].strip() if s < e else ""
        if body:
            s += len(text[s:e]) - len(text[s:e].lstrip())
            out.append((s, s + len(body)))
    return tuple(out)


@given(texts, st.integers(0, 60), st.integers(0, 60))
def test_sentences_of_a_window_are_the_split_cut_to_it(text, a, b):
    start, end = min(a, b), max(a, b)
    assert sentences.sentences(text, start, end) == _naive_sentences(text, start, end)


@given(texts, st.integers(0, 60), st.integers(0, 60))
def test_lines_are_the_non_blank_runs_of_the_window(text, a, b):
    start, end = min(a, b), max(a, b)
    want = [m.span() for m in re.compile(r"[^\n]+").finditer(text, start, end) if m.group().strip()]
    assert TextIndex(text).lines(start, end) == want


@given(texts, st.integers(0, 60), st.integers(0, 60))
def test_anchored_and_line_matches_equal_finditer(text, a, b):
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    index = TextIndex(text)
    blind = re.compile(r"\b(?:blind|six)\w*", re.I)
    assert [m.span() for m in index.anchored(blind, ("blind", "six"), start, end)] == \
        [m.span() for m in blind.finditer(text, start, end)]
    aged = re.compile(r"\baged\s\d+|\b\d{1,3}\s?(?:men|years)\b", re.I)  # a number: a digit after \b
    assert [m.span() for m in index.anchored(aged, ("aged",), start, end, with_numbers=True)] == \
        [m.span() for m in aged.finditer(text, start, end)]
    heading = re.compile(r"(?m)^[ \t]*(?P<name>[A-Z][A-Za-z ]{0,10}?)\s{0,2}[.:]\s")
    assert [m.span() for m in index.line_matches(heading, start, end)] == \
        [m.span() for m in heading.finditer(text, start, end)]


def test_one_index_per_text_and_memo_computes_once():
    text = "Ten adults took part. Six left."
    assert index_of(text) is index_of(text)
    calls = []
    assert index_of(text).memo(("k", 1), lambda: calls.append(1) or 7) == 7
    assert index_of(text).memo(("k", 1), lambda: calls.append(1) or 8) == 7
    assert calls == [1]


@given(st.lists(st.sampled_from(["References", "references:", "## Sources", " ", "\n", "x", "Bibliography *", "\t"]),
                max_size=12).map("".join))
def test_reference_headings_are_read_at_line_starts_as_finditer_reads_them(text):
    from pipeline.text import references

    assert [m.span() for m in references._line_heads(text)] == \
        [m.span() for m in references._REF_HEADING.finditer(text)]

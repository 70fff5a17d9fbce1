"""Cutting article text into non-overlapping highlighted segments."""
from hypothesis import given
from hypothesis import strategies as st

from pipeline.report.segments import Mark, segment


def mark(a: int, b: int, kind: str = "value", anchor: str = "m") -> Mark:
    return Mark(kind=kind, anchor=anchor, char_start=a, char_end=b, tip=f"{kind} {a}-{b}",
                severity="error" if kind == "flag" else None)


def test_nested_and_overlapping_marks_split_into_pieces():
    text = "0123456789"
    outer, inner, cross = mark(1, 8, anchor="o"), mark(3, 5, anchor="i"), mark(6, 10, "flag", "x")
    segs = segment(text, [inner, cross, outer])
    assert [(s.start, s.end) for s in segs] == [(0, 1), (1, 3), (3, 5), (5, 6), (6, 8), (8, 10)]
    assert [[m.anchor for m in s.marks] for s in segs] == [[], ["o"], ["o", "i"], ["o"], ["o", "x"], ["x"]]
    assert [s.anchors for s in segs] == [[], [], [], [], ["x"], []]
    assert segs[2].css_class == "v k-design d2"  # a value without a kind is drawn as design
    assert segs[4].css_class == "v k-design f-error" and segs[5].css_class == "f-error"


def test_zero_length_mark_is_a_pin_and_bad_spans_are_left_out():
    segs = segment("abc", [mark(1, 1, "flag", "p"), mark(2, 9), mark(-1, 1)])
    assert [(s.start, s.end, s.text) for s in segs] == [(0, 1, "a"), (1, 1, ""), (1, 3, "bc")]
    assert segs[1].empty_pin and segs[1].anchors == ["p"]


def test_empty_text():
    assert [s.empty_pin for s in segment("", [mark(0, 0, "flag")])] == [True]


spans = st.tuples(st.integers(0, 30), st.integers(0, 30)).map(sorted)


@given(st.text(max_size=30), st.lists(spans, max_size=8))
def test_segments_cover_text_and_marks_exactly(text, pairs):
    marks = [mark(a, b, anchor=f"m{i}") for i, (a, b) in enumerate(pairs)]
    segs = segment(text, marks)
    assert "".join(s.text for s in segs) == text
    pieces = [s for s in segs if not s.empty_pin]
    assert all(p.end == q.start for p, q in zip(pieces, pieces[1:]))
    placed = [m for m in marks if m.char_end <= len(text)]
    for s in pieces:
        assert {m.anchor for m in s.marks} == {m.anchor for m in placed if m.char_start <= s.start and s.end <= m.char_end}
    first_pieces = [m.anchor for s in segs for m in s.starts]
    assert sorted(first_pieces) == sorted(m.anchor for m in placed)

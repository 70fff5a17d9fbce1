"""The validators run their patterns only where the text index says a match can begin (cue words,
numbers, line starts, "[" and "("); they must find exactly what a regex scan of the whole text finds,
at the start and the end of the text, in any case and across line breaks."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text import references
from pipeline.text.index import TextIndex
from pipeline.validate.examples import check_text
from pipeline.validate.rules import acronym_mismatch, design_contradiction, period_duration_mismatch
from pipeline.validate.rules import promotional_content

# Cues of every alternative of the patterns, in other cases, at the start and the end of a text,
# inside longer words ("effect" holds "ect", "nothing" holds "no") and across line breaks.
SAMPLES = [
    "Open-label study of 30 adults; an OPEN LABEL trial; open-labelled dosing; Unblinded raters",
    "non-blinded and nonblinded nurses; the trial was NOT blinded\nnot\nblinded",
    "Double-blind trial. TRIPLE-MASKED design, a quadruple blinded study",
    "uncontrolled pilot study, Without a control group, NO\ncontrol group and no control group",
    "placebo-controlled, Sham controlled; PLACEBO-CONTROLLED",
    "randomised, Randomization, randomly assigned, RANDOMLY allocated, unrandomised, non-randomised",
    "non-randomized, Nonrandomised, not been randomized, not randomly assigned, WITHOUT randomisation",
    "No placebo group; without any sham arm; no placebo was used; Nobody received placebo; "
    "no one was given a sham; no patients got placebo; nothing; wıthout a ſham arm",
    "OCD (obsessive-compulsive disease) at the start; rTMS (repetitive transcranial stimulation), "
    "SSRIs (such as sertraline) and ECT's (electroconvulsive therapy); the ocd (label) and the effect (ECT)",
    "post-traumatic stress syndrome ( \nPTSD) or generalized anxiety (GAD; see above), major depression (MDD)",
    "2019 to 2021 at the start, June 1998-March 2003, from April 2019\nto May 2021, 12019 and 2020",
    "$19.99 buys it; £5 or €12,50; 15 USD or 20 dollars; 15% OFF, 10 percent off, 25 % off; Buy now! Use code X",
    "Try SleepyTime+ Tea\n  Order CalmLeaf drops today\nShop Dream Drops + Mask",
]
SAMPLES.append("\n".join(SAMPLES))


def _spans(matches):
    return [m.span() for m in matches]


def _design_scans(text, start, end):
    index = TextIndex(text)
    for pair in design_contradiction._PAIRS_RE:
        for name, rx in pair:
            yield name, _spans(index.anchored(rx, design_contradiction._STARTS[name], start, end)), \
                _spans(rx.finditer(text, start, end))


def _acronym_scans(text):
    index = TextIndex(text)
    yield "after", _spans(acronym_mismatch._after_matches(index)), _spans(acronym_mismatch._after_re().finditer(text))
    yield "before", _spans(acronym_mismatch._before_matches(index)), \
        _spans(acronym_mismatch._before_re().finditer(text))


def _year_scans(text, start, end):
    rx = period_duration_mismatch._TWO_YEARS
    yield "two years", _spans(TextIndex(text).anchored(rx, period_duration_mismatch._YEAR_STARTS, start, end)), \
        _spans(rx.finditer(text, start, end))


def _promotional_scans(text):
    index, pc = TextIndex(text), promotional_content
    strong = pc._patterns()[0]
    yield "strong", _spans(pc._strong_matches(index)), _spans(strong.finditer(text))
    yield "price", _spans(pc._prices(index)), _spans([*pc._PRICE.finditer(text), *pc._PCT_OFF.finditer(text)])
    yield "product line", _spans(pc._product_lines(index)), _spans(pc._product_line().finditer(text))


def _all_scans(text):
    n = len(text)
    yield from _design_scans(text, 0, n)
    yield from _acronym_scans(text)
    yield from _year_scans(text, 0, n)
    yield from _promotional_scans(text)


def test_anchored_scans_equal_finditer_on_every_cue():
    found: dict[str, int] = {}
    for text in SAMPLES:
        for name, got, want in _all_scans(text):
            assert got == want, (name, text)
            found[name] = found.get(name, 0) + len(want)
    # Every pattern matched somewhere, so the comparison above tested it.
    assert all(found.values()), found


@pytest.mark.parametrize("text", SAMPLES[:-1])
def test_anchored_scans_equal_finditer_in_windows(text):
    for a in range(0, len(text), 7):
        for b in (a + 1, a + 20, len(text)):
            b = min(b, len(text))
            for name, got, want in [*_design_scans(text, a, b), *_year_scans(text, a, b)]:
                assert got == want, (name, a, b)


# Random texts from the same cues: pieces of the samples glued in any order.
PIECES = sorted({w for t in SAMPLES[:-1] for w in re.split(r"(?<=[ ,;.()\n])", t)} | {"\n", " ", "(", "[2]", "²"})
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=150)
@given(texts, st.integers(0, 200), st.integers(0, 200))
def test_anchored_scans_equal_finditer_on_random_texts(text, a, b):
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    for name, got, want in [*_design_scans(text, start, end), *_year_scans(text, start, end),
                            *_acronym_scans(text), *_promotional_scans(text)]:
        assert got == want, name


# The plain scans the citation markers replaced (what A201 read before the index held them).
def _plain_markers(text: str) -> list[tuple[int, int, str, bool]]:
    out = []
    for m in references.BARE_MARKER.finditer(text):
        nums = references.marker_numbers(m.group("m"))
        if all(1 <= n <= 300 for n in nums) and nums == sorted(nums) and (m.group("p") != ":" or len(nums) > 1):
            out.append(m)
    out += [m for m in references.BRACKET_MARKER.finditer(text)
            if all(1 <= n <= 300 for n in references.marker_numbers(m.group("m")))]
    out += references.SUPER_MARKER.finditer(text)
    return [(m.start("m"), m.end("m"), m.group("m"), m.re is references.BARE_MARKER)
            for m in sorted(out, key=lambda m: m.start("m"))]


_ENTRY_PLAIN = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)])\s+\S.*\b(?:19|20)\d\d\b", re.M)


CITATION_PIECES = ["Fish oil eased pain.", " 2 3", " 4", ": 1 2", ": 5", "[3]", "[2, 5]", "[2–4]", "[400]", "[", "]",
                   "1.", "12)", "²", "³¹", "x", " ", "\t", "\n", "\n\n", "References\n", "Lee K. Oils. 2015;2:1-4.",
                   "1998", ",", "5 4", "٣"]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(CITATION_PIECES), max_size=16).map("".join))
def test_citation_markers_and_reference_list_equal_the_plain_scans(text):
    index = TextIndex(text)
    assert [tuple(m) for m in index.citation_markers] == _plain_markers(text[:index.body_end])
    assert index.has_references == (references.has_reference_list(text) or bool(_ENTRY_PLAIN.search(text)))


# The rules themselves, with cues where a scan from a hit could miss them.
@pytest.mark.parametrize("text", [
    "[3] Fish oil eased the pain.",  # a bracket at the very start
    "Fish oil eased the pain. 2 3",  # bare numbers at the very end, no line break
    "Fish oil eased the pain. 2 3 \t\nIt was cheap. 4\n",  # blanks after the numbers
    "Fish oil eased the pain.²\n",  # a superscript
])
def test_citation_markers_at_the_edges_fire(text):
    assert check_text("unresolved-citation", text)


@pytest.mark.parametrize("text", [
    "Fish oil eased the pain [3].\n1. Lee K. Oils and joints. J Pain 2015;2:1-4.",  # numbered entry, last line
    "1. Lee K. Oils and joints. J Pain 2015;2:1-4.\nFish oil eased the pain [3].",  # and on the first line
    "Fish oil eased the pain [3].\n\n  [3]\n  Lee K. Oils and joints. 2015.",  # entry broken over lines
    "Fish oil eased the pain. 2 3\nReferences\n2. Lee K. Oils and joints. J Pain 2015;2:1-4.\n",
])
def test_reference_entries_anywhere_keep_it_quiet(text):
    assert not check_text("unresolved-citation", text)


@pytest.mark.parametrize("text", [
    "OCD (obsessive-compulsive disease) was the diagnosis.",  # at the very start
    "The diagnosis was obsessive compulsive disease (OCD)",  # at the very end
    "The diagnosis was obsessive compulsive disease (\nOCD).",  # "(" and the acronym on two lines
    "Many had PTSD\n(post-traumatic stress syndrome).",
])
def test_acronym_cues_at_the_edges_and_across_lines_fire(text):
    assert check_text("acronym-mismatch", text)


def test_a_lower_case_acronym_is_still_not_one():
    assert not check_text("acronym-mismatch", "The ocd (obsessive-compulsive disease) label was dropped.")


@pytest.mark.parametrize("text", [
    "OPEN-LABEL STUDY. The study was DOUBLE-BLIND and enrolled 30 adults.",
    "This Randomised trial was a NON-RANDOMISED study in practice.",
    "This was an OPEN-LABEL study of 30 adults.\nThe study was double-blind",  # restated on the last line
    "The trial was double-blind. It was also an open-label trial of 40 adults",
])
def test_design_cues_in_upper_case_and_at_the_edges_fire(text):
    assert check_text("design-contradiction", text)


@pytest.mark.parametrize("text", [
    "2019 to 2021: recruitment ran for 9 months.",  # the years at the very start
    "Recruitment ran for 9 months, from April 2019 to May 2021",  # and at the very end
    "Recruitment ran for 9 months, FROM APRIL 2019 TO MAY 2021.",
])
def test_period_years_at_the_edges_fire(text):
    assert check_text("period-duration-mismatch", text)


def test_period_range_broken_after_its_first_year_still_fires():
    assert check_text("period-duration-mismatch", "Recruitment ran for 9 months, from April 2019\nto May 2021.")


@pytest.mark.parametrize("text", [
    "$19.99 buys Calm Leaf Drops. Buy now!",  # a price at the very start
    "Take 15% OFF any bundle this week with promo code SNOOZE15.",
    "Try SleepyTime+ Tea today",  # a product line at the very start and end
])
def test_promotional_cues_at_the_edges_fire(text):
    assert check_text("promotional-content", text)

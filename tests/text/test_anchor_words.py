"""Scans anchored at the words their matches begin with must give exactly what the plain
scans give (issue 18): ``regex.anchor_words``, ``TextIndex.matches`` and the extractors that
use them, on every pattern they anchor, with cue words at the very start and end of the text,
in capitals, after line breaks and inside hyphenated words."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import design, period, population, statistics
from pipeline.models import ids
from pipeline.text import abbreviations, sentences
from pipeline.text.index import TextIndex
from pipeline.text.numbers import matches_at
from pipeline.text.regex import anchor_words, shortest_words


def _all(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in matches]


# -- anchor_words itself -----------------------------------------------------------------------

@pytest.mark.parametrize("pattern, flags, want", [
    (r"\bextension\b", re.I, (("extensio",), False)),
    (r"\b(?:open[- ]label|unblinded)", re.I, (("open lab", "open-lab", "unblinde"), False)),
    (r"(?:the\s+)?(?:cream|gel)\s+base", re.I, (("cream", "gel", "the"), False)),
    (r"\b(?:for\s+)?\d+\s+weeks", re.I, (("for",), True)),
    (r"\brandom|\brandomised", re.I, (("random",), False)),
    (r"\d+%", 0, None),  # a digit without \b before it can begin anywhere in a number
    (r"[a-z]+-free", re.I, None),
    (r"\w+ly", 0, None),
    (r"(?:a)?", 0, None),  # an empty match
    (r"\u00e9t\u00e9", re.I, None),  # a non-ASCII letter
    (r"P(?:=|<)", 0, (("p<", "p="), False)),
])
def test_anchor_words(pattern, flags, want):
    assert anchor_words(pattern, flags) == want


def test_shortest_words_keeps_the_words_no_other_begins():
    assert shortest_words(["random", "randomly", "rand", "blind", "blinded"]) == ("blind", "rand")


# Random small patterns: every match begins at an anchor word, so the anchored scan is finditer.
ATOMS = ["ab", "Ca", "x", "K", "s", "i", "-", " ", "%", "1", r"\d", r"\s", r"\w", ".", "[ab]", "[a-c]", "[-x]", r"\b",
         r"(?<!a)", r"(?=b)", r"(?![a-z])", r"(?<=\s)"]
PATTERN = st.recursive(
    st.sampled_from(ATOMS),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map("".join),
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(?:" + "|".join(xs) + ")"),
        st.tuples(inner, st.sampled_from(["?", "*", "+", "{1,2}", "{0,3}", "??", "+?"])).map(lambda t: f"(?:{t[0]}){t[1]}"),
    ),
    max_leaves=8,
)
SMALL_TEXT = st.lists(st.sampled_from(["ab", "AB", "Ca", "cA", "x", "K", "\u212a", "s", "\u017f", "i", "\u0130", "\u0131",
                                       "-", " ", "\n", "%", "1", "12", "a1", "\u0663", "b", "c"]), max_size=20).map("".join)


@settings(max_examples=400)
@given(PATTERN, st.sampled_from([0, re.I]), SMALL_TEXT, st.integers(0, 30), st.integers(0, 30))
def test_matches_equal_finditer_for_any_pattern(pattern, flags, text, a, b):
    rx = re.compile(pattern, flags)
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert _all(TextIndex(text).matches(rx, start, end)) == _all(rx.finditer(text, start, end))


# -- the extractors' patterns ------------------------------------------------------------------

# Cue words of every anchored pattern, in several cases, hyphenated, glued to letters and digits.
PIECES = [
    "extension", "Open-label", "OPEN LABEL", "continuation", "random", "Randomised", "non-randomized", "RANDOMLY",
    "chart review", "Audit", "registry", "surveyed", "followed up for", "population-based", "all", "Everyone", "each",
    "received", "compared with", "versus", "vs.", "usual care", "waiting-list", "Wait list", "control group", "controls",
    "the others received", "the rest took", "half got", "or to a", "placebo", "Placebo", "sham", "dummy", "double-dummy",
    "vehicle", "saline", "sugar pills", "crossover", "cross-over", "phase I", "Phase 1b", "dose-escalation",
    "first-in-human", "single ascending dose", "than those who", "served as controls", "comparative study",
    "x-placebo", "ab-placebo", "sugar-free version", "Gluten-free copy", "caffeine-depleted juice", "drug-free", "-free",
    "RCT", "cluster-randomised", "in random order", "at random", "assigned at random", "were randomized", "single-blind",
    "double-blind", "Double Blind", "triple-blind", "not blinded", "uncontrolled", "pilot", "cohort", "case series",
    "retrospective", "cross-sectional", "observational", "without", "no", "not", "the", "in", "a", "A",
    "45%", "45 %", "37.5% of the patients were women", "12 percent", "12 per cent", "12 Per Cent", "Women made up 55%",
    "men (n = 40, 52%)", "males 61%", "girls: 48%", "women", "Men", "FEMALE", "boys", "x12% men",
    "two-thirds were women", "Half were men", "a third of the participants were female", "one quarter", "Three quarters",
    "between", "from", "during", "over", "spanning", "covering", "January", "Jan.", "sept", "May", "june", "Dec",
    "2015", "1998", "1949", "2101", "12th", "3,", "to", "and", "until", "-", "\u2013", "\u2014", "of",
    "for", "lasting", "Lasted", "within", "a span of", "period of", "total of", "a total of", "twelve", "Twenty-four",
    "six", "days", "week", "Months", "year", "-week", "study", "trial", "programme",
    "p", "P", "p =", "P<", "p-value", "P values of", "p \u2264", "of ", "=", "<", ">",
    "\u0130", "\u0131", "\u017f", "\u212a", "\u03a3", "1", "٣", " ", "  ", "\n", "\n\n", ".", ",", "(", ")", ";", ":",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
WINDOWS = st.tuples(st.integers(0, 400), st.integers(0, 400))

DESIGN_PATTERNS = [design._EXTENSION_RE, design._RANDOM_WORD, design._OBSERVATIONAL_RE, design._EVERYONE_TREATED_RE,
                   design._COMPARISON_RE, design._SPLIT_INTO_GROUPS_RE, design._PLACEBO_WORD, design._PLACEBO_ONLY_WORD,
                   design._ANY_CONTROL_RE, design._DOSE_FINDING_RE]
OTHER_PATTERNS = [population._FRACTION, period._RANGE, period._DURATION, statistics._P_MARK]


def test_the_extractors_patterns_are_anchored():
    """Each pattern has anchor words (else TextIndex.matches falls back to a scan of the text)."""
    for rx in DESIGN_PATTERNS + OTHER_PATTERNS:
        assert anchor_words(rx.pattern, rx.flags) is not None, rx.pattern[:40]
    assert design._term_anchors() is not None


def _window(text, ab):
    a, b = ab
    return min(a, b, len(text)), min(max(a, b), len(text))


@settings(max_examples=300)
@given(TEXTS, WINDOWS)
def test_anchored_extractor_patterns_equal_finditer(text, ab):
    start, end = _window(text, ab)
    index = TextIndex(text)
    for rx in DESIGN_PATTERNS + OTHER_PATTERNS:
        assert _all(index.matches(rx, start, end)) == _all(rx.finditer(text, start, end)), rx.pattern[:40]
        assert index.first(rx, start, end) is None if rx.search(text, start, end) is None else \
            index.first(rx, start, end).span() == rx.search(text, start, end).span()


@settings(max_examples=300)
@given(TEXTS, WINDOWS)
def test_design_terms_and_percentages_are_tried_where_they_begin(text, ab):
    start, end = _window(text, ab)
    _, rx = design._terms()
    assert _all(matches_at(rx, text, design._term_starts(text), start, end)) == _all(rx.finditer(text, start, end))
    pct = population._PCT
    assert _all(matches_at(pct, text, population._pct_starts(text), start, end)) == _all(pct.finditer(text, start, end))


def _plain_mentions(text, start, end):
    """find_mentions as it was: the term pattern scanned over the window."""
    saved = design._term_starts
    design._term_starts = lambda text: None
    try:
        return design.find_mentions(text, start, end)
    finally:
        design._term_starts = saved


# Sentences written for these tests: cue words first and last, in capitals, after a line break,
# inside hyphenated words, and glued to a run of letters ("x-placebo").
SENTENCES = [
    "Placebo tablets were given to half the group, and the others received a sugar-free version",
    "OPEN-LABEL EXTENSION OF A PLACEBO-CONTROLLED TRIAL\nAll patients took the drug",
    "The trial was double-blind.\nRandomised adults got an ab-placebo or a caffeine-depleted juice",
    "a non-randomized, uncontrolled pilot; nobody was assigned at random; it was a chart review",
    "Continuation of the earlier study. Everyone received the cream base only and used it daily, in random order",
    "Data were followed up for 2 years in a registry versus a waiting-list control group: sham",
    "\u0130n the d\u0131fferent tr\u0131al \u017fham was g\u0131ven; \u212aids were randomly a\u017fsigned to placebo",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_find_mentions_and_extension_on_written_sentences(text):
    for start, end in ((0, len(text)), (1, len(text) - 1), (5, 40)):
        assert design.find_mentions(text, start, end) == _plain_mentions(text, start, end)
        assert design._is_extension(text, start, end) == (design._EXTENSION_RE.search(text, start, end) is not None)
    assert design.find_mentions(text, 0, len(text))  # each sentence names a design term


@settings(max_examples=300)
@given(TEXTS, WINDOWS)
def test_find_mentions_equal_the_plain_scan(text, ab):
    start, end = _window(text, ab)
    assert design.find_mentions(text, start, end) == _plain_mentions(text, start, end)


@pytest.mark.parametrize("text", [
    "Women made up 55% of the sample",
    "The sample was 48 % male",
    "men (n = 40; 52%) and women (48%)\nGirls 61%",
    "Of those enrolled, 37.5 per cent were female, and 12 PERCENT were boys",
    "In total, 65.25% were women",
    "MALES 51%",
    "x12% men and 40%",
    "Sixty percent",
])
def test_percentages_on_written_sentences(text):
    pct = population._PCT
    got = _all(matches_at(pct, text, population._pct_starts(text), 0, len(text)))
    assert got == _all(pct.finditer(text)) and got or "Sixty" in text


@pytest.mark.parametrize("text", [
    "Between January 2015 and June 2017, 120 adults were enrolled",
    "Patients were recruited from 2003 to 2009\nfrom Jan. 2015 - Mar 2016",
    "DURING 12 March 2014 to 3 April 2015 the trial ran for 6 weeks",
    "A total of twenty-four weeks; the 12-week trial lasted 3 months",
    "Over a period of 2 years",
])
def test_period_patterns_on_written_sentences(text):
    index = TextIndex(text)
    for rx in (period._RANGE, period._DURATION):
        got = _all(index.matches(rx, 0, len(text)))
        assert got == _all(rx.finditer(text))
    assert _all(index.matches(period._RANGE, 0, len(text))) or _all(index.matches(period._DURATION, 0, len(text)))


@pytest.mark.parametrize("text", ["P = 0.02 and p<0.001", "the p-value of 0.03", "Pain fell (p \u2264 .05)\nP values of 0.2",
                                  "top=3, CAP<2"])
def test_p_marks_on_written_sentences(text):
    assert _all(TextIndex(text).matches(statistics._P_MARK, 0, len(text))) == _all(statistics._P_MARK.finditer(text))


# -- sentences, abbreviations, study keys ------------------------------------------------------

SPLIT_PIECES = ["Dr.", "e.g.", "vs.", "J.", "Smith", ". ", "! ", "? ", ".\n", "\n", "\n\n", "\"", "\u201d", ")", "]",
                "Ten", "ten", "3", "\u2022", "(", "the", "from", "\t", "\u00a0", " ", "A", ".", "?", "!"]


@given(st.lists(st.sampled_from(SPLIT_PIECES), max_size=30).map("".join))
def test_sentence_boundaries_are_tried_at_the_stops(text):
    rx = sentences._BOUNDARY_RE
    assert _all(matches_at(rx, text, sentences._stops(text), 0, len(text))) == _all(rx.finditer(text))


@given(st.lists(st.sampled_from(["alternate day fasting", " (ADF)", "(", " ( QoL )", "quality of life", "(ab-2;", ")",
                                 "x", "\n", "Body Mass Index (BMI)", " "]), max_size=20).map("".join))
def test_abbreviation_parentheses_are_tried_at_each_parenthesis(text):
    rx = abbreviations._PARENTHESIS
    parens = [i for i, c in enumerate(text) if c == "("]
    assert _all(matches_at(rx, text, parens, 0, len(text))) == _all(rx.finditer(text))


WORDS = st.sampled_from(["Study", "one", "\u03a3", "\u03a3\u03a3", "\u0130stanbul", "x_y", "--", ", ", " ", "\n", "\u2014",
                         "\u02b0", "caf\u00e9", "12", "a" * 40, "\u00df", "\u0301", "ABC"])


@given(st.lists(WORDS, max_size=400).map("".join))
def test_opening_words_are_those_of_the_whole_normalised_text(text):
    for n in (1, 25):
        assert ids._opening_words(text, n) == ids._norm(text).split()[:n]


def test_study_key_of_a_long_description():
    text = ("An open-label study of ANY-2 in 40 adults. " * 60) + "\u03a3"
    assert ids.study_key(None, text) == ids._norm(" ".join(ids._norm(text).split()[:25]))

"""The one sentence splitter of the text layer, on wrapped text written for these tests."""
from pipeline.extract.counts import sentence_bounds
from pipeline.text.sentences import split


def _sentences(text):
    return [text[a:b] for a, b in split(text)]


def test_a_wrapped_line_may_go_on_with_a_number():
    text = "Visits were held over\n12 weeks in spring. A second clinic joined."
    assert _sentences(text) == ["Visits were held over\n12 weeks in spring.", "A second clinic joined."]


def test_a_numbered_list_item_starts_a_new_sentence():
    text = "The steps were\n1. rinse the wound\n2. apply the gel"
    assert len(_sentences(text)) == 3


def test_sentence_bounds_reads_the_splitter_s_sentence():
    text = "Cats slept. Records were kept from\nMay 2019 to June 2020 at two sites. Dogs barked."
    i = text.index("May")
    s, e = sentence_bounds(text, i, text.index("2020") + 4)
    assert text[s:e] == "Records were kept from\nMay 2019 to June 2020 at two sites."

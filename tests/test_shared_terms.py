"""One shared scan of an article for several vocabularies gives each the hits of its own find."""
from hypothesis import given
from hypothesis import strategies as st

from pipeline import vocab
from pipeline.text.index import article_finder

_WORDS = ["placebo", "aspirin", "Aspirin", "asthma", "type 2 diabetes", "diabetic", "HIV", "saline", "SSRI",
          "migraine", "ketamine", "usual care", "sham", "obese", "İ", "Σ", "-", ",", ".", "\n", "disorders", "CBT"]


def _same_as_find(text: str) -> None:
    for name, table in (("agents", "entry"), ("agents", "comparator"), ("conditions", "entry")):
        finder = article_finder(text, name, table)
        n = len(text)
        for s0, s1 in [(0, n), (0, n // 2), (n // 3, n), (min(1, n), max(min(1, n), n - 1))]:
            assert finder(s0, s1) == vocab.index(name, table).find(text, s0, s1), (name, table, s0, s1)


def test_a_written_article_reads_the_same():
    _same_as_find("Aspirin versus placebo in 40 adults with migraine and type 2 diabetes; usual care and a sham "
                  "device were the controls. Obese, diabetic adults with HIV took ketamine or saline.")


@given(st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join))
def test_any_article_reads_the_same(text):
    _same_as_find(text)

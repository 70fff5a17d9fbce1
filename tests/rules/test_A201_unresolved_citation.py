import pytest

from pipeline.validate.examples import check_text

RULE = "unresolved-citation"


@pytest.mark.parametrize("text", [
    "Lithium lowers suicide risk. 2 3\nIt needs blood tests. 3\n",
    "Several options exist at once: 1 2\n",
    "Lithium lowers suicide risk [2].\nIt needs blood tests.\n",
    "Lithium lowers suicide risk [2, 5].\n",
])
def test_fires(text):
    (f,) = check_text(RULE, text)
    assert f.study_ordinal is None and "no reference list" in f.message


@pytest.mark.parametrize("text", [
    "Lithium lowers suicide risk [2].\n\nReferences\n1. Roe A. Mood. J Aff 2011;3:4-9.\n2. Poe B. Salt. J Aff 2012;4:1-5.\n",
    "Lithium lowers suicide risk. 1 2\n\nSources\nRoe A. Mood stabilisers in practice. 2011.\n",
    "Lithium lowers suicide risk [1].\n\n[1] Roe A. Mood stabilisers in practice. J Aff 2011.\n",
    "The dose was 300 mg. Levels were checked weekly.\n",
    "Symptoms lasted at least 7 days. Relief came within 1 hour.\n",
    "Total enrolled: 96\n",
])
def test_does_not_fire(text):
    assert not check_text(RULE, text)

import pytest

from pipeline.validate.examples import check_text

RULE = "promotional-content"


@pytest.mark.parametrize("text", [
    "Try SerenityMax Gummies for just $24.99!",
    "Get 15% off with discount code CALM15 at checkout.",
    "Buy now and feel the difference.",
    "Our herbal blend is 20% off this week, only $9.50 a jar.",
])
def test_fires(text):
    (f,) = check_text(RULE, text)
    assert f.category == "content" and "product plug" in f.message


@pytest.mark.parametrize("text", [
    "Each infusion costs about $450, and insurers rarely pay.",
    "The company plans to sell the device for $1,200 in order to recover costs.",
    "Try to keep a regular bedtime.",
    "Prices fell 10% after the generic arrived.",
])
def test_does_not_fire(text):
    assert not check_text(RULE, text)

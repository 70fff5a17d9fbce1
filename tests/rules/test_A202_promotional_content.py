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


@pytest.mark.parametrize("text", [
    # the page's own advert, naming nothing the article is about
    "Ten adults took the drops.\n\nTry Daily Ledger for only $3 per week\n\nSleep improved in six of them.",
    # 'at checkout' without a price or code is a place, not a sales line
    "Children who once shouted at checkout could wait calmly in the queue after the course.",
])
def test_not_a_plug_of_the_article(text):
    assert not check_text(RULE, text)


def test_a_product_the_article_is_about_with_a_price_is_a_plug():
    text = "Ten adults with insomnia took Dreamleaf drops every night for a month.\n\nTry Dreamleaf for only $3 per week\n\nSleep improved in six of them."
    (f,) = check_text(RULE, text)
    assert "$3" in f.message

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.validate.examples import check_text
from pipeline.validate.rules.percent_count_mismatch import fits

RULE = "percent-count-mismatch"


@pytest.mark.parametrize("text", [
    "In all, 18 of 20 (95%) reported relief.",
    "Remission: 18 of 24 patients (80%).",
    "Remission was reached by 80% (18/24).",
    "Responders: 9 (60.0%) of 20.",
    "Only 71% of 18 patients finished.",
    "Response: 14/17 (75%).",
])
def test_fires(text):
    (f,) = check_text(RULE, text)
    assert f.severity == "warning" and "%" in f.message


@pytest.mark.parametrize("text", [
    "In all, 14 of 17 (82%) reported relief.",
    "Responders: 15 of 23 (65%).",
    "Remission: 12 of the 18 completers (66.7%).",
    "Remission: 6/8 (75%).",
    "Side effects: 5 of 16 (31%).",
    "About 71% of 18 patients finished.",
    "Nine out of 10 users (86%) liked it.",
    "Relief in 0 of 27 (95% CI 0 to 12).",
    "Roughly 66.7% of 18 patients finished.",
])
def test_does_not_fire(text):
    assert not check_text(RULE, text)


def test_truncation_is_tolerated():
    assert fits(2, 3, "66")  # 66.67 truncated
    assert fits(2, 3, "67")  # rounded
    assert not fits(2, 3, "68")
    assert fits(1, 3, "33.3") and not fits(1, 3, "33.5")


@given(y=st.integers(1, 999).filter(lambda y: y not in (10, 100)), data=st.data())
def test_property_rounded_percent_never_fires(y, data):
    x = data.draw(st.integers(0, y))
    p = round(100 * x / y)
    assert not check_text(RULE, f"Overall, {x} of {y} patients ({p}%) improved.")


@given(y=st.integers(5, 999).filter(lambda y: y not in (10, 100)), data=st.data())
def test_property_percent_off_by_two_points_always_fires(y, data):
    x = data.draw(st.integers(0, y))
    p = round(100 * x / y) + data.draw(st.sampled_from([-3, -2, 2, 3]))
    if not 0 <= p <= 100:
        return
    assert len(check_text(RULE, f"Overall, {x} of {y} patients ({p}%) improved.")) == 1


@pytest.mark.parametrize("x, y, p", [
    (13, 17, "77"),      # 76.47 -> 76.5 -> 77
    (31, 53, "59"),      # 58.491 -> 58.49 -> 58.5 -> 59
    (10, 81, "12.4"),    # 12.3457 -> 12.35 -> 12.4
    (1, 8, "12"),        # 12.5 rounded half to even
])
def test_double_rounding_and_half_even_are_accepted(x, y, p):
    assert fits(x, y, p)
    assert not check_text(RULE, f"Overall, {x} of {y} patients ({p}%) improved.")


def test_news_whole_percentages_get_a_point_more():
    from pipeline.models import ArticleFacts
    from pipeline.validate.engine import run_rules
    from pipeline.validate.examples import article_of, study_from
    from pipeline.validate.registry import lookup

    text = "Overall, 18 of 24 patients (76%) improved."   # 75%: a point off, tolerated in news only
    for kind, fires in (("news", False), ("abstract", True)):
        article = article_of(text).model_copy(update={"kind": kind})
        facts = ArticleFacts(source_id=article.source_id, studies=[study_from(text, {})])
        assert bool(run_rules(article, facts, [lookup(RULE)])) is fires
    assert fits(18, 24, "76", slack=1.0) and not fits(18, 24, "77", slack=1.0)


@pytest.mark.parametrize("text, fires", [
    ("We enrolled 24 patients. Headache was reported by 30% of the patients.", True),
    ("We enrolled 24 patients. Headache was reported by 29% of the patients.", False),
    ("We enrolled 24 patients. Headache was reported by 30% of the patients who took the high dose.", False),
    ("We enrolled 24 patients; 21 patients finished. Headache was reported by 30% of the patients.", False),
    ("We enrolled 24 patients. Headache was reported by 30% of the women.", False),       # another noun
    ("In 2010, 24 patients were seen. Weight decreased by 30% in the patients.", False),
])
def test_percent_of_the_patients_only_with_an_unambiguous_antecedent(text, fires):
    assert bool(check_text(RULE, text, sample_size=24)) is fires


def test_percent_of_the_patients_message_shows_the_arithmetic():
    (f,) = check_text(RULE, "We enrolled 24 patients. Headache was reported by 30% of the patients.", sample_size=24)
    assert f.message == ("30% of the 24 patients is 7.2: no whole number of 24 gives 30% "
                         "(7/24 = 29.2%, 8/24 = 33.3%)")


def test_percent_of_the_patients_needs_the_study_total():
    # The antecedent is a subgroup, not the study's 60 participants.
    assert not check_text(RULE, "We enrolled 24 patients. Headache was reported by 30% of the patients.",
                          sample_size=60)


@pytest.mark.parametrize("text, message", [
    ("The placebo group (n = 18) fared worse: 40% of the placebo group relapsed.",
     "40% of the placebo group (n = 18) is 7.2: no whole number of 18 gives 40% (7/18 = 38.9%, 8/18 = 44.4%)"),
])
def test_percent_of_an_arm_against_its_size(text, message):
    (f,) = check_text(RULE, text)
    assert f.message == message


@pytest.mark.parametrize("text", [
    "The placebo group (n = 18) fared worse: 39% of the placebo group relapsed.",
    "The placebo group (n = 18) fared worse; weight decreased by 40% in the placebo group.",
    "The placebo group (n = 18) fared worse. Relapse struck 40% of the drug group.",         # no size for it
])
def test_percent_of_an_arm_does_not_fire(text):
    assert not check_text(RULE, text)


@given(y=st.integers(1, 999).filter(lambda y: y not in (10, 100)), data=st.data())
def test_property_double_rounded_percent_never_fires(y, data):
    from decimal import ROUND_HALF_UP, Decimal

    x = data.draw(st.integers(0, y))
    true = Decimal(100 * x) / Decimal(y)
    once = true.quantize(Decimal("0.1"), ROUND_HALF_UP).quantize(Decimal("1"), ROUND_HALF_UP)
    assert not check_text(RULE, f"Overall, {x} of {y} patients ({once}%) improved.")

"""The statistics extractor: each notation parsed into the right numbers, with spans quoting them."""
import pytest

from pipeline.extract import extract_text
from pipeline.extract.statistics import statistics_in, to_float
from pipeline.models.stats import EffectEstimate, MeanValue, PercentOfCount, PercentOfGroup
from pipeline.models.stats import TestStatistic as StatTest


def stats(text, kind=None):
    found = statistics_in(text, 0, len(text))
    for st in found:  # every span quotes the text
        assert text[st.span.char_start:st.span.char_end] == st.span.quote
    return [s for s in found if kind is None or isinstance(s, kind)]


def quotes(est):
    return (est.measure.value, est.estimate.span.quote, est.ci_low.span.quote if est.ci_low else None,
            est.ci_high.span.quote if est.ci_high else None, est.p.comparator if est.p else None,
            est.p.value.span.quote if est.p else None, est.ci_level.value if est.ci_level else None)


@pytest.mark.parametrize("text, expected", [
    ("Death was less frequent (HR 0.64 (95% CI 0.51-0.80; p<0.001)).",
     ("HR", "0.64", "0.51", "0.80", "<", "0.001", 95.0)),
    ("Admission was likelier (OR = 2.3, 95% CI: 1.4 to 3.9, P = .002).",
     ("OR", "2.3", "1.4", "3.9", "=", ".002", 95.0)),
    ("The hazard ratio [HR] was 0·81, 95% CI 0·70–0·94; p=0·006.",
     ("HR", "0·81", "0·70", "0·94", "=", "0·006", 95.0)),
    ("Weight fell more (mean difference −1.9 kg, 95% CI −3.1 to −0.7; P<.05).",
     ("MD", "−1.9", "−3.1", "−0.7", "<", ".05", 95.0)),
    ("Its relative risk of 1.25 (90% confidence interval 1.02 to 1.53) came with a p-value of 0.04.",
     ("RR", "1.25", "1.02", "1.53", "=", "0.04", 90.0)),
    ("Falls: aOR 0.55 [0.38, 0.79], p = 0.001.", ("OR", "0.55", "0.38", "0.79", "=", "0.001", None)),
    ("Infections rose (IRR 1.4; 95% CI, 1.1-1.8).", ("IRR", "1.4", "1.1", "1.8", None, None, 95.0)),
    ("The standardised mean difference was 0.42 (95% CI 0.10 to 0.74).",
     ("SMD", "0.42", "0.10", "0.74", None, None, 95.0)),
    ("The risk difference was 8% (95% CI 2%–14%), p = 0.01.", ("RD", "8", "2", "14", "=", "0.01", 95.0)),
    ("Relapse: HR 0.50 (99% CI 0.30-0.83), P = 0.0004.", ("HR", "0.50", "0.30", "0.83", "=", "0.0004", 99.0)),
    ("Remission (OR 2.0, CI95% 1.2-3.3, p ≤ 0.01).", ("OR", "2.0", "1.2", "3.3", "<=", "0.01", 95.0)),
])
def test_effect_estimates(text, expected):
    (est,) = stats(text, EffectEstimate)
    assert quotes(est) == expected


def test_estimate_values_and_spans():
    text = "Mortality was lower (HR 0·72, 95% CI 0·60–0·86; p = 2 × 10−5)."
    (est,) = stats(text, EffectEstimate)
    assert (est.estimate.value, est.ci_low.value, est.ci_high.value) == (0.72, 0.60, 0.86)
    assert est.p.value.value == pytest.approx(2e-5) and est.p.span.quote == "p = 2 × 10−5"
    assert est.span.quote == "HR 0·72, 95% CI 0·60–0·86; p = 2 × 10−5"


def test_level_declared_elsewhere_is_used_with_its_span():
    text = "Odds ratios are given with 95% CI. Smokers fared worse: OR 1.9 (1.2-3.0), p = 0.006."
    (est,) = stats(text, EffectEstimate)
    assert est.ci_level.value == 95.0 and est.ci_level.span.char_start == text.index("95")


@pytest.mark.parametrize("text", [
    "The heart rate (HR) was 72 (65-80) beats per minute, p = 0.2.",          # a rate, not a ratio
    "At rest, HR 72 (65-80) beats per minute, p = 0.2.",
    "The relative risk reduction was 28% (95% CI 14-40).",                    # not a relative risk
    "Results are given as OR (95% CI) and p-values in table 2.",              # a heading, no numbers
    "Interaction: HR 0.8, 95% CI 0.6-1.1; p for interaction = 0.03.",         # a p of another test
])
def test_not_estimates_or_not_their_p(text):
    found = stats(text, EffectEstimate)
    assert all(e.p is None for e in found)
    assert not any(e.estimate.value in (72.0, 28.0) for e in found)


def test_one_sided_p_is_not_attached_to_a_two_sided_interval():
    (est,) = stats("PFS improved (HR 0.45; 95% CI 0.15-1.30; one-sided P = 0.03).", EffectEstimate)
    assert est.p is None


def test_confidence_level_is_never_read_as_the_estimate():
    assert not stats("Death was likelier (relative risk, 95% CI 3.20, 1.10-9.30, p = 0.03).", EffectEstimate)


@pytest.mark.parametrize("text, value", [
    ("Fewer relapses (HR 0.70, 95% CI 0.55-0.89), a significant reduction.", None),
    ("The drug significantly reduced relapse (HR 0.70, 95% CI 0.55-0.89).", True),
    ("The drug did not significantly reduce relapse (HR 0.90, 95% CI 0.75-1.08).", False),
    ("Relapse fell with no statistically significant difference (HR 0.90, 95% CI 0.75-1.08).", False),
    ("Relapse fell (HR 0.90, 95% CI 0.75-1.08), which was not significant.", False),
    ("Relapse fell significantly; death did not change (HR 0.90, 95% CI 0.75-1.08).", None),
    ("A marginally significant change (HR 0.90, 95% CI 0.80-1.01) was seen.", None),
])
def test_significance_words_next_to_the_estimate(text, value):
    (est,) = stats(text, EffectEstimate)
    assert (est.significance.value if est.significance else None) is value


@pytest.mark.parametrize("text, test, df1, df2, value, cmp, p", [
    ("Scores improved, t(48) = 2.31, p = .025.", "t", 48, None, 2.31, "=", 0.025),
    ("An effect of dose, F(2, 97) = 4.12, p = .02.", "F", 2, 97, 4.12, "=", 0.02),
    ("Response differed (χ2(1) = 6.3, p = .012).", "chi2", 1, None, 6.3, "=", 0.012),
    ("Response differed (χ²(2, N = 120) = 9.1; P < .05).", "chi2", 2, None, 9.1, "<", 0.05),
    ("Response differed (chi-square = 5.2, df = 1, p = 0.02).", "chi2", 1, None, 5.2, "=", 0.02),
    ("Ranks differed, z = −2.1, p = .04.", "z", None, None, -2.1, "=", 0.04),
    ("Sphericity was corrected, F(1.4, 33.6) = 5.02, p = .02.", "F", 1.4, 33.6, 5.02, "=", 0.02),
    ("Change was larger (t = 3.1, df = 20, P = 0.006).", "t", 20, None, 3.1, "=", 0.006),
])
def test_test_statistics(text, test, df1, df2, value, cmp, p):
    (st,) = stats(text, StatTest)
    assert (st.test, st.df1 and st.df1.value, st.df2 and st.df2.value, st.value.value) == (test, df1, df2, value)
    assert (st.p.comparator, st.p.value.value) == (cmp, p)
    assert text[st.value.span.char_start:st.value.span.char_end] == st.value.span.quote


@pytest.mark.parametrize("text", [
    "At t = 0 the infusion started, p = 0.3 overall.",          # time, no degrees of freedom
    "F(1, 30) = 3,418, p = 0.07 in the first model.",           # a decimal comma: not read
    "Row 3: F(2,14)=2.61 p <0.001 0.52(0.11)",                   # a table: the p is another column's
])
def test_not_test_statistics_with_p(text):
    assert all(st.p is None for st in stats(text, StatTest))


def test_one_sided_test_is_marked():
    (st,) = stats("With a one-tailed test, t(30) = 1.80, p = .041.", StatTest)
    assert st.one_sided


@pytest.mark.parametrize("text, mean, sd, n, item", [
    ("The mean number of falls was 1.47 (SD 0.9; n = 19).", 1.47, 0.9, 19, "number of falls"),
    ("The mean number of visits was 2.35 ± 1.1 in the 20 patients.", 2.35, 1.1, 20, "number of visits"),
    ("The mean single-item rating was 3.45 (n = 21).", 3.45, None, 21, "single-item rating"),
    ("The mean number of cigarettes per day was 12.35 (n = 19).", 12.35, None, 19, None),
])
def test_means(text, mean, sd, n, item):
    (mv,) = stats(text, MeanValue)
    assert (mv.mean.value, mv.sd and mv.sd.value, mv.n and mv.n.value) == (mean, sd, n)
    assert (mv.integer_item.value if mv.integer_item else None) == item


def test_percent_with_counts():
    text = "Response: 18 of 24 patients (75%), and 80% (12/15) in the other arm."
    found = stats(text, PercentOfCount)
    assert [(p.count.value, p.total.value, p.percent.value) for p in found] == [(18, 24, 75.0), (12, 15, 80.0)]


def test_percent_of_the_patients_finds_its_antecedent():
    text = "We treated 24 patients. Nausea affected 30% of the patients."
    (pg,) = stats(text, PercentOfGroup)
    assert (pg.percent.value, pg.total.value, pg.group.value) == (30.0, 24, "patients")
    assert pg.total.span.char_start == 11


@pytest.mark.parametrize("text", [
    "We treated 24 patients. Nausea affected 30% of the patients who took the higher dose.",
    "We treated 24 patients; 20 women finished. In all, 30% of the patients relapsed.",   # 20 women between
    "We treated 24 patients. Weight decreased by 3% in the placebo group.",
    "Nausea affected 30% of the patients.",                                                # no antecedent
])
def test_percent_of_a_group_without_unambiguous_antecedent(text):
    assert not [p for p in stats(text, PercentOfGroup) if p.group is not None and p.total.value == 24]


def test_percent_of_an_arm():
    text = "The placebo group (n = 18) did worse. Relapse struck 40% of the placebo group."
    (pg,) = stats(text, PercentOfGroup)
    assert (pg.total.value, pg.group.value, pg.group.rule) == (18, "placebo", "statistics/percent-of-arm")


def test_numbers_as_written():
    assert to_float("0·79") == 0.79 and to_float("−2.1") == -2.1 and to_float(".004") == 0.004
    assert to_float("2 × 10−5") == pytest.approx(2e-5) and to_float("3e-6") == pytest.approx(3e-6)


def test_extract_text_fills_statistics_and_span_checks_cover_them():
    text = "In a randomized trial of 120 adults, relapse was rarer (HR 0.60, 95% CI 0.42-0.86; p = 0.005)."
    facts = extract_text("x", text)
    (study,) = facts.studies
    assert [type(s) for s in study.statistics] == [EffectEstimate]
    paths = [path for _, path, _ in facts.iter_facts() if path.startswith("statistics")]
    assert paths == ["statistics[0].measure", "statistics[0].estimate", "statistics[0].ci_level",
                     "statistics[0].ci_low", "statistics[0].ci_high", "statistics[0].p.value"]

"""Population: men/women counts, percentages kept as percentages, single-sex samples, age."""
import pytest

from pipeline.extract import population, sample
from pipeline.extract.segment import Segment
from pipeline.models import Span, StudyFacts


def run(text: str) -> StudyFacts:
    seg = Segment(span=Span.of(text, 0, len(text)))
    study = StudyFacts(ordinal=1, span=seg.span)
    sample.fill(text, seg, study)
    population.fill(text, seg, study)
    return study


def counts(study):
    return (study.n_male and study.n_male.value, study.n_female and study.n_female.value)


@pytest.mark.parametrize("text, expected", [
    ("We recruited 40 adults (Twelve men and 28 women).", (12, 28)),
    ("Of 90 patients, 51 women and 39 men took part.", (39, 51)),
    ("Forty-one were men and nineteen were women.", (41, 19)),
    ("The 60 volunteers included 22 males, 38 females.", (22, 38)),
])
def test_sex_split(text, expected):
    assert counts(run(text)) == expected


def test_a_percentage_of_the_sample_gives_the_count_it_gives_exactly():
    study = run("We enrolled 200 adults; 56% were women.")
    assert study.pct_female.value == 56.0
    assert counts(study) == (None, 112)
    # 33% of 40 is 13.2: a rounded share states no count
    assert counts(run("We enrolled 40 adults; 33% were men.")) == (None, None)
    assert counts(run("We enrolled 40 adults; 35% were men.")) == (14, None)


def test_a_share_and_the_rest():
    assert counts(run("The trial randomized 120 adults. Two-thirds were women and the rest were men.")) == (40, 80)
    assert counts(run("Of 80 patients enrolled, 62.5% were men and the remaining were women.")) == (50, 30)


def test_single_sex_sample():
    assert counts(run("The trial randomized 88 pregnant women to yoga or rest.")) == (0, 88)
    assert counts(run("We studied 35 boys with asthma.")) == (35, 0)


def test_participants_named_by_one_sex_without_a_count():
    assert counts(run("Women who were due to give birth by caesarean section were randomized to two groups.")) == (0, None)


def test_women_used_generally_is_not_a_count():
    study = run("Depression affects many women. The study enrolled 120 adults.")
    assert counts(study) == (None, None)
    assert counts(run("Researchers enrolled 70 men and women with gout.")) == (None, None)


@pytest.mark.parametrize("text, age", [
    ("Adults aged 18 to 65 years were eligible.", "aged 18 to 65 years"),
    ("Patients (mean age 54.2 ± 8.1 years) took part.", "mean age 54.2 ± 8.1 years"),
    ("Residents 75 or older were invited.", "75 or older"),
])
def test_age(text, age):
    assert run(text).age.value == age


def test_sex_named_in_the_sample_and_in_words():
    assert counts(run("Sixteen healthy male volunteers took part.")) == (16, 0)
    assert run("Women made up 62% of the sample of 80 adults.").pct_female.value == 62.0
    assert run("Most participants were women (70%).").pct_female.value == 70.0


def test_a_group_counted_within_a_one_sex_sample_is_not_its_split():
    text = ("Healthy female students were enrolled; in total 210 participants were enrolled. "
            "Among 40 women who smoked, 12 reported headaches.")
    assert counts(run(text)) == (0, 210)


def _sexes(text):
    from pipeline.extract import extract_text
    (study,) = extract_text("t", "Title\n\n" + text).studies
    v = lambda f: None if f is None else f.value  # noqa: E731
    return v(study.sample_size), v(study.n_male), v(study.n_female)


@pytest.mark.parametrize("text, expected", [
    ("In a pilot study, 44 volunteers took part, 19 of them men.", (44, 19, None)),
    ("The trial enrolled 72 adults with eczema, of whom 50 were female.", (72, None, 50)),
    ("Of the 400 people in the study, 25 percent were women.", (400, None, 100)),
])
def test_part_of_the_group_by_sex(text, expected):
    assert _sexes(text) == expected


def test_an_approximate_share_states_no_count():
    assert counts(run("We enrolled 200 adults; about 56% were women.")) == (None, None)
    assert counts(run("We enrolled 200 adults; nearly 56% were women.")) == (None, None)

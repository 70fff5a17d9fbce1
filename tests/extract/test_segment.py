"""Study detection: headings of any style, introductions in running prose, coreference, and
the things that are not studies (vague mentions, summary tables, boxes, reference lists)."""
from pipeline.extract.segment import Segment, find_studies

MULTI = """Omega-3 and Mood: Three Trials

Fish oil is widely sold. Surveys say 19 million adults take it, and reviews remain mixed.

At a glance

Trial | n | Design
Leeds | 80 | randomised, double-blind
Oslo | 36 | open-label

Trial A: Leeds outpatients

Eighty outpatients with low mood were randomised to fish oil or olive oil capsules for
twelve weeks in this double-blind trial.

Trial B: Oslo pilot

In an open-label pilot, 36 students took fish oil for eight weeks. There was no control group.

Trial C: Lyon

A further study followed 52 volunteers who were randomly assigned to two doses.

What the reviews say

A 2020 meta-analysis pooled eleven trials and found a small effect.

References
[1] Someone A. Fish oil. J Mood. 2019;3:1-9.
"""


def _quotes(text: str) -> list[str]:
    return [" ".join(s.span.quote.split()) for s in find_studies(text)]


def test_each_heading_section_is_one_study_and_tables_are_not():
    segs = find_studies(MULTI)
    assert [s.label for s in segs] == ["Trial A: Leeds outpatients", "Trial B: Oslo pilot", "Trial C: Lyon",
                                       "What the reviews say"]
    for a, b in zip(segs, segs[1:]):
        assert a.span.char_end <= b.span.char_start
    assert "Eighty outpatients" in segs[0].span.quote
    assert all("Leeds | 80" not in s.span.quote for s in segs)
    # A meta-analysis with its own count of trials is a study (GUIDELINES); the reference list is not.
    assert segs[-1].span.quote.endswith("A 2020 meta-analysis pooled eleven trials and found a small effect.")


def test_numbered_and_roman_headings():
    text = ("Sleep aids compared\n\nI. Valerian\n\nIn a randomized trial, 60 adults took valerian.\n\n"
            "II. Chamomile\n\nForty-two women drank chamomile tea or a placebo tea.\n\n"
            "III. Lavender\n\nThis crossover study enrolled 18 patients.\n\nSummary\n\nAsk your doctor.\n")
    segs = find_studies(text)
    assert [s.label for s in segs] == ["I. Valerian", "II. Chamomile", "III. Lavender"]
    assert [s.kind for s in segs] == ["section"] * 3
    assert "Ask your doctor" not in segs[-1].span.quote


def test_numbered_headings_that_read_like_sentences():
    text = ("Four points\n\n1. The cream is popular.\n\nMany people buy it.\n\n"
            "2. A trial found it helps a little.\n\nIn this trial, 40 adults used the cream or a placebo cream.\n\n"
            "3. Children were studied too.\n\nA pilot gave it to 12 children for a week.\n")
    assert _quotes(text) == ["2. A trial found it helps a little. In this trial, 40 adults used the cream or a placebo "
                             "cream.", "3. Children were studied too. A pilot gave it to 12 children for a week."]


def test_single_abstract_is_one_study_from_its_title():
    text = ("Yoga for back pain: a randomised trial\n\nBACKGROUND: Back pain is common.\n\n"
            "METHODS: We randomised 120 adults to yoga or usual care.\n\nRESULTS: Pain fell more with yoga.\n")
    segs = find_studies(text)
    assert len(segs) == 1 and segs[0].kind == "abstract"
    assert segs[0].span.char_start == 0 and "120 adults" in segs[0].span.quote


def test_earlier_analysis_in_an_abstract_background_is_its_own_study():
    text = ("Safety of drug X: an updated analysis\n\nBACKGROUND: A previous pooled analysis of 6 trials with 2,100 "
            "patients found no safety signal. We updated it.\n\nMETHODS: The present analysis included 3,900 patients "
            "from 11 trials.\n\nRESULTS: Event rates were similar.\n")
    earlier, own = find_studies(text)
    assert earlier.span.quote.startswith("A previous pooled analysis of 6 trials") and "3,900" not in earlier.span.quote
    assert own.span.quote.startswith("METHODS: The present analysis") or "3,900 patients" in own.span.quote
    # The title belongs to the abstract's own study, beyond its main span.
    assert [e.quote for e in own.extra][:1] == ["Safety of drug X: an updated analysis"]


def test_news_story_is_one_study():
    text = ("Walking helps knees\n\nBy A Reporter\n\nA brisk daily walk may ease knee pain, a new study suggests.\n\n"
            "The researchers followed 310 people with arthritis for a year.\n\n\"It is simple,\" said the author.\n")
    segs = find_studies(text)
    assert len(segs) == 1 and "310 people" in segs[0].span.quote
    assert segs[0].span.quote.startswith("A brisk daily walk")


def test_vague_mentions_are_not_studies():
    text = ("Is coffee good for you?\n\nStudies show coffee drinkers live longer, and research suggests it may "
            "protect the liver. Some 60 million Americans drink it daily.\n\nEnjoy it in moderation.\n")
    assert find_studies(text) == []


def test_empty_and_odd_text():
    assert find_studies("") == []
    assert find_studies("\n\n  \n") == []
    assert find_studies("(" * 5000 + "1," * 5000) == []


def test_sub_headings_stay_inside_their_study():
    text = ("Two trials of tai chi\n\nStudy 1: Balance\n\nWe randomized 80 older adults.\n\nWhat they found\n\n"
            "Falls dropped by a third.\n\nStudy 2: Mood\n\nIn this pilot, 24 students practised weekly.\n\nResults\n\n"
            "Mood improved.\n\nHow to start\n\nFind a class near you.\n")
    segs = find_studies(text)
    assert len(segs) == 2
    assert "Falls dropped" in segs[0].span.quote and "Mood improved" in segs[1].span.quote
    assert "Find a class" not in segs[1].span.quote


def test_bold_markdown_headings_name_studies():
    text = ("**Zinc and colds**\n\nZinc is popular.\n\n**The Madrid trial**\n\nWe randomised 90 adults with colds.\n\n"
            "**The Lima trial**\n\nIn a pilot, 30 children took zinc syrup or a dummy syrup.\n\n**Bottom line**\n\nAsk first.\n")
    assert [s.label for s in find_studies(text)] == ["The Madrid trial", "The Lima trial"]


def test_a_study_can_start_mid_paragraph():
    text = ("Garlic and colds\n\nIn a randomized trial, 146 adults took garlic capsules or placebo capsules all "
            "winter. Colds were fewer with garlic. A separate study gave aged garlic extract to 120 nurses for "
            "three months, and their colds were milder.\n")
    first, second = find_studies(text)
    assert first.span.quote.endswith("Colds were fewer with garlic.")
    assert second.span.quote.startswith("A separate study gave aged garlic extract to 120 nurses")
    assert second.kind == "prose"


def test_contrasting_mention_without_details_opens_no_study():
    text = ("Honey for coughs\n\nIn a trial of 105 children with a cough, honey at bedtime eased coughing more than "
            "no treatment. Another study is under way. Other studies have shown similar effects in adults.\n")
    segs = find_studies(text)
    assert len(segs) == 1
    assert "Other studies" not in segs[0].span.quote


def test_coreference_keeps_sentences_with_their_study():
    text = ("Iron for tiredness\n\nA trial enrolled 144 women with low ferritin. The researchers gave them iron "
            "or placebo for 12 weeks. In that study, fatigue scores improved with iron. The same patients were "
            "asked again at six months, and the benefit had faded.\n\nIron tablets can upset the stomach.\n")
    (seg,) = find_studies(text)
    assert seg.span.quote.endswith("the benefit had faded.")


def test_open_label_extension_of_the_same_patients_is_the_same_study():
    text = ("Drug Y for gout\n\nThe trial randomized 200 adults with gout to drug Y or placebo for six months. After "
            "the double-blind phase, the same patients entered an open-label extension and all took drug Y for a "
            "year. Flares stayed rare during the extension.\n")
    assert len(find_studies(text)) == 1


def test_a_count_the_open_study_already_has_is_not_a_new_study():
    text = ("Vitamin C and colds\n\nA new study suggests vitamin C shortens colds. The trial enrolled 300 adults. "
            "The findings come from a study of 300 adults in Finland who took 1 g a day.\n")
    assert len(find_studies(text)) == 1


def test_a_bare_introduction_with_another_count_is_a_new_study():
    text = ("Acupressure bands\n\nIn a randomized trial, 88 pregnant women wore wrist bands or dummy bands, and "
            "nausea eased more with the real bands.\n\nIn a randomized trial at a cancer centre, 500 patients "
            "wore the bands during chemotherapy, with no clear effect.\n")
    assert len(find_studies(text)) == 2


def test_general_text_between_studies_belongs_to_neither():
    text = ("Saunas\n\nIn a Finnish study, 2,300 men were followed for 20 years, and frequent sauna users had fewer "
            "heart attacks.\n\nSaunas have been part of Finnish life for centuries, and most homes have one.\n\n"
            "A second study, in 40 adults with high blood pressure, found that one session lowered pressure for "
            "an hour.\n")
    first, second = find_studies(text)
    assert "part of Finnish life" not in first.span.quote + second.span.quote


def test_named_trials_and_returns_to_them():
    text = ("Two trials of a blood thinner\n\nTwo trials were presented this week.\n\nThe first trial, called "
            "ALPHA, randomized 900 patients to the drug or to aspirin.\n\nThe second trial, called BETA, enrolled "
            "450 patients after a stroke.\n\nIn ALPHA, bleeding was more common with the drug.\n")
    alpha, beta = find_studies(text)
    assert "ALPHA, randomized 900" in alpha.span.quote and "BETA" not in alpha.span.quote
    assert [e.quote for e in alpha.extra] == ["In ALPHA, bleeding was more common with the drug."]
    assert "bleeding" not in beta.span.quote


def test_about_box_and_references_are_not_studies():
    text = ("Study finds X helps\n\nThe trial included 210 adults randomly assigned to X or placebo.\n\n"
            "About the study\n\nThe randomized trial of 210 adults was run at two sites.\n\nReferences\n\n"
            "1. Author A. A randomized trial of X in 400 adults. J Med. 2020;1:1-5.\n")
    (seg,) = find_studies(text)
    # The box restates the story's study, so it belongs to it; the reference list belongs to none.
    assert seg.span.quote.endswith("was run at two sites.")


def test_segment_fields_and_defaults():
    (seg,) = find_studies("A trial of 50 adults tested a cream.\n")
    assert isinstance(seg, Segment) and seg.extra == () and seg.heading is None and seg.label is None


def test_an_aside_keeps_only_its_own_sentences_and_the_story_returns():
    text = ("Coffee and gout\n\nMen who drank four cups of coffee a day had less gout, a new study finds. The "
            "researchers followed 45,000 men for 12 years.\n\nA previous study of 14,000 adults found lower uric "
            "acid in coffee drinkers.\n\nThe new study also found no effect of tea.\n")
    story, aside = find_studies(text)
    assert aside.span.quote == "A previous study of 14,000 adults found lower uric acid in coffee drinkers."
    assert [e.quote for e in story.extra] == ["The new study also found no effect of tea."]
    assert [p.char_start for p in story.pieces] == sorted(p.char_start for p in story.pieces)


def test_an_ordinal_mentioned_again_returns_to_its_study():
    text = ("Three trials of drug Z\n\nThe first trial randomized 300 adults. In the third trial, 120 children took "
            "drug Z or placebo for a month.\n\nIn the third trial, side effects were rare.\n")
    first, third = find_studies(text)
    assert "side effects were rare" not in first.span.quote
    assert third.span.quote.endswith("In the third trial, side effects were rare.")


def test_naming_the_open_study_is_no_new_study():
    text = ("Pill prevents infection\n\nA daily pill cut infections by 60%, according to a new study. The study, called "
            "SHIELD, followed 1,200 adults in Kenya.\n")
    assert len(find_studies(text)) == 1


def test_a_trial_said_not_to_exist_is_no_study():
    text = ("Ketamine and mood\n\nKetamine has not been tested in a large clinical trial for this use.\n\nIn the new "
            "study, researchers followed 4,100 patients who took it for pain.\n")
    (seg,) = find_studies(text)
    assert seg.span.quote.startswith("In the new study")


def test_segmentation_uses_the_shared_splitter_after_a_possessive():
    # "Alzheimer's." ends a sentence (the old splitter of segmentation read the "s" as an initial).
    text = ("Memory drug slows decline\n\nA 2021 trial of 120 adults with mild dementia tested the drug. Those "
            "taking it declined more slowly than those on placebo, which matters for people with Alzheimer's. In a "
            "separate, earlier study of 40 nurses, researchers found no effect on sleep.\n")
    quotes = [text[s.span.char_start:s.span.char_end] for s in find_studies(text)]
    assert quotes == [
        "A 2021 trial of 120 adults with mild dementia tested the drug. Those taking it declined more slowly than "
        "those on placebo, which matters for people with Alzheimer's.",
        "In a separate, earlier study of 40 nurses, researchers found no effect on sleep.",
    ]


def test_people_given_something_open_a_study_without_a_study_noun():
    text = ("Night-time reading lamps\n\nThirty-two students with poor sleep used the amber lamp every evening "
            "for a month. They fell asleep 20 minutes sooner.\n")
    (seg,) = find_studies(text)
    assert seg.span.char_start == text.index("Thirty-two")


def test_a_population_figure_opens_no_study():
    text = "Lamps and sleep\n\nMillions of people use a lamp at night. Blue light may delay sleep.\n"
    assert find_studies(text) == []


def test_a_year_dated_study_under_its_own_heading_keeps_its_whole_section():
    text = ("Zinc for Colds: The Evidence\n\nReaders often ask about zinc.\n\nThe first trial\n\n"
            "Researchers gave 80 adults with a fresh cold zinc lozenges or placebo lozenges. Colds were shorter "
            "with zinc.\n\nA second trial\n\nA 2016 trial from Finland randomly assigned 90 adults to zinc "
            "acetate or placebo. Of the 90, 84 finished. Taste changes were common.\n\nOur view\n\n"
            "Zinc may help a little.")
    studies = find_studies(text)
    assert len(studies) == 2
    second = text[studies[1].span.char_start:studies[1].span.char_end]
    assert second.rstrip().endswith("Taste changes were common.")  # not only the year-dated sentence

"""Study detection: headed multi-study articles, single stories, and things that are not studies."""
from pipeline.extract.segment import find_studies

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


def test_each_heading_section_is_one_study_and_tables_are_not():
    segs = find_studies(MULTI)
    assert [s.label for s in segs] == ["Trial A: Leeds outpatients", "Trial B: Oslo pilot", "Trial C: Lyon"]
    for a, b in zip(segs, segs[1:]):
        assert a.span.char_end <= b.span.char_start
    assert "Eighty outpatients" in segs[0].span.quote
    assert "meta-analysis" not in segs[-1].span.quote


def test_numbered_and_roman_headings():
    text = ("Sleep aids compared\n\nI. Valerian\n\nIn a randomized trial, 60 adults took valerian.\n\n"
            "II. Chamomile\n\nForty-two women drank chamomile tea or a placebo tea.\n\n"
            "III. Lavender\n\nThis crossover study enrolled 18 patients.\n\nSummary\n\nAsk your doctor.\n")
    segs = find_studies(text)
    assert [s.label for s in segs] == ["I. Valerian", "II. Chamomile", "III. Lavender"]
    assert "Ask your doctor" not in segs[-1].span.quote


def test_single_abstract_is_one_study():
    text = ("Yoga for back pain: a randomised trial\n\nBACKGROUND: Back pain is common.\n\n"
            "METHODS: We randomised 120 adults to yoga or usual care.\n\nRESULTS: Pain fell more with yoga.\n")
    segs = find_studies(text)
    assert len(segs) == 1
    assert "120 adults" in segs[0].span.quote


def test_news_story_is_one_study():
    text = ("Walking helps knees\n\nBy A Reporter\n\nA brisk daily walk may ease knee pain, a new study suggests.\n\n"
            "The researchers followed 310 people with arthritis for a year.\n\n\"It is simple,\" said the author.\n")
    segs = find_studies(text)
    assert len(segs) == 1 and "310 people" in segs[0].span.quote


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

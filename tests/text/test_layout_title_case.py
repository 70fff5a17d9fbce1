"""Title-case lines, in lines written for these tests."""
from pipeline.text.layout import title_case_line


def test_a_headline_in_title_case_is_one():
    text = "Intro.\nGreen Tea Helps Older Adults Sleep Better\nBody text follows here."
    assert title_case_line(text, text.index("Green"), 0.6)


def test_a_sentence_case_title_is_not():
    text = "Effect of green tea on sleep in older adults: a randomized trial\n\nBody."
    assert not title_case_line(text, 0, 0.6)


def test_short_words_can_be_left_out_of_the_share():
    text = "Effects of a Soy Drink on Bone in Women\n\nBody."
    assert not title_case_line(text, 0, 0.8)  # "of", "a", "on", "in" count against it
    assert title_case_line(text, 0, 0.8, shortest=4)

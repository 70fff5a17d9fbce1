"""Abbreviations an article defines, read from sentences written for these tests."""
from pipeline.text.abbreviations import definitions


def _long(text: str) -> dict[str, str]:
    return {k: v.name for k, v in definitions(text).items()}


def test_initials_spell_the_abbreviation():
    text = "Adults tried time restricted eating (TRE) and paced breathing exercise (PBE)."
    assert _long(text) == {"TRE": "time restricted eating", "PBE": "paced breathing exercise"}


def test_hyphen_parts_and_small_words_count():
    text = "She had trigger-point injection (TPI) and cognitive therapy for pain (CTP)."
    assert _long(text) == {"TPI": "trigger-point injection", "CTP": "cognitive therapy for pain"}


def test_lower_case_letters_and_a_semicolon_after_the_abbreviation():
    text = "We used low-level laser therapy (LLLT; 30 s per point)."
    assert _long(text) == {"LLLT": "low-level laser therapy"}


def test_the_span_is_the_long_form():
    text = "The group did slow walking (SW) daily."
    found = definitions(text)["SW"]
    assert text[found.start:found.end] == "slow walking"


def test_parentheses_that_are_no_abbreviation():
    assert _long("Pain fell (p = 0.02) in both arms (n = 40).") == {}
    assert _long("They walked daily (Table) for weeks (see).") == {}

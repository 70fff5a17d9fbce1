"""The vocabulary files load, hold valid values and are searched whole-word."""
import pytest

from pipeline import vocab
from pipeline.models.facts import Route

ROUTES = set(Route.__args__)


@pytest.mark.parametrize("name", ["conditions", "agents", "routes", "units"])
def test_every_entry_has_a_name(name):
    entries = list(vocab.iter_entries(name))
    assert entries
    assert all(isinstance(e["name"], str) and e["name"] for e in entries)


def test_routes_map_into_the_closed_list():
    assert {e["route"] for e in vocab.iter_entries("routes")} <= ROUTES
    assert {e["route"] for e in vocab.iter_entries("agents") if "route" in e} <= ROUTES


def test_conditions_carry_icd10_codes():
    assert all("icd10" in e for e in vocab.iter_entries("conditions"))


def test_load_is_cached():
    assert vocab.load("agents") is vocab.load("agents")


def test_whole_words_longest_match_and_case_sensitive_abbreviations():
    text = "Patients with GAD, not gadolinium, and social anxiety disorders; some felt sad."
    hits = vocab.index("conditions").find(text)
    found = [(text[h.start:h.end], h.entry["name"]) for h in hits]
    assert found == [("GAD", "generalized anxiety disorder"), ("social anxiety disorders", "social anxiety disorder")]


def test_hyphen_joined_capitals_are_not_abbreviations():
    assert vocab.index("routes").find("DSM-IV criteria") == []
    assert [h.entry["route"] for h in vocab.index("routes").find("given IV over an hour")] == ["intravenous"]


def test_find_respects_window_offsets():
    text = "ketamine ... ketamine"
    hits = vocab.index("agents").find(text, 5)
    assert [(h.start, h.end) for h in hits] == [(13, 21)]

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
    # One code, or the codes whose union is the condition when ICD-10-CM has no single one.
    assert all(("icd10" in e) != ("icd10_parts" in e) for e in vocab.iter_entries("conditions"))


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


# ---- Data checks on the vocabulary files: they grow by hand, so guard their shape. ----
import collections  # noqa: E402
import re  # noqa: E402

# ICD-10-CM: letter, digit, digit or letter ("C7A"), optional ".x" (up to 4 alphanumerics); one code, never
# a range or alternatives (tests/test_vocab_codes.py checks that the code exists).
ICD10_RE = re.compile(r"^[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?$")

# Lower-case English words that an upper-case abbreviation must not spell: in capitals they
# still show up in headlines and shouting blog text.
COMMON_WORDS = set(
    "a an am as at be by do go he if in is it me my no of on or so to up us we ad ed ms pe "
    "add all and any are art bed big but can cap cat dim dry due far few fit for get had has her "
    "him his hot how its let low mad man may men net new nor not now odd off old one our out own "
    "pet pit put ran red run sad saw say see set she sit six sun ten the too top two use was way "
    "who why win yes yet you aid aim air arm bad bit box car cut day dog ear eat end era eye fat "
    "fun gap gas gun hat hip ice ill key kid lab lap law leg lie lot map mix mom mud oil pain pay "
    "pen pie pin pop raw row sex shy sum tap tea tie tin toe van war wet"
    .split()
)
# Capitalised clinical abbreviations that happen to spell a word but are standard in trial text
# (matched only in capitals: "MS" is not "ms" or "Ms").
ALLOWED_WORD_ABBR = {"SAD", "BED", "ACT", "AIDS", "MS"}


def _entries(name):
    return list(vocab.iter_entries(name))


def test_condition_icd10_codes_are_well_formed():
    codes = [(e["name"], c) for e in _entries("conditions") for c in [e.get("icd10"), *e.get("icd10_parts", [])] if c]
    bad = [(name, c) for name, c in codes if not ICD10_RE.match(c)]
    assert bad == []


@pytest.mark.parametrize("name", ["conditions", "agents"])
def test_no_term_belongs_to_two_entries(name):
    owners = collections.defaultdict(set)
    for e in _entries(name):
        for term in [e["name"], *e.get("terms", []), *e.get("brands", [])]:
            owners[term.lower()].add(e["name"])
    assert {t: sorted(o) for t, o in owners.items() if len(o) > 1} == {}


@pytest.mark.parametrize("name", ["conditions", "agents", "routes"])
def test_no_abbreviation_belongs_to_two_entries(name):
    owners = collections.defaultdict(set)
    for e in _entries(name):
        for a in e.get("abbr", []):
            owners[a].add(e["name"])
    assert {a: sorted(o) for a, o in owners.items() if len(o) > 1} == {}


@pytest.mark.parametrize("name", ["conditions", "agents", "routes"])
def test_abbreviations_are_short_codes_not_words(name):
    for e in _entries(name):
        for a in e.get("abbr", []):
            assert len(a) >= 2, (e["name"], a)
            assert a != a.lower(), (e["name"], a)  # a lower-case "abbreviation" is a term
            assert a in ALLOWED_WORD_ABBR or a.lower() not in COMMON_WORDS, (e["name"], a)


def test_condition_and_agent_abbreviations_do_not_clash_with_routes_or_units():
    reserved = {a.lower() for e in _entries("routes") for a in e.get("abbr", [])}
    reserved |= {t.lower() for e in _entries("routes") for t in e.get("terms", [])}
    reserved |= {t.lower() for e in _entries("units") for t in [e["name"], *e.get("terms", [])]}
    for name in ("conditions", "agents"):
        clashes = [(e["name"], a) for e in _entries(name) for a in e.get("abbr", []) if a.lower() in reserved]
        assert clashes == [], clashes


def test_terms_are_trimmed_and_not_empty():
    # A stray space or an empty string would never match whole-word.
    for name in ("conditions", "agents", "routes", "units"):
        for e in _entries(name):
            for t in [*e.get("terms", []), *e.get("brands", [])]:
                assert t == t.strip() and t, (e["name"], t)


def test_agents_have_a_class():
    assert all(e.get("class") for e in _entries("agents"))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("adults with ischaemic stroke", "stroke"),
        ("women with gestational diabetes mellitus", "gestational diabetes"),
        ("children with acute otitis media", "otitis media"),
        ("patients with COVID-19 pneumonia", "COVID-19"),
        ("adults with anaemia", "anemia"),
        ("men with benign prostatic hyperplasia", "benign prostatic hyperplasia"),
        ("patients with MS", "multiple sclerosis"),
    ],
)
def test_new_condition_spellings_are_found(text, expected):
    hits = vocab.index("conditions").find(text)
    assert [h.entry["name"] for h in hits] == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("received extended-release buprenorphine monthly", "buprenorphine"),
        ("once-weekly Ozempic", "semaglutide"),
        ("a course of rTMS", "transcranial magnetic stimulation"),
        ("oral cyanocobalamin", "vitamin B12"),
        ("daily lemborexant", "lemborexant"),
    ],
)
def test_agent_terms_brands_and_abbreviations(text, expected):
    hits = vocab.index("agents").find(text)
    assert expected in [h.entry["name"] for h in hits]


def test_abbreviations_stay_case_sensitive():
    # "ms" in running text and a sentence-initial "Ms" are not multiple sclerosis.
    assert vocab.index("conditions").find("took 5 ms; Ms Smith said") == []

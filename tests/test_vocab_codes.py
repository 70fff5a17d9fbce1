"""The codes in the vocabularies exist and are well formed: ICD-10-CM in conditions.toml (checked
against the CDC release that simple-icd-10-cm ships), DrugBank and MeSH ids in agents.toml."""
import collections
import re
import warnings

import pytest

from pipeline import vocab

DRUGBANK_RE = re.compile(r"^DB\d{5}$")
# MeSH descriptors (D) and supplementary concepts (C): 6 digits, 9 for the newer ones.
MESH_RE = re.compile(r"^[DC]\d{6,9}$")

# DrugBank ids shared by two entries on purpose: the same substance under two agent names.
SHARED_DRUGBANK = {
    # One DrugBank record (botulinum toxin type A) covers every type A product.
    "DB00083": {"botulinum toxin", "incobotulinumtoxinA"},
    # The intravenous form is an entry of its own (its own brands and route), the drug is one.
    "DB00316": {"acetaminophen", "intravenous acetaminophen"},
}

# Agent classes that are not drugs: their entries must carry no DrugBank id.
NON_DRUG_CLASSES = {
    "behavioural therapy", "care model", "chronotherapy", "cognitive intervention", "complementary therapy",
    "compression therapy", "contraceptive device", "diabetes device", "diet", "digital therapy",
    "electrotherapy", "exercise", "expressive therapy", "hearing device", "interventional pain procedure",
    "lifestyle intervention", "light therapy", "manual therapy", "medical device", "mind-body therapy",
    "neuromodulation", "neuromodulation device", "oral appliance", "orthosis", "physical therapy modality",
    "psychosocial intervention", "psychotherapy", "radiotherapy", "rehabilitation", "respiratory device",
    "sensory intervention", "surgery",
}


@pytest.fixture(scope="module")
def icd10cm():
    # Imported here, not at collection: parsing the CDC tables takes about three seconds. Its
    # loader still uses importlib.resources.read_text, deprecated since Python 3.11.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm

    return simple_icd_10_cm


def _conditions():
    return list(vocab.iter_entries("conditions"))


def _agents():
    return [*vocab.iter_entries("agents"), *vocab.iter_entries("agents", "comparator")]


def _unknown_codes(icd10cm, codes):
    """Codes that are not an ICD-10-CM category or subcategory written as the CDC writes it."""
    def is_code(c):
        # A block such as "K50-K52" is a valid item but no code ("C50" is both block and category).
        return icd10cm.is_valid_item(c) and (
            icd10cm.is_category_or_subcategory(c) or icd10cm.is_extended_subcategory(c))

    return [c for c in codes if not is_code(c) or icd10cm.add_dot(c) != c]


def test_every_icd10_code_exists_in_icd10_cm(icd10cm):
    bad = [(e["name"], e["icd10"]) for e in _conditions()
           if "icd10" in e and _unknown_codes(icd10cm, [e["icd10"]])]
    assert bad == []


def test_code_check_rejects_ranges_alternatives_and_who_only_codes(icd10cm):
    # The forms the vocabulary once held: a range, alternatives, WHO codes ICD-10-CM lacks.
    assert _unknown_codes(icd10cm, ["C18-C20", "S14/S24/S34", "G41", "I51.6", "F411", "K50-K52"]) == [
        "C18-C20", "S14/S24/S34", "G41", "I51.6", "F411", "K50-K52"]
    assert _unknown_codes(icd10cm, ["F41.1", "G40.901", "F32.A", "C18"]) == []


def test_condition_codes_in_parts_exist_and_replace_a_single_code(icd10cm):
    with_parts = [e for e in _conditions() if "icd10_parts" in e]
    assert with_parts, "the vocabulary documents icd10_parts; keep at least its examples"
    for e in with_parts:
        assert "icd10" not in e, e["name"]
        assert len(e["icd10_parts"]) >= 2, e["name"]
        assert _unknown_codes(icd10cm, e["icd10_parts"]) == [], e["name"]


def test_icd10_cm_codes_replace_who_codes_where_they_differ():
    codes = {e["name"]: e.get("icd10") for e in _conditions()}
    # ICD-10-CM's "Depression NOS" is F32.A (F32.9 is a single major depressive episode there),
    # and status epilepticus is a fifth character of G40, not WHO's G41.
    assert codes["depression"] == "F32.A"
    assert codes["status epilepticus"] == "G40.901"


def test_drugbank_and_mesh_ids_are_well_formed():
    bad = [(e["name"], e[k]) for e in _agents() for k, rx in (("drugbank", DRUGBANK_RE), ("mesh", MESH_RE))
           if k in e and not (isinstance(e[k], str) and rx.match(e[k]))]
    assert bad == []


def test_id_patterns_reject_near_misses():
    assert [s for s in ["DB01104", "DB1104", "db01104", "DB011040", "DB01104 "] if DRUGBANK_RE.match(s)] == ["DB01104"]
    assert [s for s in ["D020280", "D000089983", "C000123", "D02028", "M0012345", "D0202801234"] if MESH_RE.match(s)] == [
        "D020280", "D000089983", "C000123"]


def test_no_two_agents_share_a_drugbank_id_unless_listed():
    owners = collections.defaultdict(set)
    for e in _agents():
        if "drugbank" in e:
            owners[e["drugbank"]].add(e["name"])
    shared = {i: names for i, names in owners.items() if len(names) > 1}
    # Equality both ways: an exception that no longer holds is removed from the list too.
    assert shared == SHARED_DRUGBANK


def test_non_drug_interventions_and_comparators_have_no_drugbank_id():
    drugs = [e["name"] for e in vocab.iter_entries("agents") if e["class"] in NON_DRUG_CLASSES and "drugbank" in e]
    comparators = [e["name"] for e in vocab.iter_entries("agents", "comparator") if "drugbank" in e]
    assert drugs == [] and comparators == []
    # The classes named above exist, so the check covers entries.
    assert NON_DRUG_CLASSES <= {e["class"] for e in vocab.iter_entries("agents")}


def test_known_ids():
    by_name = {e["name"]: e for e in _agents()}
    assert (by_name["sertraline"]["drugbank"], by_name["sertraline"]["mesh"]) == ("DB01104", "D020280")
    assert by_name["yoga"]["mesh"] == "D015013" and "drugbank" not in by_name["yoga"]
    assert by_name["acupuncture"]["mesh"] == "D015670"  # Acupuncture Therapy, not the discipline
    assert "drugbank" not in by_name["xanomeline-trospium"]  # a combination has no single-drug id

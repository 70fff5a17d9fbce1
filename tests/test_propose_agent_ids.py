"""scripts/propose_agent_ids.py: how proposals are ranked, reviewed and written (no source needed)."""
import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent.parent / "scripts" / "propose_agent_ids.py"
_spec = importlib.util.spec_from_file_location("propose_agent_ids", _PATH)
tool = importlib.util.module_from_spec(_spec)
sys.modules["propose_agent_ids"] = tool  # dataclasses look their module up by name
_spec.loader.exec_module(tool)

Match = tool.Match


def _m(id_, via, kind, how="exact", key="drugbank"):
    return Match(key, id_, via, kind, "", how)


def test_the_name_decides_over_a_term_naming_a_related_substance():
    p = tool.propose("ketamine", "drugbank", [_m("DB01221", "ketamine", "name"), _m("DB19150", "arketamine", "term")])
    assert (p.status, p.id) == ("proposed", "DB01221")
    assert "DB19150 (arketamine)" in p.note


def test_terms_decide_when_the_name_matches_nothing_and_must_agree():
    agree = tool.propose("x", "drugbank", [_m("DB1", "a", "term"), _m("DB1", "b", "term")])
    disagree = tool.propose("x", "drugbank", [_m("DB1", "a", "term"), _m("DB2", "b", "term")])
    assert (agree.status, agree.id) == ("proposed", "DB1")
    assert (disagree.status, disagree.id) == ("ambiguous", None)


def test_a_brand_alone_is_proposed_but_marked():
    p = tool.propose("glucagon rescue", "drugbank", [_m("DB00040", "baqsimi", "brand")])
    assert (p.id, p.note) == ("DB00040", "brand only")
    # A name that the source itself calls a brand counts as a brand too.
    q = tool.propose("x", "drugbank", [_m("DB9", "x", "name", how="brand in source")])
    assert q.note == "brand only"


def test_no_match_is_missing():
    assert tool.propose("yoga", "drugbank", [_m("D015013", "yoga", "name", key="mesh")]).status == "missing"


def _review(rejected=None, chosen=None):
    return tool.Review(rejected or {}, chosen or {})


def test_review_rejects_only_the_id_it_names_and_choices_win():
    p = tool.propose("propranolol", "drugbank", [_m("DB03322", "propranolol", "name")])
    assert _review({("propranolol", "drugbank"): ("DB03322", "overwritten")}).decide(p) == (None, "rejected: overwritten")
    # A rejection of another id leaves a new proposal to be accepted (and so seen again).
    assert _review({("propranolol", "drugbank"): ("DB99999", "old")}).decide(p) == ("DB03322", "accepted")
    assert _review(chosen={("propranolol", "drugbank"): ("DB00571", "right")}).decide(p) == ("DB00571", "chosen by hand")


def test_review_holds_back_brand_only_and_inverted_matches():
    brand = tool.propose("x", "drugbank", [_m("DB1", "b", "brand")])
    inverted = tool.propose("ketogenic diet", "mesh", [_m("D055423", "ketogenic diet", "name", "inverted heading", "mesh")])
    assert _review().decide(brand)[0] is None
    assert _review().decide(inverted)[0] is None


def test_review_file_errors_name_the_file_and_table(tmp_path):
    path = tmp_path / "review.toml"
    path.write_text('[[reject]]\nentry = "x"\nkey = "atc"\nid = "N06"\nreason = "r"\n')
    with pytest.raises(SystemExit, match=r"review\.toml: \[\[reject\]\] number 1 needs"):
        tool.Review.load(path)


def test_mesh_headings_exact_inverted_and_salt(tmp_path):
    csv = tmp_path / "mesh.csv"
    csv.write_text(
        "id,scheme,subject\n"
        "https://id.nlm.nih.gov/mesh/D015013,MeSH,Yoga\n"
        'https://id.nlm.nih.gov/mesh/D055423,MeSH,"Diet, Ketogenic"\n'
        "https://id.nlm.nih.gov/mesh/D000068677,MeSH,Sildenafil Citrate\n"
        "https://id.nlm.nih.gov/mesh/D000001,MeSH,Calcimycin\n"
    )
    mesh = tool.MeshDescriptors(csv)
    assert mesh.find("YOGA") == ("D015013", "exact")
    assert mesh.find("ketogenic diet") == ("D055423", "inverted heading")
    assert mesh.find("sildenafil") == ("D000068677", "salt heading")
    assert mesh.find("citrate") is None and mesh.find("pilates") is None
    assert mesh.heading["D055423"] == "Diet, Ketogenic"


VOCAB = '''# header comment
[[entry]]
name = "sertraline"
class = "SSRI"
brands = ["zoloft"]

[[entry]]
name = "yoga"
class = "mind-body therapy"
mesh = "D015013"
terms = ["yoga",
         "hatha yoga"]

# Comparators
[[comparator]]
name = "placebo"
terms = ["placebo"]
'''


def test_write_adds_key_lines_in_place_and_nothing_else(tmp_path):
    path = tmp_path / "agents.toml"
    path.write_text(VOCAB)
    ids = {"sertraline": {"drugbank": "DB01104", "mesh": "D020280"},
           "yoga": {"mesh": "D999999"},  # already set: left as it is
           "placebo": {"mesh": "D010919"}}
    assert tool.write_ids(path, ids) == 3
    text = path.read_text()
    assert text == VOCAB.replace('class = "SSRI"\n', 'class = "SSRI"\ndrugbank = "DB01104"\nmesh = "D020280"\n').replace(
        'name = "placebo"\n', 'name = "placebo"\nmesh = "D010919"\n')
    assert tomllib.loads(text)["entry"][1]["mesh"] == "D015013"
    assert tool.write_ids(path, ids) == 0 and path.read_text() == text  # a second run adds nothing


def test_entry_strings_keep_kinds_and_drop_repeats():
    entry = {"name": "ketamine", "terms": ["Ketamine", "esketamine"], "brands": ["ketalar"]}
    assert tool.entry_strings(entry) == [("ketamine", "name"), ("esketamine", "term"), ("ketalar", "brand")]

"""`pipeline ack | set | add | reject | flags` on a database built from hand-made rows."""
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.curate.decisions import parse_decisions
from tests.dbfiles import write_database
from tests.curate.factory import curated_rows

A = "evening:sb73311"
FLAG = "evening:test-overlap:b8c3b42f"
KEPT = """# Decisions for the evening article.
# (a comment the tools must keep)

[[decision]]
id = "D007"  # picked by hand
kind = "correction"
target = "evening:sc3d4c5"
field = "blinding"
value = "open-label"
quote = "uncontrolled pilot"
reason = "an uncontrolled pilot is not blinded"
# trailing note
"""


@pytest.fixture
def setup(tmp_path):
    db = tmp_path / "e.duckdb"
    write_database(db, curated_rows())
    dec = tmp_path / "decisions.toml"
    dec.write_text(KEPT, encoding="utf-8")
    return db, dec


def invoke(*args):
    return CliRunner().invoke(cli, list(args))


def test_flags_lists_open_flags_with_ids(setup):
    db, _ = setup
    r = invoke("flags", "--db", str(db))
    assert r.exit_code == 0 and FLAG in r.output and "1 open flag\n" in r.output


def test_helpers_keep_comments_and_order_and_write_valid_decisions(setup):
    db, dec = setup
    r1 = invoke("ack", FLAG, "--reason", "made-up problem, fine", "--reviewer", "kim", "--db", str(db))
    r2 = invoke("set", A, "sample_size", "41", "--quote", "40 nurses", "--reason", "recount", "--db", str(db))
    r3 = invoke("add", A, "conditions", "shift work disorder", "--quote", "night-shift", "--reason", "missed",
                "--db", str(db))
    r4 = invoke("reject", f"{A}/ae-headache", "--reason", "not an adverse event", "--db", str(db))
    assert [r.exit_code for r in (r1, r2, r3, r4)] == [0, 0, 0, 0], [r.output for r in (r1, r2, r3, r4)]
    text = dec.read_text(encoding="utf-8")
    assert text.startswith(KEPT.rstrip("\n"))  # the hand-written part is untouched, byte for byte
    ids = [loc.decision.id for loc in parse_decisions(text, str(dec)).decisions]
    assert ids == ["D007", "D008", "D009", "D010", "D011"]
    assert 'flag = "evening:test-overlap:b8c3b42f"' in text and 'reviewer = "kim"' in text
    assert 'quote = "headache"' in text  # rejection pins the evidence of the rejected row


def test_setting_the_same_field_again_updates_in_place(setup):
    db, dec = setup
    invoke("set", A, "sample_size", "41", "--quote", "40 nurses", "--reason", "first", "--db", str(db))
    invoke("set", A, "sample_size", "42", "--reason", "second", "--db", str(db))
    decs = parse_decisions(dec.read_text(), str(dec)).decisions
    assert len(decs) == 2 and decs[1].decision.value == 42 and decs[1].decision.sha256 is not None


@pytest.mark.parametrize("args, message", [
    (("set", A, "sample_size", "many", "--reason", "x"), "valid integer"),
    (("set", A, "nope", "1", "--reason", "x"), "unknown field"),
    (("set", "evening:snope", "sample_size", "1", "--reason", "x"), "unknown id"),
    (("set", A, "sample_size", "41", "--quote", "not in the text", "--reason", "x"), "not in the article"),
    (("ack", "evening:nope:1", "--reason", "x"), "unknown id"),
])
def test_bad_helper_calls_exit_2_and_leave_the_file_alone(setup, args, message):
    db, dec = setup
    before = dec.read_bytes()
    r = invoke(*args, "--db", str(db))
    assert r.exit_code == 2 and message in r.output, r.output
    assert dec.read_bytes() == before
    assert not list(dec.parent.glob(".decisions.toml.*"))  # no temp file left


def test_helpers_refuse_to_edit_a_broken_file(setup):
    db, dec = setup
    dec.write_text(KEPT + "[[decision]\n", encoding="utf-8")
    before = dec.read_bytes()
    r = invoke("ack", FLAG, "--reason", "x", "--db", str(db))
    assert r.exit_code == 2 and "decisions.toml:" in r.output
    assert dec.read_bytes() == before


def test_helpers_need_a_database(tmp_path):
    r = invoke("ack", FLAG, "--reason", "x", "--db", str(tmp_path / "none.duckdb"))
    assert r.exit_code == 2 and "pipeline run" in r.output

"""Bad decision files are reported with file:line, before anything runs."""
import pytest

from pipeline.curate.decisions import parse_decisions
from pipeline.errors import InputError

GOOD = '''# why these decisions
[[decision]]
id = "D001"
kind = "correction"
target = "evening:sb73311"
field = "sample_size"
value = 41
quote = "40 nurses"
reason = "the methods section counts 41"
'''


def errors_of(text: str) -> str:
    with pytest.raises(InputError) as e:
        parse_decisions(text, "d.toml")
    assert e.value.exit_code == 2
    return str(e.value)


def test_good_file_loads_with_lines():
    (loc,) = parse_decisions(GOOD, "d.toml").decisions
    assert (loc.line, loc.at("target"), loc.decision.value) == (2, "d.toml:5", 41)


def test_toml_syntax_error_has_line_and_column():
    assert errors_of(GOOD.replace('value = 41', 'value = = 41')).startswith("d.toml:7:")


def test_unknown_field():
    msg = errors_of(GOOD.replace('"sample_size"', '"sample_sise"'))
    assert "d.toml:6:" in msg and "unknown field 'sample_sise'" in msg


def test_wrong_type():
    msg = errors_of(GOOD.replace("value = 41", 'value = "forty-one"'))
    assert "d.toml:7:" in msg and "valid integer" in msg


def test_bool_is_not_a_number():
    assert "d.toml:7:" in errors_of(GOOD.replace("value = 41", "value = true"))


def test_value_out_of_range():
    assert "d.toml:7:" in errors_of(GOOD.replace("value = 41", "value = -3"))


def test_unknown_key_and_kind():
    assert "d.toml:10:" in errors_of(GOOD + 'colour = "red"\n')
    assert "d.toml:4:" in errors_of(GOOD.replace('"correction"', '"fix"'))


def test_missing_evidence_pin():
    msg = errors_of(GOOD.replace('quote = "40 nurses"\n', ''))
    assert "d.toml:2:" in msg and "pin the evidence" in msg


def test_addition_needs_a_quote():
    text = GOOD.replace('"correction"', '"addition"').replace('quote = "40 nurses"\n', f'sha256 = "{"0" * 64}"\n')
    assert "quote" in errors_of(text)


def test_duplicate_id_and_duplicate_slot():
    second = GOOD.split("\n", 1)[1]
    assert "used twice" in errors_of(GOOD + "\n" + second)
    assert "repeats the correction at line 2" in errors_of(GOOD + "\n" + second.replace("D001", "D002"))


def test_all_errors_are_reported_at_once():
    text = GOOD + "\n" + GOOD.split("\n", 1)[1].replace("D001", "D002").replace("value = 41", 'value = "x"').replace(
        "sample_size", "blinding")
    text += "\n" + GOOD.split("\n", 1)[1].replace("D001", "D003").replace("sample_size", "nope")
    msg = errors_of(text)
    assert msg.count("d.toml:") == 2


def test_dates_may_be_toml_dates_or_strings():
    for v in ("2015-12-01", '"2015-12-01"'):
        text = GOOD.replace('"sample_size"', '"period_start"').replace("value = 41", f"value = {v}")
        assert str(parse_decisions(text, "d.toml").decisions[0].decision.value) == "2015-12-01"


def test_rejection_of_a_required_field_is_refused():
    text = '[[decision]]\nid = "D1"\nkind = "rejection"\ntarget = "a:s1/c-x"\nfield = "condition"\nquote = "x"\nreason = "r"\n'
    assert "d.toml:" in errors_of(text)

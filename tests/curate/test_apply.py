"""Each decision kind, stale evidence, unknown ids, and idempotence."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.curate.apply import apply_decisions
from pipeline.curate.decisions import parse_decisions
from tests.curate.factory import TEXT, article, rowset, snapshot, study_ids

A, B = "evening:sb73311", "evening:sc3d4c5"
SHA = article().sha256
FLAG = "evening:test-overlap:b8c3b42f"


def decisions(*tables: str):
    return parse_decisions("\n".join(tables), "curated/decisions.toml")


def entry(did: str, **kv) -> str:
    lines = ["[[decision]]", f'id = "{did}"', 'reason = "checked against the article"']
    for k, v in kv.items():
        if isinstance(v, bool):
            lines.append(f"{k} = {str(v).lower()}")
            continue
        lines.append(f"{k} = {v}" if not isinstance(v, str) or v.startswith("{") else f'{k} = "{v}"')
    return "\n".join(lines) + "\n"


def test_fixture_ids_are_what_the_tests_name():
    assert study_ids(rowset()) == [A, B]


def test_correction_sets_value_and_records_decision_and_span():
    rs = rowset()
    out = apply_decisions(rs, decisions(entry("D1", kind="correction", target=A, field="sample_size",
                                              value=41, quote="40 nurses")))
    assert out.applied == 1 and not out.errors
    assert rs.get("studies", A).sample_size == 41
    p = rs.prov("studies", A, "sample_size")
    assert (p.origin, p.decision_id, p.quote) == ("corrected", "D1", "40 nurses")
    assert TEXT[p.char_start:p.char_end] == p.quote


def test_correction_pinned_by_sha256():
    rs = rowset()
    apply_decisions(rs, decisions(entry("D1", kind="correction", target=B, field="blinding",
                                        value="open-label", sha256=SHA)))
    assert rs.get("studies", B).blinding == "open-label"
    assert rs.prov("studies", B, "blinding").char_start is None


def test_correction_of_randomized_rederives_evidence_level():
    rs = rowset()
    assert rs.get("studies", A).evidence_level == 2
    apply_decisions(rs, decisions(entry("D1", kind="correction", target=A, field="randomized", value=False,
                                        quote="randomized")))
    assert rs.get("studies", A).evidence_level is None  # no other design term decides it
    assert rs.prov("studies", A, "evidence_level") is None


def test_addition_of_a_scalar_and_of_list_items():
    rs = rowset()
    out = apply_decisions(rs, decisions(
        entry("D1", kind="addition", target=A, field="n_female", value=40, quote="40 nurses"),
        entry("D2", kind="addition", target=B, field="conditions", value="generalized anxiety disorder",
              quote="generalized anxiety disorder"),
        entry("D3", kind="addition", target=A, field="adverse_events", value="nausea", quote="headache"),
        entry("D4", kind="addition", target=f"{A}/i-melatonin", field="doses",
              value='{amount = 5.0, unit = "mg"}', quote="3 mg"),
        entry("D5", kind="addition", target=B, field="design_terms", value="cohort", quote="pilot"),
    ))
    assert not out.errors and out.applied == 5
    assert rs.get("studies", A).n_female == 40
    assert rs.prov("studies", A, "n_female").origin == "added"
    # already extracted: no duplicate row
    assert len([c for c in rs.tables["study_conditions"].values() if c.study_id == B]) == 1
    ae = rs.get("adverse_events", f"{A}/ae-nausea")
    assert ae.event == "nausea" and rs.prov("adverse_events", ae.adverse_event_id, "event").decision_id == "D3"
    assert rs.get("doses", f"{A}/i-melatonin#2").amount == 5.0
    assert rs.get("studies", B).design_terms[-1] == "cohort"


def test_added_condition_gets_its_icd10_code():
    rs = rowset()
    apply_decisions(rs, decisions(entry("D1", kind="addition", target=A, field="conditions",
                                        value="generalized anxiety disorder", quote="insomnia")))
    row = rs.get("study_conditions", f"{A}/c-generalized-anxiety-disorder")
    assert row.icd10 == "F41.1"


def test_rejection_of_a_study_removes_everything_under_it_and_settles_its_flags():
    rs = rowset()
    apply_decisions(rs, decisions(entry("D1", kind="rejection", target=A, quote="Trial A")))
    assert rs.get("studies", A) is None
    assert not [r for r in rs.tables["interventions"].values() if r.study_id == A]
    assert not rs.tables["doses"]
    assert not [k for k in rs.tables["provenance"] if k[1].startswith(A)]
    (flag,) = rs.tables["flags"].values()
    assert (flag.status, flag.decision_id) == ("acknowledged", "D1")
    assert rs.get("studies", B) is not None


def test_rejection_of_a_value_sets_null_with_provenance():
    rs = rowset()
    apply_decisions(rs, decisions(entry("D1", kind="rejection", target=B, field="n_female", quote="7 were women")))
    assert rs.get("studies", B).n_female is None
    p = rs.prov("studies", B, "n_female")
    assert (p.origin, p.decision_id, p.quote) == ("corrected", "D1", "7 were women")


def test_rejection_of_a_child_row():
    rs = rowset()
    apply_decisions(rs, decisions(entry("D1", kind="rejection", target=f"{A}/ae-headache", quote="headache")))
    assert rs.get("adverse_events", f"{A}/ae-headache") is None


def test_acknowledgement():
    rs = rowset()
    (fid,) = rs.tables["flags"]
    apply_decisions(rs, decisions(entry("D9", kind="acknowledgement", flag=fid, quote="40 nurses")))
    flag = rs.get("flags", fid)
    assert (flag.status, flag.decision_id) == ("acknowledged", "D9")


def test_stale_when_the_quoted_text_changed():
    edited = TEXT.replace("40 nurses", "40 night nurses")
    rs = rowset(edited)
    out = apply_decisions(rs, decisions("# header\n", entry("D1", kind="correction", target=A, field="sample_size",
                                                            value=41, quote="40 nurses")))
    assert out.stale == 1 and out.applied == 0 and not out.errors
    assert rs.get("studies", A).sample_size == 40  # not applied
    (stale,) = [f for f in rs.tables["flags"].values() if f.code == "K101"]
    assert (stale.severity, stale.category, stale.status, stale.study_id) == ("error", "curation", "open", A)
    assert "curated/decisions.toml:3" in stale.message and "D1" in stale.message


def test_stale_when_the_pinned_article_changed():
    rs = rowset(TEXT + "\nA footnote added later.\n")
    out = apply_decisions(rs, decisions(entry("D1", kind="correction", target=B, field="blinding",
                                              value="open-label", sha256=SHA)))
    assert out.stale == 1 and rs.get("studies", B).blinding is None


def test_stale_ack_when_the_flagged_text_changed_and_the_flag_vanished():
    rs = rowset()
    (fid,) = rs.tables["flags"]
    rs2 = rowset(TEXT.replace("nurses with insomnia", "nurses who had insomnia"))
    out = apply_decisions(rs2, decisions(entry("D1", kind="acknowledgement", flag=fid, quote="40 nurses with insomnia")))
    assert fid not in rs2.tables["flags"]
    assert out.stale == 1 and not out.errors


def test_unknown_id_is_an_error_with_file_and_line():
    rs = rowset()
    text = "# c\n\n" + entry("D1", kind="correction", target="evening:snope", field="sample_size", value=1,
                             quote="40 nurses")
    out = apply_decisions(rs, parse_decisions(text, "curated/decisions.toml"))
    assert len(out.errors) == 1
    assert text.splitlines()[7 - 1] == 'target = "evening:snope"'
    assert out.errors[0].startswith("curated/decisions.toml:7: decision D1: unknown id 'evening:snope'")


def test_id_of_an_unknown_article_is_an_error():
    rs = rowset()
    out = apply_decisions(rs, decisions(entry("D1", kind="rejection", target="elsewhere:s123", quote="x")))
    assert "no article" in out.errors[0]


POOL = [
    entry("D1", kind="correction", target=A, field="sample_size", value=41, quote="40 nurses"),
    entry("D2", kind="addition", target=A, field="conditions", value="shift work disorder", quote="night-shift"),
    entry("D3", kind="addition", target=f"{A}/i-melatonin", field="doses", value='{amount = 5.0, unit = "mg"}',
          quote="3 mg"),
    entry("D4", kind="rejection", target=B, quote="yoga pilot"),
    entry("D5", kind="rejection", target=A, field="blinding", quote="double-blind"),
    entry("D6", kind="acknowledgement", flag=FLAG, quote="40 nurses"),
    entry("D7", kind="addition", target=A, field="design_terms", value="parallel-group", quote="trial"),
    entry("D8", kind="correction", target=A, field="evidence_level", value="3", quote="randomized"),
    entry("D9", kind="rejection", target=f"{A}/ae-headache", quote="headache"),
    entry("D10", kind="correction", target="evening:sc3d4c5/c-generalized-anxiety-disorder", field="n", value=12,
          quote="12 adults"),
]


@given(st.lists(st.sampled_from(POOL), unique=True, max_size=len(POOL)))
def test_applying_the_same_decisions_twice_changes_nothing(chosen):
    dfile = decisions(*chosen)
    rs = rowset()
    first = apply_decisions(rs, dfile)
    assert not first.errors and first.applied == len(chosen)
    once = snapshot(rs)
    second = apply_decisions(rs, dfile)
    assert not second.errors
    assert snapshot(rs) == once


def test_applying_to_a_fresh_copy_gives_the_same_rows():
    dfile = decisions(*POOL)
    a, b = rowset(), rowset()
    apply_decisions(a, dfile)
    apply_decisions(b, dfile)
    assert snapshot(a) == snapshot(b)


@pytest.mark.parametrize("field", ["sample_size", "randomized", "blinding", "n_female", "evidence_level"])
def test_every_study_value_has_a_span_or_a_decision(field):
    rs = rowset()
    apply_decisions(rs, decisions(*POOL[:3], POOL[4], POOL[7]))
    for sid, study in rs.tables["studies"].items():
        if getattr(study, field) is not None:
            p = rs.prov("studies", sid, field)
            assert p is not None and (p.decision_id or p.quote)

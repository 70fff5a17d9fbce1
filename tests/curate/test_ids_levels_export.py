"""Stable ids, evidence levels, and the deterministic export."""
import json

from pipeline.curate.levels import evidence_level
from pipeline.models.rows import StudyRow
from pipeline.store.atomic import temp_folder
from pipeline.store.export import compare_export
from tests.curate.factory import TEXT, curated_rows
from tests.dbfiles import write_database


def _ids(rows):
    return sorted(r.study_id for r in rows["studies"]) + sorted(r.flag_id for r in rows["flags"])


def test_ids_do_not_change_when_unrelated_text_changes():
    edited = TEXT.replace("Two small trials of evening routines", "Evening routines: what two trials found, and more")
    edited = edited.replace("The clinic newsletter thanks every volunteer.",
                            "The clinic newsletter, printed monthly, thanks every single volunteer.")
    assert _ids(curated_rows(edited)) == _ids(curated_rows(TEXT))


def test_ids_do_not_depend_on_other_articles():
    alone = _ids(curated_rows(TEXT, "evening"))
    # Curating another article first (as a run over a larger raw/ would) leaves these ids alone.
    curated_rows(TEXT.replace("yoga", "tai chi"), "another")
    assert _ids(curated_rows(TEXT, "evening")) == alone


def study(**kw):
    return StudyRow(study_id="x:s1", source_id="x", ordinal=1, char_start=0, char_end=1, **kw)


def test_evidence_levels():
    assert evidence_level(study(randomized=True, design_terms=["uncontrolled"])).level == 2
    assert evidence_level(study(design_terms=["meta-analysis"])).level == 1
    assert evidence_level(study(placebo_controlled=False)).level == 4
    assert evidence_level(study(design_terms=["case series"])).level == 4
    assert evidence_level(study(design_terms=["cohort", "prospective"])).level == 3
    assert evidence_level(study(placebo_controlled=True, randomized=False)).level == 3
    assert evidence_level(study(design_terms=["pilot", "open-label"])) is None
    assert evidence_level(study(randomized=False, design_terms=["non-randomized"])) is None


def export_of(rows, folder):
    """The export files the product writes for ``rows`` (published into ``folder``)."""
    write_database(folder / "e.duckdb", rows)
    return {p.name: p.read_bytes() for p in sorted((folder / "export").iterdir())}


def test_export_is_sorted_in_column_order_without_text_and_byte_stable(tmp_path):
    rows = curated_rows()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    files = export_of(rows, tmp_path / "a")
    # input order does not matter
    assert files == export_of({t: list(reversed(r)) for t, r in rows.items()}, tmp_path / "b")
    first = json.loads(files["studies.jsonl"].splitlines()[0])
    assert list(first) == list(StudyRow.model_fields)
    assert "text" not in json.loads(files["sources.jsonl"].splitlines()[0])
    ids = [json.loads(line)["study_id"] for line in files["studies.jsonl"].splitlines()]
    assert ids == sorted(ids) and len(ids) == len(rows["studies"])
    before = {p.name: p.stat().st_ino for p in (tmp_path / "a" / "export").iterdir()}
    assert export_of(curated_rows(), tmp_path / "a") == files
    # unchanged files are not rewritten (they keep their inode)
    assert {p.name: p.stat().st_ino for p in (tmp_path / "a" / "export").iterdir()} == before


def test_compare_counts_added_removed_changed(tmp_path):
    export_of(curated_rows(), tmp_path)
    rows = curated_rows()
    rows["studies"][0] = rows["studies"][0].model_copy(update={"sample_size": 99})
    rows["adverse_events"] = []
    other = tmp_path / "other"
    other.mkdir()
    write_database(other / "e.duckdb", rows)
    with temp_folder() as spill:
        assert compare_export(tmp_path / "e.duckdb", tmp_path / "export", spill).up_to_date
        diff = compare_export(other / "e.duckdb", tmp_path / "export", spill)
    by = {t.table: t for t in diff.tables}
    n_events = len(curated_rows()["adverse_events"])
    assert (by["studies"].changed, by["adverse_events"].removed) == (1, n_events)
    assert "studies: 0 added, 0 removed, 1 changed" in diff.summary()

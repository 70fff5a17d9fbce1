"""schemas/ is generated from the code; it must not drift."""
import duckdb

from pipeline import CONTRACT_VERSION
from pipeline.models.rows import TABLES
from pipeline.schema_export import export_schemas, schema_files
from pipeline.store.write import create_schema
from tests.conftest import ROOT


def test_committed_schemas_match_the_code():
    stale = export_schemas(ROOT / "schemas", check=True)
    assert stale == [], f"run `pipeline schema export`: {stale} out of date"


def test_ddl_creates_every_contract_table():
    con = duckdb.connect()
    create_schema(con)
    tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
    assert {m.__table__ for m in TABLES} <= tables
    cols = [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_name = 'studies' order by ordinal_position"
    ).fetchall()]
    assert cols[:15] == ["study_id", "source_id", "ordinal", "label", "sample_size", "randomized", "blinding",
                         "placebo_controlled", "crossover", "n_male", "n_female", "period_start", "period_end",
                         "char_start", "char_end"]


def test_export_check_reports_drift(tmp_path):
    export_schemas(tmp_path)
    assert export_schemas(tmp_path, check=True) == []
    name = f"contract-v{CONTRACT_VERSION}.sql"
    (tmp_path / name).write_text("-- edited\n")
    assert export_schemas(tmp_path, check=True) == [name]
    assert set(schema_files()) >= {name}

"""DuckDB's to_json must write the export's lines exactly as json.dumps does."""
import datetime as dt

import duckdb
from hypothesis import given
from hypothesis import strategies as st

from pipeline.models.rows import ProvenanceRow
from pipeline.store.export import _encode, table_lines
from pipeline.store.write import BatchWriter, as_tuples, create_schema

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(st.lists(st.tuples(TEXT, TEXT, st.one_of(st.none(), st.integers(0, 10**9)), st.booleans()),
                min_size=1, max_size=8, unique_by=lambda t: t[0]))
def test_to_json_lines_equal_python_json(rows):
    con = duckdb.connect()
    create_schema(con)
    models = [ProvenanceRow(table_name="studies", row_id=rid, field="f", source_id=src, char_start=n,
                            char_end=n, quote=src if flag else None, rule=None) for rid, src, n, flag in rows]
    writer = BatchWriter(con)
    writer.add(as_tuples({"provenance": models}))
    writer.flush()
    got = list(table_lines(con, ProvenanceRow))
    want = [_encode(m.model_dump(mode="json")) + "\n"
            for m in sorted(models, key=lambda m: (m.table_name, m.row_id, m.field))]
    assert got == want


def test_dates_and_booleans():
    con = duckdb.connect()
    row = con.execute("select to_json(struct_pack(d := DATE '2015-12-01', b := true, n := NULL::BIGINT))").fetchone()[0]
    assert row == _encode({"d": dt.date(2015, 12, 1).isoformat(), "b": True, "n": None})

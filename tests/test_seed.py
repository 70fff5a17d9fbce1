"""Issue-2 acceptance on the example article, read back through the DuckDB contract."""
import datetime as dt

import duckdb
import pytest

from pipeline.runner import run
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seed")
    raw = tmp / "raw"
    raw.mkdir()
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    db = tmp / "e.duckdb"
    run(raw, db)
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def _studies(con):
    cur = con.execute("select * from studies order by ordinal")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _conditions(con, study_id):
    return dict(con.execute("select condition, n from study_conditions where study_id = ?", [study_id]).fetchall())


def _interventions(con, study_id):
    return con.execute("select intervention_id, agent, route, frequency from interventions where study_id = ?",
                       [study_id]).fetchall()


def test_three_studies(seed_db):
    assert [s["ordinal"] for s in _studies(seed_db)] == [1, 2, 3]


def test_study_1(seed_db):
    s = _studies(seed_db)[0]
    assert s["sample_size"] == 18
    assert (s["randomized"], s["blinding"], s["placebo_controlled"], s["crossover"]) == (True, "double-blind", True, True)
    assert "social anxiety disorder" in _conditions(seed_db, s["study_id"])
    assert [(a, r) for _, a, r, _ in _interventions(seed_db, s["study_id"])] == [("ketamine", "intravenous")]
    assert "saline" in (s["comparator"] or "") and "placebo" in (s["comparator"] or "")


def test_study_2(seed_db):
    s = _studies(seed_db)[1]
    assert s["sample_size"] == 20
    assert (s["blinding"], s["placebo_controlled"], s["randomized"]) == ("open-label", False, None)
    assert (s["n_male"], s["n_female"]) == (10, 10)
    assert _conditions(seed_db, s["study_id"]) == {"generalized anxiety disorder": 15, "social anxiety disorder": 18}
    ivs = _interventions(seed_db, s["study_id"])
    assert [(a, r, f) for _, a, r, f in ivs] == [("ketamine", "subcutaneous", "weekly")]
    assert (s["period_start"], s["period_end"]) == (dt.date(2015, 12, 1), dt.date(2017, 6, 1))


def test_study_3(seed_db):
    s = _studies(seed_db)[2]
    assert s["sample_size"] == 12
    assert set(_conditions(seed_db, s["study_id"])) == {"generalized anxiety disorder", "social anxiety disorder"}
    ivs = _interventions(seed_db, s["study_id"])
    assert [(a, r) for _, a, r, _ in ivs] == [("ketamine", "subcutaneous")]
    assert ivs[0][3] in ("weekly", "once per week", "once weekly")
    doses = seed_db.execute("select amount, unit from doses where intervention_id = ? order by seq", [ivs[0][0]]).fetchall()
    assert doses == [(0.25, "mg/kg"), (0.5, "mg/kg"), (1.0, "mg/kg")]


def test_subgroup_flag_on_study_2_explains_the_arithmetic(seed_db):
    study_2 = _studies(seed_db)[1]["study_id"]
    flags = seed_db.execute("select study_id, message from flags where rule = 'subgroup-exceeds-total'").fetchall()
    assert [f[0] for f in flags] == [study_2]
    message = flags[0][1]
    assert "15 + 18 = 33" in message and "20" in message and "13" in message


def test_every_provenance_span_quotes_the_source(seed_db):
    bad = seed_db.execute("""
        select p.table_name, p.field, p.quote from provenance p join sources s using (source_id)
        where p.char_start is not null and substr(s.text, p.char_start + 1, p.char_end - p.char_start) != p.quote
    """).fetchall()
    assert bad == []

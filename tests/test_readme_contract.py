"""The README's contract section lists every column with its type, and its query examples run."""
from __future__ import annotations

import re

import duckdb
import pytest

from pipeline.models.rows import TABLES
from pipeline.store.ddl import sql_columns
from pipeline.store.views import VIEWS
from tests.conftest import ROOT
from tests.contract_articles import build

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## The database contract"):README.index("## Extraction")]
_COLUMN_ROW = re.compile(r"^\| `(\w+)` \| ([A-Z\[\]]+) \| (.+) \|$")


def column_tables() -> list[list[tuple[str, str]]]:
    """The (column, type) rows of each column table of the section, in order."""
    tables: list[list[tuple[str, str]]] = []
    previous = False
    for line in SECTION.splitlines():
        m = _COLUMN_ROW.match(line)
        if m and not previous:
            tables.append([])
        if m:
            tables[-1].append((m.group(1), m.group(2)))
        previous = bool(m)
    return tables


def test_every_column_is_listed_with_its_type_in_contract_order():
    want = [[(name, typ) for name, typ, _ in sql_columns(model)] for model in TABLES]
    assert column_tables() == want


def test_every_view_is_documented():
    for name in VIEWS:
        assert f"| `{name}` |" in SECTION


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = duckdb.connect(str(build(tmp_path_factory.mktemp("readme"))), read_only=True)
    yield con
    con.close()


def readme_queries() -> list[str]:
    sql = SECTION[SECTION.index("### Querying"):]
    block = re.search(r"```sql\n(.*?)```", sql, re.S)
    assert block
    return [q.strip() for q in block.group(1).split(";") if q.strip()]


def test_the_readme_query_examples_run_and_answer(con):
    queries = readme_queries()
    assert len(queries) == 5
    study = con.execute("SELECT study_id FROM studies WHERE source_id = 'lozenges'").fetchall()[0][0]
    results = [con.execute(q.replace("STUDY_ID", study)).fetchall() for q in queries]
    randomized, daily, crossover, why, open_flags = results
    assert randomized == [(study, 2, 56.0, "dexamethasone (sublingual): 2.0 mg/day")]  # "for eight weeks"
    assert daily == [("dexamethasone", 2.0, "mg/day")]  # written "2 mg/day"
    assert crossover == []  # neither article is a crossover
    assert ("design_terms/phase", "phase", "Phase 3", "design/phase") in why
    assert ("period_start", "2018-03-01", "March 2018", "period/range") in why
    assert all(len(r) == 5 and r[3] for r in open_flags)  # every open flag with the words it points at

"""Parallel runs: input order kept, and the same database for --jobs 1, --jobs 2 and a Dask cluster."""
from __future__ import annotations

import duckdb
import pytest

import pipeline.runner as runner
from pipeline.models.rows import TABLES
from pipeline.parallel import ordered_map
from tests.test_incremental import ARTICLES


def _square(x: int) -> int:
    return x * x


@pytest.mark.parametrize("jobs", [1, 2])
def test_ordered_map_keeps_input_order(jobs):
    assert list(ordered_map(_square, range(50), jobs=jobs, batch=3)) == [x * x for x in range(50)]


def ordered_contents(db):
    """Every table in row order: equal only when insertion order is equal too."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {m.__table__: con.execute(f'SELECT * FROM "{m.__table__}"').fetchall() for m in TABLES}
    finally:
        con.close()


@pytest.fixture
def raw(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "BATCH", 2)  # several batches in flight with a handful of articles
    folder = tmp_path / "raw"
    folder.mkdir()
    for i in range(3):
        for name, text in ARTICLES.items():
            (folder / f"{name}{i}.txt").write_text(text.replace("weeks", "weeks" if i else "wks"), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00bad")
    return folder


def test_jobs_1_and_2_give_the_same_database(raw, tmp_path):
    one = runner.run(raw, tmp_path / "a" / "e.duckdb", jobs=1, use_cache=False)
    two = runner.run(raw, tmp_path / "b" / "e.duckdb", jobs=2, use_cache=False)
    assert ordered_contents(tmp_path / "a" / "e.duckdb") == ordered_contents(tmp_path / "b" / "e.duckdb")
    assert one.source_errors == two.source_errors and one.articles == two.articles == 9


@pytest.mark.slow
def test_dask_cluster_gives_the_same_database(raw, tmp_path):
    distributed = pytest.importorskip("distributed")
    runner.run(raw, tmp_path / "a" / "e.duckdb", jobs=1, use_cache=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        report = runner.run(raw, tmp_path / "d" / "e.duckdb", scheduler=cluster.scheduler_address, use_cache=False)
    assert report.articles == 9
    assert ordered_contents(tmp_path / "a" / "e.duckdb") == ordered_contents(tmp_path / "d" / "e.duckdb")

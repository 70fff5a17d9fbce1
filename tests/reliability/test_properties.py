"""Hypothesis drives the whole pipeline (ingest -> extract -> validate -> curate -> store) with
arbitrary Unicode text and random bytes as articles: no crash, exact spans, a sound database."""
from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest.decode import sniff
from pipeline.runner import run
from pipeline.store.check import check_database

STUDY_WORDS = ["randomized", "double-blind", "placebo", "trial", "patients", "participants", "n = 24",
               "12 women", "10 mg/kg", "twice daily", "(", ")", ",", "%", "\r\n", "\r", "\n\n",
               "\ufeff", "2019 to 2021", "adverse events", "nausea", "Methods:", "RESULTS:", "\u0301", "\U0001F600"]

texts = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(STUDY_WORDS)), max_size=40).map(" ".join)
articles = st.lists(st.one_of(texts.map(lambda t: t.encode("utf-8")), st.binary(max_size=300)),
                    min_size=1, max_size=3)


def expected_text(data: bytes) -> str | None:
    """What ingest must store for these bytes, or None when it may skip them."""
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.strip() and "\0" not in text else None


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_whole_pipeline_on_arbitrary_articles(contents):
    with tempfile.TemporaryDirectory() as tmp:
        raw, db = Path(tmp) / "raw", Path(tmp) / "evidence.duckdb"
        raw.mkdir()
        for i, data in enumerate(contents):
            (raw / f"a{i}.txt").write_bytes(data)
        report = run(raw, db, lock_timeout=0)
        assert report.articles + len(report.source_errors) == len(contents)
        assert all("\n" not in e.message for e in report.source_errors)
        check = check_database(db)
        assert check.exit_code == 0, check.problems
        con = duckdb.connect(str(db), read_only=True)
        try:
            stored = dict(con.execute("SELECT source_id, text FROM sources").fetchall())
            for i, data in enumerate(contents):
                want = expected_text(data)
                if want is not None and not sniff(data):
                    assert stored.get(f"a{i}") == want
            for sid, start, end, quote in con.execute(
                    "SELECT source_id, char_start, char_end, quote FROM provenance WHERE char_start IS NOT NULL"
            ).fetchall():
                assert stored[sid][start:end] == quote
            for sid, start, end in con.execute("SELECT source_id, char_start, char_end FROM studies").fetchall():
                assert 0 <= start <= end <= len(stored[sid])
        finally:
            con.close()

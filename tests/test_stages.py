"""Each stage on its own, without the CLI."""
import datetime as dt

import duckdb
import pytest
from pydantic import ValidationError

from pipeline.curate.rows import curate_article
from pipeline.extract import extract
from pipeline.ingest import read_article, read_corpus
from pipeline.models import Article, ArticleFacts, Fact, Finding, Span, StudyFacts
from pipeline.process import process_article
from tests.dbfiles import write_database

ARTICLE = """Trial of a new sleep aid

In this randomised trial, 40 adults with insomnia took part.
Twenty-two were women and eighteen were men.
"""


def test_ingest_decodes_hashes_and_normalises_line_endings(tmp_path):
    (tmp_path / "doc one.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    a = read_article(tmp_path / "doc one.txt", tmp_path)
    assert isinstance(a, Article)
    assert a.source_id == "doc one"
    assert "\r" not in a.text and a.text == ARTICLE
    assert len(a.sha256) == 64 and a.title == "Trial of a new sleep aid"


def test_ingest_reads_metadata_sidecar(tmp_path):
    (tmp_path / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "x.meta.toml").write_text('title = "T"\nkind = "news"\n', encoding="utf-8")
    a = next(iter(read_corpus(tmp_path)))
    assert (a.title, a.kind) == ("T", "news")


def test_span_must_quote_the_text():
    Span.of("abcdef", 1, 3)
    with pytest.raises(ValidationError):
        Span(char_start=3, char_end=1, quote="")
    with pytest.raises(ValidationError):
        Span(char_start=0, char_end=2, quote="abc")


def test_extract_gives_facts_with_spans_into_the_text():
    a = Article(source_id="x", path="x.txt", sha256="0" * 64, text=ARTICLE)
    facts = extract(a)
    assert isinstance(facts, ArticleFacts)
    for _, _, fact in facts.iter_facts():
        assert ARTICLE[fact.span.char_start:fact.span.char_end] == fact.span.quote


def _facts(text: str) -> ArticleFacts:
    start = text.index("40 adults")
    size = Fact[int](value=40, span=Span.of(text, start, start + 2), rule="test")
    study = StudyFacts(ordinal=1, span=Span.of(text, 0, len(text)), sample_size=size,
                       period_start=Fact[dt.date](value=dt.date(2020, 1, 1), span=Span.of(text, 0, 5), rule="t"))
    return ArticleFacts(source_id="x", studies=[study])


def test_curate_gives_rows_with_provenance_and_flags():
    a = Article(source_id="x", path="x.txt", sha256="0" * 64, text=ARTICLE)
    finding = Finding(code="T001", rule="test-rule", severity="warning", message="m", source_id="x",
                      study_ordinal=1, char_start=10, char_end=14)
    curated = curate_article(a, _facts(ARTICLE), [finding])
    studies = curated.rows["studies"]
    assert len(studies) == 1 and studies[0].sample_size == 40
    prov = {(p.table_name, p.field): p for p in curated.rows["provenance"]}
    assert prov[("studies", "sample_size")].quote == "40"
    flag = curated.rows["flags"][0]
    assert flag.study_id == studies[0].study_id and (flag.line, flag.col) == (1, 11)


def test_store_writes_a_real_duckdb_file(tmp_path):
    a = Article(source_id="x", path="x.txt", sha256="0" * 64, text=ARTICLE)
    curated = process_article(a)
    db = tmp_path / "e.duckdb"
    write_database(db, curated.rows)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select source_id, n_chars from sources").fetchall() == [("x", len(ARTICLE))]
    con.close()

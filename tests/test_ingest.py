"""Ingest units: decoding, safe reading, names. End-to-end cases are in tests/reliability/."""
from __future__ import annotations

import os

import pytest

from pipeline.ingest import read_article, read_corpus, source_id_of
from pipeline.ingest.decode import decode, sniff
from pipeline.ingest.files import display, read_capped
from pipeline.models import Article, SourceError


def test_decode_strips_bom_and_normalises_line_endings():
    assert decode(b"\xef\xbb\xbfa\r\nb\rc\n", "x.txt") == "a\nb\nc\n"


def test_decode_byte_position_counts_from_file_start_even_after_bom():
    err = decode(b"\xef\xbb\xbfab\n\xff", "x.txt")
    assert isinstance(err, SourceError) and err.code == "not-utf8"
    assert err.message.startswith("x.txt: byte 6 (line 2): not UTF-8")


def test_decode_nul_position():
    err = decode(b"\xef\xbb\xbfab\x00", "x.txt")
    assert err.code == "nul-byte" and "byte 5 (line 1)" in err.message


@pytest.mark.parametrize("data", [b"", b" \n", b"\xef\xbb\xbf\r\n", "\u3000".encode()])
def test_decode_empty(data):
    assert decode(data, "x.txt").code == "empty"


@pytest.mark.parametrize("data,what", [(b"%PDF-1.4", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"),
                                       (b"\xff\xfeA\x00", "UTF-16"), (b"\x1f\x8b\x08", "gzip")])
def test_sniff_binary(data, what):
    assert what in sniff(data)
    assert decode(data, "x.txt").code == "binary"


def test_sniff_leaves_text_alone():
    assert sniff(b"Patients (n = 20) took 5 mg.") is None


def test_display_escapes_control_and_undecodable():
    assert display("a\nb") == "a\\nb"
    assert display(os.fsdecode(b"a\xffb")) == "a\\xffb"
    assert display("café 研究") == "café 研究"


def test_read_capped_limit(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"x" * 101)
    assert read_capped(p, "x.txt", limit=101) == b"x" * 101
    err = read_capped(p, "x.txt", limit=100)
    assert err.code == "too-large" and "limit" in err.message


def test_read_capped_fifo_and_folder(tmp_path):
    os.mkfifo(tmp_path / "f.txt")
    (tmp_path / "d.txt").mkdir()
    assert "not a regular file" in read_capped(tmp_path / "f.txt", "f.txt").message
    assert "is a folder" in read_capped(tmp_path / "d.txt", "d.txt").message


def test_source_id_is_nfc():
    from pathlib import Path
    assert source_id_of(Path("cafe\u0301.txt")) == "caf\u00e9"


def test_read_article_offsets_index_the_stored_text(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfTitle\r\n\r\nBody line\r\n")
    art = read_article(tmp_path / "a.txt", tmp_path)
    assert isinstance(art, Article)
    assert art.text == "Title\n\nBody line\n" and art.title == "Title" and art.n_chars == len(art.text)


def test_read_corpus_keeps_going_after_bad_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xff")
    (tmp_path / "b.txt").write_text("A study of 10 patients.")
    (tmp_path / "c.txt").write_text("")
    items = list(read_corpus(tmp_path))
    assert [type(i).__name__ for i in items] == ["SourceError", "Article", "SourceError"]


def test_meta_sidecar_kind_must_be_a_word(tmp_path):
    (tmp_path / "a.txt").write_text("A study of 10 patients.")
    (tmp_path / "a.meta.toml").write_text('kind = ["blog"]\n')
    art = read_article(tmp_path / "a.txt", tmp_path)
    assert isinstance(art, Article) and art.kind == "other"

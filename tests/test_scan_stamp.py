"""The scan's file stamps: a file is read and hashed again only when its identity changed.

Identity is (inode, size, mtime, ctime). Rewriting a file always moves its ctime (``os.utime``
can set the mtime back, never the ctime), so an edit that keeps the size and restores the mtime
is still seen. A file that changed within ``RACY_NS`` of the scan that stamped it is hashed
again whatever its identity (git's racily clean entries).
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import pipeline.cache as cache
from pipeline.ingest import read_corpus
from pipeline.runner import run
from tests.test_incremental import contents, export_bytes, full_rebuild

NOTES = {
    "kale": "Kale soup and blood pressure\n\nA randomized trial gave 40 adults kale soup daily for 6 weeks.\n",
    "oats": "Oat bran and cholesterol\n\nIn a crossover study, 24 volunteers ate oat bran for 3 weeks.\n",
}
LATER = time.time_ns() + 3600 * 10**9  # a scan stamp an hour after every file's last change: nothing is racy


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    for name, text in NOTES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def reads(monkeypatch):
    """The article files the scan reads."""
    seen: list[str] = []
    real = cache.read_capped

    def counting(path, rel, *args):
        seen.append(rel)
        return real(path, rel, *args)

    monkeypatch.setattr(cache, "read_capped", counting)
    return seen


def shas(scanned):
    return {e.rel: e.sha256 for e in scanned.entries}


def test_a_file_with_the_stamped_identity_is_not_read_again(raw, reads):
    first = cache.scan(raw)
    assert sorted(reads) == ["kale.txt", "oats.txt"]
    reads.clear()
    again = cache.scan(raw, first.files, LATER)
    assert reads == [] and shas(again) == shas(first) and again.files == first.files


def test_a_file_changed_just_before_the_stamping_scan_is_read_again(raw, reads):
    first = cache.scan(raw)  # the files were written a moment ago: within RACY_NS of this scan
    reads.clear()
    cache.scan(raw, first.files, first.started_ns)
    assert sorted(reads) == ["kale.txt", "oats.txt"]


def test_same_size_edit_with_the_mtime_set_back_is_seen(raw, reads):
    first = cache.scan(raw)
    kale = raw / "kale.txt"
    st = kale.stat()
    kale.write_text(NOTES["kale"].replace("40 adults", "42 adults"), encoding="utf-8")
    os.utime(kale, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert kale.stat().st_size == st.st_size and kale.stat().st_mtime_ns == st.st_mtime_ns
    reads.clear()
    again = cache.scan(raw, first.files, LATER)
    assert reads == ["kale.txt"]
    assert shas(again)["kale.txt"] != shas(first)["kale.txt"]
    assert shas(again)["oats.txt"] == shas(first)["oats.txt"]


def test_a_replaced_or_resized_file_is_read_again(raw, reads):
    first = cache.scan(raw)
    (raw / "oats.txt").write_text(NOTES["oats"] + "Follow-up was short.\n", encoding="utf-8")
    new = raw / "new.txt"
    new.write_text(NOTES["kale"], encoding="utf-8")
    os.replace(new, raw / "kale.txt")  # same bytes, another inode
    reads.clear()
    again = cache.scan(raw, first.files, LATER)
    assert sorted(reads) == ["kale.txt", "oats.txt"]
    assert shas(again)["kale.txt"] == shas(first)["kale.txt"]


def test_a_symlinked_article_is_always_read(raw, reads, tmp_path):
    (raw / "tea.txt").symlink_to(raw / "kale.txt")
    first = cache.scan(raw)
    assert "tea.txt" not in first.files
    reads.clear()
    cache.scan(raw, first.files, LATER)
    assert reads == ["tea.txt"]


def test_touching_a_file_gives_the_same_database(raw, tmp_path):
    db = tmp_path / "cur" / "e.duckdb"
    run(raw, db, jobs=1)
    before = contents(db), export_bytes(db.parent / "export"), db.stat().st_mtime_ns
    later = time.time_ns() + 5 * 10**9
    os.utime(raw / "kale.txt", ns=(later, later))
    assert run(raw, db, jobs=1).unchanged  # read again, same bytes: nothing written
    assert (contents(db), export_bytes(db.parent / "export"), db.stat().st_mtime_ns) == before


def test_same_size_edit_with_the_mtime_set_back_is_processed(raw, tmp_path):
    db = tmp_path / "cur" / "e.duckdb"
    run(raw, db, jobs=1)
    oats = raw / "oats.txt"
    st = oats.stat()
    oats.write_text(NOTES["oats"].replace("24 volunteers", "25 volunteers"), encoding="utf-8")
    os.utime(oats, ns=(st.st_atime_ns, st.st_mtime_ns))
    report = run(raw, db, jobs=1)
    assert report.processed == 1
    assert (contents(db), export_bytes(db.parent / "export")) == full_rebuild(raw, tmp_path)


def test_a_run_with_nothing_changed_does_not_load_duckdb(raw, tmp_path):
    db = tmp_path / "cur" / "e.duckdb"
    run(raw, db, jobs=1)
    code = ("import sys; from pathlib import Path; from pipeline.runner import run; "
            f"r = run(Path({str(raw)!r}), Path({str(db)!r}), jobs=1); "
            "print(r.unchanged, 'duckdb' in sys.modules, 'pyarrow' in sys.modules)")
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(root)}).stdout.split()
    assert out == ["True", "False", "False"]


def test_symlinks_and_subfolders_are_refused_or_read_as_ingest_does(raw, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "rye.txt").write_text(NOTES["oats"], encoding="utf-8")
    (raw / "linked").symlink_to(elsewhere, target_is_directory=True)
    (raw / "out.txt").symlink_to(elsewhere / "rye.txt")
    inside = raw / "sub"
    inside.mkdir()
    (inside / "rice.txt").write_text(NOTES["kale"], encoding="utf-8")
    scanned = cache.scan(raw)
    codes = {getattr(e, "rel", None) or e.path: getattr(e, "code", "ok") for e in scanned.entries}
    ingested = {getattr(a, "path", None): getattr(a, "code", "ok") for a in read_corpus(raw)}
    assert codes == ingested and codes["sub/rice.txt"] == "ok" and codes["out.txt"] == "symlink-outside"
    assert "sub/rice.txt" in scanned.files and not any(rel.startswith("linked/") for rel in scanned.files)

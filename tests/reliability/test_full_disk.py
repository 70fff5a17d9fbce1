"""A real full disk and a real read-only folder: a small tmpfs mounted for the test (skipped where
mounting is not permitted). A run, a decision edit or a report that cannot write exits 2 with one
line naming the file and the cause, and leaves the published files as they were."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.store.check import check_database
from tests.reliability.faults import snapshot, temp_files
from tests.reliability.helpers import GOOD, ROOT, source_ids, write_good

MB = 1 << 20


def _mount(folder: Path, size: str) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    folder.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                       capture_output=True, text=True)
    if r.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")


def _remount(folder: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True)


@pytest.fixture
def mounts(tmp_path) -> Iterator[list[Path]]:
    done: list[Path] = []
    yield done
    for folder in reversed(done):
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def mount(mounts: list[Path], folder: Path, size: str) -> Path:
    _mount(folder, size)
    mounts.append(folder)
    return folder


def cli_run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def refused(result, cause: str, folder: Path) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and cause in lines[0] and str(folder) in lines[0], \
        result.stderr
    return lines[0]


def publish_good(raw: Path, out: Path) -> Path:
    db = out / "evidence.duckdb"
    write_good(raw)
    (out / "decisions.toml").write_text("# no decisions yet\n", encoding="utf-8")
    assert cli_run("run", "--raw", str(raw), "--db", str(db), "--jobs", "1").exit_code in (0, 1)
    (raw / "extra.txt").write_text("An open-label study of 9 patients with gout took 10 mg colchicine daily.\n")
    return db


def fill(folder: Path, leave: int) -> Path:
    """A file that takes all free space of ``folder``'s filesystem but ``leave`` bytes."""
    st = os.statvfs(folder)
    filler = folder / "filler.bin"
    size = max(0, st.f_bavail * st.f_frsize - leave)
    with open(filler, "wb") as f:
        f.truncate(0)
        while size > 0:  # written, not sparse: tmpfs counts the pages actually used
            n = min(size, 4 * MB)
            f.write(b"\0" * n)
            size -= n
    return filler


def test_full_disk_at_every_stage_of_a_run(tmp_path, mounts):
    """Free space from none to just enough, found by bisection, then page by page below that: the
    run fails writing the lock's pid file, then the database (DuckDB's own writes). (The export
    is written after the build's log is gone, when there is room again: see the next test.)"""
    out = mount(mounts, tmp_path / "fs", "32m")
    raw = tmp_path / "raw"
    db = publish_good(raw, out)
    extra, aside = raw / "extra.txt", tmp_path / "extra.txt"
    state = {"before": snapshot(out, skip=(db.name,)), "ids": set(GOOD)}
    places: set[str] = set()

    def attempt(leave: int) -> bool:
        """One run with ``leave`` bytes free; whether it published."""
        filler = fill(out, leave)
        result = cli_run("run", "--raw", str(raw), "--db", str(db), "--jobs", "1")
        filler.unlink()
        assert not temp_files(out), (leave, temp_files(out))
        if result.exit_code != 2:
            assert result.exit_code in (0, 1), result.output
            state["ids"] = source_ids(db)
            # Published: the next run has the opposite change to publish.
            (extra.rename(aside) if extra.exists() else aside.rename(extra))
            state["before"] = snapshot(out, skip=(db.name,))
            return True
        places.add(refused(result, "No space left on device", out).split(": ")[1])
        assert snapshot(out, skip=(db.name,)) == state["before"], leave
        assert source_ids(db) == state["ids"] and check_database(db).exit_code == 0
        return False

    page = 4096
    lo, hi = 0, 24 * MB
    assert not attempt(lo) and attempt(hi)
    while hi - lo > page:
        mid = (lo + hi) // 2 // page * page
        lo, hi = (lo, mid) if attempt(mid) else (mid, hi)
    for leave in range(hi - page, max(0, hi - 24 * page), -page):
        attempt(leave)
    assert {Path(p).name for p in places} == {".evidence.duckdb.lock.pid", "evidence.duckdb"}, places


def test_full_export_folder_leaves_database_and_export(tmp_path, mounts):
    out = tmp_path / "out"
    out.mkdir()
    export = mount(mounts, out / "export", "64k")  # room for the export, not for a second one beside it
    raw = tmp_path / "raw"
    db = publish_good(raw, out)
    with (raw / "extra.txt").open("a") as f:  # an article long enough to need new pages in the export
        f.write("".join(f"Study {i}: a trial of {i + 20} adults with gout took {i} mg colchicine daily.\n\n"
                        for i in range(1, 40)))
    before = snapshot(out, skip=(db.name,))
    result = cli_run("run", "--raw", str(raw), "--db", str(db), "--jobs", "1")
    line = refused(result, "No space left on device", export)
    assert "nothing was published: the published database and export are unchanged" in line
    assert snapshot(out, skip=(db.name,)) == before and source_ids(db) == set(GOOD)
    assert not temp_files(out)


def test_read_only_export_folder_leaves_database_and_export(tmp_path, mounts):
    out = tmp_path / "out"
    out.mkdir()
    export = mount(mounts, out / "export", "8m")
    raw = tmp_path / "raw"
    db = publish_good(raw, out)
    before = snapshot(out, skip=(db.name,))
    _remount(export, "ro")
    result = cli_run("run", "--raw", str(raw), "--db", str(db), "--jobs", "1")
    line = refused(result, "Read-only file system", export)
    assert "nothing was published" in line
    assert snapshot(out, skip=(db.name,)) == before and source_ids(db) == set(GOOD)
    assert not temp_files(out)


def test_read_only_folder_refuses_run_edit_and_report(tmp_path, mounts):
    out = mount(mounts, tmp_path / "fs", "32m")
    raw = tmp_path / "raw"
    db = publish_good(raw, out)
    study = (out / "export" / "studies.jsonl").read_text().split('"study_id":"', 1)[1].split('"', 1)[0]
    before = snapshot(out)
    _remount(out, "ro")
    refused(cli_run("run", "--raw", str(raw), "--db", str(db)), "Read-only file system", out)
    refused(cli_run("set", study, "sample_size", "41", "--reason", "recount", "--db", str(db)),
            "Read-only file system", out)
    refused(cli_run("report", "--db", str(db), "--out", str(out / "report.html")), "Read-only file system", out)
    assert snapshot(out) == before


def test_full_disk_in_a_real_process_prints_no_traceback(tmp_path, mounts):
    out = mount(mounts, tmp_path / "fs", "32m")
    raw = tmp_path / "raw"
    db = publish_good(raw, out)
    filler = fill(out, 64 * 1024)
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", "--raw", str(raw), "--db", str(db)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    filler.unlink()
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.count("\n") == 1 and "No space left on device" in proc.stderr
    assert source_ids(db) == set(GOOD) and not temp_files(out)

"""SIGKILL `pipeline run` at varied moments: the published database always opens, passes
check-db, and holds either the previous content or the new one; the next run cleans up."""
from __future__ import annotations

import os
import signal
import time

import pytest

from pipeline.store.publish import temp_glob
from tests.reliability.helpers import assert_sound, invoke, source_ids, spawn, write_generated

MARKER = "zz-marker"


def stray_files(db):
    return [p for pattern in temp_glob(db) for p in db.parent.glob(pattern)]


def kill_after(raw, db, delay: float | None, *extra: str) -> bool:
    """Start a run and SIGKILL it ``delay`` s later, or (None) as soon as its temp database appears.

    Returns whether the process was still running when killed.
    """
    proc = spawn(raw, db, *extra, start_new_session=True)
    start = time.monotonic()
    if delay is None:
        while proc.poll() is None and not stray_files(db) and time.monotonic() - start < 60:
            time.sleep(0.001)
    else:
        while proc.poll() is None and time.monotonic() - start < delay:
            time.sleep(0.002)
    alive = proc.poll() is None
    # The whole process group: worker processes of the run must not outlive the test.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # the run (and its whole group) already finished
    proc.communicate(timeout=30)
    return alive


@pytest.mark.slow
def test_sigkill_at_any_moment_leaves_old_or_new(tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "curated" / "evidence.duckdb"
    write_generated(raw, 30)
    assert invoke(raw, db).exit_code in (0, 1)
    base = source_ids(db)
    assert len(base) == 30

    t0 = time.monotonic()
    proc = spawn(raw, db, "--no-cache")
    proc.communicate(timeout=120)
    full = time.monotonic() - t0

    marker = raw / f"{MARKER}.txt"
    current = base
    killed_alive = 0
    # Spread over the whole run, then aimed at the build-and-rename window.
    plan = [full * f for f in (0.15, 0.4, 0.65, 0.9)] + [None] * 3
    for delay in plan:
        if marker.exists():
            marker.unlink()
        else:
            marker.write_text("A trial of 12 patients, written to tell old from new.\n")
        target = source_ids_expected(raw)
        # Timed kills re-process everything (--no-cache), so they land in extraction too;
        # aimed kills use the cache, as a normal rerun does.
        killed_alive += kill_after(raw, db, delay, *(["--no-cache"] if delay is not None else []))
        now = source_ids(db)
        assert now in (current, target), f"killed at {delay}: neither old nor new content"
        assert_sound(db)
        current = now
    # Run times vary with machine load, so a late kill may find the run already done.
    assert killed_alive >= len(plan) // 2, "too few kills landed while the run was going"

    result = spawn(raw, db)
    _, err = result.communicate(timeout=120)
    assert result.returncode in (0, 1), err
    assert source_ids(db) == source_ids_expected(raw)
    assert not stray_files(db), "the next run removes temporary files of killed writers"
    assert_sound(db)


def source_ids_expected(raw) -> set[str]:
    return {p.name[:-4] for p in raw.glob("*.txt")}
